import { useState } from 'react';
import { PageHeader } from '../components/page-header';
import { t } from '../i18n';
import { SHORTCUTS } from '../station/shortcuts';
import { useStation } from '../station/station-store';
import { useCurrentEvent } from '../station/station-bar';
import './admin.css';

// 帮助: the station's keyboard shortcuts (from the one definition the pages bind, station/shortcuts.ts) and the
// event checklist (from the two operating manuals in the seeds), ticked per event on this machine.

const KEY = 'studio.checklist';

function readTicks(): Record<string, string[]> {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '{}') as unknown;
    return v && typeof v === 'object' ? (v as Record<string, string[]>) : {};
  } catch {
    return {};
  }
}

export function HelpPage() {
  const { eventId } = useStation();
  const event = useCurrentEvent();
  const scope = eventId ?? '-';
  const [all, setAll] = useState(readTicks);
  const ticked = new Set(all[scope] ?? []);
  const total = t.help.checklist.reduce((n, s) => n + s.items.length, 0);

  function save(next: Set<string>) {
    const updated = { ...all, [scope]: [...next] };
    setAll(updated);
    localStorage.setItem(KEY, JSON.stringify(updated));
  }
  function toggle(id: string) {
    const next = new Set(ticked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    save(next);
  }

  return (
    <div className="page">
      <PageHeader title={t.help.title} intro={t.help.intro} />
      <div className="help-grid">
        <div style={{ display: 'grid', gap: 16, minWidth: 0 }}>
          <section className="card" aria-label={t.help.shortcutsTitle}>
            <h2>{t.help.shortcutsTitle}</h2>
            <table className="table" data-testid="shortcuts">
              <thead>
                <tr>
                  <th>{t.help.key}</th>
                  <th>{t.help.action}</th>
                  <th>{t.help.where}</th>
                </tr>
              </thead>
              <tbody>
                {SHORTCUTS.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <kbd>{s.keyLabel}</kbd>
                    </td>
                    <td>{t.help.shortcuts[s.id] ?? s.id}</td>
                    <td className="muted">{t.help.places[s.where] ?? s.where}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted small">{t.help.typingNote}</p>
          </section>
          <section className="card" aria-label={t.help.codesTitle} data-testid="codes-help">
            <h2>{t.help.codesTitle}</h2>
            <h3>{t.help.qrTitle}</h3>
            <p className="small">{t.help.qrWhere}</p>
            <p className="small">{t.help.qrCarries}</p>
            <table className="table small" data-testid="qr-fields">
              <tbody>
                {t.help.qrFields.map(([field, rule]) => (
                  <tr key={field}>
                    <th scope="row">{field}</th>
                    <td>{rule}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="small muted">{t.help.qrFormats}</p>
            <h3>{t.help.featureTitle}</h3>
            <p className="small">{t.help.featureText}</p>
            <h3>{t.help.scanFailTitle}</h3>
            <ol className="small" data-testid="scan-fail-steps">
              {t.help.scanFailSteps.map((step) => (
                <li key={step}>{step}</li>
              ))}
            </ol>
          </section>
        </div>
        <section className="card checklist" aria-label={t.help.checklistTitle} data-testid="checklist">
          <div className="card-title-row">
            <h2>{t.help.checklistTitle}</h2>
            <span className="small muted" data-testid="checklist-progress">
              {t.help.progress(ticked.size, total)}
            </span>
          </div>
          <p className="small muted">{event ? t.help.checklistEvent(event.schoolName) : t.help.checklistNoEvent}</p>
          {t.help.checklist.map((section, si) => (
            <div key={section.title}>
              <h3>{section.title}</h3>
              <ul>
                {section.items.map((item, ii) => {
                  const id = `${si}.${ii}`;
                  const done = ticked.has(id);
                  return (
                    <li key={id} className={done ? 'done' : undefined}>
                      <label>
                        <input type="checkbox" checked={done} onChange={() => toggle(id)} />
                        <span>{item}</span>
                      </label>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
          <div className="actions">
            <button type="button" onClick={() => save(new Set())} disabled={ticked.size === 0}>
              {t.help.reset}
            </button>
          </div>
        </section>
      </div>
    </div>
  );
}
