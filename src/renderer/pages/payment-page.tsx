import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { ClassSummaryView } from '../../shared/contract/payments';
import type { OrderView } from '../../shared/contract/views';
import { formatFen } from '../../shared/domain/event';
import { LIMITS } from '../../shared/domain/validators';
import { useClient } from '../api/context';
import { Banner } from '../components/banner';
import { ReasonDialog } from '../components/dialog';
import { PageHeader } from '../components/page-header';
import { problemOf } from '../components/use-api-call';
import { t } from '../i18n/zh-CN/index';
import { ClassPicker } from '../station/class-picker';
import { PaymentForm } from '../station/payment-form';
import { autoReceiptEnabled, setAutoReceipt } from '../station/payment-prefs';
import {
  classCandidates,
  classOrders,
  collectStep,
  nextClassToCharge,
  pickedClass,
  initialPayment,
  paidTarget,
  paymentReducer,
  receiptTarget,
  selectedOrders,
  showsPaymentForm,
  withoutPassingPhoto,
} from '../station/payment-state';
import { PaymentStudent } from '../station/payment-student';
import { usePush } from '../station/push-hub';
import { PaymentReceipt } from '../station/payment-receipt';
import { matchesShortcut } from '../station/shortcuts';
import { StationBar, useCurrentEvent } from '../station/station-bar';
import { useStation } from '../station/station-store';
import { useOrder } from '../station/use-order';

