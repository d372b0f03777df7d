import { useSyncExternalStore } from 'react';
import { withAccessToken } from '../api/client';

// Where live frames come from: the station camera (MJPEG from main) or a webcam Chromium sees itself.
export type LiveSource = 'station' | 'browser';
const KEY = 'studio.liveSource';
const listeners = new Set<() => void>();
let current: LiveSource = localStorage.getItem(KEY) === 'browser' ? 'browser' : 'station';

export function setLiveSource(s: LiveSource): void {
  current = s;
  localStorage.setItem(KEY, s);
  for (const l of listeners) l();
}

export function useLiveSource(): LiveSource {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}

/** The MJPEG stream URL, carrying the access token when the UI was opened with one. */
export function liveStreamUrl(): string {
  return withAccessToken('/camera/live.mjpeg');
}
