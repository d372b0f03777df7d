// Stage timestamps of one capture, taken by the capture flow itself (not a parallel reimplementation), so the
// shutter benchmark (scripts/bench/shutter.ts) and the logs see where the time of a real capture went. Times are
// performance.now() milliseconds: one clock for the whole process, so a caller (the camera, a benchmark) can put
// its own marks on the same line. Stages may overlap (the original is stored while the photo is produced).

export interface StageSpan {
  /** performance.now() at the start and the end of the stage. */
  start: number;
  end: number;
}

export class StageClock {
  readonly spans: Record<string, StageSpan> = {};
  readonly start: number;

  constructor(start = performance.now()) {
    this.start = start;
  }

  /** Time an asynchronous stage; the span is recorded whether it resolves or throws. */
  async time<T>(stage: string, fn: () => Promise<T> | T): Promise<T> {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      this.spans[stage] = { start, end: performance.now() };
    }
  }

  /** Parts of a stage timed by the code it called (e.g. production's own laps): name → ms, not on the line. */
  readonly parts: Record<string, number> = {};

  /** Record a stage timed elsewhere, from `start` to `end` (default now). */
  record(stage: string, start: number, end = performance.now()): void {
    this.spans[stage] = { start, end };
  }

  /** Stage → duration in ms (0.1 ms), the parts, and `total`: the clock's start to the end of the last stage. */
  durations(): Record<string, number> {
    const out: Record<string, number> = { ...this.parts };
    let last = this.start;
    for (const [k, s] of Object.entries(this.spans)) {
      out[k] = round1(s.end - s.start);
      last = Math.max(last, s.end);
    }
    out.total = round1(last - this.start);
    return out;
  }
}

const round1 = (v: number) => Math.round(v * 10) / 10;
