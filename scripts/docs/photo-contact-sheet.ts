// npm run docs:contact-sheet — every test portrait before (left) and after (right) photo production, with the
// 初审 verdict, into docs/photo-contact-sheet.png; below them the busy-background photos of ../shared/dev-photos
// (labels.json: background.uniform fail — bookshelves, a door, a street, a painting), smaller: before and after
// when production accepts the photo, the source and production's refusal when it does not. Photos are read from
// ../shared at run time (STUDIO_DEV_PHOTOS overrides the dev-photo folder; absent → the busy rows are left out).
// Last, two light-wall dev photos with a 2× tile of the final's hair edge and the 初审 fringe measure (issue 11).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import { modelsDir } from '../../src/main/kernel/paths';
import { createAnalyzer } from '../../src/main/vision/analyzer';
import { loadOrtModels } from '../../src/main/vision/ort-sessions';
import { PhotoRefusedError, producePhoto } from '../../src/main/production';
import { resolveProfile } from '../../src/main/kernel/request-fields';
import { parseHexColor } from '../../src/shared/color/lab';
import { FRINGE_MAX_LIGHT, outlineFringe } from '../../src/shared/photo/cutout-fringe';

const DIR = '../shared/portraits';
const DEV = process.env.STUDIO_DEV_PHOTOS ?? '../shared/dev-photos';
const TILE_W = 360;
const TILE_H = 480;
const LABEL_H = 60;
/** The busy-background rows: smaller tiles, this many photos per row. */
const BUSY_W = 240;
const BUSY_H = 320;
const BUSY_PER_ROW = 6;
const files = readdirSync(DIR)
  .filter((f) => /\.(jpe?g|png|webp)$/i.test(f))
  .sort();
const devLabels = path.join(DEV, 'labels.json');
const busy = existsSync(devLabels)
  ? Object.entries(
      (JSON.parse(readFileSync(devLabels, 'utf8')) as { images: Record<string, Record<string, string>> }).images,
    )
      .filter(([, lab]) => lab['background.uniform'] === 'fail')
      .map(([f]) => f)
      .sort()
  : [];
/** Dev photos on a white or light grey wall: where the hair fringe (a light halo, issue 11) showed; with a 2× edge tile. */
const white = ['closed-eyes-03.jpg', 'pass-like-04.jpg'].filter((f) => existsSync(path.join(DEV, f)));
if (!busy.length) console.log(`no busy-background photos: ${devLabels} not found (set STUDIO_DEV_PHOTOS)`);
const { models } = await loadOrtModels(modelsDir(), 1);
const vision = createAnalyzer(models);
const overlays: OverlayOptions[] = [];

async function label(text: string, width: number, size: number): Promise<Buffer> {
  return sharp({
    text: {
      text: text.replace(/&/g, '&amp;').replace(/</g, '&lt;'),
      font: `Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif ${size}`,
      width,
      rgba: true,
    },
  })
    .png()
    .toBuffer();
}

/**
 * One before/after pair at (x, y) with its label below; returns nothing, adds to overlays. With `zoom`, a third
 * tile right of the pair: the final's upper left quarter (the hair edge) at 2×, and the 初审 fringe measure.
 */
async function pair(
  source: Buffer,
  name: string,
  x: number,
  y: number,
  w: number,
  h: number,
  size: number,
  zoom = false,
) {
  const before = await sharp(source, { autoOrient: true })
    .resize(w, h, { fit: 'contain', background: '#ffffff' })
    .flatten({ background: '#ffffff' })
    .png()
    .toBuffer();
  overlays.push({ input: before, left: x, top: y });
  let text: string;
  try {
    const p = await producePhoto(source, 'chsi', vision);
    overlays.push({ input: await sharp(p.jpeg).resize(w, h).png().toBuffer(), left: x + w + 10, top: y });
    if (zoom) {
      const edge = await sharp(p.jpeg)
        .extract({ left: 40, top: 40, width: 240, height: 320 })
        .resize(w, h, { kernel: 'nearest' })
        .png()
        .toBuffer();
      overlays.push({ input: edge, left: x + 2 * (w + 10), top: y });
    }
    text = `${name} → ${(p.jpeg.length / 1024).toFixed(1)} KB q${p.geometry.quality} ${p.passed ? '初审通过' : '初审未通过：' + p.reasons.map((r) => r.code).join(', ')}`;
    if (zoom) {
      const raw = await sharp(p.jpeg).raw().toBuffer({ resolveWithObject: true });
      const f = outlineFringe(
        { width: raw.info.width, height: raw.info.height, data: new Uint8Array(raw.data) },
        parseHexColor(resolveProfile('chsi').output.background),
      );
      text += `；右：成片左上 2 倍，轮廓亮边 ${f.light}（上限 ${FRINGE_MAX_LIGHT}）`;
    }
  } catch (err) {
    text = `${name} → 拒绝：${err instanceof PhotoRefusedError ? err.refusal.message : String(err)}`;
  }
  overlays.push({ input: await label(text, (zoom ? 3 : 2) * w - 10, size), left: x, top: y + h + 8 });
}

const colW = TILE_W * 2 + 30;
for (const [i, f] of files.entries())
  await pair(readFileSync(path.join(DIR, f)), f, i * colW + 10, 10, TILE_W, TILE_H, 11);
let height = TILE_H + LABEL_H + 20;
const busyColW = BUSY_W * 2 + 30;
const busyRowH = BUSY_H + 70;
if (busy.length) {
  overlays.push({
    input: await label('繁杂背景（dev-photos，background.uniform 标为不合格）', 800, 13),
    left: 10,
    top: height,
  });
  height += 30;
  for (const [i, f] of busy.entries()) {
    const row = Math.floor(i / BUSY_PER_ROW);
    const col = i % BUSY_PER_ROW;
    await pair(readFileSync(path.join(DEV, f)), f, col * busyColW + 10, height + row * busyRowH, BUSY_W, BUSY_H, 9);
  }
  height += Math.ceil(busy.length / BUSY_PER_ROW) * busyRowH;
}
if (white.length) {
  overlays.push({
    input: await label('浅色背景（dev-photos）：发际与轮廓的亮边（issue 11）', 800, 13),
    left: 10,
    top: height,
  });
  height += 30;
  const whiteColW = BUSY_W * 3 + 40;
  for (const [i, f] of white.entries())
    await pair(readFileSync(path.join(DEV, f)), f, i * whiteColW + 10, height, BUSY_W, BUSY_H, 9, true);
  height += busyRowH;
}
const out = path.resolve('docs/photo-contact-sheet.png');
await sharp({
  create: {
    width: Math.max(files.length * colW, Math.min(busy.length, BUSY_PER_ROW) * busyColW + 10),
    height,
    channels: 3,
    background: '#ffffff',
  },
})
  .composite(overlays)
  .png()
  .toFile(out);
console.log(`wrote ${out} (${files.length} portraits, ${busy.length} busy-background photos)`);
