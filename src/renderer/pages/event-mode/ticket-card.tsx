import type { TicketView } from '../../../shared/contract/event-mode';
import { businessTime } from '../../../shared/domain/business-time';
import { t } from '../../i18n';
import { QrSvg } from './qr-svg';

/** The small ticket the desk prints or shows: 拍摄号, masked name, class, QR of the number (no personal data in it). */
export function TicketCard({ ticket }: { ticket: TicketView }) {
  return (
    <div className="ticket-card ticket-print" data-testid="ticket-card">
      <div className="ticket-head">{t.eventMode.desk.ticket}</div>
      <div className="ticket-label" data-testid="ticket-label">
        {ticket.label}
      </div>
      <div className="ticket-name">{ticket.nameMasked}</div>
      <div className="ticket-class muted">{ticket.classLabel}</div>
      <QrSvg payload={ticket.qrPayload} size={132} label={`${t.eventMode.desk.ticket} ${ticket.label}`} />
      <div className="ticket-foot muted">
        {businessTime(ticket.issuedAt)} · {ticket.issuedBy}
      </div>
      <div className="ticket-foot">{t.eventMode.desk.ticketHint}</div>
    </div>
  );
}