// 收费: the state and its rules live in station/payment-state.ts (reducer, what 确认收款 does), the form and the
// student line in station/payment-form.tsx and payment-student.tsx; this page holds the calls and the keys.
export function PaymentPage() {
  const client = useClient();
  const station = useStation();
  const event = useCurrentEvent();
  const { detail, reload } = useOrder(station.orderId);
  const [s, dispatch] = useReducer(paymentReducer, initialPayment);
  const [eventOrders, setEventOrders] = useState<OrderView[]>([]);
  const [classes, setClasses] = useState<ClassSummaryView[]>([]);
  const collectButton = useRef<HTMLButtonElement>(null);
  const selfTab = useRef<HTMLButtonElement>(null);
  const classButtons = useRef(new Map<string, HTMLButtonElement>());
  const [autoReceipt, setAuto] = useState(autoReceiptEnabled);
  const nextButton = useRef<HTMLButtonElement>(null);
  // Where the focus goes next (after a class pick or a payment): applied after React has rendered the target, and
  // again whenever the focus has fallen to the page body (the button it was on went away: the 收款 form hides once
  // the order reloads as paid, the receipt box re-renders) until the operator does something else.
  const focusNext = useRef<{ target: () => HTMLElement | null | undefined; moved: boolean } | null>(null);
  useEffect(() => {
    const want = focusNext.current;
    const target = want?.target();
    if (!want || !target) return;
    const lost = !document.activeElement || document.activeElement === document.body;
    if (!want.moved || lost) {
      target.focus();
      want.moved = document.activeElement === target;
    }
  });
  useEffect(() => {
    const done = () => (focusNext.current = null);
    window.addEventListener('mousedown', done, true);
    return () => window.removeEventListener('mousedown', done, true);
  }, []);
  const [, rendered] = useState(0);
  const wantFocus = (target: () => HTMLElement | null | undefined) => {
    focusNext.current = { target, moved: false };
    rendered((n) => n + 1); // an effect run once the target is on screen
  };
  const referenceInput = useRef<HTMLInputElement>(null);

  // 按班级: the event's classes (roster 班级) and its chargeable orders, kept current by pushes (a payment elsewhere
  // removes them); resolves with the classes as now loaded (the focus after a class payment goes by them)
  const loadEventOrders = useCallback(async (): Promise<ClassSummaryView[]> => {
    if (!station.eventId) {
      setEventOrders([]);
      setClasses([]);
      return [];
    }
    const eventId = station.eventId;
    const [orders, summary] = await Promise.all([
      client.call('orders.list', { eventId, state: 'pending_payment', limit: 1000 }).then(
        (r) => r.orders,
        () => [],
      ),
      client.call('payments.classes', { eventId }).then(
        (r) => r.classes,
        () => [],
      ),
    ]);
    setEventOrders(orders);
    setClasses(summary);
    return summary;
  }, [client, station.eventId]);
  useEffect(() => {
    if (s.scope === 'class') void loadEventOrders();
  }, [s.scope, loadEventOrders]);
  usePush((ev) => {
    if (s.scope === 'class' && (ev.name === 'order.updated' || ev.name === 'payment.updated')) void loadEventOrders();
  });
  useEffect(() => dispatch({ type: 'orderChanged' }), [station.orderId]);

  const order = detail?.order ?? null;
  const picked = pickedClass(classes, s.className);
  const candidates = useMemo(
    () => classOrders(classCandidates(eventOrders, s.filter), picked),
    [eventOrders, s.filter, picked],
  );
  const selected = selectedOrders(s, order, candidates);
  const fee = event?.feeFen ?? order?.feeFen ?? 0;
  const amountFen = fee * selected.length;
  const unphotographed = withoutPassingPhoto(selected);

  // the receipts of exactly the orders the box names (a class payment: one per order, in the payment's order)
  const [issuing, setIssuing] = useState(false);
  async function issueReceipts(orderIds: readonly string[]) {
    if (!station.operator.trim())
      return dispatch({ type: 'problem', problem: problemOf(new Error(t.station.needOperator)) });
    setIssuing(true);
    const receipts = [];
    try {
      for (const orderId of orderIds)
        receipts.push(await client.call('receipts.issue', { orderId, operator: station.operator }));
    } catch (err) {
      dispatch({ type: 'problem', problem: problemOf(err) });
    } finally {
      setIssuing(false);
      if (receipts.length > 0) dispatch({ type: 'receipts', orderIds, receipts });
    }
  }

  async function collect(overrideReason?: string) {
    const step = collectStep(s, {
      eventId: station.eventId,
      operator: station.operator,
      selected,
      amountFen,
      overrideReason,
    });
    if (step.kind === 'nothing') return;
    if (step.kind === 'askOverride') return dispatch({ type: 'askOverride' });
    if (step.kind === 'problem') {
      if (step.focusReference) referenceInput.current?.focus();
      return dispatch({ type: 'problem', problem: step.problem });
    }
    dispatch({ type: 'sending' });
    const paidClass = s.className;
    try {
      const r = await client.call('payments.record', step.request);
      // the receipt box names and prints this payment (never an earlier one): 本人 the student, 按班级 the class
      const target = paidTarget(r, s.scope === 'class' ? paidClass : null);
      dispatch({
        type: 'paid',
        notice: t.payment.paidOk(formatFen(r.payment.amountFen), r.orders.length),
        target,
      });
      reload();
      // the focus goes on to the next thing to do at once (the 确认收款 button it was on is gone): 下一位学生, or the
      // next class still to charge (none left: back to 本人)
      if (s.scope === 'class') {
        const next = nextClassToCharge(await loadEventOrders(), paidClass);
        wantFocus(() => (next !== null ? classButtons.current.get(next) : selfTab.current));
      } else wantFocus(() => nextButton.current);
      if (autoReceipt) await issueReceipts(target.orderIds);
      dispatch({ type: 'settled' });
    } catch (err) {
      dispatch({ type: 'failed', problem: problemOf(err) });
    }
  }

  // F4 collects (the shortcut that brought the operator here); the reference field's Enter does too
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (matchesShortcut(e, 'pay') && !s.askOverride) {
        e.preventDefault();
        void collect();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const formShown = showsPaymentForm(s.scope, order);
  const receiptFor = receiptTarget(s, order);

  return (
    <div className="page">
      <PageHeader title={t.payment.title} intro={t.payment.intro} />
      <StationBar />
      <div className="two-col">
        <section className="card" style={{ width: 480, flexShrink: 0 }}>
          <div className="state-tabs" role="tablist">
            {(['self', 'class'] as const).map((scope) => (
              <button
                key={scope}
                ref={scope === 'self' ? selfTab : undefined}
                type="button"
                role="tab"
                aria-selected={s.scope === scope}
                className={s.scope === scope ? 'active' : undefined}
                onClick={() => dispatch({ type: 'scope', scope })}
              >
                {scope === 'self' ? t.payment.scopeSelf : t.payment.scopeClass}
              </button>
            ))}
          </div>
          <PaymentStudent
            scope={s.scope}
            order={order}
            justPaid={s.notice !== null}
            formShown={formShown}
            unphotographed={unphotographed.length}
          />
          {formShown && (
            <PaymentForm
              state={s}
              dispatch={dispatch}
              amountFen={amountFen}
              selectedCount={selected.length}
              referenceInput={referenceInput}
              collectButton={collectButton}
              autoReceipt={autoReceipt}
              onAutoReceipt={(on) => {
                setAuto(on);
                setAutoReceipt(on);
              }}
              onCollect={() => void collect()}
            />
          )}
          {!formShown && s.notice && <Banner tone="ok">{s.notice}</Banner>}
          {!formShown && s.problem && <Banner tone="error">{s.problem.message}</Banner>}
          {receiptFor && (
            <PaymentReceipt
              target={receiptFor}
              receipts={s.receipts}
              busy={issuing}
              nextRef={nextButton}
              onIssue={() => void issueReceipts(receiptFor.orderIds)}
            />
          )}
        </section>
        {s.scope === 'class' && (
          <ClassPicker
            classes={classes}
            picked={picked}
            candidates={candidates}
            pickedIds={s.picked}
            filter={s.filter}
            classButtons={classButtons}
            onPickClass={(c, ids) => {
              dispatch({ type: 'pickClass', className: c.className, ids });
              // the next thing to do is to take the money: 确认收款 (Enter), or F4 from anywhere
              wantFocus(() => collectButton.current);
            }}
            onFilter={(value) => dispatch({ type: 'filter', value })}
            onPickAll={() => dispatch({ type: 'pickAll', ids: candidates.map((o) => o.id) })}
            onToggle={(id) => dispatch({ type: 'toggle', id })}
          />
        )}
      </div>
      <ReasonDialog
        open={s.askOverride}
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
        busy={s.busy}
        error={s.askOverride && s.problem && !s.problem.fields.override ? s.problem.message : null}
        onCancel={() => dispatch({ type: 'cancelOverride' })}
        onConfirm={(reason) => void collect(reason)}
      />
    </div>
  );
}
