import { readFileSync } from 'node:fs';
import JSZip from 'jszip';

// Looks for forbidden plaintext (a 证件号, a full name) in files as users receive them: raw bytes, and the
// inflated members of ZIP-based files (our export ZIP, XLSX workbooks, also nested).

async function texts(bytes: Buffer, depth = 0): Promise<string[]> {
  const out = [bytes.toString('utf8'), bytes.toString('latin1')];
  if (depth < 2 && bytes.subarray(0, 2).toString('latin1') === 'PK') {
    const zip = await JSZip.loadAsync(bytes);
    for (const f of Object.values(zip.files)) {
      if (f.dir) continue;
      out.push(f.name);
      out.push(...(await texts(await f.async('nodebuffer'), depth + 1)));
    }
  }
  return out;
}

export async function findPlaintext(files: string[], needles: string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const file of files) {
    const all = await texts(readFileSync(file));
    for (const n of needles) if (all.some((t) => t.includes(n))) hits.push(`${file}: ${n}`);
  }
  return hits;
}
