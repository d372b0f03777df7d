import { boxMean } from './box-filter';
import { double, halve } from './resample';
import type { RgbImage } from './composite';

// He, Sun & Tang's guided filter with a colour guide: per window the output is a linear function of the RGB
// values, a = (Σ + εU)⁻¹·cov(I, p). A dark-brown hair edge against a grey-brown wall or green trees has little
// luminance contrast but clear colour contrast, which a luminance-only guide misses (the halo it leaves).
// Coefficients are computed at half resolution (He & Sun's fast guided filter) and applied at full resolution.

/** RGB guide scaled to 0..1, one plane per channel. */
function guidePlanes(img: RgbImage): [Float32Array, Float32Array, Float32Array] {
  const n = img.width * img.height;
  const r = new Float32Array(n);
  const g = new Float32Array(n);
  const b = new Float32Array(n);
  const d = img.data;
  for (let i = 0, o = 0; i < n; i++, o += 3) {
    r[i] = d[o]! / 255;
    g[i] = d[o + 1]! / 255;
    b[i] = d[o + 2]! / 255;
  }
  return [r, g, b];
}

export function colorGuidedFilter(guide: RgbImage, src: Float32Array, radius: number, eps: number): Float32Array {
  const { width: W, height: H } = guide;
  if (src.length !== W * H) throw new Error('colorGuidedFilter: size mismatch');
  const [R, G, B] = guidePlanes(guide);
  const hr = halve(R, W, H);
  const w = hr.width;
  const h = hr.height;
  const r = hr.data;
  const g = halve(G, W, H).data;
  const b = halve(B, W, H).data;
  const p = halve(src, W, H).data;
  const n = w * h;
  const rad = Math.max(1, Math.round(radius / 2));
  const tmp = new Float32Array(n);
  const prod = new Float32Array(n);
  const mean = (x: Float32Array) => boxMean(x, w, h, rad, new Float32Array(n), tmp);
  const meanOf = (x: Float32Array, y: Float32Array) => {
    for (let i = 0; i < n; i++) prod[i] = x[i]! * y[i]!;
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
  for (let i = 0; i < n; i++) {
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
  const up = (x: Float32Array) => double({ width: w, height: h, data: mean(x) }, W, H);
  const Ar = up(ar);
  const Ag = up(ag);
  const Ab = up(ab);
  const Bq = up(bOut);
  const out = new Float32Array(W * H);
  for (let i = 0; i < out.length; i++) out[i] = Ar[i]! * R[i]! + Ag[i]! * G[i]! + Ab[i]! * B[i]! + Bq[i]!;
  return out;
}
