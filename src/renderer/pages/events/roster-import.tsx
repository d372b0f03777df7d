import { useEffect, useRef, useState } from 'react';
import type { RosterImportResult } from '../../../shared/contract/views';
import type { StudioEvent } from '../../../shared/domain/event';
import { MAX_ROSTER_BASE64 } from '../../../shared/contract/roster';
import { useApiCall } from '../../components/use-api-call';
import { Banner, ErrorBanner } from '../../components/banner';
import { Field } from '../../components/field';
import { t } from '../../i18n';

// 导入学校名单: pick the event and a CSV/XLSX file, watch the progress (reading the file, then the import on the
// station), then the count and every rejected row with its line number and reason.

const MAX_FILE_BYTES = Math.floor((MAX_ROSTER_BASE64 / 4) * 3);
const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Phase = { kind: 'idle' } | { kind: 'reading'; pct: number } | { kind: 'importing' } | { kind: 'done' };

/** The file as base64 (without the data: prefix), reporting how much has been read. */
function readAsBase64(file: File, onProgress: (pct: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.readAsDataURL(file);
  });
}

export function RosterImport(props: {
  events: StudioEvent[];
  eventId: string | null;
  onEventChange: (id: string) => void;
  /** Put the focus on 选择文件 once this event is the chosen one (right after it was created). */
  focusFor?: string | null;
  onFocused?: () => void;
}) {
  const importCall = useApiCall('roster.import');
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [fields, setFields] = useState<Record<string, string>>({});
  const [result, setResult] = useState<RosterImportResult | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const chooseRef = useRef<HTMLButtonElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const eventId = props.eventId ?? '';
  const { focusFor, onFocused } = props;

  useEffect(() => {
    if (!focusFor || focusFor !== eventId) return;
    chooseRef.current?.focus();
    chooseRef.current?.scrollIntoView({ block: 'nearest' });
    onFocused?.();
  }, [focusFor, eventId, onFocused]);

  // a new event or file: the previous result no longer applies
  useEffect(() => {
    setResult(null);
    setPhase({ kind: 'idle' });
  }, [eventId, file]);

  function pick(f: File | null) {
    setFields({});
    importCall.reset();
    setFile(f);
  }

  async function start() {
    const problems: Record<string, string> = {};
    if (!eventId) problems.eventId = t.events.roster.needEvent;
    if (!file) problems.file = t.events.roster.needFile;
    else if (!/\.(csv|xlsx)$/i.test(file.name)) problems.file = t.events.roster.badType;
    else if (file.size > MAX_FILE_BYTES) problems.file = t.events.roster.tooLarge;
    setFields(problems);
    if (Object.keys(problems).length > 0 || !file) return;
    setResult(null);
    setPhase({ kind: 'reading', pct: 0 });
    let contentBase64: string;
    try {
      contentBase64 = await readAsBase64(file, (pct) => setPhase({ kind: 'reading', pct }));
    } catch {
      setPhase({ kind: 'idle' });
      setFields({ file: t.events.roster.needFile });
      return;
    }
    setPhase({ kind: 'importing' });
    const r = await importCall.run({ eventId, fileName: file.name, contentBase64 });
    setPhase(r ? { kind: 'done' } : { kind: 'idle' });
    if (r) setResult(r);
  }

  // 开始导入 is disabled while it runs, so the cursor fell to the page body (new-user trial): it goes to what the
  // import found — the rejected rows when there are any, else the result line
  useEffect(() => {
    if (!result) return;
    const el = resultRef.current;
    (el?.querySelector<HTMLElement>('[data-testid=roster-rejected]') ?? el)?.focus();
  }, [result]);

  const busy = phase.kind === 'reading' || phase.kind === 'importing';
  const problem = importCall.state.problem;
  const progressValue = phase.kind === 'reading' ? phase.pct * 0.4 : phase.kind === 'importing' ? undefined : 100;
  return (
    <section className="card" aria-label={t.events.roster.title} data-testid="roster-import">
      <h2>{t.events.roster.title}</h2>
      <p className="muted small">{t.events.roster.intro}</p>
      <div className="row">
        <Field label={t.events.roster.event} required error={fields.eventId ?? problem?.fields.eventId}>
          <select
            aria-label={t.events.roster.event}
            className={fields.eventId ? 'invalid' : undefined}
            value={eventId}
            onChange={(e) => props.onEventChange(e.target.value)}
          >
            <option value="">{t.events.roster.chooseEvent}</option>
            {props.events.map((ev) => (
              <option key={ev.id} value={ev.id}>
                {ev.schoolName} · {ev.date}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label={t.events.roster.file}
          required
          error={fields.file ?? problem?.fields.contentBase64 ?? problem?.fields.fileName}
        >
          <div className="file-pick">
            <button
              type="button"
              ref={chooseRef}
              // inside the field's <label> the button would be named by the label text, not by what it does
              aria-label={t.events.roster.choose}
              onClick={() => inputRef.current?.click()}
              disabled={busy}
            >
              {t.events.roster.choose}
            </button>
            <span className="muted small ellipsis" title={file?.name}>
              {file?.name ?? t.events.roster.noFile}
            </span>
            <input
              ref={inputRef}
              type="file"
              accept={ACCEPT}
              aria-label={t.events.roster.file}
              data-testid="roster-file"
              hidden
              onChange={(e) => pick(e.target.files?.[0] ?? null)}
            />
          </div>
        </Field>
      </div>
      {phase.kind !== 'idle' && (
        <div className="import-progress">
          <progress max={100} value={progressValue} aria-label={t.events.roster.title} />
          <span className="small muted">
            {phase.kind === 'reading'
              ? t.events.roster.reading(phase.pct)
              : phase.kind === 'importing'
                ? t.events.roster.uploading
                : t.events.roster.done}
          </span>
        </div>
      )}
      {problem && !(problem.fields.eventId || problem.fields.contentBase64 || problem.fields.fileName) && (
        <ErrorBanner error={problem} testId="roster-error" />
      )}
      {result && (
        <div data-testid="roster-result" ref={resultRef} tabIndex={-1}>
          <Banner tone={result.rejected.length > 0 ? 'warn' : 'ok'}>
            {t.events.roster.result(result.imported, result.inserted, result.updated)}
            {result.rejected.length > 0 ? `；${t.events.roster.rejectedTitle(result.rejected.length)}` : ''}
          </Banner>
          {result.rejected.length === 0 ? (
            <p className="muted small">{t.events.roster.noneRejected}</p>
          ) : (
            <div className="rejected-rows">
              <table className="table" data-testid="roster-rejected" tabIndex={-1}>
                <thead>
                  <tr>
                    <th>{t.events.roster.line}</th>
                    <th>{t.events.roster.reason}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.rejected.map((r) => (
                    <tr key={`${r.line}-${r.reason}`}>
                      <td className="mono">{t.events.roster.lineLabel(r.line)}</td>
                      <td>{r.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={() => void start()} disabled={busy}>
          {t.events.roster.start}
        </button>
      </div>
    </section>
  );
}
