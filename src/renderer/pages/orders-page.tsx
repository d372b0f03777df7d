import { subscribeShared } from '../station/push-hub';
import { businessTime } from '../../shared/domain/business-time';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../shared/api-error';
import { ORDER_STATE_LABELS, ORDER_STATES, type OrderState } from '../../shared/domain/order-state';
import { PAYMENT_METHOD_LABELS, PAYMENT_STATUS_LABELS } from '../../shared/domain/payment';
import { formatFen } from '../../shared/domain/event';
import type { OrderView } from '../../shared/contract/views';
import { useClient } from '../api/context';
import { t } from '../i18n/zh-CN/index';
import { precheckReasons } from '../station/precheck-reasons';
import { StationBar } from '../station/station-bar';
import { goTo, updateStation, useStation } from '../station/station-store';
import { useOrder } from '../station/use-order';
import { PageHeader } from '../components/page-header';
import './orders.css';
import { screenName } from '../../shared/domain/masking';

const PAGE = 50;

export function OrdersPage() {
  const client = useClient();
  const station = useStation();
  const [state, setState] = useState<OrderState | ''>('');
  const [query, setQuery] = useState('');
  const [list, setList] = useState<{ orders: OrderView[]; total: number } | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    (limit = PAGE) => {
      if (!station.eventId) return;
      client
        .call('orders.list', { eventId: station.eventId, state: state || undefined, query, limit })
        .then(setList, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    },
    [client, station.eventId, state, query],
  );

  useEffect(() => {
    const timer = setTimeout(() => load(), 150); // typing in the search box: one query after a short pause
    return () => clearTimeout(timer);
  }, [load]);
  useEffect(
    () =>
      subscribeShared(client, (ev) => {
        if (ev.name === 'order.updated') load(Math.max(PAGE, list?.orders.length ?? PAGE));
      }),
    [client, load, list?.orders.length],
  );

  return (
    <div className="page">
      <PageHeader title={t.orders.title} intro={t.orders.intro} />
      <StationBar />
      {!station.eventId && <div className="banner-warn">{t.station.needEvent}</div>}
      <div className="two-col">
        <section className="card grow">
          <div className="state-tabs" role="tablist" aria-label={t.orders.columns.state}>
            {(['', ...ORDER_STATES] as const).map((s) => (
              <button
                key={s || 'all'}
                type="button"
                role="tab"
                aria-selected={state === s}
                className={state === s ? 'active' : undefined}
                onClick={() => setState(s)}
              >
                {s ? ORDER_STATE_LABELS[s] : t.orders.all}
              </button>
            ))}
          </div>
          <div className="scanner-row" style={{ marginBottom: 12 }}>
            <input
              aria-label={t.orders.search}
              placeholder={t.orders.search}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              maxLength={64}
            />
            {list && (
              <span className="muted small" style={{ alignSelf: 'center' }}>
                {t.orders.total(list.total)}
              </span>
            )}
          </div>
          {error && <div className="banner-error">{error}</div>}
          {list?.orders.length === 0 && <p className="muted">{t.orders.empty}</p>}
          {list && list.orders.length > 0 && (
            <table className="table orders-table" data-testid="orders-table">
              <colgroup>
                <col className="order-no" />
                <col />
                <col className="state" />
                <col className="flag" />
                <col className="flag" />
                <col className="time" />
              </colgroup>
              <thead>
                <tr>
                  <th>{t.orders.columns.orderNo}</th>
                  <th title={`${t.orders.columns.name} / ${t.orders.columns.studentNo}`}>{t.orders.columns.student}</th>
                  <th>{t.orders.columns.state}</th>
                  <th>{t.orders.columns.paid}</th>
                  <th>{t.orders.columns.photo}</th>
                  <th>{t.orders.columns.created}</th>
                </tr>
              </thead>
              <tbody>
                {list.orders.map((o) => (
                  <OrderRow key={o.id} order={o} selected={selected === o.id} onSelect={() => setSelected(o.id)} />
                ))}
              </tbody>
            </table>
          )}
          {list && list.orders.length < list.total && (
            <div className="actions">
              <button type="button" onClick={() => load(list.orders.length + PAGE)}>
                {t.orders.more}
              </button>
            </div>
          )}
        </section>
        <section className="card detail-card" data-testid="order-detail">
          <h2>{t.orders.detail}</h2>
          {selected ? <OrderDetail orderId={selected} /> : <p className="muted">{t.orders.pick}</p>}
        </section>
      </div>
    </div>
  );
}

/** One line of the list: the cells stay on one line (ellipsis), the full text is in each cell's title. */
function OrderRow({ order: o, selected, onSelect }: { order: OrderView; selected: boolean; onSelect: () => void }) {
  const name = screenName(o);
  const created = businessTime(o.createdAt);
  return (
    <tr className={selected ? 'selected' : undefined} onClick={onSelect}>
      <td className="mono order-no" title={o.orderNo}>
        {o.orderNo}
      </td>
      <td title={`${name} · ${o.studentNo}`}>
        <span className="student-name">{name}</span>
        <span className="student-no mono">{o.studentNo}</span>
      </td>
      <td title={o.stateLabel}>
        <span className={`state-pill ${o.state}`}>{o.stateLabel}</span>
      </td>
      <td className={o.paid ? undefined : 'flag-no'}>{o.paid ? t.orders.paid : t.orders.unpaid}</td>
      <td className={o.finalPhotoSha256 ? undefined : 'flag-no'}>{o.finalPhotoSha256 ? t.orders.yes : t.orders.no}</td>
      <td className="small" title={created}>
        {shortTime(created)}
      </td>
    </tr>
  );
}

