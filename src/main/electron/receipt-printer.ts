import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { Printer, ReceiptPrintJob } from '../receipts/printer';

// Silent receipt printing in the desktop window: the receipt HTML is loaded into a hidden, script-less,
// sandboxed window and sent to the configured printer without a dialog; the window is destroyed afterwards.

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
      try {
        if (job.deviceName) {
          const printers = await win.webContents.getPrintersAsync();
          if (!printers.some((p) => p.name === job.deviceName)) {
            throw new Error(`找不到打印机“${job.deviceName}”，请在收据设置中重新选择`);
          }
        }
        await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(job.html)}`);
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
      }
    },
  };
}
