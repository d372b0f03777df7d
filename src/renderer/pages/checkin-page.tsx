import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../shared/api-error';
import type { Res } from '../../shared/contract';
import type { OrderView, RosterEntryView } from '../../shared/contract/views';
import { useClient } from '../api/context';
import { Field } from '../components/field';
import { t } from '../i18n/zh-CN/index';
import { CameraPicker } from '../station/camera-picker';
import { useLiveSource } from '../station/live-source';
import { LiveView, type LiveViewHandle } from '../station/live-view';
import { scanQr } from '../station/qr-scan';
import { RosterLookup } from '../station/roster-lookup';
import { StationBar, useCurrentEvent } from '../station/station-bar';
import { goTo, updateStation, useStation } from '../station/station-store';
import { PageHeader } from '../components/page-header';

type Decoded = Res<'checkin.decode'>;
const SCAN_EVERY_MS = 250;

const emptyForm = {
  name: '',
  studentNo: '',
  collectionCode: '',
  gender: '',
  idNumber: '',
  major: '',
  featureCode: '',
  idLast4: '',
  email: '',
  phone: '',
};
type FormState = typeof emptyForm;

export function CheckinPage() {
  const client = useClient();
  const station = useStation();
  const event = useCurrentEvent();
  const source = useLiveSource();
  const live = useRef<LiveViewHandle>(null);
  const scannerInput = useRef<HTMLInputElement>(null);
  const [scanText, setScanText] = useState('');
  const [payload, setPayload] = useState<string | null>(null);
  const [decoded, setDecoded] = useState<Decoded | null>(null);
  const [manual, setManual] = useState(false);
  const [rosterEntry, setRosterEntry] = useState<RosterEntryView | null>(null);
  const [form, setForm] = useState<FormState>(emptyForm);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const lastScan = useRef<string>('');

  // 特征码 comes from the school's notice; the event holds the expected one, so offer it (still checked).
  useEffect(() => {
    if (event) setForm((f) => (f.featureCode ? f : { ...f, featureCode: event.featureCode }));
  }, [event]);

  async function decode(text: string) {
    const value = text.trim();
    if (!value) return;
    if (!station.eventId) return setError({ message: t.station.needEvent });
    setError(null);
    try {
      const r = await client.call('checkin.decode', { eventId: station.eventId, payload: value });
      setDecoded(r);
      setPayload(value);
      setManual(false);
      setRosterEntry(null);
      setScanText('');
      setForm((f) => ({ ...emptyForm, featureCode: f.featureCode || event?.featureCode || '' }));
    } catch (err) {
      setError(err instanceof ApiError ? { message: err.message, field: err.field } : { message: String(err) });
    }
  }

  // Scan the live view for a QR code a few times a second; the same code is not decoded twice in a row.
  useEffect(() => {
    const timer = setInterval(() => {
      const frame = live.current?.grab(960);
      if (!frame) return;
      const text = scanQr(frame);
      if (text && text !== lastScan.current) {
        lastScan.current = text;
        void decode(text);
      }
    }, SCAN_EVERY_MS);
    return () => clearInterval(timer);
  });

  const set = (k: keyof FormState) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));

  function openOrder(order: OrderView) {
    updateStation({ orderId: order.id });
    goTo('capture');
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!station.eventId) return setError({ message: t.station.needEvent });
    if (!station.operator.trim()) return setError({ message: t.station.needOperator });
    setBusy(true);
    setError(null);
    const opt = (v: string) => (v.trim() ? v.trim() : undefined);
    try {
      const r = await client.call('checkin.submit', {
        eventId: station.eventId,
        source: manual ? 'manual' : rosterEntry ? 'roster' : 'qr',
        payload: manual || rosterEntry ? undefined : (payload ?? undefined),
        rosterEntryId: rosterEntry?.id,
        name: opt(form.name),
        studentNo: manual ? opt(form.studentNo) : undefined,
        collectionCode: manual ? opt(form.collectionCode) : undefined,
        gender: manual && (form.gender === '男' || form.gender === '女') ? form.gender : undefined,
        idNumber: manual ? opt(form.idNumber) : undefined,
        major: manual ? opt(form.major) : undefined,
        featureCode: form.featureCode,
        idLast4: form.idLast4,
        email: form.email,
        phone: form.phone,
        operator: station.operator,
      });
      lastScan.current = '';
      setDecoded(null);
      setPayload(null);
      setRosterEntry(null);
      setForm({ ...emptyForm, featureCode: event?.featureCode ?? '' });
      openOrder(r.order);
    } catch (err) {
      setError(err instanceof ApiError ? { message: err.message, field: err.field } : { message: String(err) });
    } finally {
      setBusy(false);
    }
  }

  const invalid = (field: string) => (error?.field === field ? 'invalid' : undefined);
  const s = decoded?.student;
  const existing = decoded?.existingOrder ?? null;
  // A student already checked in gets their order opened, not a second check-in form.
  const showForm = manual || rosterEntry !== null || (decoded !== null && !existing);

  const decodedList = s && (
    <dl className="decoded" data-testid="decoded">
      <dt>{t.checkin.fields.name}</dt>
      <dd>{s.nameMasked ?? '—'}</dd>
      <dt>{t.checkin.fields.studentNo}</dt>
      <dd className="mono">{s.studentNo ?? '—'}</dd>
      <dt>{t.checkin.fields.gender}</dt>
      <dd>{s.gender ?? '—'}</dd>
      <dt>{t.checkin.fields.idDisplay}</dt>
      <dd className="mono">{s.idDisplay ?? '—'}</dd>
      <dt>{t.checkin.fields.collectionCode}</dt>
      <dd className="mono">{s.collectionCode}</dd>
      <dt>{t.checkin.fields.major}</dt>
      <dd>{s.major || '—'}</dd>
      <dt>{t.checkin.fields.educationLevel}</dt>
      <dd>{s.educationLevel || '—'}</dd>
      <dt>{t.checkin.fields.educationType}</dt>
      <dd>{s.educationType || '—'}</dd>
      <dt>{t.checkin.fields.campusType}</dt>
      <dd>{s.campusType || '—'}</dd>
      <dt>{t.checkin.fields.schoolCode}</dt>
      <dd className="mono">{s.schoolCode ?? '—'}</dd>
    </dl>
  );

  return (
    <div className="page">
      <PageHeader title={t.checkin.title} intro={t.checkin.intro} />
      <StationBar />
      <div className="two-col">
        <section className="card scan-card">
          <h2>{t.checkin.scanTitle}</h2>
          <CameraPicker />
          <LiveView ref={live} source={source} className="live-small" />
          <p className="muted small">{t.checkin.scanHint}</p>
          <form
            className="scanner-row"
            onSubmit={(e) => {
              e.preventDefault();
              void decode(scanText);
            }}
          >
            <input
              ref={scannerInput}
              aria-label={t.checkin.scannerInput}
              placeholder={t.checkin.scannerPlaceholder}
              value={scanText}
              onChange={(e) => setScanText(e.target.value)}
              autoFocus
              spellCheck={false}
            />
            <button type="submit">{t.checkin.decode}</button>
          </form>
          <div className="actions left">
            <button
              type="button"
              onClick={() => {
                setManual(true);
                setDecoded(null);
                setPayload(null);
                setRosterEntry(null);
              }}
            >
              {t.checkin.manual}
            </button>
          </div>
          <RosterLookup
            eventId={station.eventId}
            onOrder={openOrder}
            onEntry={(entry) => {
              setRosterEntry(entry);
              setDecoded(null);
              setManual(false);
              setError(null);
            }}
          />
        </section>
        <section className="card grow">
          <h2>{t.checkin.formTitle}</h2>
          {!showForm && error && (
            <div className="banner-error" role="alert">
              {error.message}
            </div>
          )}
          {!showForm && !error && <p className="muted">{t.checkin.scanHint}</p>}
          {existing && (
            <div className="banner-warn" role="status">
              {t.checkin.existing(existing.orderNo, existing.stateLabel)}{' '}
              <button type="button" className="primary" onClick={() => openOrder(existing)}>
                {t.checkin.openExisting}
              </button>
            </div>
          )}
          {existing && decodedList}
          {showForm && (
            <form onSubmit={submit} noValidate aria-label={t.checkin.formTitle}>
              {decodedList}
              {rosterEntry && (
                <dl className="decoded" data-testid="roster-entry">
                  <dt>{t.checkin.fields.name}</dt>
                  <dd>{rosterEntry.nameMasked}</dd>
                  <dt>{t.checkin.fields.studentNo}</dt>
                  <dd className="mono">{rosterEntry.studentNo ?? '—'}</dd>
                  <dt>{t.checkin.fields.idDisplay}</dt>
                  <dd className="mono">{rosterEntry.idDisplay ?? '—'}</dd>
                  <dt>{t.checkin.fields.collectionCode}</dt>
                  <dd className="mono">{rosterEntry.collectionCode ?? '—'}</dd>
                  <dt>{t.checkin.fields.major}</dt>
                  <dd>{rosterEntry.major || '—'}</dd>
                  <dt>{t.checkin.fields.educationLevel}</dt>
                  <dd>{rosterEntry.educationLevel || '—'}</dd>
                </dl>
              )}
              {manual && (
                <>
                  <p className="muted small">{t.checkin.manualHint}</p>
                  <div className="row">
                    <Field label={t.checkin.fields.name} required>
                      <input name="name" className={invalid('name')} value={form.name} onChange={set('name')} />
                    </Field>
                    <Field label={t.checkin.fields.studentNo} required>
                      <input
                        name="studentNo"
                        className={invalid('studentNo')}
                        value={form.studentNo}
                        onChange={set('studentNo')}
                      />
                    </Field>
                    <Field label={t.checkin.fields.gender}>
                      <select name="gender" value={form.gender} onChange={set('gender')}>
                        <option value="">—</option>
                        <option value="男">男</option>
                        <option value="女">女</option>
                      </select>
                    </Field>
                  </div>
                  <div className="row">
                    <Field label={t.checkin.fields.idNumber} hint={t.checkin.fields.idNumberHint} required>
                      <input
                        name="idNumber"
                        className={invalid('idNumber')}
                        value={form.idNumber}
                        onChange={set('idNumber')}
                        autoComplete="off"
                      />
                    </Field>
                    <Field label={t.checkin.fields.collectionCode}>
                      <input
                        name="collectionCode"
                        className={invalid('collectionCode')}
                        value={form.collectionCode}
                        onChange={set('collectionCode')}
                      />
                    </Field>
                  </div>
                  <Field label={t.checkin.fields.major}>
                    <input name="major" value={form.major} onChange={set('major')} />
                  </Field>
                </>
              )}
              {!manual && (
                <Field label={t.checkin.fields.fullName} hint={t.checkin.fields.fullNameHint}>
                  <input name="name" className={invalid('name')} value={form.name} onChange={set('name')} />
                </Field>
              )}
              <div className="row">
                <Field label={t.checkin.fields.featureCode} hint={t.checkin.fields.featureCodeHint} required>
                  <input
                    name="featureCode"
                    className={invalid('featureCode')}
                    value={form.featureCode}
                    onChange={set('featureCode')}
                    spellCheck={false}
                  />
                </Field>
                <Field label={t.checkin.fields.idLast4} hint={t.checkin.fields.idLast4Hint} required>
                  <input
                    name="idLast4"
                    className={invalid('idLast4')}
                    value={form.idLast4}
                    onChange={set('idLast4')}
                    maxLength={4}
                    autoComplete="off"
                    autoFocus={!manual}
                  />
                </Field>
              </div>
              <div className="row">
                <Field label={t.checkin.fields.email} hint={t.checkin.fields.emailHint} required>
                  <input
                    name="email"
                    type="email"
                    className={invalid('email')}
                    value={form.email}
                    onChange={set('email')}
                  />
                </Field>
                <Field label={t.checkin.fields.phone} required>
                  <input
                    name="phone"
                    inputMode="tel"
                    className={invalid('phone')}
                    value={form.phone}
                    onChange={set('phone')}
                  />
                </Field>
              </div>
              {error && (
                <div className="banner-error" role="alert">
                  {error.message}
                </div>
              )}
              <div className="actions">
                <button
                  type="button"
                  onClick={() => {
                    setDecoded(null);
                    setManual(false);
                    setRosterEntry(null);
                    setError(null);
                    lastScan.current = '';
                    scannerInput.current?.focus();
                  }}
                >
                  {t.checkin.clear}
                </button>
                <button type="submit" className="primary" disabled={busy}>
                  {busy ? t.checkin.submitting : t.checkin.submit}
                </button>
              </div>
            </form>
          )}
        </section>
      </div>
    </div>
  );
}
