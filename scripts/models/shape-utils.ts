// Static shape arithmetic; -1 is an unknown size.

export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da === 1) out.push(db);
    else if (db === 1 || da === db) out.push(da);
    else if (da < 0 || db < 0) out.push(Math.max(da, db));
    else throw new Error(`shapes [${a}] and [${b}] do not broadcast`);
  }
  return out;
}

export function normalizeAxis(axis: number, rank: number): number {
  const resolved = axis < 0 ? axis + rank : axis;
  if (resolved < 0 || resolved >= rank) throw new Error(`axis ${axis} out of range for rank ${rank}`);
  return resolved;
}

// TF Reshape semantics: at most one -1, inferred from the element count when the input is fully known.
export function reshapeShape(input: readonly number[], target: readonly number[]): number[] {
  const known = input.every((d) => d >= 0);
  const wildcard = target.indexOf(-1);
  if (wildcard < 0 || !known) return [...target];
  const total = input.reduce((a, b) => a * b, 1);
  const rest = target.reduce((a, b, i) => (i === wildcard ? a : a * b), 1);
  if (rest === 0 || total % rest !== 0) throw new Error(`cannot reshape [${input}] to [${target}]`);
  return target.map((d, i) => (i === wildcard ? total / rest : d));
}
