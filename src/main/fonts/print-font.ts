import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { appRoot } from '../kernel/paths';

// The one font for everything the studio prints with Chinese text: receipt PDFs, the receipt HTML sent to a printer,
// and the captions on print sheets. pdfkit's built-in fonts have no Chinese glyphs, and a receipt must look the
// same on Linux, Windows and macOS, so the app ships its own: Source Han Sans SC (OFL, resources/fonts/, packed
// by electron-builder as extraResources). Resolution order:
//   1. STUDIO_RECEIPT_FONT, then the studio's configured font (receipt settings) — an explicit choice;
//   2. the bundled font;
//   3. the usual system CJK fonts per OS (only if the bundled file is missing, e.g. a trimmed install).

export interface PrintFont {
  file: string;
  /** Which face inside a .ttc collection (its PostScript name); required for collections. */
  postscriptName?: string;
  /** The font's family name when known (the bundled and system fonts), for CSS and Pango font lists. */
  family?: string;
  /** Where the choice came from, for messages: 'STUDIO_RECEIPT_FONT', 'config', 'bundled', 'system'. */
  source: string;
}

export class PrintFontError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrintFontError';
  }
}

export const BUNDLED_FONT_FAMILY = 'Source Han Sans SC';
const BUNDLED_FONT_FILE = 'SourceHanSansSC-Regular.otf';

/** Family names tried by name when the font file cannot be handed over (HTML, Pango): bundled first. */
export const PRINT_FONT_FAMILIES = [
  BUNDLED_FONT_FAMILY,
  'Noto Sans CJK SC',
  'Microsoft YaHei',
  'PingFang SC',
  'Hiragino Sans GB',
  'WenQuanYi Micro Hei',
];

/**
 * Where the bundled font sits: `<resources>/fonts/` of a packed app (electron-builder extraResources), else the
 * repository's `resources/fonts/` (development, tests, the CLI).
 */
export function bundledFontFile(exists: (file: string) => boolean = existsSync): string {
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) {
    const packed = path.join(resourcesPath, 'fonts', BUNDLED_FONT_FILE);
    if (exists(packed)) return packed;
  }
  return path.join(appRoot(), 'resources', 'fonts', BUNDLED_FONT_FILE);
}

type Candidate = Omit<PrintFont, 'source'>;

const SYSTEM_FONTS: Record<string, Candidate[]> = {
  linux: [
    {
      file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
      postscriptName: 'NotoSansCJKsc-Regular',
      family: 'Noto Sans CJK SC',
    },
    {
      file: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
      postscriptName: 'NotoSansCJKsc-Regular',
      family: 'Noto Sans CJK SC',
    },
    {
      file: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
      postscriptName: 'NotoSansCJKsc-Regular',
      family: 'Noto Sans CJK SC',
    },
    {
      file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
      postscriptName: 'WenQuanYiMicroHei',
      family: 'WenQuanYi Micro Hei',
    },
    {
      file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
      postscriptName: 'WenQuanYiZenHei',
      family: 'WenQuanYi Zen Hei',
    },
  ],
  win32: [
    { file: 'C:\\Windows\\Fonts\\msyh.ttc', postscriptName: 'MicrosoftYaHei', family: 'Microsoft YaHei' },
    { file: 'C:\\Windows\\Fonts\\simhei.ttf', family: 'SimHei' },
    { file: 'C:\\Windows\\Fonts\\simsun.ttc', postscriptName: 'SimSun', family: 'SimSun' },
  ],
  darwin: [
    { file: '/System/Library/Fonts/PingFang.ttc', postscriptName: 'PingFangSC-Regular', family: 'PingFang SC' },
    {
      file: '/System/Library/Fonts/Hiragino Sans GB.ttc',
      postscriptName: 'HiraginoSansGB-W3',
      family: 'Hiragino Sans GB',
    },
    { file: '/System/Library/Fonts/STHeiti Light.ttc', postscriptName: 'STHeitiSC-Light', family: 'Heiti SC' },
    { file: '/Library/Fonts/Arial Unicode.ttf', family: 'Arial Unicode MS' },
  ],
};

