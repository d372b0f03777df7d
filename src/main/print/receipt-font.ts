import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

// Receipts need a font with Chinese glyphs; pdfkit's built-in fonts have none. Resolution order:
// STUDIO_RECEIPT_FONT (or the studio's config override), then the usual system CJK fonts per OS.

export interface ReceiptFont {
  file: string;
  /** Which face inside a .ttc collection (its PostScript name); required for collections. */
  postscriptName?: string;
  /** Where the choice came from, for messages: 'STUDIO_RECEIPT_FONT', 'config', 'system'. */
  source: string;
}

export class ReceiptFontError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReceiptFontError';
  }
}

type Candidate = Omit<ReceiptFont, 'source'>;

const SYSTEM_FONTS: Record<string, Candidate[]> = {
  linux: [
    { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' },
    { file: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' },
    { file: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' },
    { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', postscriptName: 'WenQuanYiMicroHei' },
    { file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', postscriptName: 'WenQuanYiZenHei' },
  ],
  win32: [
    { file: 'C:\\Windows\\Fonts\\msyh.ttc', postscriptName: 'MicrosoftYaHei' },
    { file: 'C:\\Windows\\Fonts\\simhei.ttf' },
    { file: 'C:\\Windows\\Fonts\\simsun.ttc', postscriptName: 'SimSun' },
  ],
  darwin: [
    { file: '/System/Library/Fonts/PingFang.ttc', postscriptName: 'PingFangSC-Regular' },
    { file: '/System/Library/Fonts/Hiragino Sans GB.ttc', postscriptName: 'HiraginoSansGB-W3' },
    { file: '/System/Library/Fonts/STHeiti Light.ttc', postscriptName: 'STHeitiSC-Light' },
    { file: '/Library/Fonts/Arial Unicode.ttf' },
  ],
};

export interface FontResolveOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** A configured font, same syntax as STUDIO_RECEIPT_FONT. */
  override?: string;
  exists?: (file: string) => boolean;
}

/** `FILE` or `FILE#PostScriptName` (the latter for .ttc collections). */
export function parseFontSpec(spec: string, source: string): ReceiptFont {
  const hash = spec.lastIndexOf('#');
  const file = (hash > 0 ? spec.slice(0, hash) : spec).trim();
  const postscriptName = hash > 0 ? spec.slice(hash + 1).trim() || undefined : undefined;
  if (/\.ttc$/i.test(file) && !postscriptName) {
    throw new ReceiptFontError(
      `${source}：${file} 是字体集合（.ttc），请写成“文件#PostScript名”，例如 NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular`,
    );
  }
  return { file, postscriptName, source };
}

export function resolveReceiptFont(opts: FontResolveOptions = {}): ReceiptFont {
  const env = opts.env ?? process.env;
  const exists = opts.exists ?? existsSync;
  const explicit = env.STUDIO_RECEIPT_FONT?.trim()
    ? parseFontSpec(env.STUDIO_RECEIPT_FONT.trim(), 'STUDIO_RECEIPT_FONT')
    : opts.override?.trim()
      ? parseFontSpec(opts.override.trim(), 'config')
      : null;
  if (explicit) {
    if (!exists(explicit.file)) throw new ReceiptFontError(`${explicit.source} 指定的收据字体不存在：${explicit.file}`);
    return explicit;
  }
  const candidates = SYSTEM_FONTS[opts.platform ?? process.platform] ?? SYSTEM_FONTS.linux!;
  const found = candidates.find((c) => exists(c.file));
  if (found) return { ...found, source: 'system' };
  throw new ReceiptFontError(
    [
      '找不到可打印中文的收据字体。已查找：',
      ...candidates.map((c) => `  ${c.file}`),
      '请安装中文字体（Linux：fonts-noto-cjk），或设置环境变量 STUDIO_RECEIPT_FONT=字体文件路径',
      '（.ttc 字体集合写作 文件#PostScript名，例如 /path/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular）。',
    ].join('\n'),
  );
}

const cache = new Map<string, Buffer>();

/** The font file's bytes, read once per process (a CJK collection is ~20 MB). */
export function fontBytes(font: ReceiptFont): Buffer {
  const key = path.resolve(font.file);
  let buf = cache.get(key);
  if (!buf) {
    try {
      buf = readFileSync(key);
    } catch (err) {
      throw new ReceiptFontError(`无法读取收据字体 ${font.file}：${(err as Error).message}`);
    }
    cache.set(key, buf);
  }
  return buf;
}
