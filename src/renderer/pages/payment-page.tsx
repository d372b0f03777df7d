import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { OrderView } from '../../shared/contract/views';
import { formatFen } from '../../shared/domain/event';
import {
  PAYMENT_METHOD_LABELS,
  PAYMENT_METHODS,
  referenceRequired,
  type PaymentMethod,
} from '../../shared/domain/payment';
import { LIMITS } from '../../shared/domain/validators';
import { useClient } from '../api/context';
import { Banner } from '../components/banner';
import { ReasonDialog } from '../components/dialog';
import { Field } from '../components/field';
import { PageHeader } from '../components/page-header';
import { problemOf, type Problem } from '../components/use-api-call';
import { t } from '../i18n/zh-CN/index';
import { ClassPicker } from '../station/class-picker';
import { ReceiptBox, type Receipt } from '../station/receipt-box';
import { classCandidates, normalizeReference, stillPicked, withoutPassingPhoto } from '../station/payment-state';
import { autoReceiptEnabled, setAutoReceipt } from '../station/payment-prefs';
import { usePush } from '../station/push-hub';
import { matchesShortcut } from '../station/shortcuts';
import { StationBar, useCurrentEvent } from '../station/station-bar';
import { goTo, useStation } from '../station/station-store';
import { useOrder } from '../station/use-order';