export interface FontResolveOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** A configured font, same syntax as STUDIO_RECEIPT_FONT. */
  override?: string;
  exists?: (file: string) => boolean;
  /** The bundled font file (default: {@link bundledFontFile}). */
  bundledFile?: string;
}

/** `FILE` or `FILE#PostScriptName` (the latter for .ttc collections). */
export function parseFontSpec(spec: string, source: string): PrintFont {
  const hash = spec.lastIndexOf('#');
  const file = (hash > 0 ? spec.slice(0, hash) : spec).trim();
  const postscriptName = hash > 0 ? spec.slice(hash + 1).trim() || undefined : undefined;
  if (/\.ttc$/i.test(file) && !postscriptName) {
    throw new PrintFontError(
      `${source}：${file} 是字体集合（.ttc），请写成“文件#PostScript名”，例如 NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular`,
    );
  }
  return { file, postscriptName, source };
}

export function resolvePrintFont(opts: FontResolveOptions = {}): PrintFont {
  const env = opts.env ?? process.env;
  const exists = opts.exists ?? existsSync;
  const explicit = env.STUDIO_RECEIPT_FONT?.trim()
    ? parseFontSpec(env.STUDIO_RECEIPT_FONT.trim(), 'STUDIO_RECEIPT_FONT')
    : opts.override?.trim()
      ? parseFontSpec(opts.override.trim(), 'config')
      : null;
  if (explicit) {
    if (!exists(explicit.file)) throw new PrintFontError(`${explicit.source} 指定的收据字体不存在：${explicit.file}`);
    return explicit;
  }
  const bundled = opts.bundledFile ?? bundledFontFile(exists);
  if (exists(bundled)) return { file: bundled, family: BUNDLED_FONT_FAMILY, source: 'bundled' };
  const candidates = SYSTEM_FONTS[opts.platform ?? process.platform] ?? SYSTEM_FONTS.linux!;
  const found = candidates.find((c) => exists(c.file));
  if (found) return { ...found, source: 'system' };
  throw new PrintFontError(
    [
      '找不到可打印中文的收据字体。已查找：',
      `  ${bundled}（随应用附带的字体，安装不完整？）`,
      ...candidates.map((c) => `  ${c.file}`),
      '请重新安装本应用，或安装中文字体（Linux：fonts-noto-cjk），或设置环境变量 STUDIO_RECEIPT_FONT=字体文件路径',
      '（.ttc 字体集合写作 文件#PostScript名，例如 /path/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular）。',
    ].join('\n'),
  );
}

const cache = new Map<string, Buffer>();

/** The font file's bytes, read once per process (a CJK font is ~17–20 MB). */
export function fontBytes(font: PrintFont): Buffer {
  const key = path.resolve(font.file);
  let buf = cache.get(key);
  if (!buf) {
    try {
      buf = readFileSync(key);
    } catch (err) {
      throw new PrintFontError(`无法读取收据字体 ${font.file}：${(err as Error).message}`);
    }
    cache.set(key, buf);
  }
  return buf;
}

const CSS_FACE = 'Studio Print';

/**
 * CSS for an HTML page printed by Chromium (the receipt's silent print): an @font-face for the resolved font file
 * (a file: URL, so the page must be loaded from a file, not a data: URL) and the family list to use it with.
 * A face inside a .ttc cannot be picked by URL, so collections are used by family name only.
 */
export function printFontCss(font: PrintFont): { fontFace: string; fontFamily: string } {
  const names = [...new Set([font.family, ...PRINT_FONT_FAMILIES].filter((n): n is string => Boolean(n)))];
  const byUrl = !/\.ttc$/i.test(font.file);
  const fontFace = byUrl
    ? `@font-face { font-family: "${CSS_FACE}"; src: url("${pathToFileURL(path.resolve(font.file)).href}"); }`
    : '';
  const fontFamily = [...(byUrl ? [CSS_FACE] : []), ...names].map((n) => `"${n}"`).join(', ') + ', sans-serif';
  return { fontFace, fontFamily };
}
