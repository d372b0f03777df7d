// The studio's print font (receipts, receipt HTML print, print-sheet captions): see print-font.ts.
export {
  BUNDLED_FONT_FAMILY,
  PRINT_FONT_FAMILIES,
  PrintFontError,
  bundledFontFile,
  fontBytes,
  parseFontSpec,
  printFontCss,
  resolvePrintFont,
  type FontResolveOptions,
  type PrintFont,
} from './print-font';
