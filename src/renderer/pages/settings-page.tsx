import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Res } from '../../shared/contract';
import type { StationSettingsView } from '../../shared/contract/settings';
import { StationCode } from '../../shared/contract/settings';
import { Operator } from '../../shared/contract/fields';
import { PAPER_SIZES, type PaperSize } from '../../shared/receipt/receipt-data';
import { useClient } from '../api/context';
import { Field } from '../components/field';
import { Banner, ErrorBanner } from '../components/banner';
import { PageHeader } from '../components/page-header';
import { problemOf, type Problem } from '../components/use-api-call';
import { LOCALES, catalogueOf, locale, switchLocale, t, type Locale } from '../i18n';
import './admin.css';
import { CameraSection } from './settings/camera-section';
import { DataFolder } from './settings/data-folder';
import { SyncSection } from './settings/sync-section';

// 设置: station code, operators, receipt printer + paper (test print), default camera, backdrop mode, whether
// e-mail/phone are required at check-in, the data folder, the UI language. Each card saves on its own.

type Status = { tone: 'ok' | 'error'; text: string; fields?: Record<string, string> } | null;
const okStatus = (text: string): Status => ({ tone: 'ok', text });
const errStatus = (p: Problem): Status => ({ tone: 'error', text: p.message, fields: p.fields });

function StatusLine({ status }: { status: Status }) {
  if (!status) return null;
  if (status.tone === 'error') return <ErrorBanner error={status.text} />;
  return <Banner tone="ok">{status.text}</Banner>;
}

export function SettingsPage() {
  const client = useClient();
  const [view, setView] = useState<StationSettingsView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = useCallback(() => {
    client.call('settings.get', {}).then(
      (v) => {
        setView(v);
        setLoadError(null);
      },
      (e: unknown) => setLoadError(problemOf(e).message),
    );
  }, [client]);
  useEffect(() => {
    load();
    return client.subscribe((ev) => {
      if (ev.name === 'settings.updated') setView(ev.data);
    });
  }, [client, load]);

  return (
    <div className="page">
      <PageHeader title={t.settings.title} intro={t.settings.intro} />
      {loadError && (
        <Banner tone="error" action={<button onClick={load}>{t.common.retry}</button>}>
          {loadError}
        </Banner>
      )}
      {!view && !loadError && <p className="muted">{t.common.loading}</p>}
      {view && (
        <div className="settings-grid">
          <div className="stack">
            <StationCard view={view} onSaved={setView} />
            <OperatorsCard view={view} onSaved={setView} />
            <CheckinCard view={view} onSaved={setView} />
            <SyncSection />
          </div>
          <div className="stack">
            <ReceiptCard />
            <CameraSection view={view} onSaved={setView} />
            <LanguageCard />
          </div>
        </div>
      )}
    </div>
  );
}

interface CardProps {
  view: StationSettingsView;
  onSaved: (v: StationSettingsView) => void;
}

function StationCard({ view, onSaved }: CardProps) {
  const client = useClient();
  const [code, setCode] = useState(view.stationCode);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  async function save(e: FormEvent) {
    e.preventDefault();
    const checked = StationCode.safeParse(code);
    if (!checked.success) {
      setStatus({
        tone: 'error',
        text: checked.error.issues[0]!.message,
        fields: { stationCode: checked.error.issues[0]!.message },
      });
      return;
    }
    setBusy(true);
    try {
      const v = await client.call('settings.update', { stationCode: checked.data });
      onSaved(v);
      setCode(v.stationCode);
      setStatus(okStatus(t.settings.station.saved(v.stationCode)));
    } catch (err) {
      setStatus(errStatus(problemOf(err)));
    } finally {
      setBusy(false);
    }
  }
  const fieldError = status?.fields?.stationCode;
  return (
    <form className="card" onSubmit={save} noValidate aria-label={t.settings.station.title}>
      <h2>{t.settings.station.title}</h2>
      <div className="inline-form">
        <Field label={t.settings.station.code} hint={t.settings.station.codeHint} required error={fieldError}>
          <input
            name="stationCode"
            className={fieldError ? 'invalid' : undefined}
            value={code}
            maxLength={8}
            spellCheck={false}
            onChange={(e) => {
              setCode(e.target.value);
              setStatus(null);
            }}
          />
        </Field>
        <button type="submit" disabled={busy}>
          {t.settings.station.save}
        </button>
      </div>
      {status?.tone === 'ok' && <StatusLine status={status} />}
      {status?.tone === 'error' && !fieldError && <StatusLine status={status} />}
      <DataFolder dir={view.dataDir} />
    </form>
  );
}

