import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../helpers/pdf-tools';
import { tempDir } from '../../helpers/temp-dir';

// The receipt and the print-sheet captions do not depend on the fonts the machine has: with fontconfig seeing no
// font at all (FONTCONFIG_FILE → a configuration without font folders), the bundled Source Han Sans SC still prints
// the Chinese text, and the captions come out pixel for pixel as on a machine with the usual CJK fonts installed.

const tmp = tempDir('studio-print-font-');
afterAll(() => tmp.cleanup());

const emptyConfig = path.join(tmp.dir, 'fonts.conf');
writeFileSync(
  emptyConfig,
  `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><cachedir>${tmp.dir}/fc-cache</cachedir></fontconfig>\n`,
);
const noFonts = { FONTCONFIG_FILE: emptyConfig, FONTCONFIG_PATH: tmp.dir };

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

function renderIn(name: string, fontEnv: Record<string, string>) {
  const out = path.join(tmp.dir, name);
  mkdirSync(out, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, ...fontEnv };
  delete env.STUDIO_RECEIPT_FONT;
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'render-with-print-font.ts'), out], {
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`render failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  const result = JSON.parse(readFileSync(path.join(out, 'result.json'), 'utf8')) as {
    font: { file: string; source: string };
    captions: Rect[];
  };
  return { out, ...result };
}

async function grey(png: string, r: Rect) {
  return sharp(png).extract({ left: r.x, top: r.y, width: r.width, height: r.height }).greyscale().raw().toBuffer();
}

const inked = (px: Buffer) => px.filter((v) => v < 128).length;

describe('print font without any system font', () => {
  const bare = renderIn('no-system-fonts', noFonts);

  it('fontconfig in that environment lists no CJK font (no font at all)', () => {
    const fc = spawnSync('fc-list', [':lang=zh'], { env: { ...process.env, ...noFonts }, encoding: 'utf8' });
    if (fc.error) return; // fontconfig's own tools are not installed: nothing to list either
    expect(fc.stdout.trim()).toBe('');
  });

  it('the receipt PDF uses the bundled font and its Chinese text can be extracted', () => {
    expect(bare.font.source).toBe('bundled');
    expect(bare.font.file).toBe(path.resolve('resources/fonts/SourceHanSansSC-Regular.otf'));
    const text = pdfText(path.join(bare.out, 'receipt.pdf')).replace(/\s+/g, '');
    for (const s of ['图像信息采集收费凭证', '山东师范大学', '黄*正', '微信支付', '一号工作站', '¥15.00']) {
      expect(text).toContain(s);
    }
    const fonts = execFileSync('pdffonts', [path.join(bare.out, 'receipt.pdf')], { encoding: 'utf8' });
    expect(fonts).toMatch(/SourceHanSansSC-Regular\s.*\byes\b/); // embedded (subset)
  });

  it('captions render real glyphs, the same pixels as with the system fonts present', async () => {
    const usual = renderIn('usual-fonts', {});
    const sheetBare = path.join(bare.out, 'sheet.png');
    const sheetUsual = path.join(usual.out, 'sheet.png');
    const [huangBare, shandongBare] = await Promise.all(bare.captions.map((r) => grey(sheetBare, r)));
    const [huangUsual, shandongUsual] = await Promise.all(usual.captions.map((r) => grey(sheetUsual, r)));
    expect(inked(huangBare!)).toBeGreaterThan(200);
    expect(inked(shandongBare!)).toBeGreaterThan(200);
    // two different names of the same length look different (no boxes for missing glyphs)
    expect(huangBare!.equals(shandongBare!)).toBe(false);
    expect(huangBare!.equals(huangUsual!)).toBe(true);
    expect(shandongBare!.equals(shandongUsual!)).toBe(true);
  });
});
