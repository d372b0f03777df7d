// Quitting the desktop app waits for the studio's ordered close (camera → vision workers → database): a vision
// worker terminated inside an ONNX run would abort the process, and the database must close after its writers.

export interface QuitEvent {
  preventDefault(): void;
}

export interface QuittingApp {
  on(event: 'will-quit', listener: (event: QuitEvent) => void): unknown;
  quit(): void;
}

/** will-quit is held (preventDefault) until `close()` settles, then app.quit() runs again and goes through. */
export function closeBeforeQuit(
  app: QuittingApp,
  close: () => Promise<void>,
  log: (msg: string, err?: unknown) => void = (msg, err) => console.error(`[studio] ${msg}`, err ?? ''),
): void {
  let state: 'open' | 'closing' | 'closed' = 'open';
  app.on('will-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    close()
      .catch((err: unknown) => log('closing the studio failed', err))
      .finally(() => {
        state = 'closed';
        app.quit();
      });
  });
}
