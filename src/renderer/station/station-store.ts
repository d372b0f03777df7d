import { useSyncExternalStore } from 'react';

// The station works on one event at a time, with one operator and one student in front of the camera.
// Kept in localStorage so a restart or reload resumes where the photographer was.

export interface StationState {
  eventId: string | null;
  operator: string;
  /** The order of the student being served (set by 签到, used by 拍摄 and 收费). */
  orderId: string | null;
}

const KEY = 'studio.station';
const listeners = new Set<() => void>();

function read(): StationState {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<StationState>;
    return {
      eventId: typeof raw.eventId === 'string' ? raw.eventId : null,
      operator: typeof raw.operator === 'string' ? raw.operator : '',
      orderId: typeof raw.orderId === 'string' ? raw.orderId : null,
    };
  } catch {
    return { eventId: null, operator: '', orderId: null };
  }
}

let state = read();

export function updateStation(patch: Partial<StationState>): void {
  state = { ...state, ...patch };
  localStorage.setItem(KEY, JSON.stringify(state));
  for (const l of listeners) l();
}

export function useStation(): StationState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

/** Go to another page of the station (hash route). */
export function goTo(route: string): void {
  window.location.hash = `#/${route}`;
}
