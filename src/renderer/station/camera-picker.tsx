import { subscribeShared } from './push-hub';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CameraDevice, CameraStatus } from '../../shared/contract/camera';
import { useClient } from '../api/context';
import { t } from '../i18n/zh-CN/index';
import { setLiveSource, useLiveSource } from './live-source';

/** Source (station camera / browser webcam), device choice, and the replay camera's "next student". */
export function CameraPicker() {
  const client = useClient();
  const source = useLiveSource();
  const [devices, setDevices] = useState<CameraDevice[]>([]);
  const [status, setStatus] = useState<CameraStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  // camera.status pushes seen: a list answered after a newer push keeps the pushed status
  const pushes = useRef(0);
  const load = useCallback(
    (refresh: boolean) => {
      const seen = pushes.current;
      return client.call('camera.list', { refresh }).then(
        (r) => {
          setDevices(r.devices);
          if (pushes.current === seen) setStatus(r.status);
        },
        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
      );
    },
    [client],
  );

  // a camera chosen elsewhere (设置 in another window, the API) that this list does not know yet: read the list again
  const [unlisted, setUnlisted] = useState<string | null>(null);
  useEffect(() => {
    void load(false);
    return subscribeShared(client, (ev) => {
      if (ev.name !== 'camera.status') return;
      pushes.current++;
      setStatus(ev.data);
      setUnlisted(ev.data.selected?.id ?? null);
    });
  }, [client, load]);
  const reloadedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!unlisted || reloadedFor.current === unlisted || devices.some((d) => d.id === unlisted)) return;
    reloadedFor.current = unlisted; // once per camera: a device the main's list lacks too is not asked for again
    void load(false);
  }, [unlisted, devices, load]);

  const run = (p: Promise<CameraStatus>) =>
    p.then(
      (s) => {
        setStatus(s);
        setError(null);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );

  return (
    <div className="camera-picker">
      <select aria-label={t.camera.source} value={source} onChange={(e) => setLiveSource(e.target.value as 'station')}>
        <option value="station">{t.camera.sourceStation}</option>
        <option value="browser">{t.camera.sourceBrowser}</option>
      </select>
      {source === 'station' && (
        <>
          <select
            aria-label={t.camera.device}
            value={status?.selected?.id ?? ''}
            onChange={(e) => void run(client.call('camera.select', { id: e.target.value }))}
          >
            {!status?.selected && <option value="">{t.camera.device}</option>}
            {devices.map((d) => (
              <option key={d.id} value={d.id}>
                {d.kind === 'replay' ? d.label : `${t.camera.kinds[d.kind]} · ${d.label}`}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => void load(true)}>
            {t.camera.refresh}
          </button>
          {status?.selected?.kind === 'replay' && (
            <button type="button" onClick={() => void run(client.call('camera.next', {}))}>
              {t.camera.nextSample}
              {status.sample ? `（${status.sample}）` : ''}
            </button>
          )}
        </>
      )}
      {(error ?? status?.error) && <span className="picker-error">{error ?? status?.error}</span>}
    </div>
  );
}
