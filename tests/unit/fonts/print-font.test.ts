import { describe, expect, it } from 'vitest';
import { ReceiptFontError, parseFontSpec, resolveReceiptFont } from '../../../src/main/print/receipt-font';

const only =
  (...files: string[]) =>
  (f: string) =>
    files.includes(f);

describe('receipt font resolver: a Chinese font or a clear message', () => {
  it('finds Noto Sans CJK on Debian, Microsoft YaHei on Windows, PingFang on macOS', () => {
    expect(
      resolveReceiptFont({
        env: {},
        platform: 'linux',
        exists: only('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'),
      }),
    ).toMatchObject({ postscriptName: 'NotoSansCJKsc-Regular', source: 'system' });
    expect(
      resolveReceiptFont({ env: {}, platform: 'win32', exists: only('C:\\Windows\\Fonts\\msyh.ttc') }),
    ).toMatchObject({ file: 'C:\\Windows\\Fonts\\msyh.ttc', postscriptName: 'MicrosoftYaHei' });
    expect(
      resolveReceiptFont({ env: {}, platform: 'darwin', exists: only('/System/Library/Fonts/PingFang.ttc') }),
    ).toMatchObject({ postscriptName: 'PingFangSC-Regular' });
  });

  it('STUDIO_RECEIPT_FONT wins over the configured font and the system fonts', () => {
    const font = resolveReceiptFont({
      env: { STUDIO_RECEIPT_FONT: '/opt/fonts/my.ttc#MyFont-Regular' },
      override: '/cfg/other.ttf',
      platform: 'linux',
      exists: () => true,
    });
    expect(font).toEqual({
      file: '/opt/fonts/my.ttc',
      postscriptName: 'MyFont-Regular',
      source: 'STUDIO_RECEIPT_FONT',
    });
    expect(resolveReceiptFont({ env: {}, override: '/cfg/other.ttf', exists: () => true })).toMatchObject({
      file: '/cfg/other.ttf',
      source: 'config',
    });
  });

  it('a missing override or a .ttc without face name is an error, not a silent fallback', () => {
    expect(() => resolveReceiptFont({ env: { STUDIO_RECEIPT_FONT: '/nope.ttf' }, exists: () => false })).toThrow(
      /STUDIO_RECEIPT_FONT 指定的收据字体不存在/,
    );
    expect(() => parseFontSpec('/x/NotoSansCJK-Regular.ttc', 'config')).toThrow(ReceiptFontError);
  });

  it('no font at all lists what was searched and how to fix it', () => {
    try {
      resolveReceiptFont({ env: {}, platform: 'win32', exists: () => false });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ReceiptFontError);
      expect((err as Error).message).toContain('msyh.ttc');
      expect((err as Error).message).toContain('STUDIO_RECEIPT_FONT');
    }
  });
});
