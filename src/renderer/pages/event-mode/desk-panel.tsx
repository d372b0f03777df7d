import { useEffect, useState } from 'react';
import type { TicketView } from '../../../shared/contract/event-mode';
import type { OrderView } from '../../../shared/contract/views';
import { useClient } from '../../api/context';
import { problemOf } from '../../components/use-api-call';
import { t } from '../../i18n';
import { subscribeShared } from '../../station/push-hub';
import { useStation } from '../../station/station-store';
import { TicketCard } from './ticket-card';

/** 登记台: find a checked-in student, issue the 拍摄号, show / print the ticket. */
export function DeskPanel({ eventId }: { eventId: string }) {
  const client = useClient();
  const station = useStation();
  const [query, setQuery] = useState('');
  const [orders, setOrders] = useState<OrderView[] | null>(null);
  const [ticket, setTicket] = useState<TicketView | null>(null);
  const [recent, setRecent] = useState<TicketView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const D = t.eventMode.desk;

  useEffect(() => {
    const load = () =>
      void client.call('queue.list', { eventId }).then(
        (r) => setRecent(r.tickets.slice(-8).reverse()),
        () => undefined,
      );
    load();
    return subscribeShared(client, (ev) => {
      if (ev.name === 'queue.updated' && ev.data.eventId === eventId) load();
    });
  }, [client, eventId]);

  async function find() {
    setError(null);
    try {
      const r = await client.call('orders.list', { eventId, query, limit: 20 });
      setOrders(r.orders);
    } catch (err) {
      setError(problemOf(err).message);
    }
  }

  async function issue(orderId: string) {
    setError(null);
    if (!station.operator.trim()) return setError(t.station.needOperator);
    try {
      setTicket(await client.call('queue.issue', { eventId, orderId, operator: station.operator }));
    } catch (err) {
      setError(problemOf(err).message);
    }
  }

  return (
    <div className="event-grid">
      <section className="card">
        <form
          className="event-row"
          onSubmit={(e) => {
            e.preventDefault();
            void find();
          }}
        >
          <input
            aria-label={D.search}
            placeholder={D.search}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="desk-search"
          />
          <button type="submit">{D.find}</button>
        </form>
        {error && (
          <div className="banner-error" role="alert">
            {error}
          </div>
        )}
        {orders && orders.length === 0 && <div className="muted">{D.noOrders}</div>}
        {orders && orders.length > 0 && (
          <table className="queue-table">
            <tbody>
              {orders.map((o) => (
                <tr key={o.id}>
                  <td>{o.nameMasked}</td>
                  <td>{o.studentNo}</td>
                  <td>{o.major}</td>
                  <td>
                    <button type="button" className="primary" onClick={() => void issue(o.id)}>
                      {D.issue}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {recent.length > 0 && (
          <>
            <h3>{D.recent}</h3>
            <div className="muted">
              {recent.map((x) => `${x.label} ${x.nameMasked}（${t.eventMode.queue.states[x.state]}）`).join('　')}
            </div>
          </>
        )}
      </section>
      <section className="card">
        {ticket && (
          <>
            <TicketCard ticket={ticket} />
            <div className="event-row">
              <button type="button" onClick={() => window.print()}>
                {D.print}
              </button>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
