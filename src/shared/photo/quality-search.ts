// Reach a file-size window by choosing the encoder quality, never by padding: per encoder variant (ordered from
// the smallest files to the largest), binary-search the highest quality whose file is not above the upper bound,
// and take the first variant whose file then also reaches the lower bound.

export interface SizeBounds {
  min: number;
  /** null: no upper bound. */
  max: number | null;
}

export interface QualitySearch<V> {
  variants: readonly V[];
  minQuality: number;
  maxQuality: number;
  bounds: SizeBounds;
  /** First quality to try (a good guess saves encodes); defaults to the middle of the range. */
  guess?: number;
  /** Encoded size in bytes at this quality and variant. */
  encode(quality: number, variant: V): Promise<number>;
}

export interface QualityChoice<V> {
  quality: number;
  variant: V;
  bytes: number;
  /** Encodings tried (for the benchmark). */
  tries: number;
}

export async function searchQuality<V>(s: QualitySearch<V>): Promise<QualityChoice<V> | null> {
  if (!(s.minQuality >= 1 && s.maxQuality <= 100 && s.minQuality <= s.maxQuality))
    throw new Error(`质量范围无效：${s.minQuality}–${s.maxQuality}`);
  let tries = 0;
  for (const variant of s.variants) {
    const cache = new Map<number, number>();
    const size = async (q: number) => {
      let b = cache.get(q);
      if (b === undefined) {
        tries++;
        b = await s.encode(q, variant);
        cache.set(q, b);
      }
      return b;
    };
    let quality: number;
    const max = s.bounds.max;
    if (max === null) {
      quality = s.maxQuality;
    } else {
      // invariant: size(lo) ≤ max, size(hi) > max; lo = minQuality − 1 / hi = maxQuality + 1 stand for "none"
      let lo = s.minQuality - 1;
      let hi = s.maxQuality + 1;
      let probe = Math.round(
        Math.min(s.maxQuality, Math.max(s.minQuality, s.guess ?? (s.minQuality + s.maxQuality) / 2)),
      );
      while (hi - lo > 1) {
        if ((await size(probe)) <= max) lo = probe;
        else hi = probe;
        probe = (lo + hi) >> 1;
      }
      if (lo < s.minQuality) continue;
      quality = lo;
    }
    const bytes = await size(quality);
    if (bytes >= s.bounds.min && (max === null || bytes <= max)) return { quality, variant, bytes, tries };
  }
  return null;
}
