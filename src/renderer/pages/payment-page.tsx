import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../shared/api-error';
import type { Res } from '../../shared/contract';
import { formatFen } from '../../shared/domain/event';
import {
  PAYMENT_METHOD_LABELS,
  PAYMENT_METHODS,
  referenceRequired,
  type PaymentMethod,
} from '../../shared/domain/payment';
import type { OrderView } from '../../shared/contract/views';
import { useClient } from '../api/context';
import { Field } from '../components/field';
import { t } from '../i18n/zh-CN/index';
import { StationBar, useCurrentEvent } from '../station/station-bar';
import { goTo, updateStation, useStation } from '../station/station-store';
import { useOrder } from '../station/use-order';
import { PageHeader } from '../components/page-header';

type Receipt = Res<'receipts.issue'>;

export function PaymentPage() {
  const client = useClient();
  const station = useStation();
  const event = useCurrentEvent();
  const { detail, reload } = useOrder(station.orderId);
  const [scope, setScope] = useState<'self' | 'class'>('self');
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [waiting, setWaiting] = useState<OrderView[]>([]);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [paidOrderId, setPaidOrderId] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);

  const loadWaiting = useCallback(() => {
    if (!station.eventId) return;
    client.call('orders.list', { eventId: station.eventId, state: 'pending_payment', limit: 500 }).then(
      (r) => setWaiting(r.orders.filter((o) => !o.paid)),
      () => setWaiting([]),
    );
  }, [client, station.eventId]);
  useEffect(() => {
    if (scope === 'class') loadWaiting();
  }, [scope, loadWaiting]);

  const order = detail?.order ?? null;
  const orderIds = scope === 'self' ? (order && !order.paid ? [order.id] : []) : [...picked];
  const fee = event?.feeFen ?? order?.feeFen ?? 0;
  const amountFen = fee * orderIds.length;
  const shown = useMemo(() => {
    const q = filter.trim();
    return q
      ? waiting.filter((o) => [o.orderNo, o.name, o.nameMasked, o.studentNo].some((v) => v.includes(q)))
      : waiting;
  }, [waiting, filter]);

  async function collect() {
    if (!station.eventId) return setError({ message: t.station.needEvent });
    if (!station.operator.trim()) return setError({ message: t.station.needOperator });
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const r = await client.call('payments.record', {
        eventId: station.eventId,
        method,
        orderIds,
        reference: referenceRequired(method) ? reference : undefined,
        payerNote: note,
        expectedAmountFen: amountFen,
        operator: station.operator,
      });
      setNotice(t.payment.paidOk(formatFen(r.payment.amountFen), r.orders.length));
      setPaidOrderId(r.orders[0]?.id ?? null);
      setReference('');
      setPicked(new Set());
      reload();
      if (scope === 'class') loadWaiting();
    } catch (err) {
      setError(err instanceof ApiError ? { message: err.message, field: err.field } : { message: String(err) });
    } finally {
      setBusy(false);
    }
  }

  async function issueReceipt(orderId: string) {
    if (!station.operator.trim()) return setError({ message: t.station.needOperator });
    setError(null);
    try {
      setReceipt(await client.call('receipts.issue', { orderId, operator: station.operator }));
    } catch (err) {
      setError({ message: err instanceof Error ? err.message : String(err) });
    }
  }

  // A paid order needs no second collection: only its receipt.
  const showForm = scope === 'class' || (order !== null && !order.paid);
  const receiptOrderId = paidOrderId ?? (order?.paid ? order.id : null);

  return (
    <div className="page">
      <PageHeader title={t.payment.title} intro={t.payment.intro} />
      <StationBar />
      <div className="two-col">
        <section className="card" style={{ width: 480, flexShrink: 0 }}>
          <div className="state-tabs" role="tablist">
            {(['self', 'class'] as const).map((s) => (
              <button
                key={s}
                type="button"
                role="tab"
                aria-selected={scope === s}
                className={scope === s ? 'active' : undefined}
                onClick={() => setScope(s)}
              >
                {s === 'self' ? t.payment.scopeSelf : t.payment.scopeClass}
              </button>
            ))}
          </div>
          {scope === 'self' && !order && <div className="banner-warn">{t.payment.noOrder}</div>}
          {scope === 'self' && order && (
            <p className="student-line" data-testid="payment-student">
              {order.name || order.nameMasked} · {order.studentNo} · {order.orderNo}{' '}
              <span className={`state-pill ${order.state}`}>{order.stateLabel}</span>
            </p>
          )}
          {scope === 'self' && order?.paid && <div className="banner-ok">{t.payment.alreadyPaid}</div>}
          {showForm && (
            <>
              <div className="field-label">{t.payment.method}</div>
              <div className="methods" role="radiogroup" aria-label={t.payment.method}>
                {PAYMENT_METHODS.map((m) => (
                  <label key={m} className={method === m ? 'active' : undefined}>
                    <input type="radio" name="method" value={m} checked={method === m} onChange={() => setMethod(m)} />
                    {PAYMENT_METHOD_LABELS[m]}
                  </label>
                ))}
              </div>
              {referenceRequired(method) && (
                <Field label={t.payment.reference} hint={t.payment.referenceHint} required>
                  <input
                    name="reference"
                    className={error?.field === 'reference' ? 'invalid' : undefined}
                    value={reference}
                    onChange={(e) => setReference(e.target.value)}
                    maxLength={64}
                  />
                </Field>
              )}
              {scope === 'class' && (
                <Field label={t.payment.note}>
                  <input
                    value={note}
                    onChange={(e) => setNote(e.target.value)}
                    placeholder={t.payment.notePlaceholder}
                  />
                </Field>
              )}
              <div className="field-label">{t.payment.amount}</div>
              <div className="amount" data-testid="amount">
                ¥{formatFen(amountFen)}
                {orderIds.length > 1 && <span className="muted small"> （{t.payment.selected(orderIds.length)}）</span>}
              </div>
            </>
          )}
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
            <button type="button" onClick={() => goTo('capture')}>
              {t.payment.back}
            </button>
            {showForm && (
              <button
                type="button"
                className="primary"
                disabled={busy || orderIds.length === 0}
                onClick={() => void collect()}
              >
                {busy ? t.payment.collecting : t.payment.collect}
              </button>
            )}
          </div>
          {receiptOrderId && (
            <div className="receipt-box" style={{ marginTop: 16 }}>
              <h2>{t.payment.receipt}</h2>
              <div className="actions left">
                <button type="button" className="primary" onClick={() => void issueReceipt(receiptOrderId)}>
                  {receipt ? t.payment.reprint : t.payment.issue}
                </button>
                {receipt && (
                  <a
                    className="button-link"
                    href={receipt.pdfUrl}
                    target="_blank"
                    rel="noreferrer"
                    data-testid="receipt-pdf"
                  >
                    {t.payment.openPdf}
                  </a>
                )}
                <button
                  type="button"
                  onClick={() => {
                    updateStation({ orderId: null });
                    goTo('checkin');
                  }}
                >
                  {t.payment.next}
                </button>
              </div>
              {receipt && (
                <p className="muted small">
                  {receipt.printed && receipt.printer ? t.payment.printed(receipt.printer) : t.payment.pdfOnly}
                </p>
              )}
            </div>
          )}
        </section>
        {scope === 'class' && (
          <section className="card grow">
            <h2>{t.payment.classPick}</h2>
            <div className="scanner-row" style={{ marginBottom: 8 }}>
              <input placeholder={t.payment.classSearch} value={filter} onChange={(e) => setFilter(e.target.value)} />
              <button type="button" onClick={() => setPicked(new Set(shown.map((o) => o.id)))}>
                {t.payment.selectAll}
              </button>
            </div>
            {shown.length === 0 && <p className="muted">{t.payment.noneWaiting}</p>}
            {shown.length > 0 && (
              <table className="table">
                <thead>
                  <tr>
                    <th />
                    <th>{t.payment.columns.orderNo}</th>
                    <th>{t.payment.columns.name}</th>
                    <th>{t.payment.columns.studentNo}</th>
                    <th>{t.payment.columns.state}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((o) => (
                    <tr
                      key={o.id}
                      onClick={() =>
                        setPicked((p) => {
                          const n = new Set(p);
                          if (n.has(o.id)) n.delete(o.id);
                          else n.add(o.id);
                          return n;
                        })
                      }
                    >
                      <td>
                        <input type="checkbox" readOnly checked={picked.has(o.id)} aria-label={o.orderNo} />
                      </td>
                      <td className="mono">{o.orderNo}</td>
                      <td>{o.name || o.nameMasked}</td>
                      <td className="mono">{o.studentNo}</td>
                      <td>
                        <span className={`state-pill ${o.state}`}>{o.stateLabel}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        )}
      </div>
    </div>
  );
}
