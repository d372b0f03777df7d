import { describe, expect, it } from 'vitest';
import {
  callBoard,
  checkPairing,
  formatStationRoles,
  formatTicketLabel,
  hostBaseUrl,
  identifies,
  matchOfflineOrder,
  nextOfflineLabel,
  nextSeq,
  nextTicketState,
  parsePairingQr,
  parseStationRoles,
  parseTicketLabel,
  parseTicketQr,
  pairingQrPayload,
  pickNext,
  planOfflineMerge,
  ticketQrPayload,
  type QueuedTicket,
} from '../../../src/shared/domain/shooting-queue';

const ID = '3f2b8c1e-0000-4000-8000-00000000000a';

describe('station roles', () => {
  it('keeps known roles in a fixed order, drops unknown ones', () => {
    expect(parseStationRoles('capture, desk,foo,desk')).toEqual(['desk', 'capture']);
    expect(parseStationRoles(null)).toEqual([]);
    expect(formatStationRoles(['cashier', 'desk'])).toBe('desk,cashier');
  });
});

describe('ticket numbers', () => {
  it('host numbers and station blocks never look alike', () => {
    expect(formatTicketLabel(7, null)).toBe('007');
    expect(formatTicketLabel(7, 2)).toBe('2-007');
    expect(formatTicketLabel(1234, null)).toBe('1234');
    expect(parseTicketLabel('007')).toEqual({ seq: 7, block: null });
    expect(parseTicketLabel('2-007')).toEqual({ seq: 7, block: 2 });
    expect(parseTicketLabel('000')).toBeNull();
    expect(parseTicketLabel('7')).toBeNull();
    expect(() => formatTicketLabel(0, null)).toThrow();
  });
  it('next number after the highest used, gaps not refilled', () => {
    expect(nextSeq([])).toBe(1);
    expect(nextSeq([1, 5, 3])).toBe(6);
  });
  it('ticket QR round-trips and refuses anything else', () => {
    const p = ticketQrPayload(ID, '012');
    expect(parseTicketQr(p)).toEqual({ ticketId: ID, label: '012' });
    expect(parseTicketQr('CSTICKET1|nope|012')).toBeNull();
    expect(parseTicketQr(`${p}|x`)).toBeNull();
    expect(parseTicketQr('CSQR1:{}')).toBeNull();
  });
});

describe('queue states', () => {
  it('call, skip, recall, leave, rejoin, bind', () => {
    expect(nextTicketState('waiting', 'call')).toEqual({ ok: true, to: 'called' });
    expect(nextTicketState('called', 'skip')).toEqual({ ok: true, to: 'skipped' });
    expect(nextTicketState('skipped', 'recall')).toEqual({ ok: true, to: 'recalled' });
    expect(nextTicketState('recalled', 'leave')).toEqual({ ok: true, to: 'left' });
    expect(nextTicketState('left', 'rejoin')).toEqual({ ok: true, to: 'waiting' });
    expect(nextTicketState('left', 'bind')).toEqual({ ok: true, to: 'bound' });
    const r = nextTicketState('bound', 'skip');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('已拍摄');
  });
  it('next: recalled first, then the oldest waiting', () => {
    const t = (id: string, state: QueuedTicket['state'], issuedAt: string): QueuedTicket => ({
      id,
      state,
      issuedAt,
      label: id,
    });
    expect(pickNext([t('b', 'waiting', '2'), t('a', 'waiting', '1'), t('c', 'called', '0')])?.id).toBe('a');
    expect(pickNext([t('a', 'waiting', '1'), t('r', 'recalled', '3')])?.id).toBe('r');
    expect(pickNext([t('a', 'bound', '1')])).toBeNull();
  });
});

describe('identification before binding', () => {
  const ticket = { ticketId: ID, label: '012', collectionCode: 'c8bade99b9b2edca', nameMasked: '黄*正' };
  it('the ticket QR of this ticket, not of another', () => {
    expect(identifies(ticket, 'ticket_qr', ticketQrPayload(ID, '012'))).toEqual({ ok: true });
    const other = identifies(ticket, 'ticket_qr', ticketQrPayload('3f2b8c1e-0000-4000-8000-00000000000b', '013'));
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.message).toContain('013');
  });
  it('the 采集码 of this student', () => {
    expect(identifies(ticket, 'collection_code', 'C8BADE99B9B2EDCA')).toEqual({ ok: true });
    expect(identifies(ticket, 'collection_code', 'c8bade99b9b2edcb').ok).toBe(false);
    expect(identifies({ ...ticket, collectionCode: null }, 'collection_code', 'c8bade99b9b2edca').ok).toBe(false);
  });
  it('the masked name as confirmed', () => {
    expect(identifies(ticket, 'name_confirmed', '黄*正')).toEqual({ ok: true });
    expect(identifies(ticket, 'name_confirmed', '李*').ok).toBe(false);
  });
});

