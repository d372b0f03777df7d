import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';

/** Hardened window: isolated, sandboxed, no Node in the renderer. */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    title: '图像采集工作站',
    show: false,
    backgroundColor: '#f4f6f9',
    webPreferences: {
      preload: path.resolve(preloadPath),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  };
}