/** 2026-12-02 05:16 → 12-02 05:16 (the year is in the cell's title). */
function shortTime(chinaTime: string): string {
  return /^\d{4}-/.test(chinaTime) ? chinaTime.slice(5) : chinaTime;
}

function OrderDetail({ orderId }: { orderId: string }) {
  const client = useClient();
  const station = useStation();
  const { detail, error } = useOrder(orderId);
  const [reason, setReason] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);
  if (error) return <div className="banner-error">{error}</div>;
  if (!detail) return <p className="muted">{t.common.loading}</p>;
  const o = detail.order;

  const act = async (fn: () => Promise<unknown>) => {
    if (!station.operator.trim()) return setActionError(t.station.needOperator);
    setActionError(null);
    try {
      await fn();
      setReason('');
    } catch (err) {
      setActionError(err instanceof ApiError || err instanceof Error ? err.message : String(err));
    }
  };
  const open = (route: string) => {
    updateStation({ orderId: o.id });
    goTo(route);
  };
  const reviewable = o.state === 'pending_review' || o.state === 'collecting';

  return (
    <>
      <p className="student-line">
        {screenName(o)} <span className={`state-pill ${o.state}`}>{o.stateLabel}</span>
      </p>
      <dl className="detail-grid">
        <dt>{t.orders.columns.orderNo}</dt>
        <dd className="mono">{o.orderNo}</dd>
        <dt>{t.orders.columns.studentNo}</dt>
        <dd className="mono">{o.studentNo}</dd>
        <dt>{t.orders.fields.collectionCode}</dt>
        <dd className="mono">{o.collectionCode ?? '—'}</dd>
        <dt>{t.orders.fields.idDisplay}</dt>
        <dd className="mono">{o.idDisplay}</dd>
        <dt>{t.orders.fields.phone}</dt>
        <dd>{o.phoneMasked || <span className="muted">{t.orders.notGiven}</span>}</dd>
        <dt>{t.orders.fields.email}</dt>
        <dd>{o.email || <span className="muted">{t.orders.notGiven}</span>}</dd>
        <dt>{t.orders.fields.major}</dt>
        <dd>{o.major || '—'}</dd>
        {o.rejectReason && (
          <>
            <dt>{t.orders.fields.reject}</dt>
            <dd style={{ color: 'var(--bad)' }}>{o.rejectReason}</dd>
          </>
        )}
      </dl>
      <h2>{t.orders.photos}</h2>
      <div className="versions" data-testid="photo-versions">
        {detail.photos.map((p) => (
          <figure key={p.id} title={p.kind === 'final' ? precheckReasons(p.checks).join('；') : undefined}>
            {p.missing ? (
              <div className="muted small">{t.orders.missing}</div>
            ) : (
              <img src={p.url} alt="" loading="lazy" />
            )}
            <figcaption>
              {p.kind === 'final' ? t.orders.final(p.version) : t.orders.original(p.version)}
              {p.precheck && (
                <div style={{ color: p.precheck === 'passed' ? 'var(--ok)' : 'var(--bad)' }}>
                  {p.precheck === 'passed' ? t.orders.passed : t.orders.failed}
                </div>
              )}
            </figcaption>
          </figure>
        ))}
      </div>
      <h2>{t.orders.payments}</h2>
      {detail.payments.length === 0 && <p className="muted small">{t.orders.noPayments}</p>}
      <ul className="audit">
        {detail.payments.map((p) => (
          <li key={p.id}>
            {PAYMENT_METHOD_LABELS[p.method]} ¥{formatFen(p.amountFen)} · {p.operator} · {businessTime(p.createdAt)}
            {p.status !== 'valid' && ` · ${PAYMENT_STATUS_LABELS[p.status]}`}
          </li>
        ))}
      </ul>
      <h2>{t.orders.history}</h2>
      <ol className="audit" data-testid="audit-trail">
        {detail.history.map((h, i) => (
          <li key={i}>
            {businessTime(h.at)} · {h.actor} · {h.from ? ORDER_STATE_LABELS[h.from] : '—'} → {ORDER_STATE_LABELS[h.to]}
            {h.reason && `（${h.reason}）`}
          </li>
        ))}
      </ol>
      {reviewable && (
        <>
          <input
            aria-label={t.orders.rejectReason}
            placeholder={t.orders.rejectPlaceholder}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            style={{ width: '100%', marginBottom: 8 }}
          />
          <div className="actions">
            <button
              type="button"
              onClick={() =>
                void act(() =>
                  client.call('orders.review', {
                    orderId: o.id,
                    decision: 'reject',
                    reason,
                    operator: station.operator,
                  }),
                )
              }
            >
              {t.orders.reject}
            </button>
            <button
              type="button"
              className="primary"
              onClick={() =>
                void act(() =>
                  client.call('orders.review', { orderId: o.id, decision: 'approve', operator: station.operator }),
                )
              }
            >
              {t.orders.approve}
            </button>
          </div>
        </>
      )}
      <div className="actions">
        {o.state === 'approved' && (
          <button
            type="button"
            onClick={() =>
              void act(() => client.call('orders.complete', { orderId: o.id, operator: station.operator }))
            }
          >
            {t.orders.complete}
          </button>
        )}
        {!o.paid && (
          <button type="button" onClick={() => open('payment')}>
            {t.orders.pay}
          </button>
        )}
        {(o.state === 'rejected' || o.state === 'pending_payment') && (
          <button type="button" className="primary" onClick={() => open('capture')}>
            {t.orders.retake}
          </button>
        )}
      </div>
      {actionError && <div className="banner-error">{actionError}</div>}
    </>
  );
}
