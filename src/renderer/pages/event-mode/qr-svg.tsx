import QRCode from 'qrcode';
import { useMemo } from 'react';

/** A QR code as SVG rectangles (no HTML injected), error correction M. */
export function QrSvg({ payload, size = 128, label }: { payload: string; size?: number; label: string }) {
  const { n, runs } = useMemo(() => {
    const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
    const out: { r: number; c: number; len: number }[] = [];
    for (let r = 0; r < modules.size; r++) {
      let start = -1;
      for (let c = 0; c <= modules.size; c++) {
        const dark = c < modules.size && modules.data[r * modules.size + c] === 1;
        if (dark && start < 0) start = c;
        if (!dark && start >= 0) {
          out.push({ r, c: start, len: c - start });
          start = -1;
        }
      }
    }
    return { n: modules.size, runs: out };
  }, [payload]);
  const q = 2; // quiet zone (modules)
  return (
    <svg
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`${-q} ${-q} ${n + 2 * q} ${n + 2 * q}`}
      shapeRendering="crispEdges"
      style={{ background: '#fff' }}
    >
      {runs.map((x) => (
        <rect key={`${x.r}-${x.c}`} x={x.c} y={x.r} width={x.len} height={1} fill="#000" />
      ))}
    </svg>
  );
}
