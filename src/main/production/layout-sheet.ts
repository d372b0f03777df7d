import sharp, { type OverlayOptions } from 'sharp';
import { assignCells, planSheet, type SheetLayout } from '../../shared/photo/sheet-layout';
import { withJfifDensity } from '../../shared/photo/jpeg-markers';
import type { PrintProfile, SheetSpec } from '../../shared/spec/print-profile';
import { PRINT_FONT_FAMILIES, resolvePrintFont, type PrintFont } from '../fonts';
import { openImage } from './decode';

// The print sheet: each final photo cut to the print's aspect (centred), captions under the prints, cut marks in the
// gaps. Captions are Pango text through sharp in the studio's print font (src/main/fonts: the bundled Source Han
// Sans SC unless STUDIO_RECEIPT_FONT or the receipt settings name another). The font file is passed explicitly,
// because sharp's bundled fontconfig sees no app fonts and not always the system font folders (Windows); the
// family list after it only matters when no file could be resolved.

const CAPTION_PT = 9;

export interface SheetOptions {
  print: PrintProfile;
  sheet: SheetSpec;
  /** One caption per photo (same order), or null for none. */
  captions: string[] | null;
  format: 'jpeg' | 'png';
  env?: NodeJS.ProcessEnv;
}

export interface RenderedSheet {
  data: Buffer;
  layout: SheetLayout;
}

export async function renderSheet(photos: Buffer[], opts: SheetOptions): Promise<RenderedSheet> {
  const layout = planSheet(opts.print, opts.sheet, opts.captions !== null);
  const owner = assignCells(layout.cells.length, photos.length);
  if (opts.captions && opts.captions.length !== photos.length)
    throw new Error(`说明文字数量（${opts.captions.length}）应与照片数量（${photos.length}）一致`);
  const cell0 = layout.cells[0]!.photo;
  const prints = await Promise.all(
    photos.map((p) =>
      openImage(p)
        .resize(cell0.width, cell0.height, { fit: 'cover', position: 'centre' })
        .flatten({ background: '#ffffff' })
        .toColourspace('srgb')
        .png()
        .toBuffer(),
    ),
  );
  const font = opts.captions ? captionFont(opts.env) : undefined;
  const captions = opts.captions
    ? await Promise.all(opts.captions.map((t) => renderCaption(t, cell0.width, layout.cells[0]!.caption!.height, font)))
    : [];
  const overlays: OverlayOptions[] = [];
  layout.cells.forEach((cell, i) => {
    const who = owner[i]!;
    overlays.push({ input: prints[who]!, left: cell.photo.x, top: cell.photo.y });
    const cap = captions[who];
    if (cell.caption && cap) {
      overlays.push({
        input: cap.data,
        left: cell.caption.x + Math.floor((cell.caption.width - cap.width) / 2),
        top: cell.caption.y + Math.floor((cell.caption.height - cap.height) / 2),
      });
    }
  });
  const marks = layout.cutMarks
    .map((l) => `<line x1="${l.x1}" y1="${l.y1}" x2="${l.x2}" y2="${l.y2}" stroke="#000" stroke-width="2"/>`)
    .join('');
  overlays.push({
    input: Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}">${marks}</svg>`,
    ),
    left: 0,
    top: 0,
  });
  const canvas = sharp({
    create: { width: layout.width, height: layout.height, channels: 3, background: '#ffffff' },
  }).composite(overlays);
  const dpi = opts.sheet.dpi;
  if (opts.format === 'png') return { data: await canvas.withMetadata({ density: dpi }).png().toBuffer(), layout };
  const jpeg = await canvas.jpeg({ quality: 95, chromaSubsampling: '4:4:4' }).toBuffer();
  const withDensity = withJfifDensity(jpeg, dpi);
  return { data: Buffer.from(withDensity.buffer, withDensity.byteOffset, withDensity.length), layout };
}

function captionFont(env?: NodeJS.ProcessEnv): PrintFont | undefined {
  try {
    return resolvePrintFont({ env });
  } catch {
    // No known CJK font file: fall back to whatever fontconfig resolves from the family list.
    return undefined;
  }
}

const escapeMarkup = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function renderCaption(text: string, maxWidth: number, maxHeight: number, font: PrintFont | undefined) {
  const families = [...new Set([font?.family, ...PRINT_FONT_FAMILIES, 'sans-serif'].filter(Boolean))].join(', ');
  const img = sharp({
    text: {
      text: `<span foreground="#000000">${escapeMarkup(text.trim() || ' ')}</span>`,
      font: `${families} ${CAPTION_PT}`,
      fontfile: font?.file,
      dpi: 300,
      rgba: true,
      align: 'centre',
    },
  });
  const { data, info } = await img.png().toBuffer({ resolveWithObject: true });
  if (info.width <= maxWidth && info.height <= maxHeight) return { data, width: info.width, height: info.height };
  // Too long for the strip: shrink to fit rather than cut the name off.
  const k = Math.min(maxWidth / info.width, maxHeight / info.height);
  const width = Math.max(1, Math.floor(info.width * k));
  const height = Math.max(1, Math.floor(info.height * k));
  return { data: await sharp(data).resize(width, height).png().toBuffer(), width, height };
}
