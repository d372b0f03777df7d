import { describe, expect, it } from 'vitest';
import {
  checkinReducer,
  initialCheckin,
  movesOnAfterFill,
  nextFocus,
  type Decoded,
} from '../../../src/renderer/station/checkin-state';

// The 签到 cursor when the event's 特征码 arrives after the form was shown for a bare 采集码 (the flake of
// e2e face-consistency:30): the form had put the cursor on the empty 特征码; the station filling it must move the
// cursor on to 后 4 位, while a field the operator is typing in is never left.

const ORDER = ['featureCode', 'idLast4', 'email', 'phone'];
const decoded = { ask: [], existingOrder: null, rosterEntry: null } as unknown as Decoded;

describe('movesOnAfterFill', () => {
  it('the event list answering after the 采集码: from the filled 特征码 on to 后 4 位', () => {
    const shown = checkinReducer(initialCheckin, { type: 'decoded', payload: 'c8', decoded, featureCode: '' });
    expect(nextFocus(shown, ORDER)).toBe('featureCode');
    const filled = checkinReducer(shown, { type: 'eventChanged', featureCode: 'SDNU2026' });
    expect(movesOnAfterFill('featureCode', 'featureCode', filled.form, new Set())).toBe(true);
    expect(nextFocus(filled, ORDER)).toBe('idLast4');
  });

  it('the event list answering first: the form is shown with 特征码 filled, the cursor goes to 后 4 位 at once', () => {
    const fc = checkinReducer(initialCheckin, { type: 'eventChanged', featureCode: 'SDNU2026' });
    const shown = checkinReducer(fc, { type: 'decoded', payload: 'c8', decoded, featureCode: '' });
    expect(nextFocus(shown, ORDER)).toBe('idLast4');
  });

  it('never leaves a field the operator typed in, nor one the cursor was moved to by hand', () => {
    const shown = checkinReducer(initialCheckin, { type: 'decoded', payload: 'c8', decoded, featureCode: 'SDNU2026' });
    const typing = checkinReducer(shown, { type: 'edit', field: 'idLast4', value: '1' });
    expect(movesOnAfterFill('idLast4', 'idLast4', typing.form, new Set(['idLast4']))).toBe(false);
    expect(movesOnAfterFill('email', 'idLast4', typing.form, new Set())).toBe(false);
    expect(movesOnAfterFill(null, 'featureCode', shown.form, new Set())).toBe(false);
  });

  it('stays while the field the cursor was put on is still empty', () => {
    const shown = checkinReducer(initialCheckin, { type: 'decoded', payload: 'c8', decoded, featureCode: '' });
    expect(movesOnAfterFill('featureCode', 'featureCode', shown.form, new Set())).toBe(false);
  });
});
