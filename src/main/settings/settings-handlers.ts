import type { HandlerGroup } from '../kernel/handlers';
import type { PushBus } from '../kernel/push-bus';
import type { SettingsService } from './settings-service';

export function settingsHandlers(
  settings: SettingsService,
  bus: PushBus,
): HandlerGroup<'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => settings.view(),
    'settings.update': (req) => {
      const view = settings.update(req);
      bus.emit({ name: 'settings.updated', data: view });
      return view;
    },
  };
}
