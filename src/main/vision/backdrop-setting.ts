import { DEFAULT_BACKDROP, isBackdropMode, type BackdropMode } from '../../shared/spec/backdrop';

/** The station's backdrop mode, kept in the station settings (survives restarts); 'replace' until set. */
export interface BackdropSetting {
  get(): BackdropMode;
  set(mode: BackdropMode): void;
}

const KEY = 'backdrop';

export function backdropSetting(store: { get(key: string): string | null; set(key: string, value: string): void }) {
  const setting: BackdropSetting = {
    get() {
      const v = store.get(KEY);
      return isBackdropMode(v) ? v : DEFAULT_BACKDROP;
    },
    set(mode) {
      store.set(KEY, mode);
    },
  };
  return setting;
}

/** In memory (tests, tools without a database). */
export function memoryBackdropSetting(initial: BackdropMode = DEFAULT_BACKDROP): BackdropSetting {
  let mode = initial;
  return { get: () => mode, set: (m) => (mode = m) };
}
