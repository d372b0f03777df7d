// A receipt printer. Plain Node (CLI, web host, tests) has none: receipts are PDFs there. The desktop window
// supplies one that prints silently to the configured device (src/main/electron/receipt-printer.ts).

export interface ReceiptPrintJob {
  title: string;
  html: string;
  /** Page size of the receipt in micrometres (Electron's unit for custom page sizes). */
  widthMicrons: number;
  heightMicrons: number;
  /** System printer name; empty for the system default. */
  deviceName: string;
}

export interface Printer {
  print(job: ReceiptPrintJob): Promise<void>;
}

export const ptToMicrons = (pt: number): number => Math.round((pt / 72) * 25_400);
