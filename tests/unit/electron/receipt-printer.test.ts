import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createElectronPrinter, PRINT_WINDOW_OPTIONS } from '../../../src/main/electron/receipt-printer';
import type { ReceiptPrintJob } from '../../../src/main/receipts/printer';

// The Electron runtime is not installable here: the printer is driven against a fake window.

function fakeWindow(opts: { printers?: string[]; fail?: string }) {
  const log: { loaded: string[]; pages: string[]; printed: unknown[]; destroyed: boolean; options: unknown } = {
    loaded: [],
    pages: [],
    printed: [],
    destroyed: false,
    options: null,
  };
  const open = (o: unknown) => {
    log.options = o;
    return {
      loadURL: async (url: string) => {
        log.loaded.push(url);
        log.pages.push(readFileSync(fileURLToPath(url), 'utf8'));
      },
      destroy: () => {
        log.destroyed = true;
      },
      webContents: {
        getPrintersAsync: async () => (opts.printers ?? []).map((name) => ({ name })),
        print: (options: unknown, cb?: (success: boolean, reason: string) => void) => {
          log.printed.push(options);
          cb?.(!opts.fail, opts.fail ?? '');
        },
      },
    };
  };
  return { open: open as never, log };
}

const job: ReceiptPrintJob = {
  title: '收据',
  html: '<!doctype html><p>黄*正 ¥15.00</p>',
  widthMicrons: 58_000,
  heightMicrons: 120_000,
  deviceName: 'XP-58',
};

describe('desktop silent receipt printer', () => {
  it('loads the receipt into a hidden script-less window and prints it silently on the device at the receipt size', async () => {
    const w = fakeWindow({ printers: ['XP-58', 'Office'] });
    await createElectronPrinter(w.open).print(job);
    expect(w.log.options).toEqual(PRINT_WINDOW_OPTIONS);
    expect(PRINT_WINDOW_OPTIONS).toMatchObject({ show: false, webPreferences: { javascript: false, sandbox: true } });
    // from a file (so @font-face may use the bundled font's file: URL), removed after printing
    expect(w.log.loaded[0]).toMatch(/^file:\/\//);
    expect(w.log.pages[0]).toBe(job.html);
    expect(existsSync(fileURLToPath(w.log.loaded[0]!))).toBe(false);
    expect(w.log.printed).toEqual([
      expect.objectContaining({
        silent: true,
        deviceName: 'XP-58',
        pageSize: { width: 58_000, height: 120_000 },
        margins: { marginType: 'none' },
      }),
    ]);
    expect(w.log.destroyed).toBe(true);
  });

  it('an unknown printer or a failed print is an error in Chinese, and the window is still closed', async () => {
    const missing = fakeWindow({ printers: ['Office'] });
    await expect(createElectronPrinter(missing.open).print(job)).rejects.toThrow('找不到打印机“XP-58”');
    expect(missing.log.printed).toEqual([]);
    expect(missing.log.destroyed).toBe(true);
    const failing = fakeWindow({ printers: ['XP-58'], fail: 'Paper out' });
    await expect(createElectronPrinter(failing.open).print(job)).rejects.toThrow('Paper out');
    expect(failing.log.destroyed).toBe(true);
  });

  it('no device name prints on the system default printer', async () => {
    const w = fakeWindow({ printers: [] });
    await createElectronPrinter(w.open).print({ ...job, deviceName: '' });
    expect(w.log.printed[0]).toMatchObject({ silent: true, deviceName: undefined });
  });
});
