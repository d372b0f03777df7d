import { boxMean } from './box-filter';
import { halve } from './resample';
import type { RgbImage } from './composite';

// He, Sun & Tang's guided filter with a colour guide: per window the output is a linear function of the RGB
// values, a = (Σ + εU)⁻¹·cov(I, p). A dark-brown hair edge against a grey-brown wall or green trees has little
// luminance contrast but clear colour contrast, which a luminance-only guide misses (the halo it leaves).
// Coefficients are computed at half resolution (He & Sun's fast guided filter) and applied at full resolution.

/** Guide value of each byte (0..1, float32 as the guide planes held it). */
const UNIT = Float32Array.from({ length: 256 }, (_, v) => v / 255);

/**
 * The RGB guide scaled to 0..1 at half resolution (2×2 mean, odd edges take the available pixels), read straight
 * from the bytes: the same float32 values as halving full-resolution guide planes, without holding those planes.
 */
function halfGuide(img: RgbImage) {
  const { width, height, data } = img;
  const w = Math.ceil(width / 2);
  const h = Math.ceil(height / 2);
  const m = w * h;
  const r = new Float32Array(m);
  const g = new Float32Array(m);
  const b = new Float32Array(m);
  const cnt = new Float32Array(m);
  for (let y = 0; y < height; y++) guideRow(data, r, g, b, cnt, y, width, (y >> 1) * w);
  for (let j = 0; j < m; j++) {
    const c = cnt[j]!;
    r[j] = r[j]! / c;
    g[j] = g[j]! / c;
    b[j] = b[j]! / c;
  }
  return { w, h, r, g, b };
}

function guideRow(
  data: Uint8Array,
  r: Float32Array,
  g: Float32Array,
  b: Float32Array,
  cnt: Float32Array,
  y: number,
  width: number,
  row: number,
): void {
  for (let x = 0, o = y * width * 3; x < width; x++, o += 3) {
    const j = row + (x >> 1);
    r[j]! += UNIT[data[o]!]!;
    g[j]! += UNIT[data[o + 1]!]!;
    b[j]! += UNIT[data[o + 2]!]!;
    cnt[j]! += 1;
  }
}

/**
 * Bilinear taps from full-resolution positions 0..size-1 to a half-resolution axis of `half` samples (pixel centres
 * aligned), as resample.ts's `double` takes them.
 */
function taps(size: number, half: number) {
  const i0 = new Int32Array(size);
  const i1 = new Int32Array(size);
  const f = new Float64Array(size);
  for (let t = 0; t < size; t++) {
    const s = Math.min(half - 1, Math.max(0, (t + 0.5) / 2 - 0.5));
    const a = Math.floor(s);
    i0[t] = a;
    i1[t] = Math.min(half - 1, a + 1);
    f[t] = s - a;
  }
  return { i0, i1, f };
}

/**
 * `where` (optional, one byte per pixel): the output is computed only where it is non-zero and left 0 elsewhere
 * (the matte needs it only in its trimap's unknown band); the values computed are the same either way.
 */
export function colorGuidedFilter(
  guide: RgbImage,
  src: Float32Array,
  radius: number,
  eps: number,
  where?: Uint8Array,
): Float32Array {
  const { width: W, height: H } = guide;
  if (src.length !== W * H) throw new Error('colorGuidedFilter: size mismatch');
  if (where && where.length !== W * H) throw new Error('colorGuidedFilter: size mismatch');
  const { w, h, r, g, b } = halfGuide(guide);
  const p = halve(src, W, H).data;
  const n = w * h;
  const rad = Math.max(1, Math.round(radius / 2));
  const tmp = new Float32Array(n);
  const prod = new Float32Array(n);
  const mean = (x: Float32Array) => boxMean(x, w, h, rad, new Float32Array(n), tmp);
  const meanOf = (x: Float32Array, y: Float32Array) => {
    for (let row = 0; row < n; row += w) productRow(x, y, prod, row, w);
    return boxMean(prod, w, h, rad, new Float32Array(n), tmp);
  };
  const mr = mean(r);
  const mg = mean(g);
  const mb = mean(b);
  const mp = mean(p);
  const rr = meanOf(r, r);
  const rg = meanOf(r, g);
  const rb = meanOf(r, b);
  const gg = meanOf(g, g);
  const gb = meanOf(g, b);
  const bb = meanOf(b, b);
  const rp = meanOf(r, p);
  const gp = meanOf(g, p);
  const bp = meanOf(b, p);
  // Solve the 3×3 symmetric system per pixel (explicit inverse via cofactors); results overwrite the inputs.
  const ar = rp;
  const ag = gp;
  const ab = bp;
  const bOut = mp;
  for (let row = 0; row < n; row += w) solveRow(mr, mg, mb, mp, rr, rg, rb, gg, gb, bb, rp, gp, bp, eps, row, w);
  // Coefficients averaged at half resolution, then upsampled bilinearly and applied to the full-resolution guide
  // only where the output is wanted (float32 at each step, as full upsampled planes would hold them).
  const Ar = mean(ar);
  const Ag = mean(ag);
  const Ab = mean(ab);
  const Bq = mean(bOut);
  const cx = taps(W, w);
  const cy = taps(H, h);
  const out = new Float32Array(W * H);
  for (let y = 0; y < H; y++) applyRow(guide.data, Ar, Ag, Ab, Bq, cx, cy, out, where, y, W, w);
  return out;
}

