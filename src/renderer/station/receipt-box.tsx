import type { Ref } from 'react';
import { t } from '../i18n/zh-CN/index';
import type { Receipt } from './payment-state';
import { goTo, updateStation } from './station-store';

export type { Receipt };

/** After a payment: print (or reprint) the receipt, open its PDF, go on to the next student. */
export function ReceiptBox(props: { receipt: Receipt | null; onIssue: () => void; nextRef: Ref<HTMLButtonElement> }) {
  const { receipt } = props;
  return (
    <div className="receipt-box" style={{ marginTop: 16 }}>
      <h2>{t.payment.receipt}</h2>
      <div className="actions left">
        <button type="button" className="primary" onClick={props.onIssue}>
          {receipt ? t.payment.reprint : t.payment.issue}
        </button>
        {receipt && (
          <a className="button-link" href={receipt.pdfUrl} target="_blank" rel="noreferrer" data-testid="receipt-pdf">
            {t.payment.openPdf}
          </a>
        )}
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
      {receipt && (
        <p className="muted small">
          {receipt.printed && receipt.printer ? t.payment.printed(receipt.printer) : t.payment.pdfOnly}
        </p>
      )}
    </div>
  );
}
