import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { CameraDevice, CameraSettingsView, CameraStatus } from '../../../shared/contract/camera';
import type { StationSettingsView } from '../../../shared/contract/settings';
import { BACKDROP_MODES, type BackdropMode } from '../../../shared/spec/backdrop';
import { useClient } from '../../api/context';
import { Banner } from '../../components/banner';
import { Field } from '../../components/field';
import { problemOf } from '../../components/problem';
import { t } from '../../i18n';
import { CameraHelp } from '../../station/camera-help';

// 设置 → 相机与背景: the default camera (kept in the station database, opened first after a restart), the hot
// folder of the tethering software, the backdrop mode, and what to do when the chosen camera is not there.

type Status = { tone: 'ok' | 'error'; text: string } | null;

export function CameraSection({
  view,
  onSaved,
}: {
  view: StationSettingsView;
  onSaved: (v: StationSettingsView) => void;
}) {
  const client = useClient();
  const [devices, setDevices] = useState<CameraDevice[] | null>(null);
  const [camStatus, setCamStatus] = useState<CameraStatus | null>(null);
  const [backdrop, setBackdrop] = useState<BackdropMode | null>(null);
  const [cam, setCam] = useState<CameraSettingsView | null>(null);
  const [folder, setFolder] = useState('');
  const [folderError, setFolderError] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const fail = (e: unknown) => setStatus({ tone: 'error', text: problemOf(e).message });

  const list = useCallback(
    (refresh: boolean) =>
      client.call('camera.list', { refresh }).then(
        (r) => {
          setDevices(r.devices);
          setCamStatus(r.status);
        },
        (e: unknown) => setStatus({ tone: 'error', text: problemOf(e).message }),
      ),
    [client],
  );
  useEffect(() => {
    void list(false);
    client.call('vision.settings', {}).then(
      (s) => setBackdrop(s.backdrop),
      (e: unknown) => setStatus({ tone: 'error', text: problemOf(e).message }),
    );
    client.call('camera.settings', {}).then(
      (s) => {
        setCam(s);
        setFolder(s.hotFolderFrom === 'settings' ? (s.hotFolder ?? '') : '');
      },
      (e: unknown) => setStatus({ tone: 'error', text: problemOf(e).message }),
    );
  }, [client, list]);

  async function chooseCamera(id: string) {
    try {
      onSaved(await client.call('settings.update', { defaultCameraId: id || null }));
      setStatus({ tone: 'ok', text: t.settings.camera.saved });
      // and use it now: a hot folder is watched from this moment (a camera not connected is opened later)
      if (id) await client.call('camera.select', { id }).catch(() => undefined);
    } catch (err) {
      fail(err);
    }
  }
  async function chooseBackdrop(mode: BackdropMode) {
    const before = backdrop;
    setBackdrop(mode);
    try {
      setBackdrop((await client.call('vision.setBackdrop', { backdrop: mode })).backdrop);
      setStatus({ tone: 'ok', text: t.settings.camera.backdropSaved });
    } catch (err) {
      setBackdrop(before);
      fail(err);
    }
  }
  async function saveFolder(e: FormEvent, value: string | null) {
    e.preventDefault();
    setFolderError(null);
    try {
      const s = await client.call('camera.configure', { hotFolder: value });
      setCam(s);
      setFolder(s.hotFolderFrom === 'settings' ? (s.hotFolder ?? '') : '');
      setStatus({ tone: 'ok', text: value ? t.camera.settings.hotFolderSaved : t.camera.settings.hotFolderCleared });
      await list(true);
    } catch (err) {
      const p = problemOf(err);
      if (p.fields.hotFolder) setFolderError(p.fields.hotFolder);
      else fail(err);
    }
  }

  const defaultId = view.defaultCameraId;
  const known = devices?.some((d) => d.id === defaultId) ?? true;
  const hotId = devices?.find((d) => d.kind === 'hotfolder')?.id ?? null;
  const gone = devices !== null && defaultId !== null && !known;
  const goneKind = defaultId ? (defaultId.split(':')[0] as CameraDevice['kind']) : null;
  return (
    <section className="card" aria-label={t.settings.camera.title} data-testid="settings-camera">
      <h2>{t.settings.camera.title}</h2>
      <div className="inline-form">
        <Field label={t.settings.camera.defaultCamera} hint={t.settings.camera.cameraHint}>
          <select name="defaultCamera" value={defaultId ?? ''} onChange={(e) => void chooseCamera(e.target.value)}>
            <option value="">{t.settings.camera.auto}</option>
            {defaultId && !known && (
              <option value={defaultId}>
                {defaultId} {t.settings.camera.notConnected}
              </option>
            )}
            {devices?.map((d) => (
              <option key={d.id} value={d.id}>
                {t.camera.kinds[d.kind] ?? d.kind} · {d.label}
              </option>
            ))}
          </select>
        </Field>
        <button type="button" onClick={() => void list(true)}>
          {t.settings.camera.refresh}
        </button>
      </div>
      {(gone || camStatus?.error) && (
        <div className="banner-warn" data-testid="camera-gone">
          {gone && <p>{t.camera.settings.gone}</p>}
          <CameraHelp kind={gone ? goneKind : (camStatus?.selected?.kind ?? null)} error={camStatus?.error} />
        </div>
      )}
      {cam && (
        <form className="inline-form" style={{ marginTop: 12 }} onSubmit={(e) => void saveFolder(e, folder)} noValidate>
          <Field label={t.camera.settings.hotFolder} hint={t.camera.settings.hotFolderHint} error={folderError}>
            <input
              name="hotFolder"
              className={folderError ? 'invalid' : undefined}
              value={folder}
              placeholder={cam?.hotFolderFrom === 'env' ? (cam.hotFolder ?? '') : undefined}
              onChange={(e) => {
                setFolder(e.target.value);
                setFolderError(null);
              }}
            />
          </Field>
          <button type="submit" className="primary">
            {t.camera.settings.hotFolderSave}
          </button>
          {cam?.hotFolderFrom === 'settings' && (
            <button type="button" onClick={(e) => void saveFolder(e, null)}>
              {t.camera.settings.hotFolderClear}
            </button>
          )}
          {hotId && hotId !== defaultId && (
            <button type="button" onClick={() => void chooseCamera(hotId)}>
              {t.camera.settings.useHotFolder}
            </button>
          )}
        </form>
      )}
      {cam?.hotFolderFrom === 'env' && cam.hotFolder && (
        <p className="muted small">{t.camera.settings.hotFolderFromEnv(cam.hotFolder)}</p>
      )}
      {backdrop && (
        <div className="field" style={{ marginTop: 12 }}>
          <span className="field-label">{t.settings.camera.backdrop}</span>
          <div className="radio-list" role="radiogroup" aria-label={t.settings.camera.backdrop}>
            {BACKDROP_MODES.map((m) => (
              <label key={m} className="check">
                <input type="radio" name="backdrop" checked={backdrop === m} onChange={() => void chooseBackdrop(m)} />
                {t.capture.backdropModes[m]}
              </label>
            ))}
          </div>
          <span className="field-hint">{t.capture.backdropHint}</span>
        </div>
      )}
      {status && <Banner tone={status.tone}>{status.text}</Banner>}
    </section>
  );
}
