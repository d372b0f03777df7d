import { subscribeShared } from '../station/push-hub';
import { businessDay, businessTime } from '../../shared/domain/business-time';
import { LIMITS } from '../../shared/domain/validators';
import { ReasonDialog } from '../components/dialog';
import { problemOf } from '../components/use-api-call';
import { reconcileCsv } from '../station/reconcile-csv';
import { useCallback, useEffect, useState } from 'react';
import type { Res } from '../../shared/contract';
import { formatFen } from '../../shared/domain/event';
import { PAYMENT_METHOD_LABELS, PAYMENT_STATUS_LABELS } from '../../shared/domain/payment';
import type { PaymentView } from '../../shared/contract/views';
import { useClient } from '../api/context';
import { t } from '../i18n/zh-CN/index';
import { StationBar } from '../station/station-bar';
import { useStation } from '../station/station-store';
import { PageHeader } from '../components/page-header';

type Summary = Res<'payments.reconcile'>;
type Line = Summary['total'];

const localDay = () => businessDay(new Date().toISOString());

export function ReconcilePage() {
  const client = useClient();
  const station = useStation();
  const [day, setDay] = useState(localDay);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [payments, setPayments] = useState<PaymentView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<{ payment: PaymentView; kind: 'void' | 'refund' } | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // after 作废/退款 the cursor goes to that payment's new status and reason (its buttons are gone)
  const [focusPayment, setFocusPayment] = useState<string | null>(null);
  useEffect(() => {
    if (!focusPayment) return;
    const cell = document.querySelector<HTMLElement>(
      `[data-payment-id="${focusPayment}"] [data-testid=payment-status]`,
    );
    if (!cell || !payments.some((p) => p.id === focusPayment && p.status !== 'valid')) return;
    cell.focus({ preventScroll: true });
    cell.scrollIntoView({ block: 'nearest' });
    setFocusPayment(null);
  }, [focusPayment, payments]);

  const load = useCallback(() => {
    if (!station.eventId) return;
    const eventId = station.eventId;
    Promise.all([
      client.call('payments.reconcile', { eventId, day: day || undefined }),
      client.call('payments.list', { eventId }),
    ]).then(
      ([s, p]) => {
        setSummary(s);
        setPayments(p.payments.filter((x) => !day || localDayOf(x.createdAt) === day));
        setError(null);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [client, station.eventId, day]);

  useEffect(() => {
    load();
    return subscribeShared(client, (ev) => {
      if (ev.name === 'payment.updated') load();
    });
  }, [client, load]);

  async function cancelPayment(reason: string) {
    if (!cancelling) return;
    if (!station.operator.trim()) return setDialogError(t.station.needOperator);
    setBusy(true);
    try {
      await client.call('payments.void', {
        paymentId: cancelling.payment.id,
        kind: cancelling.kind,
        reason,
        operator: station.operator,
      });
      const cancelled = cancelling.payment.id;
      setCancelling(null);
      setDialogError(null);
      load();
      setFocusPayment(cancelled);
    } catch (err) {
      setDialogError(problemOf(err).message);
    } finally {
      setBusy(false);
    }
  }

  function downloadCsv() {
    if (!summary) return;
    const text = reconcileCsv(summary, payments, t.reconcile);
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = t.reconcile.csvName(day || t.reconcile.allDays);
    a.click();
    URL.revokeObjectURL(url);
  }

  return (
    <div className="page">
      <PageHeader title={t.reconcile.title} intro={t.reconcile.intro} />
      <StationBar />
      {!station.eventId && <div className="banner-warn">{t.station.needEvent}</div>}
      <div className="station-bar">
        <label className="station-bar-item">
          <span>{t.reconcile.day}</span>
          <input type="date" value={day} onChange={(e) => setDay(e.target.value)} />
        </label>
        <button type="button" onClick={() => setDay('')}>
          {t.reconcile.allDays}
        </button>
        <button type="button" onClick={load}>
          {t.reconcile.refresh}
        </button>
        <button type="button" className="primary" onClick={downloadCsv} disabled={!summary}>
          {t.reconcile.csv}
        </button>
      </div>
      {error && <div className="banner-error">{error}</div>}
      {summary && (
        <>
          <div className="stat-row" data-testid="reconcile-total">
            <div className="stat">
              <div className="k">{t.reconcile.total}</div>
              <div className="v">¥{formatFen(summary.total.totalFen)}</div>
            </div>
            <div className="stat">
              <div className="k">{t.reconcile.orders}</div>
              <div className="v">{summary.total.orders}</div>
            </div>
            <div className="stat">
              <div className="k">{t.reconcile.payments}</div>
              <div className="v">{summary.total.payments}</div>
            </div>
            <div className="stat">
              <div className="k">{t.reconcile.excluded}</div>
              <div className="v">¥{formatFen(summary.excluded.totalFen)}</div>
            </div>
          </div>
          <div className="two-col">
            <LineTable title={t.reconcile.byMethod} lines={summary.byMethod} />
            <LineTable title={t.reconcile.byOperator} lines={summary.byOperator} />
          </div>
        </>
      )}
      <section className="card" style={{ marginTop: 16 }}>
        <h2>{t.reconcile.list}</h2>
        {payments.length === 0 && <p className="muted">{t.reconcile.none}</p>}
        {payments.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th>{t.reconcile.columns.time}</th>
                <th>{t.reconcile.columns.method}</th>
                <th className="num">{t.reconcile.columns.amount}</th>
                <th className="num">{t.reconcile.columns.orders}</th>
                <th>{t.reconcile.columns.operator}</th>
                <th>{t.reconcile.columns.reference}</th>
                <th>{t.reconcile.columns.status}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {payments.map((p) => (
                <tr key={p.id} data-payment-id={p.id}>
                  <td className="small">{businessTime(p.createdAt)}</td>
                  <td>{PAYMENT_METHOD_LABELS[p.method]}</td>
                  <td className="num">¥{formatFen(p.amountFen)}</td>
                  <td className="num">{p.orderIds.length}</td>
                  <td>{p.operator}</td>
                  <td className="mono ellipsis">{p.reference ?? '—'}</td>
                  <td className="small" data-testid="payment-status" tabIndex={-1}>
                    {PAYMENT_STATUS_LABELS[p.status]}
                    {p.status !== 'valid' && p.voidReason && (
                      <div className="muted" title={p.voidReason}>
                        {p.voidReason}
                        {p.voidedBy && p.voidedAt && (
                          <div>{t.reconcile.cancelledBy(p.voidedBy, businessTime(p.voidedAt))}</div>
                        )}
                      </div>
                    )}
                  </td>
                  <td>
                    {p.status === 'valid' && (
                      <>
                        <button type="button" onClick={() => setCancelling({ payment: p, kind: 'void' })}>
                          {t.reconcile.void}
                        </button>{' '}
                        <button type="button" onClick={() => setCancelling({ payment: p, kind: 'refund' })}>
                          {t.reconcile.refund}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <ReasonDialog
        open={cancelling !== null}
        title={cancelling?.kind === 'refund' ? t.reconcile.refundTitle : t.reconcile.voidTitle}
        message={
          cancelling && (
            <p>
              {t.reconcile.cancelWhat(
                businessTime(cancelling.payment.createdAt),
                PAYMENT_METHOD_LABELS[cancelling.payment.method],
                formatFen(cancelling.payment.amountFen),
                cancelling.payment.orderIds.length,
              )}
            </p>
          )
        }
        label={t.reconcile.voidReasonLabel}
        confirmLabel={cancelling?.kind === 'refund' ? t.reconcile.refund : t.reconcile.void}
        danger
        busy={busy}
        maxLength={LIMITS.reason}
        error={dialogError}
        onCancel={() => {
          setCancelling(null);
          setDialogError(null);
        }}
        onConfirm={(reason) => void cancelPayment(reason)}
      />
    </div>
  );
}

const localDayOf = (iso: string): string => businessDay(iso);

function LineTable({ title, lines }: { title: string; lines: Line[] }) {
  return (
    <section className="card grow">
      <h2>{title}</h2>
      <table className="table">
        <thead>
          <tr>
            <th />
            <th className="num">{t.reconcile.payments}</th>
            <th className="num">{t.reconcile.orders}</th>
            <th className="num">{t.reconcile.amount}</th>
          </tr>
        </thead>
        <tbody>
          {lines.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                {t.reconcile.noLines}
              </td>
            </tr>
          )}
          {lines.map((l) => (
            <tr key={l.key}>
              <td>{l.label}</td>
              <td className="num">{l.payments}</td>
              <td className="num">{l.orders}</td>
              <td className="num">¥{formatFen(l.totalFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