type Taps = ReturnType<typeof taps>;

/** Row y of the output where wanted: the bilinearly upsampled coefficients applied to the full-resolution guide. */
function applyRow(
  data: Uint8Array,
  Ar: Float32Array,
  Ag: Float32Array,
  Ab: Float32Array,
  Bq: Float32Array,
  cx: Taps,
  cy: Taps,
  out: Float32Array,
  where: Uint8Array | undefined,
  y: number,
  W: number,
  w: number,
): void {
  const r0 = cy.i0[y]! * w;
  const r1 = cy.i1[y]! * w;
  const fy = cy.f[y]!;
  for (let x = 0, i = y * W; x < W; x++, i++) {
    if (where && !where[i]) continue;
    const x0 = cx.i0[x]!;
    const x1 = cx.i1[x]!;
    const fx = cx.f[x]!;
    const j00 = r0 + x0;
    const j01 = r0 + x1;
    const j10 = r1 + x0;
    const j11 = r1 + x1;
    const o = i * 3;
    out[i] =
      lerp(Ar, j00, j01, j10, j11, fx, fy) * UNIT[data[o]!]! +
      lerp(Ag, j00, j01, j10, j11, fx, fy) * UNIT[data[o + 1]!]! +
      lerp(Ab, j00, j01, j10, j11, fx, fy) * UNIT[data[o + 2]!]! +
      lerp(Bq, j00, j01, j10, j11, fx, fy);
  }
}

/** Bilinear tap of a half-resolution plane, rounded to float32 as a stored upsampled plane would hold it. */
function lerp(p: Float32Array, j00: number, j01: number, j10: number, j11: number, fx: number, fy: number): number {
  return Math.fround((p[j00]! * (1 - fx) + p[j01]! * fx) * (1 - fy) + (p[j10]! * (1 - fx) + p[j11]! * fx) * fy);
}

function productRow(x: Float32Array, y: Float32Array, prod: Float32Array, row: number, w: number): void {
  for (let i = row; i < row + w; i++) prod[i] = x[i]! * y[i]!;
}

/** The 3×3 symmetric system of each pixel of a row, solved by cofactors; a / b overwrite rp, gp, bp / mp. */
function solveRow(
  mr: Float32Array,
  mg: Float32Array,
  mb: Float32Array,
  mp: Float32Array,
  rr: Float32Array,
  rg: Float32Array,
  rb: Float32Array,
  gg: Float32Array,
  gb: Float32Array,
  bb: Float32Array,
  rp: Float32Array,
  gp: Float32Array,
  bp: Float32Array,
  eps: number,
  row: number,
  w: number,
): void {
  const ar = rp;
  const ag = gp;
  const ab = bp;
  const bOut = mp;
  for (let i = row; i < row + w; i++) {
    const mri = mr[i]!;
    const mgi = mg[i]!;
    const mbi = mb[i]!;
    const mpi = mp[i]!;
    const s11 = rr[i]! - mri * mri + eps;
    const s12 = rg[i]! - mri * mgi;
    const s13 = rb[i]! - mri * mbi;
    const s22 = gg[i]! - mgi * mgi + eps;
    const s23 = gb[i]! - mgi * mbi;
    const s33 = bb[i]! - mbi * mbi + eps;
    const c1 = rp[i]! - mri * mpi;
    const c2 = gp[i]! - mgi * mpi;
    const c3 = bp[i]! - mbi * mpi;
    const i11 = s22 * s33 - s23 * s23;
    const i12 = s13 * s23 - s12 * s33;
    const i13 = s12 * s23 - s13 * s22;
    const i22 = s11 * s33 - s13 * s13;
    const i23 = s13 * s12 - s11 * s23;
    const i33 = s11 * s22 - s12 * s12;
    const det = s11 * i11 + s12 * i12 + s13 * i13;
    const a1 = (i11 * c1 + i12 * c2 + i13 * c3) / det;
    const a2 = (i12 * c1 + i22 * c2 + i23 * c3) / det;
    const a3 = (i13 * c1 + i23 * c2 + i33 * c3) / det;
    ar[i] = a1;
    ag[i] = a2;
    ab[i] = a3;
    bOut[i] = mpi - a1 * mri - a2 * mgi - a3 * mbi;
  }
}
