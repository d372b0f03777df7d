// The photographer's auto-capture choice, kept for this window across page switches and restarts.
const KEY = 'studio.autoCapture';

export interface AutoCapturePrefs {
  auto: boolean;
  /** Passing analysed frames in a row before the shutter fires. */
  frames: number;
}

export const DEFAULT_AUTO_CAPTURE: AutoCapturePrefs = { auto: false, frames: 8 };

export function clampFrames(n: number): number {
  return Math.min(60, Math.max(1, Math.round(Number.isFinite(n) ? n : 1)));
}

export function readAutoCapture(): AutoCapturePrefs {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<AutoCapturePrefs>;
    return {
      auto: raw.auto === true,
      frames: typeof raw.frames === 'number' ? clampFrames(raw.frames) : DEFAULT_AUTO_CAPTURE.frames,
    };
  } catch {
    return DEFAULT_AUTO_CAPTURE;
  }
}

export function saveAutoCapture(p: AutoCapturePrefs): void {
  localStorage.setItem(KEY, JSON.stringify(p));
}
