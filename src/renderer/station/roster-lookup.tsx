import { useState, type FormEvent } from 'react';
import type { OrderView, RosterEntryView } from '../../shared/contract/views';
import { useClient } from '../api/context';
import { t } from '../i18n/zh-CN/index';
import { screenName } from '../../shared/domain/masking';

/** Find a student in the school's roster (学号, 采集码 or 姓名) when there is no QR to scan. */
export function RosterLookup(props: {
  eventId: string | null;
  onEntry: (entry: RosterEntryView) => void;
  onOrder: (order: OrderView) => void;
}) {
  const client = useClient();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ entries: RosterEntryView[]; orders: OrderView[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function search(e: FormEvent) {
    e.preventDefault();
    if (!props.eventId) return setError(t.station.needEvent);
    setError(null);
    try {
      setFound(await client.call('checkin.lookup', { eventId: props.eventId, query }));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <div className="roster-lookup">
      <div className="field-label">{t.checkin.lookup}</div>
      <form className="scanner-row" onSubmit={search}>
        <input
          aria-label={t.checkin.lookup}
          placeholder={t.checkin.lookupPlaceholder}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          maxLength={64}
        />
        <button type="submit">{t.checkin.search}</button>
      </form>
      {error && <div className="banner-error">{error}</div>}
      {found && found.entries.length === 0 && found.orders.length === 0 && (
        <p className="muted small">{t.checkin.noMatch}</p>
      )}
      {found && (found.entries.length > 0 || found.orders.length > 0) && (
        <ul className="lookup-results">
          {found.orders.map((o) => (
            <li key={o.id}>
              <button type="button" onClick={() => props.onOrder(o)}>
                {screenName(o)} · {o.studentNo} · {o.orderNo}（{o.stateLabel}）
              </button>
            </li>
          ))}
          {found.entries.map((e) => (
            <li key={e.id}>
              <button type="button" onClick={() => props.onEntry(e)}>
                {screenName(e)} · {e.studentNo ?? '—'} · {e.major || '—'}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
