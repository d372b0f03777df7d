import { subscribeShared } from '../station/push-hub';
import { businessDay } from '../../shared/domain/business-time';
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

/** CSV cell: quoted, and a leading = + - @ neutralised so a spreadsheet never runs it as a formula. */
const cell = (v: string | number) => {
  const s = String(v);
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

export function ReconcilePage() {
  const client = useClient();
  const station = useStation();
  const [day, setDay] = useState(localDay);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [payments, setPayments] = useState<PaymentView[]>([]);
  const [error, setError] = useState<string | null>(null);

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

  async function voidPayment(p: PaymentView, kind: 'void' | 'refund') {
    const reason = window.prompt(t.reconcile.voidReason);
    if (!reason?.trim()) return;
    try {
      await client.call('payments.void', { paymentId: p.id, kind, reason, operator: station.operator || '—' });
      load();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  function downloadCsv() {
    if (!summary) return;
    const rows: (string | number)[][] = [
      [t.reconcile.byMethod, t.reconcile.payments, t.reconcile.orders, t.reconcile.amount],
    ];
    const push = (l: Line) => rows.push([l.label, l.payments, l.orders, formatFen(l.totalFen)]);
    summary.byMethod.forEach(push);
    push({ ...summary.total, label: t.reconcile.total });
    push({ ...summary.excluded, label: t.reconcile.excluded });
    rows.push([]);
    rows.push([t.reconcile.byOperator, t.reconcile.payments, t.reconcile.orders, t.reconcile.amount]);
    summary.byOperator.forEach(push);
    const text = '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
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
                <tr key={p.id}>
                  <td className="small">{p.createdAt.slice(0, 16).replace('T', ' ')}</td>
                  <td>{PAYMENT_METHOD_LABELS[p.method]}</td>
                  <td className="num">¥{formatFen(p.amountFen)}</td>
                  <td className="num">{p.orderIds.length}</td>
                  <td>{p.operator}</td>
                  <td className="mono ellipsis">{p.reference ?? '—'}</td>
                  <td>{PAYMENT_STATUS_LABELS[p.status]}</td>
                  <td>
                    {p.status === 'valid' && (
                      <>
                        <button type="button" onClick={() => void voidPayment(p, 'void')}>
                          {t.reconcile.void}
                        </button>{' '}
                        <button type="button" onClick={() => void voidPayment(p, 'refund')}>
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
