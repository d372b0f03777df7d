import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { SYNC_TOPIC_LABELS, type SyncStatus, type SyncTestConnectionResult } from '../../../shared/contract/sync';
import { businessTime } from '../../../shared/domain/business-time';
import { useClient } from '../../api/context';
import { Banner } from '../../components/banner';
import { Field } from '../../components/field';
import { problemOf } from '../../components/problem';
import { t } from '../../i18n';
import './sync-section.css';

// 设置 → 同步（中心服务器）: server URL, station token (write-only: only its last characters come back) and the
// pinned certificate fingerprint (sync.configure); and the sync worker's status as it changes (sync.status push):
// queue length per topic, parked items with the server's message and 重试, last success, the upload in progress.

type Note = { tone: 'ok' | 'error'; text: string } | null;
const PARKED_SHOWN = 5;

export function SyncSection() {
  const client = useClient();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [serverUrl, setServerUrl] = useState('');
  const [token, setToken] = useState('');
  const [fingerprint, setFingerprint] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [note, setNote] = useState<Note>(null);
  const [busy, setBusy] = useState(false);
  // 测试连接 (also run by 保存): its answer beside the address; an address that fails it is saved only when the
  // operator ticks 仍然保存 (an event can start offline)
  const [conn, setConn] = useState<SyncTestConnectionResult | 'testing' | null>(null);
  const [saveOffline, setSaveOffline] = useState(false);

  // fields the operator typed in since the last load: the first sync.status answer may arrive after they started
  // typing, and must not wipe what they typed
  const edited = useRef(new Set<string>());
  const fill = useCallback((s: SyncStatus) => {
    setStatus(s);
    if (!edited.current.has('serverUrl')) setServerUrl(s.serverUrl ?? '');
    if (!edited.current.has('fingerprint')) setFingerprint(s.fingerprint ?? '');
  }, []);
  useEffect(() => {
    client.call('sync.status', {}).then(fill, (e: unknown) => setNote({ tone: 'error', text: problemOf(e).message }));
    return client.subscribe((ev) => {
      if (ev.name === 'sync.status') setStatus(ev.data);
    });
  }, [client, fill]);

  async function configure(req: { serverUrl: string | null; token?: string; fingerprint?: string | null }, ok: string) {
    setBusy(true);
    setFields({});
    try {
      const saved = await client.call('sync.configure', req);
      edited.current.clear(); // what was typed is what is saved now
      fill(saved);
      setToken('');
      setNote({ tone: 'ok', text: ok });
    } catch (err) {
      const p = problemOf(err);
      setFields(p.fields);
      setNote(Object.keys(p.fields).length ? null : { tone: 'error', text: p.message });
    } finally {
      setBusy(false);
    }
  }
  function connectionRequest() {
    return {
      serverUrl: serverUrl.trim(),
      ...(token.trim() ? { token: token.trim() } : {}),
      fingerprint: fingerprint.trim() || null,
    };
  }
  async function testConnection(): Promise<SyncTestConnectionResult | null> {
    setConn('testing');
    try {
      const r = await client.call('sync.testConnection', connectionRequest());
      setConn(r);
      return r;
    } catch (err) {
      setConn(null);
      setNote({ tone: 'error', text: problemOf(err).message });
      return null;
    }
  }
  async function save(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!serverUrl.trim()) missing.serverUrl = t.sync.needServerUrl;
    if (!token.trim() && !status?.tokenHint) missing.token = t.sync.needToken;
    if (Object.keys(missing).length) {
      setFields(missing);
      return;
    }
    setBusy(true);
    const tested = await testConnection();
    setBusy(false);
    if (!tested) return;
    // only an address that cannot be reached now may be kept (an event can start offline); a wrong address,
    // token or certificate is said beside its field and never saved
    if (!tested.ok && tested.problem !== 'unreachable') {
      setNote({ tone: 'error', text: t.sync.notSavedFix });
      return;
    }
    if (!tested.ok && !saveOffline) {
      setNote({ tone: 'error', text: t.sync.needOfflineChoice });
      return;
    }
    await configure(connectionRequest(), tested.ok ? t.sync.saved : t.sync.savedOffline(tested.message));
  }
  async function retry() {
    try {
      const r = await client.call('sync.retryParked', {});
      setStatus(r.status);
      setNote({ tone: 'ok', text: t.sync.retried(r.requeued) });
    } catch (err) {
      setNote({ tone: 'error', text: problemOf(err).message });
    }
  }
  const edit = (key: string, set: (v: string) => void) => (v: string) => {
    edited.current.add(key);
    set(v);
    setNote(null);
    setConn(null);
    setSaveOffline(false);
    if (fields[key]) setFields(({ [key]: _, ...rest }) => rest);
  };

  // a failed 测试连接 is said under the field it concerns (a problem found by 保存's own checks comes first)
  const failed = conn && conn !== 'testing' && !conn.ok ? conn : null;
  const concerns = failed ? CONCERNS[failed.problem] : null;
  const errorOf = (key: 'serverUrl' | 'token' | 'fingerprint') =>
    fields[key] ?? (concerns === key ? failed!.message : undefined);

  const s = status;
  const topics = s ? Object.entries(s.pendingByTopic).filter(([, n]) => n > 0) : [];
  return (
    <section className="card sync-section" aria-label={t.sync.title}>
      <h2>{t.sync.title}</h2>
      <p className="muted small">{t.sync.intro}</p>
      {s && (
        <dl className="sync-status" data-testid="sync-status">
          <dt>{t.sync.state}</dt>
          <dd>
            <span className={`sync-state sync-state-${s.state}`}>{t.sync.states[s.state]}</span>
            {s.state === 'waiting' && s.nextAttemptAt && (
              <span className="muted small"> · {t.sync.nextAttempt(businessTime(s.nextAttemptAt))}</span>
            )}
          </dd>
          <dt>{t.sync.reviewMode}</dt>
          <dd>{s.localReview ? t.sync.reviewModes.local : t.sync.reviewModes.central}</dd>
          <dt>{t.sync.pending}</dt>
          <dd data-testid="sync-pending">
            {s.pending}
            {topics.length > 0 && (
              <span className="muted small"> （{topics.map(([k, n]) => `${topicName(k)} ${n}`).join(' · ')}）</span>
            )}
          </dd>
          <dt>{t.sync.sent}</dt>
          <dd>
            {s.sentCount}
            {s.reviewsApplied > 0 && <span className="muted small"> · {t.sync.reviewsApplied(s.reviewsApplied)}</span>}
          </dd>
          <dt>{t.sync.photos}</dt>
          <dd>{t.sync.photosValue(s.photosSent, (s.bytesSent / 1e6).toFixed(1))}</dd>
          <dt>{t.sync.lastSuccess}</dt>
          <dd>{s.lastSuccessAt ? businessTime(s.lastSuccessAt) : t.sync.never}</dd>
          {s.lastError && s.pending > 0 && (
            <>
              <dt>{t.sync.lastError}</dt>
              <dd className="sync-error">{s.lastError.message}</dd>
            </>
          )}
        </dl>
      )}
      {s?.upload && (
        <div className="sync-upload">
          <span className="small">
            {t.sync.uploading(s.upload.orderNo ?? '—', percent(s.upload.bytesSent, s.upload.bytesTotal))}
          </span>
          <progress max={s.upload.bytesTotal} value={s.upload.bytesSent} />
        </div>
      )}
      {s && s.parkedCount > 0 && (
        <div className="sync-parked" role="alert">
          <div className="sync-parked-head">
            <strong>{t.sync.parked(s.parkedCount)}</strong>
            <button type="button" onClick={() => void retry()}>
              {t.sync.retry}
            </button>
          </div>
          <ul>
            {s.parked.slice(0, PARKED_SHOWN).map((p) => (
              <li key={p.id}>
                <span className="muted small">{t.sync.parkedItem(p.topicLabel, p.orderNo ?? '—')}</span>
                <span className="sync-error">{p.error}</span>
              </li>
            ))}
          </ul>
          {s.parkedCount > PARKED_SHOWN && <p className="muted small">{t.sync.more(s.parkedCount - PARKED_SHOWN)}</p>}
        </div>
      )}
      <form onSubmit={(e) => void save(e)} noValidate>
        <Field label={t.sync.serverUrl} hint={t.sync.serverUrlHint} required error={errorOf('serverUrl')}>
          <input
            name="serverUrl"
            className={errorOf('serverUrl') ? 'invalid' : undefined}
            value={serverUrl}
            spellCheck={false}
            placeholder="https://"
            onChange={(e) => edit('serverUrl', setServerUrl)(e.target.value)}
          />
        </Field>
        <Field
          label={t.sync.token}
          hint={s?.tokenHint ? t.sync.tokenStored(s.tokenHint) : t.sync.tokenHint}
          required={!s?.tokenHint}
          error={errorOf('token')}
        >
          <input
            name="token"
            type="password"
            autoComplete="off"
            className={errorOf('token') ? 'invalid' : undefined}
            value={token}
            spellCheck={false}
            placeholder={s?.tokenHint ?? ''}
            onChange={(e) => edit('token', setToken)(e.target.value)}
          />
        </Field>
        <Field label={t.sync.fingerprint} hint={t.sync.fingerprintHint} error={errorOf('fingerprint')}>
          <input
            name="fingerprint"
            className={errorOf('fingerprint') ? 'invalid' : undefined}
            value={fingerprint}
            spellCheck={false}
            onChange={(e) => edit('fingerprint', setFingerprint)(e.target.value)}
          />
        </Field>
        {conn && (
          <p
            className={`small ${conn === 'testing' ? 'muted' : conn.ok ? 'sync-conn-ok' : 'sync-error'}`}
            data-testid="sync-connection"
            role="status"
          >
            {conn === 'testing'
              ? t.sync.testing
              : conn.ok
                ? t.sync.connectionOk(conn.version)
                : t.sync.connectionFailed}
          </p>
        )}
        {failed?.problem === 'unreachable' && (
          <label className="small sync-offline">
            <input type="checkbox" checked={saveOffline} onChange={(e) => setSaveOffline(e.target.checked)} />{' '}
            {t.sync.saveOffline}
          </label>
        )}
        <div className="inline-form">
          <button
            type="button"
            disabled={busy || conn === 'testing' || !serverUrl.trim()}
            onClick={() => void testConnection()}
          >
            {t.sync.testConnection}
          </button>
          <button type="submit" className="primary" disabled={busy || conn === 'testing'}>
            {t.sync.save}
          </button>
          {s?.configured && (
            <button
              type="button"
              disabled={busy}
              onClick={() => void configure({ serverUrl: null }, t.sync.disconnected)}
            >
              {t.sync.disconnect}
            </button>
          )}
        </div>
      </form>
      {note && <Banner tone={note.tone}>{note.text}</Banner>}
    </section>
  );
}

/** The field a failed connection test is about. */
const CONCERNS: Record<
  Exclude<SyncTestConnectionResult, { ok: true }>['problem'],
  'serverUrl' | 'token' | 'fingerprint'
> = {
  format: 'serverUrl',
  unreachable: 'serverUrl',
  server: 'serverUrl',
  credentials: 'token',
  certificate: 'fingerprint',
};

function percent(sent: number, total: number): number {
  return total > 0 ? Math.floor((sent / total) * 100) : 0;
}

/** Queue topics as the station names them (the same labels the API gives parked items). */
function topicName(topic: string): string {
  return (SYNC_TOPIC_LABELS as Record<string, string>)[topic] ?? topic;
}
