// Print sizes for the graduation-certificate prints and the photo paper they are laid out on, as data.

export interface PrintProfile {
  id: string;
  name: string;
  widthMm: number;
  heightMm: number;
  dpi: number;
}

export interface SheetSpec {
  id: string;
  name: string;
  /** Long side first; the layout picks the orientation that fits more prints. */
  widthMm: number;
  heightMm: number;
  dpi: number;
  /** White border kept clear of prints (printer margins), mm. */
  marginMm: number;
  /** Gap between prints, where the cut marks go, mm. */
  gapMm: number;
  /** Height of the caption strip under each print when captions are on, mm. */
  captionMm: number;
}

export const twoInchPrint: PrintProfile = {
  id: '2inch',
  name: '二寸（35×49 mm）',
  widthMm: 35,
  heightMm: 49,
  dpi: 300,
};
export const oneInchPrint: PrintProfile = {
  id: '1inch',
  name: '一寸（25×35 mm）',
  widthMm: 25,
  heightMm: 35,
  dpi: 300,
};

export const sixInchSheet: SheetSpec = {
  id: '6inch',
  name: '6 寸相纸（152×102 mm）',
  widthMm: 152,
  heightMm: 102,
  dpi: 300,
  marginMm: 1,
  gapMm: 2,
  captionMm: 4,
};

export const printProfiles: readonly PrintProfile[] = [twoInchPrint, oneInchPrint];

export function findPrintProfile(id: string): PrintProfile | undefined {
  return printProfiles.find((p) => p.id === id);
}

export function mmToPx(mm: number, dpi: number): number {
  return Math.round((mm / 25.4) * dpi);
}
