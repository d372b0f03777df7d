/** Calls `tick` at about `fps`; a tick still running when the next is due is skipped, never queued. */
export class LiveTicker {
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  get running(): boolean {
    return this.timer !== null;
  }

  start(fps: number, tick: () => Promise<void>, onError: (err: Error) => void): void {
    this.stop();
    this.timer = setInterval(
      () => {
        if (this.busy) return;
        this.busy = true;
        tick().then(
          () => (this.busy = false),
          (err: unknown) => {
            this.busy = false;
            onError(err instanceof Error ? err : new Error(String(err)));
          },
        );
      },
      Math.max(1, Math.round(1000 / fps)),
    );
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
