import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { methodNames } from '../../../src/shared/contract';
import { IPC_INVOKE } from '../../../src/shared/bridge';

// The Electron runtime cannot be installed here, so the shell's wiring is checked against a fake `electron`.
const fake = vi.hoisted(() => {
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const windows: { options: Record<string, unknown>; loaded: string[] }[] = [];
  let ready: () => void = () => {};
  const readyPromise = new Promise<void>((r) => (ready = r));
  return { handlers, windows, ready: () => ready(), readyPromise, exposed: new Map<string, unknown>() };
});

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => fake.windows;
    webContents = { setWindowOpenHandler: vi.fn(), on: vi.fn() };
    constructor(options: Record<string, unknown>) {
      fake.windows.push({ options, loaded: [] });
    }
    once() {}
    async loadURL(url: string) {
      fake.windows.at(-1)!.loaded.push(url);
    }
  }
  return {
    app: {
      enableSandbox: vi.fn(),
      whenReady: () => fake.readyPromise,
      on: vi.fn(),
      getPath: () => mkdtempSync(path.join(os.tmpdir(), 'studio-electron-')),
      isPackaged: false,
      exit: vi.fn(),
    },
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, fn: (...args: unknown[]) => unknown) => {
        if (fake.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        fake.handlers.set(channel, fn);
      },
    },
    ipcRenderer: { invoke: vi.fn(async (...args: unknown[]) => args), on: vi.fn(), removeListener: vi.fn() },
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => fake.exposed.set(key, value) },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    shell: { openExternal: vi.fn() },
    webContents: { getAllWebContents: () => [] },
  };
});

const trusted = { senderFrame: { url: 'app://studio/index.html', parent: null } };

// importing the shell loads the whole studio core (hundreds of modules): generous runner limit on a loaded machine
describe('desktop shell wiring', { timeout: 60_000 }, () => {
  beforeEach(() => {
    delete process.env.STUDIO_DATA_DIR;
  });

  it('opens one hardened window and registers exactly one IPC handler that serves every contract method', async () => {
    await import('../../../src/main/electron/main');
    fake.ready();
    await vi.waitFor(() => expect(fake.windows.length).toBe(1));
    const prefs = fake.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/);
    await vi.waitFor(() => expect(fake.windows[0]!.loaded).toEqual(['app://studio/index.html']));

    expect([...fake.handlers.keys()]).toEqual([IPC_INVOKE]);
    const invoke = fake.handlers.get(IPC_INVOKE)!;
    for (const method of methodNames) {
      const reply = (await invoke(trusted, method, {})) as { ok: boolean; error?: { code: string } };
      // a handler exists for every method: the answer is a result or a validation error, never "unknown"
      expect(reply.ok || reply.error?.code !== 'unknown_method').toBe(true);
    }
  });

  it('refuses calls from any page that is not the studio UI', async () => {
    const invoke = fake.handlers.get(IPC_INVOKE)!;
    for (const sender of [
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      { senderFrame: { url: 'app://studio/index.html', parent: {} } },
      { senderFrame: null },
    ]) {
      expect(await invoke(sender, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await invoke(trusted, 'app.info', {})).toMatchObject({ ok: true });
  });

  it('preload exposes exactly the contract and nothing else', async () => {
    await import('../../../src/preload/index');
    const bridge = fake.exposed.get('studio') as {
      methods: string[];
      invoke: (m: string, r: unknown) => Promise<unknown>;
    };
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'methods', 'onPush']);
    expect([...bridge.methods].sort()).toEqual([...methodNames].sort());
    await expect(bridge.invoke('fs.readFile', {})).rejects.toThrow(/unknown method/);
    await expect(bridge.invoke('app.info', {})).resolves.toEqual([IPC_INVOKE, 'app.info', {}]);
  });
});
