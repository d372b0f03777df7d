import type { BindResult, LanStatusView, TicketView } from '../../shared/contract/event-mode';
import type { IdentifiedBy } from '../../shared/domain/shooting-queue';

// 拍摄 in event mode (issue 13), without React: on a 拍摄位 of an event-mode event the shutter binds the shot through
// the 拍摄号 queue (queue.bind) to the student the scan at this station named — never to a plain order. A face
// warning holds the binding (nothing is stored) until the photographer confirms 已核对是本人 (the same shot and
// binding id sent again with confirmWarnings) or retakes.

/** Who stands at the camera, as the scan (ticket QR / 采集码) or the confirmed masked name named them. */
export interface Identified {
  eventId: string;
  ticket: TicketView;
  by: IdentifiedBy;
  proof: string;
}

export interface QueueCaptureState {
  who: Identified | null;
  /** The number this station called last (its masked name may be confirmed instead of a scan). */
  called: TicketView | null;
  scanError: string | null;
  binding: boolean;
  /** The last answer of queue.bind for `who`. */
  result: BindResult | null;
  /** A shot held by a warning: sent again, confirmed, with the same binding id — or dropped by a retake. */
  held: { imageBase64: string; bindingId: string; warnings: string[] } | null;
  error: string | null;
}

export const INITIAL_QUEUE_CAPTURE: QueueCaptureState = {
  who: null,
  called: null,
  scanError: null,
  binding: false,
  result: null,
  held: null,
  error: null,
};

export type QueueCaptureAction =
  | { type: 'called'; ticket: TicketView | null }
  | { type: 'identified'; who: Identified }
  | { type: 'scanFailed'; message: string }
  | { type: 'bindStart' }
  | { type: 'bindDone'; result: BindResult; imageBase64: string }
  | { type: 'bindFailed'; message: string }
  /** 重新拍摄 after a warning: the held shot is dropped, nothing was bound. */
  | { type: 'retake' }
  /** 下一位: nobody is identified until the next scan. */
  | { type: 'next' };

export function queueCaptureReducer(s: QueueCaptureState, a: QueueCaptureAction): QueueCaptureState {
  switch (a.type) {
    case 'called':
      return { ...INITIAL_QUEUE_CAPTURE, called: a.ticket };
    case 'identified':
      // another student: whatever was shown or held belonged to the one before
      return a.who.ticket.id === s.who?.ticket.id
        ? { ...s, who: a.who, scanError: null }
        : { ...s, who: a.who, scanError: null, result: null, held: null, error: null };
    case 'scanFailed':
      return { ...s, who: null, scanError: a.message, result: null, held: null };
    case 'bindStart':
      return { ...s, binding: true, error: null };
    case 'bindDone':
      return {
        ...s,
        binding: false,
        result: a.result,
        held:
          a.result.status === 'warning'
            ? { imageBase64: a.imageBase64, bindingId: a.result.bindingId, warnings: a.result.warnings }
            : null,
      };
    case 'bindFailed':
      return { ...s, binding: false, error: a.message };
    case 'retake':
      return { ...s, held: null, result: null };
    case 'next':
      return { ...INITIAL_QUEUE_CAPTURE };
  }
}

/** Is this station a 拍摄位 of an event-mode event (joined to a host, or hosting one)? */
export function queueCaptureActive(lan: Pick<LanStatusView, 'roles' | 'mode'> | null): boolean {
  return !!lan && lan.roles.includes('capture') && lan.mode !== 'standalone';
}

/** Why the shutter may not bind now, or null. Never without the scan that names the ticket. */
export function queueShutterBlock(
  s: QueueCaptureState,
  operator: string,
): 'noScan' | 'busy' | 'held' | 'noOperator' | null {
  if (!s.who) return 'noScan';
  if (s.binding) return 'busy';
  if (s.held) return 'held';
  if (!operator.trim()) return 'noOperator';
  return null;
}

/** The queue.bind request: a new shot, or (confirm) the held one again with its binding id and the warnings seen. */
export function bindRequest(
  s: QueueCaptureState,
  operator: string,
  shot: { imageBase64: string } | 'confirm',
): Record<string, unknown> | null {
  if (!s.who) return null;
  const base = {
    eventId: s.who.eventId,
    ticketId: s.who.ticket.id,
    by: s.who.by,
    proof: s.who.proof,
    operator,
  };
  if (shot === 'confirm') {
    if (!s.held) return null;
    return { ...base, imageBase64: s.held.imageBase64, bindingId: s.held.bindingId, confirmWarnings: true };
  }
  return { ...base, imageBase64: shot.imageBase64 };
}
