import {
  parseContactFieldsRequired,
  STATION_SETTING_KEYS as K,
  type StationSettingsView,
} from '../../shared/contract/settings';
import type { ParsedReq } from '../../shared/contract';
import { DEFAULT_STATION_CODE } from '../station';

/** The key/value table station_settings (records module); only get/set are needed here. */
export interface SettingsStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

function readOperators(stored: string | null): string[] {
  if (!stored) return [];
  try {
    const v = JSON.parse(stored) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** 设置: station code, operators, required contact fields, default camera — read and written as one view. */
export class SettingsService {
  constructor(
    private readonly store: SettingsStore,
    private readonly dataDir: string,
  ) {}

  view(): StationSettingsView {
    return {
      stationCode: this.store.get(K.stationCode) ?? DEFAULT_STATION_CODE,
      operators: readOperators(this.store.get(K.operators)),
      contactFieldsRequired: parseContactFieldsRequired(this.store.get(K.contactFieldsRequired)),
      defaultCameraId: this.store.get(K.defaultCamera) || null,
      dataDir: this.dataDir,
    };
  }

  /** The camera to open first when it is connected (null: the selection rule). */
  defaultCameraId(): string | null {
    return this.store.get(K.defaultCamera) || null;
  }

  /** Only the fields given change; the request schema has already validated and normalised them. */
  update(input: ParsedReq<'settings.update'>): StationSettingsView {
    if (input.stationCode !== undefined) this.store.set(K.stationCode, input.stationCode);
    if (input.operators !== undefined) this.store.set(K.operators, JSON.stringify(input.operators));
    if (input.contactFieldsRequired !== undefined)
      this.store.set(K.contactFieldsRequired, input.contactFieldsRequired ? '1' : '0');
    if (input.defaultCameraId !== undefined) this.store.set(K.defaultCamera, input.defaultCameraId ?? '');
    return this.view();
  }
}
