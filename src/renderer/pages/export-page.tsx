import { subscribeShared } from '../station/push-hub';
import { useEffect, useRef, useState } from 'react';
import type { Res } from '../../shared/contract';
import { exportDownloadPath } from '../../shared/export/download';
import { DEFAULT_NAME_RULE } from '../../shared/export/naming-rule';
import { withAccessToken } from '../api/client';
import { useClient } from '../api/context';
import { Field } from '../components/field';
import { t } from '../i18n/zh-CN/index';
import { StationBar } from '../station/station-bar';
import { useStation } from '../station/station-store';
import { PageHeader } from '../components/page-header';

type Preview = Res<'exports.preview'>;
type RunResult = Res<'exports.run'>;

export function ExportPage() {
  const client = useClient();
  const station = useStation();
  const [nameRule, setNameRule] = useState(DEFAULT_NAME_RULE);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; current: string } | null>(null);
  const [result, setResult] = useState<RunResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const job = useRef('');
  const resultRef = useRef<HTMLDivElement>(null);
  // 开始导出 is disabled while it runs (the cursor fell to the page body: new-user trial): when it is done the
  // cursor goes to the ZIP download (browser), else to the result line; refused, to the reason
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!result) return;
    const el = resultRef.current;
    (el?.querySelector<HTMLElement>('a') ?? el)?.focus();
  }, [result]);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  useEffect(
    () =>
      subscribeShared(client, (ev) => {
        if (ev.name === 'export.progress' && ev.data.jobId === job.current)
          setProgress({ done: ev.data.entriesDone, total: ev.data.entriesTotal, current: ev.data.current });
      }),
    [client],
  );

  async function doPreview() {
    if (!station.eventId) return setError(t.station.needEvent);
    setError(null);
    try {
      setPreview(await client.call('exports.preview', { eventId: station.eventId, nameRule }));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  async function run() {
    if (!station.eventId) return setError(t.station.needEvent);
    setBusy(true);
    setError(null);
    setResult(null);
    job.current = `ui-${Date.now()}`;
    setProgress({ done: 0, total: preview?.files.length ?? 0, current: '' });
    try {
      const r = await client.call('exports.run', { eventId: station.eventId, nameRule, jobId: job.current });
      setResult(r);
      setProgress((p) => (p ? { ...p, done: p.total } : p));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const pct = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;

  return (
    <div className="page">
      <PageHeader title={t.exportPage.title} intro={t.exportPage.intro} />
      <StationBar />
      <div className="two-col">
        <section className="card" style={{ width: 480, flexShrink: 0 }}>
          <Field label={t.exportPage.nameRule} hint={t.exportPage.nameRuleHint} required>
            <input value={nameRule} onChange={(e) => setNameRule(e.target.value)} maxLength={120} spellCheck={false} />
          </Field>
          {preview && <p>{t.exportPage.files(preview.files.length)}</p>}
          {progress && (
            <>
              <div
                className="progress"
                role="progressbar"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={pct}
                data-testid="export-progress"
              >
                <div style={{ width: `${pct}%` }} />
              </div>
              <p className="muted small">
                {t.exportPage.progress(progress.done, progress.total)} {progress.current}
              </p>
            </>
          )}
          {error && (
            <div className="banner-error" role="alert" ref={errorRef} tabIndex={-1} data-testid="export-error">
              {error}
            </div>
          )}
          {result && (
            <div className="banner-ok" role="status" ref={resultRef} tabIndex={-1} data-testid="export-result">
              {t.exportPage.done(result.exported, result.zipPath)}
              {!window.studio && (
                <div className="actions" data-testid="export-downloads">
                  {(['zip', 'csv', 'xlsx'] as const).map((kind) => (
                    <a
                      key={kind}
                      className={kind === 'zip' ? 'button primary' : 'button'}
                      href={withAccessToken(exportDownloadPath(result[`${kind}Path`]))}
                      download
                    >
                      {t.exportPage.download[kind]}
                    </a>
                  ))}
                </div>
              )}
            </div>
          )}
          <div className="actions">
            <button type="button" onClick={() => void doPreview()}>
              {t.exportPage.preview}
            </button>
            <button type="button" className="primary" disabled={busy} onClick={() => void run()}>
              {busy ? t.exportPage.running : t.exportPage.run}
            </button>
          </div>
        </section>
        <section className="card grow">
          <h2>{t.exportPage.filesTitle}</h2>
          {preview && preview.problems.length > 0 && (
            <>
              <h2>{t.exportPage.problems}</h2>
              <ul className="reasons">
                {preview.problems.map((p, i) => (
                  <li key={i}>
                    {p.orderNo}：{p.message}
                  </li>
                ))}
              </ul>
            </>
          )}
          {preview && preview.excluded.length > 0 && (
            <>
              <h2>{t.exportPage.excluded}</h2>
              <table className="table">
                <thead>
                  <tr>
                    <th>{t.exportPage.columns.orderNo}</th>
                    <th>{t.exportPage.columns.reason}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.excluded.map((x) => (
                    <tr key={x.orderNo}>
                      <td className="mono">{x.orderNo}</td>
                      <td>{x.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {!preview && <p className="muted">{t.exportPage.previewHint}</p>}
          {preview && preview.files.length > 0 && (
            <table className="table" style={{ marginTop: 12 }}>
              <thead>
                <tr>
                  <th>{t.exportPage.columns.orderNo}</th>
                  <th>{t.exportPage.columns.fileName}</th>
                </tr>
              </thead>
              <tbody>
                {preview.files.map((f) => (
                  <tr key={f.orderNo}>
                    <td className="mono">{f.orderNo}</td>
                    <td className="mono">{f.fileName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </div>
  );
}
