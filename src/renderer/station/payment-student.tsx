import type { OrderView } from '../../shared/contract/views';
import { Banner } from '../components/banner';
import { t } from '../i18n/zh-CN/index';
import type { PaymentScope } from './payment-state';
import { screenName } from '../../shared/domain/masking';

/** Whom 收费 is about (本人: the current student and whether they can be charged) and the 初审 warning. */
export function PaymentStudent(props: {
  scope: PaymentScope;
  order: OrderView | null;
  /** A payment was just recorded (its notice replaces 该订单已付款). */
  justPaid: boolean;
  formShown: boolean;
  unphotographed: number;
}) {
  const { scope, order } = props;
  return (
    <>
      {scope === 'self' && !order && <Banner tone="warn">{t.payment.noOrder}</Banner>}
      {scope === 'self' && order && (
        <p className="student-line" data-testid="payment-student">
          {screenName(order)} · {order.studentNo} · {order.orderNo}{' '}
          <span className={`state-pill ${order.state}${order.paid ? ' paid' : ''}`}>{order.stateLabel}</span>
        </p>
      )}
      {scope === 'self' && order?.paid && !props.justPaid && <Banner tone="ok">{t.payment.alreadyPaid}</Banner>}
      {scope === 'self' && order && !order.paid && order.state !== 'pending_payment' && (
        <Banner tone="warn">{t.payment.notChargeable(order.stateLabel)}</Banner>
      )}
      {props.formShown && props.unphotographed > 0 && (
        <Banner tone="warn" testId="photo-not-passed">
          {scope === 'self' ? t.payment.photoNotPassed : t.payment.photoNotPassedClass(props.unphotographed)}
        </Banner>
      )}
    </>
  );
}
