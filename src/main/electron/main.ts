import { app, BrowserWindow, ipcMain, protocol, shell, webContents } from 'electron';
import path from 'node:path';
import { createStudio, type Studio } from '../core/studio';
import { defaultDataDir } from '../core/data-dir';
import { rendererDir } from '../kernel/paths';
import { windowOptions } from './window-options';
import { APP_ORIGIN, forwardPush, registerIpc } from './ipc';
import { appProtocolResponse } from './protocol';
import { createElectronPrinter } from './receipt-printer';
import { closeBeforeQuit } from './quit';
import { LIVE_STREAM_PATH, liveStreamResponse } from '../camera/live-stream';
import { lanServingShell } from '../host/lan-shell';

// Thin desktop shell: everything the studio does lives in the core; this file only opens a window.

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

let studio: Studio | null = null;

function electronSqliteBinding(): string | undefined {
  // Packaged apps carry a better-sqlite3 rebuilt for Electron by electron-builder; a development checkout
  // keeps its Node build for tests and points Electron at a second build (scripts/rebuild-sqlite-electron.mjs).
  return app.isPackaged ? undefined : process.env.STUDIO_ELECTRON_SQLITE_BINDING;
}

async function openWindow(): Promise<void> {
  const win = new BrowserWindow(windowOptions(path.join(__dirname, '..', 'preload', 'index.cjs')));
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (e, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) e.preventDefault();
  });
  win.once('ready-to-show', () => win.show());
  await win.loadURL(`${APP_ORIGIN}/index.html`);
}

app.enableSandbox();
app.whenReady().then(
  async () => {
    const ui = rendererDir();
    protocol.handle('app', (req) =>
      studio && new URL(req.url).pathname === LIVE_STREAM_PATH
        ? liveStreamResponse(studio.camera)
        : appProtocolResponse(ui, req.url, studio?.records.photoStore),
    );
    studio = createStudio({
      dataDir: process.env.STUDIO_DATA_DIR ? defaultDataDir() : app.getPath('userData'),
      nativeBinding: electronSqliteBinding(),
      printer: createElectronPrinter((o) => new BrowserWindow(o)),
      syncWorker: true,
    });
    registerIpc(ipcMain, studio);
    forwardPush(studio, () => webContents.getAllWebContents());
    await openWindow();
    // 活动组网 › 对局域网开放: the window itself uses IPC; other laptops reach this one through a LAN listener
    const s = studio;
    void s.eventMode.serving
      .attach(lanServingShell(s, ui, { bound: '127.0.0.1' }))
      .catch((err: unknown) => console.error('[studio] LAN serving', err));
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void openWindow();
    });
  },
  (err: unknown) => {
    console.error('[studio] failed to start', err);
    app.exit(1);
  },
);

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
closeBeforeQuit(app, async () => {
  const s = studio;
  studio = null;
  await s?.eventMode.serving.detach();
  await s?.close();
});
