import { useEffect, useState } from 'react';
import type { StationSettingsView } from '../../shared/contract/settings';
import { useClient } from '../api/context';
import { usePush } from './push-hub';

/** The station's settings (设置), kept current by settings.updated pushes; null until loaded or unavailable. */
export function useStationSettings(): StationSettingsView | null {
  const client = useClient();
  const [settings, setSettings] = useState<StationSettingsView | null>(null);
  useEffect(() => {
    let live = true;
    client.call('settings.get', {}).then(
      (s) => live && setSettings(s),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client]);
  usePush((ev) => {
    if (ev.name === 'settings.updated') setSettings(ev.data);
  });
  return settings;
}
