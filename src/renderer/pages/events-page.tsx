import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { businessDay } from '../../shared/domain/business-time';
import { ApiError } from '../../shared/api-error';
import { formatFen, parseYuan, type StudioEvent } from '../../shared/domain/event';
import { useClient } from '../api/context';
import { Field } from '../components/field';
import { t } from '../i18n/zh-CN/index';
import { PageHeader } from '../components/page-header';

const today = () => businessDay(new Date().toISOString());

const emptyForm = () => ({
  schoolName: '',
  schoolCode: '',
  featureCode: '',
  date: today(),
  fee: '15.00',
  shippingRegion: '',
  shippingAddress: '',
  stationName: '',
});

export function EventsPage() {
  const client = useClient();
  const [events, setEvents] = useState<StudioEvent[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [form, setForm] = useState(emptyForm);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(() => {
    client.call('events.list', {}).then(
      (r) => {
        setEvents(r.events);
        setLoadError(null);
      },
      (e: unknown) => setLoadError(e instanceof Error ? e.message : String(e)),
    );
  }, [client]);

  useEffect(() => {
    load();
    return client.subscribe((ev) => {
      if (ev.name === 'event.created') load();
    });
  }, [client, load]);

  const set = (k: keyof ReturnType<typeof emptyForm>) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    const feeFen = parseYuan(form.fee);
    if (feeFen === null) {
      setError({ message: t.events.feeInvalid, field: 'feeFen' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await client.call('events.create', {
        schoolName: form.schoolName,
        schoolCode: form.schoolCode,
        featureCode: form.featureCode,
        date: form.date,
        feeFen,
        shippingRegion: form.shippingRegion,
        shippingAddress: form.shippingAddress,
        stationName: form.stationName,
      });
      setNotice(t.events.created(created.schoolName));
      setForm(emptyForm());
      load();
    } catch (err) {
      setError(err instanceof ApiError ? { message: err.message, field: err.field } : { message: String(err) });
    } finally {
      setBusy(false);
    }
  }

  const invalid = (field: string) => (error?.field === field ? 'invalid' : undefined);

  return (
    <div className="page">
      <PageHeader title={t.events.title} intro={t.events.intro} />
      <div className="two-col">
        <form className="card" onSubmit={submit} noValidate aria-label={t.events.create}>
          <h2>{t.events.create}</h2>
          <Field label={t.events.schoolName} required>
            <input
              name="schoolName"
              className={invalid('schoolName')}
              value={form.schoolName}
              onChange={set('schoolName')}
              maxLength={100}
            />
          </Field>
          <div className="row">
            <Field label={t.events.schoolCode} hint={t.events.schoolCodeHint} required>
              <input
                name="schoolCode"
                className={invalid('schoolCode')}
                value={form.schoolCode}
                onChange={set('schoolCode')}
                inputMode="numeric"
                maxLength={5}
              />
            </Field>
            <Field label={t.events.date} required>
              <input name="date" type="date" className={invalid('date')} value={form.date} onChange={set('date')} />
            </Field>
          </div>
          <Field label={t.events.featureCode} hint={t.events.featureCodeHint} required>
            <input
              name="featureCode"
              className={invalid('featureCode')}
              value={form.featureCode}
              onChange={set('featureCode')}
              maxLength={64}
              spellCheck={false}
            />
          </Field>
          <div className="row">
            <Field label={t.events.fee} required>
              <input
                name="fee"
                className={invalid('feeFen')}
                value={form.fee}
                onChange={set('fee')}
                inputMode="decimal"
              />
            </Field>
            <Field label={t.events.mode}>
              <input value={t.events.modeCentralized} readOnly disabled />
            </Field>
          </div>
          <Field label={t.events.shippingRegion}>
            <input name="shippingRegion" value={form.shippingRegion} onChange={set('shippingRegion')} maxLength={100} />
          </Field>
          <Field label={t.events.shippingAddress}>
            <input
              name="shippingAddress"
              value={form.shippingAddress}
              onChange={set('shippingAddress')}
              maxLength={200}
            />
          </Field>
          <Field label={t.events.stationName}>
            <input name="stationName" value={form.stationName} onChange={set('stationName')} maxLength={50} />
          </Field>
          {error && (
            <div className="banner-error" role="alert">
              {error.message}
            </div>
          )}
          {notice && (
            <div className="banner-ok" role="status">
              {notice}
            </div>
          )}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t.common.saving : t.events.create}
            </button>
          </div>
        </form>
        <section className="card grow">
          <h2>{t.events.listTitle}</h2>
          {loadError && (
            <div className="banner-error" role="alert">
              {loadError} <button onClick={load}>{t.common.retry}</button>
            </div>
          )}
          {events === null && !loadError && <p className="muted">{t.common.loading}</p>}
          {events?.length === 0 && <p className="muted">{t.events.empty}</p>}
          {events && events.length > 0 && (
            <table className="table" data-testid="events-table">
              <thead>
                <tr>
                  <th>{t.events.columns.school}</th>
                  <th>{t.events.columns.code}</th>
                  <th>{t.events.columns.feature}</th>
                  <th>{t.events.columns.date}</th>
                  <th className="num">{t.events.columns.fee}</th>
                  <th>{t.events.columns.station}</th>
                </tr>
              </thead>
              <tbody>
                {events.map((ev) => (
                  <tr key={ev.id}>
                    <td>{ev.schoolName}</td>
                    <td className="mono">{ev.schoolCode}</td>
                    <td className="mono ellipsis" title={ev.featureCode}>
                      {ev.featureCode}
                    </td>
                    <td>{ev.date}</td>
                    <td className="num">¥{formatFen(ev.feeFen)}</td>
                    <td>{ev.stationName || '—'}</td>
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