export function PaymentPage() {
  const client = useClient();
  const station = useStation();
  const event = useCurrentEvent();
  const { detail, reload } = useOrder(station.orderId);
  const [scope, setScope] = useState<'self' | 'class'>('self');
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [eventOrders, setEventOrders] = useState<OrderView[]>([]);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [paidOrderId, setPaidOrderId] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [askOverride, setAskOverride] = useState(false);
  const [autoReceipt, setAuto] = useState(autoReceiptEnabled);
  const nextButton = useRef<HTMLButtonElement>(null);
  const referenceInput = useRef<HTMLInputElement>(null);

  // the class list is the event's chargeable orders, kept current by pushes (a payment elsewhere removes them)
  const loadEventOrders = useCallback(() => {
    if (!station.eventId) return setEventOrders([]);
    client.call('orders.list', { eventId: station.eventId, state: 'pending_payment', limit: 1000 }).then(
      (r) => setEventOrders(r.orders),
      () => setEventOrders([]),
    );
  }, [client, station.eventId]);
  useEffect(() => {
    if (scope === 'class') loadEventOrders();
  }, [scope, loadEventOrders]);
  usePush((ev) => {
    if (scope === 'class' && (ev.name === 'order.updated' || ev.name === 'payment.updated')) loadEventOrders();
  });
  useEffect(() => {
    setReceipt(null);
    setPaidOrderId(null);
    setNotice(null);
    setProblem(null);
  }, [station.orderId]);

  const order = detail?.order ?? null;
  const candidates = useMemo(() => classCandidates(eventOrders, filter), [eventOrders, filter]);
  const selected: OrderView[] =
    scope === 'self'
      ? order && order.state === 'pending_payment' && !order.paid
        ? [order]
        : []
      : candidates.filter((o) => stillPicked(picked, candidates).includes(o.id));
  const fee = event?.feeFen ?? order?.feeFen ?? 0;
  const amountFen = fee * selected.length;
  const unphotographed = withoutPassingPhoto(selected);

  async function issueReceipt(orderId: string) {
    if (!station.operator.trim()) return setProblem(problemOf(new Error(t.station.needOperator)));
    try {
      setReceipt(await client.call('receipts.issue', { orderId, operator: station.operator }));
    } catch (err) {
      setProblem(problemOf(err));
    }
  }

  async function collect(overrideReason?: string) {
    if (!station.eventId) return setProblem(problemOf(new Error(t.station.needEvent)));
    if (!station.operator.trim()) return setProblem(problemOf(new Error(t.station.needOperator)));
    if (selected.length === 0) return;
    const ref = normalizeReference(reference);
    if (referenceRequired(method) && !ref) {
      referenceInput.current?.focus();
      return setProblem({
        message: t.payment.referenceMissing(PAYMENT_METHOD_LABELS[method]),
        fields: { reference: t.payment.referenceMissing(PAYMENT_METHOD_LABELS[method]) },
        code: 'invalid_request',
      });
    }
    // money follows the photo: ask for the reason first instead of letting the server refuse
    if (unphotographed.length > 0 && !overrideReason) return setAskOverride(true);
    setBusy(true);
    setProblem(null);
    setNotice(null);
    try {
      const r = await client.call('payments.record', {
        eventId: station.eventId,
        method,
        orderIds: selected.map((o) => o.id),
        reference: referenceRequired(method) ? ref : undefined,
        payerNote: note,
        expectedAmountFen: amountFen,
        operator: station.operator,
        override: overrideReason ? { reason: overrideReason } : undefined,
      });
      setAskOverride(false);
      setNotice(t.payment.paidOk(formatFen(r.payment.amountFen), r.orders.length));
      setReference('');
      setPicked(new Set());
      reload();
      if (scope === 'class') loadEventOrders();
      if (scope === 'self' && r.orders[0]) {
        setPaidOrderId(r.orders[0].id);
        if (autoReceipt) await issueReceipt(r.orders[0].id);
      }
      setTimeout(() => nextButton.current?.focus(), 0);
    } catch (err) {
      const p = problemOf(err);
      if (p.fields.override) setAskOverride(true);
      setProblem(p);
    } finally {
      setBusy(false);
    }
  }

  // F4 collects (the shortcut that brought the operator here); the reference field's Enter does too
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (matchesShortcut(e, 'pay') && !askOverride) {
        e.preventDefault();
        void collect();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void collect();
  };
  const showForm = scope === 'class' || (order !== null && !order.paid && order.state === 'pending_payment');
  const receiptOrderId = paidOrderId ?? (order?.paid ? order.id : null);
  const refProblem = problem?.fields.reference;

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
                onClick={() => {
                  setScope(s);
                  setProblem(null);
                  setNotice(null);
                }}
              >
                {s === 'self' ? t.payment.scopeSelf : t.payment.scopeClass}
              </button>
            ))}
          </div>
          {scope === 'self' && !order && <Banner tone="warn">{t.payment.noOrder}</Banner>}
          {scope === 'self' && order && (
            <p className="student-line" data-testid="payment-student">
              {order.name || order.nameMasked} · {order.studentNo} · {order.orderNo}{' '}
              <span className={`state-pill ${order.state}${order.paid ? ' paid' : ''}`}>{order.stateLabel}</span>
            </p>
          )}
          {scope === 'self' && order?.paid && !notice && <Banner tone="ok">{t.payment.alreadyPaid}</Banner>}
          {scope === 'self' && order && !order.paid && order.state !== 'pending_payment' && (
            <Banner tone="warn">{t.payment.notChargeable(order.stateLabel)}</Banner>
          )}
          {showForm && unphotographed.length > 0 && (
            <Banner tone="warn" testId="photo-not-passed">
              {scope === 'self' ? t.payment.photoNotPassed : t.payment.photoNotPassedClass(unphotographed.length)}
            </Banner>
          )}
          {showForm && (
            <form onSubmit={submit} noValidate aria-label={t.payment.title}>
              <div className="field-label">{t.payment.method}</div>
              <div className="methods" role="radiogroup" aria-label={t.payment.method}>
                {PAYMENT_METHODS.map((m) => (
                  <label key={m} className={method === m ? 'active' : undefined}>
                    <input
                      type="radio"
                      name="method"
                      value={m}
                      checked={method === m}
                      onChange={() => {
                        setMethod(m);
                        setProblem(null);
                        if (referenceRequired(m)) setTimeout(() => referenceInput.current?.focus(), 0);
                      }}
                    />
                    {PAYMENT_METHOD_LABELS[m]}
                  </label>
                ))}
              </div>
              {referenceRequired(method) && (
                <Field label={t.payment.reference} hint={t.payment.referenceHint} required error={refProblem}>
                  <input
                    ref={referenceInput}
                    name="reference"
                    className={refProblem ? 'invalid' : undefined}
                    value={reference}
                    onChange={(e) => {
                      setReference(e.target.value);
                      setProblem(null);
                    }}
                    maxLength={LIMITS.reference + 8}
                    autoComplete="off"
                    spellCheck={false}
                  />
                </Field>
              )}
              {scope === 'class' && (
                <Field label={t.payment.note}>
                  <input
                    value={note}
                    maxLength={LIMITS.payerNote}
                    onChange={(e) => setNote(e.target.value)}
                    placeholder={t.payment.notePlaceholder}
                  />
                </Field>
              )}
              <div className="field-label">{t.payment.amount}</div>
              <div className="amount" data-testid="amount">
                ¥{formatFen(amountFen)}
                {selected.length > 1 && <span className="muted small"> （{t.payment.selected(selected.length)}）</span>}
              </div>
              {problem && !refProblem && (
                <Banner tone="error" testId="payment-error">
                  {problem.message}
                </Banner>
              )}
              {notice && <Banner tone="ok">{notice}</Banner>}
              <label className="small">
                <input
                  type="checkbox"
                  checked={autoReceipt}
                  onChange={(e) => {
                    setAuto(e.target.checked);
                    setAutoReceipt(e.target.checked);
                  }}
                />{' '}
                {t.payment.autoReceipt}
              </label>
              <div className="actions">
                <button type="button" onClick={() => goTo('capture')}>
                  {t.payment.back}
                </button>
                <button type="submit" className="primary" disabled={busy || selected.length === 0}>
                  {busy ? t.payment.collecting : t.payment.collect} <span className="kbd">F4</span>
                </button>
              </div>
            </form>
          )}
          {!showForm && notice && <Banner tone="ok">{notice}</Banner>}
          {!showForm && problem && <Banner tone="error">{problem.message}</Banner>}
          {receiptOrderId && (
            <ReceiptBox receipt={receipt} nextRef={nextButton} onIssue={() => void issueReceipt(receiptOrderId)} />
          )}
        </section>
        {scope === 'class' && (
          <ClassPicker
            candidates={candidates}
            picked={picked}
            filter={filter}
            onFilter={setFilter}
            onPickAll={() => setPicked(new Set(candidates.map((o) => o.id)))}
            onToggle={(id) =>
              setPicked((p) => {
                const n = new Set(p);
                if (n.has(id)) n.delete(id);
                else n.add(id);
                return n;
              })
            }
          />
        )}
      </div>
      <ReasonDialog
        open={askOverride}
        title={t.payment.overrideTitle}
        message={
          <p>
            {t.payment.overrideMessage(
              unphotographed
                .slice(0, 5)
                .map((o) => o.orderNo)
                .join('、'),
            )}
          </p>
        }
        label={t.payment.overrideReason}
        confirmLabel={t.payment.overrideConfirm}
        maxLength={LIMITS.reason}
        busy={busy}
        error={askOverride && problem && !problem.fields.override ? problem.message : null}
        onCancel={() => {
          setAskOverride(false);
          setProblem(null);
        }}
        onConfirm={(reason) => void collect(reason)}
      />
    </div>
  );
}
