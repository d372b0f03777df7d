import type { Dispatch, FormEvent, RefObject } from 'react';
import { formatFen } from '../../shared/domain/event';
import { PAYMENT_METHOD_LABELS, PAYMENT_METHODS, referenceRequired } from '../../shared/domain/payment';
import { LIMITS } from '../../shared/domain/validators';
import { Banner } from '../components/banner';
import { Field } from '../components/field';
import { t } from '../i18n/zh-CN/index';
import type { PaymentAction, PaymentState } from './payment-state';
import { goTo } from './station-store';

/** 收费 form: method, 交易单号 (a scanned 付款码), class note, the amount, the outcome, 确认收款 (F4). */
export function PaymentForm(props: {
  state: PaymentState;
  dispatch: Dispatch<PaymentAction>;
  amountFen: number;
  selectedCount: number;
  referenceInput: RefObject<HTMLInputElement | null>;
  /** 确认收款, where the focus goes once a class is picked. */
  collectButton?: RefObject<HTMLButtonElement | null>;
  autoReceipt: boolean;
  onAutoReceipt: (on: boolean) => void;
  onCollect: () => void;
}) {
  const { state: s, dispatch } = props;
  const refProblem = s.problem?.fields.reference;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onCollect();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t.payment.title}>
      <div className="field-label">{t.payment.method}</div>
      <div className="methods" role="radiogroup" aria-label={t.payment.method}>
        {PAYMENT_METHODS.map((m) => (
          <label key={m} className={s.method === m ? 'active' : undefined}>
            <input
              type="radio"
              name="method"
              value={m}
              checked={s.method === m}
              onChange={() => {
                dispatch({ type: 'method', method: m });
                if (referenceRequired(m)) setTimeout(() => props.referenceInput.current?.focus(), 0);
              }}
            />
            {PAYMENT_METHOD_LABELS[m]}
          </label>
        ))}
      </div>
      {referenceRequired(s.method) && (
        <Field label={t.payment.reference} hint={t.payment.referenceHint} required error={refProblem}>
          <input
            ref={props.referenceInput}
            name="reference"
            className={refProblem ? 'invalid' : undefined}
            value={s.reference}
            onChange={(e) => dispatch({ type: 'reference', value: e.target.value })}
            maxLength={LIMITS.reference + 8}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
      )}
      {s.scope === 'class' && (
        <Field label={t.payment.note}>
          <input
            value={s.note}
            maxLength={LIMITS.payerNote}
            onChange={(e) => dispatch({ type: 'note', value: e.target.value })}
            placeholder={t.payment.notePlaceholder}
          />
        </Field>
      )}
      <div className="field-label">{t.payment.amount}</div>
      <div className="amount" data-testid="amount">
        ¥{formatFen(props.amountFen)}
        {props.selectedCount > 1 && <span className="muted small"> （{t.payment.selected(props.selectedCount)}）</span>}
      </div>
      {s.problem && !refProblem && (
        <Banner tone="error" testId="payment-error">
          {s.problem.message}
        </Banner>
      )}
      {s.notice && <Banner tone="ok">{s.notice}</Banner>}
      <label className="small">
        <input type="checkbox" checked={props.autoReceipt} onChange={(e) => props.onAutoReceipt(e.target.checked)} />{' '}
        {t.payment.autoReceipt}
      </label>
      <div className="actions">
        <button type="button" onClick={() => goTo('capture')}>
          {t.payment.back}
        </button>
        <button
          ref={props.collectButton}
          type="submit"
          className="primary"
          disabled={s.busy || props.selectedCount === 0}
        >
          {s.busy ? t.payment.collecting : t.payment.collect} <span className="kbd">F4</span>
        </button>
      </div>
    </form>
  );
}
