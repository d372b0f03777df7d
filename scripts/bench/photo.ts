// npm run bench:photo — a 24 MP and a 48 MP JPEG (upscaled at run time from a test portrait) → final JPEG + 初审.
// Reports the median over N runs of the whole producePhoto call and of its stages, and the process's peak RSS.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { modelsDir } from '../../src/main/kernel/paths';
import { createAnalyzer } from '../../src/main/vision/analyzer';
import { loadOrtModels } from '../../src/main/vision/ort-sessions';
import { producePhoto } from '../../src/main/production';

const RUNS = Number(process.env.RUNS ?? 7);
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-photo-'));
try {
  const portrait = path.resolve('../shared/portraits/portrait-04.jpg');
  const cases: [string, number, number][] = [
    ['24 MP', 4000, 6000],
    ['48 MP', 5657, 8485],
  ];
  const { models } = await loadOrtModels(modelsDir(), 1);
  const vision = createAnalyzer(models);
  console.log(`photo production bench: ${RUNS} runs per case, node ${process.version}, ${os.cpus().length} cores`);
  for (const [name, w, h] of cases) {
    const file = path.join(dir, `${name.replace(' ', '')}.jpg`);
    await sharp(portrait).resize(w, h, { kernel: 'lanczos3' }).jpeg({ quality: 92 }).toFile(file);
    const source = readFileSync(file);
    await producePhoto(source, 'chsi', vision); // warm-up (JIT, sharp thread pool)
    const totals: number[] = [];
    const toJpeg: number[] = [];
    const stages: Record<string, number[]> = {};
    for (let i = 0; i < RUNS; i++) {
      const p = await producePhoto(source, 'chsi', vision);
      totals.push(p.ms);
      toJpeg.push(p.ms - (p.timings.review ?? 0));
      for (const [k, v] of Object.entries(p.timings)) (stages[k] ??= []).push(v);
    }
    const parts = Object.entries(stages)
      .map(([k, v]) => `${k} ${median(v).toFixed(0)}`)
      .join(', ');
    console.log(
      `${name} (${w}×${h}, ${(source.length / 1e6).toFixed(1)} MB): median ${median(toJpeg).toFixed(0)} ms to final JPEG, ` +
        `${median(totals).toFixed(0)} ms with 初审 [${parts}]`,
    );
  }
  console.log(`peak RSS (whole process, models included): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
