// npm run docs:contact-sheet — every test portrait before (left) and after (right) photo production, with the
// 初审 verdict, into docs/photo-contact-sheet.png.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import { modelsDir } from '../../src/main/kernel/paths';
import { createAnalyzer } from '../../src/main/vision/analyzer';
import { loadOrtModels } from '../../src/main/vision/ort-sessions';
import { PhotoRefusedError, producePhoto } from '../../src/main/production';

const DIR = '../shared/portraits';
const TILE_W = 360;
const TILE_H = 480;
const LABEL_H = 60;
const files = readdirSync(DIR)
  .filter((f) => /\.(jpe?g|png|webp)$/i.test(f))
  .sort();
const { models } = await loadOrtModels(modelsDir(), 1);
const vision = createAnalyzer(models);
const overlays: OverlayOptions[] = [];
const colW = TILE_W * 2 + 30;
for (const [i, f] of files.entries()) {
  const source = readFileSync(path.join(DIR, f));
  const x = i * colW + 10;
  const before = await sharp(source, { autoOrient: true })
    .resize(TILE_W, TILE_H, { fit: 'contain', background: '#ffffff' })
    .flatten({ background: '#ffffff' })
    .png()
    .toBuffer();
  overlays.push({ input: before, left: x, top: 10 });
  let label: string;
  try {
    const p = await producePhoto(source, 'chsi', vision);
    overlays.push({
      input: await sharp(p.jpeg).resize(TILE_W, TILE_H).png().toBuffer(),
      left: x + TILE_W + 10,
      top: 10,
    });
    label = `${f} → ${(p.jpeg.length / 1024).toFixed(1)} KB q${p.geometry.quality} ${p.passed ? '初审通过' : '初审未通过：' + p.reasons.map((r) => r.code).join(', ')}`;
  } catch (err) {
    label = `${f} → 拒绝：${err instanceof PhotoRefusedError ? err.refusal.message : String(err)}`;
  }
  const text = await sharp({
    text: {
      text: label.replace(/&/g, '&amp;').replace(/</g, '&lt;'),
      font: 'Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif 11',
      width: colW - 20,
      rgba: true,
    },
  })
    .png()
    .toBuffer();
  overlays.push({ input: text, left: x, top: TILE_H + 18 });
}
const out = path.resolve('docs/photo-contact-sheet.png');
await sharp({
  create: { width: files.length * colW, height: TILE_H + LABEL_H + 20, channels: 3, background: '#ffffff' },
})
  .composite(overlays)
  .png()
  .toFile(out);
console.log(`wrote ${out}`);
