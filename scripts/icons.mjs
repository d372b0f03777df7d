// Installer icons from the one source drawing resources/icons/icon.svg (run: npm run icons; outputs committed):
//   resources/icons/icon.png (1024×1024), icon-512.png, icon.ico (Windows, 16–256 px), icon.icns (macOS).
// sharp renders the SVG; png2icons (pure JavaScript, no native parts) writes the ICO and ICNS containers.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import png2icons from 'png2icons';
import sharp from 'sharp';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'icons');
const svg = readFileSync(path.join(dir, 'icon.svg'));

const png = (size) =>
  sharp(svg, { density: (72 * size) / 1024 })
    .resize(size, size)
    .png()
    .toBuffer();
const big = await png(1024);
writeFileSync(path.join(dir, 'icon.png'), big);
writeFileSync(path.join(dir, 'icon-512.png'), await png(512));

const ico = png2icons.createICO(big, png2icons.BICUBIC2, 0, false, true);
const icns = png2icons.createICNS(big, png2icons.BICUBIC2, 0);
if (!ico || !icns) throw new Error('png2icons could not convert resources/icons/icon.png');
writeFileSync(path.join(dir, 'icon.ico'), ico);
writeFileSync(path.join(dir, 'icon.icns'), icns);
console.log(`icons written to ${path.relative(process.cwd(), dir)}: icon.png, icon-512.png, icon.ico, icon.icns`);
