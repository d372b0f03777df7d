import { useEffect, useState } from 'react';
import type { CameraStatus } from '../../shared/contract/camera';
import { useClient } from '../api/context';
import { subscribeShared } from './push-hub';

/** The station camera's status (selected device, live view, last error), kept current by camera.status pushes. */
export function useCameraStatus(): CameraStatus | null {
  const client = useClient();
  const [status, setStatus] = useState<CameraStatus | null>(null);
  useEffect(() => {
    let alive = true;
    client.call('camera.status', {}).then(
      (s) => alive && setStatus(s),
      () => undefined,
    );
    const off = subscribeShared(client, (ev) => {
      if (ev.name === 'camera.status') setStatus(ev.data);
    });
    return () => {
      alive = false;
      off();
    };
  }, [client]);
  return status;
}
