import { useEffect, useState } from 'react';
import type { CameraStatus } from '../../shared/contract/camera';
import { useClient } from '../api/context';
import { subscribeShared } from './push-hub';

/**
 * The station camera's status (selected device, live view, last error), kept current by camera.status pushes — also
 * when another client (设置 in another window, the API) changes the camera. The host pushes the status as a stream
 * connects, so a change made while this page was opening is not missed; a push is newer than the first read.
 */
export function useCameraStatus(): CameraStatus | null {
  const client = useClient();
  const [status, setStatus] = useState<CameraStatus | null>(null);
  useEffect(() => {
    let alive = true;
    let pushed = false;
    const off = subscribeShared(client, (ev) => {
      if (ev.name !== 'camera.status') return;
      pushed = true;
      setStatus(ev.data);
    });
    client.call('camera.status', {}).then(
      (s) => alive && !pushed && setStatus(s),
      () => undefined,
    );
    return () => {
      alive = false;
      off();
    };
  }, [client]);
  return status;
}
