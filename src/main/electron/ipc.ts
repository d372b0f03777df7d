import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { ApiError } from '../../shared/api-error';
import type { PushEvent } from '../../shared/contract';
import type { Studio } from '../core/studio';
import { IPC_INVOKE, IPC_PUSH } from '../../shared/bridge';

export const APP_ORIGIN = 'app://studio';

/** Only our own top-level page may call main. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const url = event.senderFrame?.url ?? '';
  if (!url.startsWith(`${APP_ORIGIN}/`)) return false;
  return event.senderFrame?.parent === null;
}

/** One ipcMain handler carries every contract method; errors return as plain bodies, never stacks. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, studio: Studio): void {
  ipcMain.handle(IPC_INVOKE, async (event, method: unknown, request: unknown) => {
    if (!isTrustedSender(event)) {
      return { ok: false, error: new ApiError('forbidden', '拒绝来自未知页面的调用').toBody() };
    }
    try {
      return { ok: true, value: await studio.dispatch(String(method), request, { transport: 'ipc' }) };
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError('internal', '内部错误');
      return { ok: false, error: e.toBody() };
    }
  });
}

export function forwardPush(studio: Studio, webContents: () => WebContents[]): () => void {
  return studio.bus.subscribe((event: PushEvent) => {
    for (const wc of webContents()) if (!wc.isDestroyed()) wc.send(IPC_PUSH, event);
  });
}
