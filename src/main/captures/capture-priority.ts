// A capture in production comes first: while one runs, live-view analysis stands aside (its frames are answered
// as dropped, as when a newer frame replaces one), so the capture's analysis and 初审 do not queue behind live
// frames on the vision workers or share the station's cores with them. Live checks resume with the next frame.

export class CapturePriority {
  private running = 0;

  /** True while at least one capture is being produced. */
  get busy(): boolean {
    return this.running > 0;
  }

  async during<T>(fn: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await fn();
    } finally {
      this.running--;
    }
  }
}

interface LiveAnalysis<R> {
  analyze(frame: Uint8Array, opts?: { profileId?: string; newSubject?: boolean }): Promise<R>;
}

/**
 * The live analysis, paused while a capture is produced. A frame that brought a new sitter (`newSubject`) while
 * paused is not forgotten: the next analysed frame starts the new sitter's statuses afresh.
 */
export function yieldingToCaptures<R>(
  live: LiveAnalysis<R>,
  priority: CapturePriority,
  dropped: () => R,
): LiveAnalysis<R> {
  let resetDue = false;
  return {
    analyze(frame, opts = {}) {
      if (priority.busy) {
        resetDue ||= opts.newSubject === true;
        return Promise.resolve(dropped());
      }
      const o = resetDue ? { ...opts, newSubject: true } : opts;
      resetDue = false;
      return live.analyze(frame, o);
    },
  };
}