function OperatorsCard({ view, onSaved }: CardProps) {
  const client = useClient();
  const [name, setName] = useState('');
  const [status, setStatus] = useState<Status>(null);
  // one change at a time, each on the list the station last answered with
  const [busy, setBusy] = useState(false);
  async function save(operators: string[]) {
    setBusy(true);
    try {
      onSaved(await client.call('settings.update', { operators }));
      setStatus(null);
      return true;
    } catch (err) {
      setStatus(errStatus(problemOf(err)));
      return false;
    } finally {
      setBusy(false);
    }
  }
  async function add(e: FormEvent) {
    e.preventDefault();
    const checked = Operator.safeParse(name);
    if (!checked.success) {
      const m = checked.error.issues[0]!.message;
      return setStatus({ tone: 'error', text: m, fields: { name: m } });
    }
    if (view.operators.includes(checked.data)) {
      const m = t.settings.operators.duplicate(checked.data);
      return setStatus({ tone: 'error', text: m, fields: { name: m } });
    }
    if (await save([...view.operators, checked.data])) setName('');
  }
  const fieldError = status?.fields?.name;
  return (
    <form className="card" onSubmit={add} noValidate aria-label={t.settings.operators.title}>
      <h2>{t.settings.operators.title}</h2>
      <p className="muted small">{t.settings.operators.intro}</p>
      {view.operators.length === 0 ? (
        <p className="muted small">{t.settings.operators.empty}</p>
      ) : (
        <ul className="chips" data-testid="operators" aria-label={t.settings.operators.title}>
          {view.operators.map((o) => (
            <li key={o} className="chip">
              {o}
              <button
                type="button"
                aria-label={t.settings.operators.remove(o)}
                disabled={busy}
                onClick={() => void save(view.operators.filter((x) => x !== o))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="inline-form">
        <Field label={t.settings.operators.name} error={fieldError}>
          <input
            name="operatorName"
            className={fieldError ? 'invalid' : undefined}
            value={name}
            maxLength={50}
            onChange={(e) => {
              setName(e.target.value);
              setStatus(null);
            }}
          />
        </Field>
        <button type="submit" disabled={busy}>
          {t.settings.operators.add}
        </button>
      </div>
      {status?.tone === 'error' && !fieldError && <StatusLine status={status} />}
    </form>
  );
}

function CheckinCard({ view, onSaved }: CardProps) {
  const client = useClient();
  const [status, setStatus] = useState<Status>(null);
  // the radio follows the click at once; a refused save puts it back
  const [required, setRequired] = useState(view.contactFieldsRequired);
  useEffect(() => setRequired(view.contactFieldsRequired), [view.contactFieldsRequired]);
  async function choose(next: boolean) {
    setRequired(next);
    try {
      onSaved(await client.call('settings.update', { contactFieldsRequired: next }));
      setStatus(okStatus(t.settings.saved));
    } catch (err) {
      setRequired(view.contactFieldsRequired);
      setStatus(errStatus(problemOf(err)));
    }
  }
  return (
    <section className="card" aria-label={t.settings.checkin.title}>
      <h2>{t.settings.checkin.title}</h2>
      <div className="radio-list" role="radiogroup" aria-label={t.settings.checkin.title}>
        <label className="check">
          <input type="radio" name="contactFieldsRequired" checked={required} onChange={() => void choose(true)} />
          {t.settings.checkin.contactRequired}
        </label>
        <label className="check">
          <input type="radio" name="contactFieldsRequired" checked={!required} onChange={() => void choose(false)} />
          {t.settings.checkin.contactOptional}
        </label>
      </div>
      <p className="muted small">{t.settings.checkin.hint}</p>
      <StatusLine status={status} />
    </section>
  );
}

function ReceiptCard() {
  const client = useClient();
  const [cfg, setCfg] = useState<Res<'receipts.settings'> | null>(null);
  const [paper, setPaper] = useState<PaperSize>('80mm');
  const [printer, setPrinter] = useState('');
  const [status, setStatus] = useState<Status>(null);
  const [testing, setTesting] = useState(false);
  const [testPdf, setTestPdf] = useState<{ url: string; name: string } | null>(null);
  useEffect(() => {
    client.call('receipts.settings', {}).then(
      (s) => {
        setCfg(s);
        setPaper(s.paper);
        setPrinter(s.printer);
      },
      (e: unknown) => setStatus(errStatus(problemOf(e))),
    );
  }, [client]);
  useEffect(() => () => void (testPdf && URL.revokeObjectURL(testPdf.url)), [testPdf]);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (printer.trim().length > 200) {
      return setStatus({
        tone: 'error',
        text: t.settings.receipt.printerTooLong,
        fields: { printer: t.settings.receipt.printerTooLong },
      });
    }
    try {
      const s = await client.call('receipts.configure', { paper, printer });
      setCfg(s);
      setStatus(okStatus(t.settings.receipt.saved));
    } catch (err) {
      setStatus(errStatus(problemOf(err)));
    }
  }
  async function testPrint() {
    setTesting(true);
    setStatus(null);
    setTestPdf(null);
    try {
      const r = await client.call('receipts.testPrint', { paper });
      const bytes = Uint8Array.from(atob(r.pdfBase64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
      setTestPdf({ url, name: r.fileName });
      setStatus(
        okStatus(r.printed ? t.settings.receipt.testPrinted(r.printer ?? '') : t.settings.receipt.testPdf(r.fileName)),
      );
    } catch (err) {
      setStatus(errStatus(problemOf(err)));
    } finally {
      setTesting(false);
    }
  }
  const fieldError = status?.fields?.printer;
  return (
    <form className="card" onSubmit={save} noValidate aria-label={t.settings.receipt.title}>
      <h2>{t.settings.receipt.title}</h2>
      {cfg && (
        <p className="muted small">
          {cfg.silentPrintAvailable ? t.settings.receipt.silent : t.settings.receipt.pdfOnly}
        </p>
      )}
      <div className="row">
        <Field label={t.settings.receipt.paper}>
          <select name="paper" value={paper} onChange={(e) => setPaper(e.target.value as PaperSize)}>
            {PAPER_SIZES.map((p) => (
              <option key={p} value={p}>
                {t.settings.receipt.papers[p] ?? p}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t.settings.receipt.printer} hint={t.settings.receipt.printerHint} error={fieldError}>
          <input
            name="printer"
            className={fieldError ? 'invalid' : undefined}
            value={printer}
            maxLength={200}
            onChange={(e) => {
              setPrinter(e.target.value);
              setStatus(null);
            }}
          />
        </Field>
      </div>
      {status && !fieldError && <StatusLine status={status} />}
      {testPdf && (
        <p className="small">
          <a href={testPdf.url} download={testPdf.name} target="_blank" rel="noreferrer" data-testid="test-print-pdf">
            {t.settings.receipt.openPdf}
          </a>
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={() => void testPrint()} disabled={testing || !cfg}>
          {testing ? t.settings.receipt.testing : t.settings.receipt.test}
        </button>
        <button type="submit" className="primary" disabled={!cfg}>
          {t.settings.receipt.save}
        </button>
      </div>
    </form>
  );
}

function LanguageCard() {
  return (
    <section className="card" aria-label={t.settings.language.title}>
      <h2>{t.settings.language.title}</h2>
      <Field label={t.settings.language.label} hint={t.settings.language.hint}>
        <select
          name="locale"
          value={locale}
          onChange={(e) => {
            const v = e.target.value as Locale;
            if (LOCALES.includes(v)) switchLocale(v);
          }}
        >
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {catalogueOf(l).settings.language.names[l] ?? l}
            </option>
          ))}
        </select>
      </Field>
    </section>
  );
}
