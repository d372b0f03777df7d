import { useCallback, useEffect, useState } from 'react';
import type { ClassSlipView } from '../../../shared/contract/event-mode';
import { businessTime } from '../../../shared/domain/business-time';
import { formatFen } from '../../../shared/domain/event';
import { useClient } from '../../api/context';
import { problemOf } from '../../components/use-api-call';
import { t } from '../../i18n';
import { subscribeShared } from '../../station/push-hub';

/**
 * 班级收费条 (登记台): per class, who is registered and the amount, printable; and the 收费处's reconciliation —
 * class payments against who was shot (已拍未付 still to collect, 已付未拍 a refund if they leave without a photo).
 */
export function ClassSlips({ eventId }: { eventId: string }) {
  const client = useClient();
  const [classes, setClasses] = useState<ClassSlipView[] | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [printedAt, setPrintedAt] = useState<string | null>(null);
  const S = t.eventMode.slips;

  const load = useCallback(
    () =>
      void client.call('queue.classSlips', { eventId }).then(
        (r) => {
          setClasses(r.classes);
          setError(null);
        },
        (err: unknown) => setError(problemOf(err).message),
      ),
    [client, eventId],
  );
  useEffect(() => {
    load();
    return subscribeShared(client, (ev) => {
      if (ev.name === 'queue.updated' || ev.name === 'payment.updated' || ev.name === 'order.updated') load();
    });
  }, [client, load]);

  const slip = classes?.find((c) => c.className === picked) ?? classes?.[0] ?? null;
  const print = () => {
    setPrintedAt(new Date().toISOString());
    document.body.dataset.print = 'slip';
    // the print stylesheet shows only the slip while data-print is set (event-mode.css)
    setTimeout(() => {
      window.print();
      delete document.body.dataset.print;
    }, 0);
  };
  const names = (l: ClassSlipView['students']) =>
    l.map((s) => `${s.ticketLabel ?? ''} ${s.nameMasked}`.trim()).join('、');

  return (
    <section className="card class-slips" data-testid="class-slips">
      <h2>{S.title}</h2>
      {error && (
        <div className="banner-error" role="alert">
          {error}
        </div>
      )}
      {classes && classes.length === 0 && <div className="muted">{S.none}</div>}
      {slip && (
        <>
          <div className="event-row">
            <label>
              {S.klass}{' '}
              <select value={slip.className} onChange={(e) => setPicked(e.target.value)} data-testid="slip-class">
                {classes!.map((c) => (
                  <option key={c.className} value={c.className}>
                    {c.className}（{c.registered}）
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={print}>
              {S.print}
            </button>
          </div>
          <div className="slip slip-print" data-testid="class-slip">
            <div className="slip-head">
              <strong>{S.slipTitle(slip.className)}</strong>
              <span>{S.amount(slip.registered, formatFen(slip.amountFen))}</span>
            </div>
            <table className="queue-table slip-table">
              <thead>
                <tr>
                  <th>{S.columns.label}</th>
                  <th>{S.columns.name}</th>
                  <th>{S.columns.studentNo}</th>
                  <th className="num">{S.columns.fee}</th>
                  <th>{S.columns.state}</th>
                </tr>
              </thead>
              <tbody>
                {slip.students.map((s) => (
                  <tr key={s.orderId}>
                    <td>{s.ticketLabel ?? '—'}</td>
                    <td>{s.nameMasked}</td>
                    <td>{s.studentNo}</td>
                    <td className="num">{formatFen(s.feeFen)}</td>
                    <td>
                      {s.shot ? S.shot : S.notShot} · {s.paid ? S.paid : S.unpaid}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="slip-foot muted small">
              {S.printed(businessTime(printedAt ?? new Date().toISOString()))}
            </div>
          </div>
        </>
      )}
      {classes && classes.length > 0 && (
        <>
          <h3>{S.reconcileTitle}</h3>
          <table className="queue-table" data-testid="class-reconcile">
            <thead>
              <tr>
                <th>{S.klass}</th>
                <th className="num">{S.r.registered}</th>
                <th className="num">{S.r.shot}</th>
                <th className="num">{S.r.paid}</th>
                <th className="num">{S.r.received}</th>
                <th className="num">{S.r.open}</th>
                <th>{S.r.shotUnpaid}</th>
                <th>{S.r.paidNotShot}</th>
              </tr>
            </thead>
            <tbody>
              {classes.map((c) => (
                <tr key={c.className} data-testid={`reconcile-${c.className}`}>
                  <td>{c.className}</td>
                  <td className="num">{c.registered}</td>
                  <td className="num">{c.shot}</td>
                  <td className="num">{c.paid}</td>
                  <td className="num">{formatFen(c.receivedFen)}</td>
                  <td className={`num${c.openFen > 0 ? ' slip-open' : ''}`}>{formatFen(c.openFen)}</td>
                  <td className="slip-names" title={names(c.shotUnpaid)}>
                    {names(c.shotUnpaid) || '—'}
                  </td>
                  <td className="slip-names" title={names(c.paidNotShot)}>
                    {names(c.paidNotShot) || '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
