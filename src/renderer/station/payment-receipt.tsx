import type { Ref } from 'react';
import { t } from '../i18n/zh-CN/index';
import type { Receipt, ReceiptTarget } from './payment-state';
import { goTo, updateStation } from './station-store';

/**
 * After a payment: whose receipt(s) it is (named before printing), print (or reprint) them, open their PDFs, go on
 * to the next student. For a class payment one receipt per order of that payment.
 */
export function PaymentReceipt(props: {
  target: ReceiptTarget;
  receipts: readonly Receipt[];
  busy: boolean;
  onIssue: () => void;
  nextRef: Ref<HTMLButtonElement>;
}) {
  const { target, receipts } = props;
  const issued = receipts.length > 0;
  const printed = receipts.find((r) => r.printed && r.printer);
  return (
    <div className="receipt-box" style={{ marginTop: 16 }} data-testid="receipt-box">
      <h2>{t.payment.receipt}</h2>
      <p data-testid="receipt-for">
        <span className="muted">{t.payment.receiptFor}：</span>
        {target.who}
        {target.how && <span className="muted"> · {target.how}</span>}
      </p>
      <div className="actions left">
        <button type="button" className="primary" disabled={props.busy} onClick={props.onIssue}>
          {issued ? t.payment.reprint : t.payment.issue}
        </button>
        {receipts.map((r) => (
          <a
            key={`${r.orderId}-${r.copy}`}
            className="button-link"
            href={r.pdfUrl}
            target="_blank"
            rel="noreferrer"
            data-testid="receipt-pdf"
          >
            {t.payment.openPdf}
            {receipts.length > 1 ? ` ${r.orderNo}` : ''}
          </a>
        ))}
        <button
          ref={props.nextRef}
          type="button"
          onClick={() => {
            updateStation({ orderId: null });
            goTo('checkin');
          }}
        >
          {t.payment.next} <span className="kbd">F2</span>
        </button>
      </div>
      {issued && (
        <p className="muted small">
          {receipts.length > 1 ? `${t.payment.receiptIssued(receipts.length)}；` : ''}
          {printed ? t.payment.printed(printed.printer!) : t.payment.pdfOnly}
        </p>
      )}
    </div>
  );
}
