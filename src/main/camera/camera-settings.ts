import { statSync } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../shared/api-error';
import type { CameraSettingsView } from '../../shared/contract/camera';

/** The station's key/value settings (station_settings); only get/set are needed here. */
export interface CameraSettingsStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

export const HOT_FOLDER_KEY = 'camera_hot_folder';

/**
 * The camera's own 设置: the hot folder. Kept in the station database (survives restarts); STUDIO_HOT_FOLDER is
 * used while 设置 names none (tests, a quick try from the command line).
 */
export class CameraSettings {
  constructor(
    private readonly store: CameraSettingsStore | null,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  hotFolder(): string | null {
    return this.view().hotFolder;
  }

  view(): CameraSettingsView {
    const saved = this.store?.get(HOT_FOLDER_KEY) || null;
    if (saved) return { hotFolder: saved, hotFolderFrom: 'settings' };
    const env = this.env.STUDIO_HOT_FOLDER || null;
    return env ? { hotFolder: env, hotFolderFrom: 'env' } : { hotFolder: null, hotFolderFrom: 'none' };
  }

  /** An existing folder, stored as an absolute path; null or '' clears it. */
  configure(hotFolder: string | null): CameraSettingsView {
    if (!this.store) throw new ApiError('unavailable', '没有数据目录，无法保存相机设置');
    const dir = hotFolder?.trim() || null;
    if (dir) {
      if (!path.isAbsolute(dir)) throw new ApiError('invalid_request', '请填写完整路径，如 D:\\EOS 照片', 'hotFolder');
      if (!isDir(dir)) throw new ApiError('invalid_request', `文件夹不存在：${dir}`, 'hotFolder');
    }
    this.store.set(HOT_FOLDER_KEY, dir ? path.resolve(dir) : '');
    return this.view();
  }
}

function isDir(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
