import { describe, expect, it } from 'vitest';
import { closeBeforeQuit, type QuitEvent } from '../../../src/main/electron/quit';

// The desktop app's will-quit: held until the studio's async close has finished, then quit goes through once.
function fakeApp() {
  let listener: ((e: QuitEvent) => void) | null = null;
  const app = {
    quits: 0,
    on: (_: 'will-quit', l: (e: QuitEvent) => void) => (listener = l),
    quit: () => app.quits++,
    /** Emits will-quit; true when a listener held it. */
    willQuit: () => {
      let held = false;
      listener!({ preventDefault: () => (held = true) });
      return held;
    },
  };
  return app;
}

describe('closeBeforeQuit', () => {
  it('prevents the quit, closes the studio, then quits again and lets that one through', async () => {
    const app = fakeApp();
    let finish!: () => void;
    let closes = 0;
    closeBeforeQuit(app, () => {
      closes++;
      return new Promise<void>((r) => (finish = r));
    });
    expect(app.willQuit()).toBe(true);
    expect(app.willQuit()).toBe(true); // a second Quit while closing is held too, and closes nothing twice
    expect(closes).toBe(1);
    expect(app.quits).toBe(0);
    finish();
    await new Promise((r) => setImmediate(r));
    expect(app.quits).toBe(1);
    expect(app.willQuit()).toBe(false);
  });

  it('still quits when closing fails, and logs why', async () => {
    const app = fakeApp();
    const logged: string[] = [];
    closeBeforeQuit(
      app,
      () => Promise.reject(new Error('disk gone')),
      (m, e) => logged.push(`${m}: ${(e as Error).message}`),
    );
    expect(app.willQuit()).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(app.quits).toBe(1);
    expect(logged).toEqual(['closing the studio failed: disk gone']);
  });
});
