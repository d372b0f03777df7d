import { describe, expect, it } from 'vitest';
import type { BindResult, TicketView } from '../../../src/shared/contract/event-mode';
import {
  bindRequest,
  INITIAL_QUEUE_CAPTURE,
  queueCaptureActive,
  queueCaptureReducer as r,
  queueShutterBlock,
  type Identified,
} from '../../../src/renderer/station/capture-queue-state';

const ticket = (id: string, label: string) => ({ id, label, nameMasked: '张*', eventId: 'e1' }) as TicketView;
const who = (id = 't1', label = '001'): Identified => ({
  eventId: 'e1',
  ticket: ticket(id, label),
  by: 'ticket_qr',
  proof: `CSTICKET1|${id}|${label}`,
});
const warned: BindResult = {
  status: 'warning',
  bindingId: 'b1',
  binding: null,
  ticket: null,
  warnings: ['人脸与该学生之前的照片不一致'],
};

describe('拍摄 in event mode (capture-queue-state)', () => {
  it('only on a 拍摄位 of an event-mode event', () => {
    expect(queueCaptureActive({ roles: ['capture'], mode: 'joined' })).toBe(true);
    expect(queueCaptureActive({ roles: ['desk', 'capture'], mode: 'host' })).toBe(true);
    expect(queueCaptureActive({ roles: ['capture'], mode: 'standalone' })).toBe(false);
    expect(queueCaptureActive({ roles: ['desk'], mode: 'joined' })).toBe(false);
    expect(queueCaptureActive(null)).toBe(false);
  });

  it('never binds without the scan that names the ticket', () => {
    expect(queueShutterBlock(INITIAL_QUEUE_CAPTURE, '摄影师')).toBe('noScan');
    expect(bindRequest(INITIAL_QUEUE_CAPTURE, '摄影师', { imageBase64: 'x' })).toBeNull();
    const s = r(INITIAL_QUEUE_CAPTURE, { type: 'identified', who: who() });
    expect(queueShutterBlock(s, '')).toBe('noOperator');
    expect(queueShutterBlock(s, '摄影师')).toBeNull();
    expect(bindRequest(s, '摄影师', { imageBase64: 'x' })).toEqual({
      eventId: 'e1',
      ticketId: 't1',
      by: 'ticket_qr',
      proof: 'CSTICKET1|t1|001',
      operator: '摄影师',
      imageBase64: 'x',
    });
    // a failed scan forgets who was there
    expect(r(s, { type: 'scanFailed', message: '不是' }).who).toBeNull();
    // 下一位: nobody until the next scan
    expect(r(s, { type: 'next' }).who).toBeNull();
  });

  it('a face warning holds the shot until 已核对是本人 (same binding id, confirmWarnings) or a retake', () => {
    let s = r(INITIAL_QUEUE_CAPTURE, { type: 'identified', who: who() });
    s = r(r(s, { type: 'bindStart' }), { type: 'bindDone', result: warned, imageBase64: 'shot' });
    expect(s.held).toEqual({ imageBase64: 'shot', bindingId: 'b1', warnings: warned.warnings });
    expect(queueShutterBlock(s, '摄影师')).toBe('held');
    expect(bindRequest(s, '摄影师', 'confirm')).toMatchObject({
      imageBase64: 'shot',
      bindingId: 'b1',
      confirmWarnings: true,
      ticketId: 't1',
    });
    const retaken = r(s, { type: 'retake' });
    expect(retaken.held).toBeNull();
    expect(bindRequest(retaken, '摄影师', 'confirm')).toBeNull();
    // another student scanned: the held shot of the one before is dropped
    expect(r(s, { type: 'identified', who: who('t2', '002') }).held).toBeNull();
  });
});
