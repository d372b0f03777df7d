import jsQR from 'jsqr';

/** Decode a QR code from a canvas frame (null when none is found). */
export function scanQr(canvas: HTMLCanvasElement): string | null {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx || canvas.width === 0) return null;
  const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
  // Phones show the code dark on light; 'attemptBoth' also finds it when the screen is in dark mode.
  const found = jsQR(img.data, img.width, img.height, { inversionAttempts: 'attemptBoth' });
  return found?.data ? found.data : null;
}