describe('offline merge', () => {
  const off = (id: string, seq: number, block = 2) => ({
    id,
    seq,
    block,
    label: formatTicketLabel(seq, block),
    issuedAt: `t${seq}`,
  });
  it('inserts new ones, skips merged ones, refuses foreign blocks — idempotent', () => {
    const tickets = [off('a', 1), off('b', 2), off('c', 1, 3)];
    const first = planOfflineMerge(2, tickets, new Map([['001', 'h1']]), new Set(['h1']));
    expect(first.insert.map((t) => t.id)).toEqual(['a', 'b']);
    expect(first.refused.map((r) => r.ticket.id)).toEqual(['c']);
    const labels = new Map([
      ['001', 'h1'],
      ['2-001', 'a'],
      ['2-002', 'b'],
    ]);
    const again = planOfflineMerge(2, tickets.slice(0, 2), labels, new Set(['h1', 'a', 'b']));
    expect(again.insert).toEqual([]);
    expect(again.alreadyMerged.map((t) => t.id)).toEqual(['a', 'b']);
  });
  it('a number held by another ticket is refused, never doubled', () => {
    const plan = planOfflineMerge(2, [off('a', 1), off('x', 1)], new Map(), new Set());
    expect(plan.insert.map((t) => t.id)).toEqual(['a']);
    expect(plan.refused[0]!.message).toContain('已被占用');
  });
});

describe('pairing', () => {
  const w = { code: '123456', expiresAt: '2026-12-01T10:05:00.000Z', failures: 0 };
  it('accepts the right code while open', () => {
    expect(checkPairing(w, '123 456', '2026-12-01T10:00:00.000Z')).toEqual({ ok: true });
    expect(checkPairing(w, '123457', '2026-12-01T10:00:00.000Z')).toMatchObject({ ok: false, burn: true });
    expect(checkPairing(w, '123456', '2026-12-01T10:06:00.000Z')).toMatchObject({ ok: false, burn: false });
    expect(checkPairing({ ...w, failures: 5 }, '123456', '2026-12-01T10:00:00.000Z').ok).toBe(false);
    expect(checkPairing(null, '123456', '2026-12-01T10:00:00.000Z').ok).toBe(false);
  });
  it('pairing QR and typed addresses', () => {
    expect(parsePairingQr(pairingQrPayload('http://192.168.1.20:5710', '654321'))).toEqual({
      address: 'http://192.168.1.20:5710',
      code: '654321',
    });
    expect(hostBaseUrl('192.168.1.20')).toBe('http://192.168.1.20:5710');
    expect(hostBaseUrl('Studio-1.local:6000/')).toBe('http://studio-1.local:6000');
    expect(hostBaseUrl('https://10.0.0.2:8443')).toBe('https://10.0.0.2:8443');
    expect(hostBaseUrl('a b')).toBeNull();
    expect(hostBaseUrl('1.2.3.4:99999')).toBeNull();
  });
});

describe('offline numbers and their orders', () => {
  it('a cut-off station issues from its own block, one past what it issued (other blocks ignored)', () => {
    expect(nextOfflineLabel(2, [])).toEqual({ label: '2-001', seq: 1 });
    expect(nextOfflineLabel(2, ['2-001', '2-003', '3-009', '007'])).toEqual({ label: '2-004', seq: 4 });
  });

  it('a merged ticket finds its order: known id, else 采集码, else a unique 学号, else none yet', () => {
    const orders = [
      { id: 'o1', collectionCode: 'aaaaaaaaaaaaaaaa', studentNo: '1' },
      { id: 'o2', collectionCode: null, studentNo: '2' },
      { id: 'o3', collectionCode: null, studentNo: '3' },
      { id: 'o4', collectionCode: null, studentNo: '3' },
    ];
    expect(matchOfflineOrder({ orderId: 'o2', collectionCode: null, studentNo: 'x' }, orders)).toBe('o2');
    expect(matchOfflineOrder({ orderId: 'gone', collectionCode: 'aaaaaaaaaaaaaaaa', studentNo: '' }, orders)).toBe(
      'o1',
    );
    expect(matchOfflineOrder({ orderId: null, collectionCode: 'bbbbbbbbbbbbbbbb', studentNo: '2' }, orders)).toBe('o2');
    expect(matchOfflineOrder({ orderId: null, collectionCode: null, studentNo: '3' }, orders)).toBeNull(); // two orders
    expect(matchOfflineOrder({ orderId: null, collectionCode: null, studentNo: '9' }, orders)).toBeNull();
  });
});

describe('叫号 screen', () => {
  const tk = (label: string, state: string, updatedAt: string, calledBy: string | null = null) => ({
    id: label,
    label,
    state: state as QueuedTicket['state'],
    issuedAt: `2026-06-01T01:${label.slice(-2)}:00Z`,
    updatedAt,
    calledBy,
  });
  it('the newest call per station, then the next numbers as 叫下一位 takes them (recalled first)', () => {
    const board = callBoard(
      [
        tk('001', 'bound', 'x'),
        tk('002', 'called', '2026-06-01T02:00:00Z', '拍摄位1'),
        tk('003', 'called', '2026-06-01T02:05:00Z', '拍摄位1'),
        tk('004', 'called', '2026-06-01T02:01:00Z', '拍摄位2'),
        tk('005', 'waiting', 'x'),
        tk('006', 'recalled', 'x'),
        tk('007', 'left', 'x'),
        tk('008', 'waiting', 'x'),
      ],
      3,
      2,
    );
    expect(board.calling.map((t) => t.label)).toEqual(['003', '004']);
    expect(board.next.map((t) => t.label)).toEqual(['006', '005']);
  });
});
