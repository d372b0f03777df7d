import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { Printer, ReceiptPrintJob } from '../receipts/printer';

// Silent receipt printing in the desktop window: the receipt HTML is loaded into a hidden, script-less,
// sandboxed window and sent to the configured printer without a dialog; the window is destroyed afterwards.
// The page is loaded from a temporary file, not a data: URL, so that its @font-face may use the bundled print
// font's file: URL (a data: page may not load local files).

type PrintWindow = Pick<BrowserWindow, 'loadURL' | 'destroy'> & {
  webContents: Pick<BrowserWindow['webContents'], 'print' | 'getPrintersAsync'>;
};

export const PRINT_WINDOW_OPTIONS: BrowserWindowConstructorOptions = {
  show: false,
  width: 400,
  height: 800,
  webPreferences: {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    javascript: false,
    webSecurity: true,
  },
};

export function createElectronPrinter(openWindow: (opts: BrowserWindowConstructorOptions) => PrintWindow): Printer {
  return {
    async print(job: ReceiptPrintJob): Promise<void> {
      const win = openWindow(PRINT_WINDOW_OPTIONS);
      const dir = mkdtempSync(path.join(tmpdir(), 'studio-receipt-print-'));
      try {
        if (job.deviceName) {
          const printers = await win.webContents.getPrintersAsync();
          if (!printers.some((p) => p.name === job.deviceName)) {
            throw new Error(`找不到打印机“${job.deviceName}”，请在收据设置中重新选择`);
          }
        }
        const page = path.join(dir, 'receipt.html');
        writeFileSync(page, job.html);
        await win.loadURL(pathToFileURL(page).href);
        await new Promise<void>((resolve, reject) => {
          win.webContents.print(
            {
              silent: true,
              printBackground: true,
              deviceName: job.deviceName || undefined,
              margins: { marginType: 'none' },
              pageSize: { width: job.widthMicrons, height: job.heightMicrons },
              copies: 1,
            },
            (success, failureReason) => (success ? resolve() : reject(new Error(failureReason || '打印失败'))),
          );
        });
      } finally {
        win.destroy();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
