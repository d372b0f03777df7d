import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { formatFen, type StudioEvent } from '../../shared/domain/event';
import { useClient } from '../api/context';
import { Field } from '../components/field';
import { Banner, ErrorBanner } from '../components/banner';
import { ConfirmDialog } from '../components/dialog';
import { problemOf, type Problem } from '../components/use-api-call';
import { PageHeader } from '../components/page-header';
import { t } from '../i18n';
import { useStation } from '../station/station-store';
import { checkEventForm, emptyEventForm, firstProblemInput, formOfEvent, type EventForm } from './events/event-form';
import { RosterImport } from './events/roster-import';
import './admin.css';

// 采集活动: create, edit and archive events (archived ones hidden unless asked for, and restorable), and import
// a school's roster into one of them.

export function EventsPage() {
  const client = useClient();
  const station = useStation();
  const [events, setEvents] = useState<StudioEvent[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<StudioEvent | null>(null);
  const [form, setForm] = useState<EventForm>(emptyEventForm);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [archiveTarget, setArchiveTarget] = useState<StudioEvent | null>(null);
  const [listNotice, setListNotice] = useState<string | null>(null);
  const [listProblem, setListProblem] = useState<Problem | null>(null);
  const [importEventId, setImportEventId] = useState<string | null>(station.eventId);
  // after a new event the next thing to do is its roster: the importer gets the focus once the event is listed
  const [focusImportFor, setFocusImportFor] = useState<string | null>(null);

  const load = useCallback(() => {
    client.call('events.list', { includeArchived: true }).then(
      (r) => {
        setEvents(r.events);
        setLoadError(null);
      },
      (e: unknown) => setLoadError(problemOf(e).message),
    );
  }, [client]);

  useEffect(() => {
    load();
    return client.subscribe((ev) => {
      if (ev.name === 'event.created' || ev.name === 'event.updated') load();
    });
  }, [client, load]);

  const set = (k: keyof EventForm) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [k]: e.target.value }));
    setProblem((p) => {
      if (!p) return p;
      const key = k === 'fee' ? 'feeFen' : k;
      if (!p.fields[key]) return p;
      const fields = { ...p.fields };
      delete fields[key];
      return { ...p, fields };
    });
  };

  function startEdit(ev: StudioEvent) {
    setEditing(ev);
    setForm(formOfEvent(ev));
    setProblem(null);
    setNotice(null);
  }

  function stopEdit() {
    setEditing(null);
    setForm(emptyEventForm());
    setProblem(null);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const form0 = e.currentTarget as HTMLFormElement;
    setNotice(null);
    const checked = checkEventForm(form);
    if (!checked.ok) {
      setProblem({ message: Object.values(checked.fields)[0]!, fields: checked.fields, code: 'invalid_request' });
      focusFirstProblem(form0, checked.fields);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const saved = editing
        ? await client.call('events.update', { id: editing.id, ...checked.input })
        : await client.call('events.create', checked.input);
      setNotice(editing ? t.events.updated(saved.schoolName) : t.events.created(saved.schoolName));
      if (!editing) {
        setImportEventId(saved.id);
        setFocusImportFor(saved.id);
      }
      setEditing(null);
      setForm(emptyEventForm());
      load();
    } catch (err) {
      const p = problemOf(err);
      setProblem(p);
      focusFirstProblem(form0, p.fields);
    } finally {
      setBusy(false);
    }
  }

  /** After a failed submit the cursor goes to the first red field (it stayed on the button: new-user trial). */
  function focusFirstProblem(formEl: HTMLFormElement, fields: Record<string, string>) {
    const name = firstProblemInput(fields);
    const el = name ? formEl.elements.namedItem(name) : null;
    if (el instanceof HTMLElement) el.focus();
  }

  async function setArchived(ev: StudioEvent, archived: boolean) {
    setListNotice(null);
    setListProblem(null);
    try {
      const r = await client.call('events.archive', { id: ev.id, archived });
      setListNotice(archived ? t.events.archived(r.schoolName) : t.events.restored(r.schoolName));
      if (archived && editing?.id === ev.id) stopEdit();
      if (archived && importEventId === ev.id) setImportEventId(null);
      load();
    } catch (err) {
      setListProblem(problemOf(err));
    }
  }

  const err = (field: string) => problem?.fields[field];
  const invalid = (field: string) => (err(field) ? 'invalid' : undefined);
  // one line above the buttons: the problem itself, or how many fields to fix (each message is at its field)
  const nFields = problem ? Object.keys(problem.fields).length : 0;
  const formProblem = !problem ? null : nFields > 1 ? t.events.problems(nFields) : problem.message;
  const formTitle = editing ? t.events.edit : t.events.create;
  const active = events?.filter((e) => !e.archivedAt) ?? [];
  const shown = showArchived ? events : events && active;

  return (
    <div className="page">
      <PageHeader title={t.events.title} intro={t.events.intro} />
      <div className="two-col">
        <form className="card" onSubmit={submit} noValidate aria-label={formTitle} data-testid="event-form">
          <h2>{formTitle}</h2>
          <Field label={t.events.schoolName} required error={err('schoolName')}>
            <input
              name="schoolName"
              className={invalid('schoolName')}
              value={form.schoolName}
              onChange={set('schoolName')}
              maxLength={100}
            />
          </Field>
          <div className="row">
            <Field label={t.events.schoolCode} hint={t.events.schoolCodeHint} required error={err('schoolCode')}>
              <input
                name="schoolCode"
                className={invalid('schoolCode')}
                value={form.schoolCode}
                onChange={set('schoolCode')}
                inputMode="numeric"
                maxLength={5}
              />
            </Field>
            <Field label={t.events.date} required error={err('date')}>
              <input name="date" type="date" className={invalid('date')} value={form.date} onChange={set('date')} />
            </Field>
          </div>
          <Field label={t.events.featureCode} hint={t.events.featureCodeHint} required error={err('featureCode')}>
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
            <Field label={t.events.fee} required error={err('feeFen')}>
              <input
                name="fee"
                className={invalid('feeFen')}
                value={form.fee}
                onChange={set('fee')}
                inputMode="decimal"
                maxLength={9}
              />
            </Field>
            <Field label={t.events.mode}>
              <input value={t.events.modeCentralized} readOnly disabled />
            </Field>
          </div>
          <Field label={t.events.shippingRegion} error={err('shippingRegion')}>
            <input
              name="shippingRegion"
              className={invalid('shippingRegion')}
              value={form.shippingRegion}
              onChange={set('shippingRegion')}
              maxLength={100}
            />
          </Field>
          <Field label={t.events.shippingAddress} error={err('shippingAddress')}>
            <input
              name="shippingAddress"
              className={invalid('shippingAddress')}
              value={form.shippingAddress}
              onChange={set('shippingAddress')}
              maxLength={200}
            />
          </Field>
          <Field label={t.events.stationName} error={err('stationName')}>
            <input
              name="stationName"
              className={invalid('stationName')}
              value={form.stationName}
              onChange={set('stationName')}
              maxLength={50}
            />
          </Field>
          <ErrorBanner error={formProblem} />
          {notice && <Banner tone="ok">{notice}</Banner>}
          <div className="actions">
            {editing && (
              <button type="button" onClick={stopEdit}>
                {t.events.cancelEdit}
              </button>
            )}
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t.common.saving : editing ? t.events.saveEdit : t.events.create}
            </button>
          </div>
        </form>
        <div className="grow stack">
          <section className="card">
            <div className="card-title-row">
              <h2>{t.events.listTitle}</h2>
              <label className="check">
                <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
                {t.events.showArchived}
              </label>
            </div>
            {loadError && (
              <Banner tone="error" action={<button onClick={load}>{t.common.retry}</button>}>
                {loadError}
              </Banner>
            )}
            <ErrorBanner error={listProblem} />
            {listNotice && <Banner tone="info">{listNotice}</Banner>}
            {events === null && !loadError && <p className="muted">{t.common.loading}</p>}
            {events?.length === 0 && <p className="muted">{t.events.empty}</p>}
            {events && events.length > 0 && shown?.length === 0 && <p className="muted">{t.events.emptyActive}</p>}
            {shown && shown.length > 0 && (
              <table className="table" data-testid="events-table">
                <thead>
                  <tr>
                    <th>{t.events.columns.school}</th>
                    <th>{t.events.columns.date}</th>
                    <th className="num">{t.events.columns.fee}</th>
                    <th>{t.events.actions}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((ev) => (
                    <tr key={ev.id} className={ev.archivedAt ? 'archived' : undefined} data-testid="event-row">
                      <td>
                        <div>
                          {ev.schoolName}
                          {ev.archivedAt && <span className="tag-archived">{t.events.archivedBadge}</span>}
                        </div>
                        <div className="small muted event-meta" title={ev.featureCode}>
                          {t.events.columns.code} <span className="mono">{ev.schoolCode}</span> ·{' '}
                          {t.events.columns.feature} <span className="mono">{ev.featureCode}</span>
                          {ev.stationName && ` · ${ev.stationName}`}
                        </div>
                      </td>
                      <td className="nowrap">{ev.date}</td>
                      <td className="num">¥{formatFen(ev.feeFen)}</td>
                      <td className="row-actions">
                        {!ev.archivedAt && (
                          <>
                            <button type="button" className="link" onClick={() => startEdit(ev)}>
                              {t.events.editAction}
                            </button>
                            <button type="button" className="link" onClick={() => setImportEventId(ev.id)}>
                              {t.events.importAction}
                            </button>
                            <button type="button" className="link" onClick={() => setArchiveTarget(ev)}>
                              {t.events.archive}
                            </button>
                          </>
                        )}
                        {ev.archivedAt && (
                          <button type="button" className="link" onClick={() => void setArchived(ev, false)}>
                            {t.events.restore}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <RosterImport
            events={active}
            eventId={active.some((e) => e.id === importEventId) ? importEventId : null}
            onEventChange={(id) => setImportEventId(id || null)}
            focusFor={focusImportFor}
            onFocused={() => setFocusImportFor(null)}
          />
        </div>
      </div>
      <ConfirmDialog
        open={archiveTarget !== null}
        title={t.events.archiveTitle}
        message={archiveTarget ? t.events.archiveMessage(archiveTarget.schoolName, archiveTarget.date) : ''}
        confirmLabel={t.events.archive}
        onCancel={() => setArchiveTarget(null)}
        onConfirm={() => {
          const target = archiveTarget;
          setArchiveTarget(null);
          if (target) void setArchived(target, true);
        }}
      />
    </div>
  );
}
