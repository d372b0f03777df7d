import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUNDLED_FONT_FAMILY,
  PrintFontError,
  bundledFontFile,
  parseFontSpec,
  printFontCss,
  resolvePrintFont,
} from '../../../src/main/fonts';

const only =
  (...files: string[]) =>
  (f: string) =>
    files.includes(f);

const BUNDLED = '/app/resources/fonts/SourceHanSansSC-Regular.otf';

describe('print font resolver: the bundled font unless told otherwise, a system font as last resort', () => {
  it('the bundled Source Han Sans SC wins over the system fonts on every OS', () => {
    for (const [platform, system] of [
      ['linux', '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'],
      ['win32', 'C:\\Windows\\Fonts\\msyh.ttc'],
      ['darwin', '/System/Library/Fonts/PingFang.ttc'],
    ] as const) {
      expect(resolvePrintFont({ env: {}, platform, bundledFile: BUNDLED, exists: only(BUNDLED, system) })).toEqual({
        file: BUNDLED,
        family: BUNDLED_FONT_FAMILY,
        source: 'bundled',
      });
    }
  });

  it('the repository copy is the bundled font in development and tests', () => {
    expect(bundledFontFile()).toBe(path.resolve('resources/fonts/SourceHanSansSC-Regular.otf'));
    expect(resolvePrintFont({ env: {} })).toMatchObject({ source: 'bundled', family: 'Source Han Sans SC' });
  });

  it('without the bundled file: Noto Sans CJK on Debian, Microsoft YaHei on Windows, PingFang on macOS', () => {
    expect(
      resolvePrintFont({
        env: {},
        platform: 'linux',
        bundledFile: BUNDLED,
        exists: only('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'),
      }),
    ).toMatchObject({ postscriptName: 'NotoSansCJKsc-Regular', family: 'Noto Sans CJK SC', source: 'system' });
    expect(
      resolvePrintFont({
        env: {},
        platform: 'win32',
        bundledFile: BUNDLED,
        exists: only('C:\\Windows\\Fonts\\msyh.ttc'),
      }),
    ).toMatchObject({ file: 'C:\\Windows\\Fonts\\msyh.ttc', postscriptName: 'MicrosoftYaHei' });
    expect(
      resolvePrintFont({
        env: {},
        platform: 'darwin',
        bundledFile: BUNDLED,
        exists: only('/System/Library/Fonts/PingFang.ttc'),
      }),
    ).toMatchObject({ postscriptName: 'PingFangSC-Regular' });
  });

  it('STUDIO_RECEIPT_FONT wins over the configured font, which wins over the bundled one', () => {
    const font = resolvePrintFont({
      env: { STUDIO_RECEIPT_FONT: '/opt/fonts/my.ttc#MyFont-Regular' },
      override: '/cfg/other.ttf',
      platform: 'linux',
      bundledFile: BUNDLED,
      exists: () => true,
    });
    expect(font).toEqual({
      file: '/opt/fonts/my.ttc',
      postscriptName: 'MyFont-Regular',
      source: 'STUDIO_RECEIPT_FONT',
    });
    expect(
      resolvePrintFont({ env: {}, override: '/cfg/other.ttf', bundledFile: BUNDLED, exists: () => true }),
    ).toMatchObject({ file: '/cfg/other.ttf', source: 'config' });
  });

  it('a missing override or a .ttc without face name is an error, not a silent fallback', () => {
    expect(() =>
      resolvePrintFont({ env: { STUDIO_RECEIPT_FONT: '/nope.ttf' }, bundledFile: BUNDLED, exists: only(BUNDLED) }),
    ).toThrow(/STUDIO_RECEIPT_FONT 指定的收据字体不存在/);
    expect(() => parseFontSpec('/x/NotoSansCJK-Regular.ttc', 'config')).toThrow(PrintFontError);
  });

  it('no font at all lists what was searched and how to fix it', () => {
    try {
      resolvePrintFont({ env: {}, platform: 'win32', bundledFile: BUNDLED, exists: () => false });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(PrintFontError);
      expect((err as Error).message).toContain(BUNDLED);
      expect((err as Error).message).toContain('msyh.ttc');
      expect((err as Error).message).toContain('STUDIO_RECEIPT_FONT');
    }
  });

  it('HTML gets an @font-face on the font file, or family names only for a .ttc face', () => {
    const css = printFontCss({ file: BUNDLED, family: BUNDLED_FONT_FAMILY, source: 'bundled' });
    expect(css.fontFace).toContain('url("file:///app/resources/fonts/SourceHanSansSC-Regular.otf")');
    expect(css.fontFamily).toMatch(/^"Studio Print", "Source Han Sans SC", "Noto Sans CJK SC", .*sans-serif$/);
    const ttc = printFontCss({
      file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
      postscriptName: 'NotoSansCJKsc-Regular',
      family: 'Noto Sans CJK SC',
      source: 'system',
    });
    expect(ttc.fontFace).toBe('');
    expect(ttc.fontFamily.startsWith('"Noto Sans CJK SC", "Source Han Sans SC"')).toBe(true);
  });
});
