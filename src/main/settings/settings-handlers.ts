import type { HandlerGroup } from '../kernel/handlers';
import type { PushBus } from '../kernel/push-bus';
import type { SettingsService } from './settings-service';

/**
 * settings.get / settings.update. A changed default camera is followed at once (`defaultCameraChanged`: the station
 * camera opens it when connected), whichever client changed it, so every open 拍摄 shows the new camera.
 */
export function settingsHandlers(
  settings: SettingsService,
  bus: PushBus,
  opts: { defaultCameraChanged?: () => Promise<unknown>; log?: (msg: string, err?: unknown) => void } = {},
): HandlerGroup<'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => settings.view(),
    'settings.update': async (req) => {
      const before = settings.defaultCameraId();
      const view = settings.update(req);
      bus.emit({ name: 'settings.updated', data: view });
      if (view.defaultCameraId !== before && opts.defaultCameraChanged) {
        // the setting is saved either way; a camera that fails to open says so in its camera.status
        await opts
          .defaultCameraChanged()
          .catch((err: unknown) => opts.log?.('settings: default camera not opened', err));
      }
      return view;
    },
  };
}
