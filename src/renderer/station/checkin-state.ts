import { useSyncExternalStore } from 'react';
import type { Res } from '../../shared/contract';
import {
  checkinFormProblems,
  fieldsToAsk,
  LAST4_MISMATCH,
  type CheckinFormValues,
  type CheckinPath,
  type ContactPolicy,
  type StudentField,
} from '../../shared/domain/checkin-rules';
import { checkIdNumber, last4Matches } from '../../shared/domain/id-number';
import type { RosterEntryView } from '../../shared/contract/views';
import type { CheckinSubmitInput } from '../../shared/contract/checkin';
import type { Problem } from '../components/problem';

// The 签到 page as a pure state machine: who is in front of the station (scanned, picked from the roster,
// typed by hand), the form, the problems. Kept in a module store so a half-filled check-in survives a page
// switch (memory only: the 证件号 typed for 手动登记 is never written to storage).

export type Decoded = Res<'checkin.decode'>;

export type Subject =
  | { kind: 'none' }
  | { kind: 'qr'; payload: string; decoded: Decoded }
  | { kind: 'roster'; entry: RosterEntryView }
  | { kind: 'manual' };

export interface CheckinState {
  subject: Subject;
  form: CheckinFormValues;
  /** The last problem: a banner line plus messages next to fields. Cleared by any new student. */
  problem: Problem | null;
  busy: boolean;
}

export const EMPTY_FORM: CheckinFormValues = {
  name: '',
  studentNo: '',
  gender: '',
  idNumber: '',
  collectionCode: '',
  major: '',
  educationLevel: '',
  educationType: '',
  campusType: '',
  featureCode: '',
  idLast4: '',
  email: '',
  phone: '',
};

export const initialCheckin: CheckinState = { subject: { kind: 'none' }, form: EMPTY_FORM, problem: null, busy: false };

export type CheckinAction =
  | { type: 'decoded'; payload: string; decoded: Decoded; featureCode: string }
  | { type: 'decodeFailed'; problem: Problem }
  | { type: 'pickRoster'; entry: RosterEntryView; featureCode: string }
  | { type: 'manual'; featureCode: string }
  | { type: 'edit'; field: keyof CheckinFormValues; value: string }
  /** A problem outside the form was fixed (the station bar's 当前活动 / 操作员): drop its message. */
  | { type: 'fieldFixed'; field: string }
  | { type: 'eventChanged'; featureCode: string }
  | { type: 'submitting' }
  | { type: 'failed'; problem: Problem }
  | { type: 'submitted' }
  | { type: 'clear' };

/** A fresh form for a new student: only the event's 特征码 carries over (it is the same for everyone). */
function freshForm(featureCode: string): CheckinFormValues {
  return { ...EMPTY_FORM, featureCode };
}

export function checkinReducer(s: CheckinState, a: CheckinAction): CheckinState {
  switch (a.type) {
    case 'decoded':
      return {
        subject: { kind: 'qr', payload: a.payload, decoded: a.decoded },
        form: freshForm(a.featureCode || s.form.featureCode),
        problem: null,
        busy: false,
      };
    case 'decodeFailed':
      // an unknown code must not leave the previous student's form ready to submit
      return { subject: { kind: 'none' }, form: freshForm(s.form.featureCode), problem: a.problem, busy: false };
    case 'pickRoster':
      return {
        subject: { kind: 'roster', entry: a.entry },
        form: freshForm(a.featureCode || s.form.featureCode),
        problem: null,
        busy: false,
      };
    case 'manual':
      return s.subject.kind === 'manual'
        ? s
        : {
            subject: { kind: 'manual' },
            form: freshForm(a.featureCode || s.form.featureCode),
            problem: null,
            busy: false,
          };
    case 'edit': {
      const form = { ...s.form, [a.field]: a.value };
      // the problem at this field is being fixed: drop its message, keep the others
      return { ...s, form, problem: withoutField(s.problem, a.field) };
    }
    case 'fieldFixed':
      return s.problem?.fields[a.field] ? { ...s, problem: withoutField(s.problem, a.field) } : s;
    case 'eventChanged':
      return s.form.featureCode ? s : { ...s, form: { ...s.form, featureCode: a.featureCode } };
    case 'submitting':
      return { ...s, busy: true, problem: null };
    case 'failed':
      return { ...s, busy: false, problem: a.problem };
    case 'submitted':
    case 'clear':
      return { ...initialCheckin, form: freshForm(s.form.featureCode) };
  }
}

function withoutField(problem: Problem | null, field: string): Problem | null {
  if (!problem?.fields[field]) return problem;
  const { [field]: _fixed, ...fields } = problem.fields;
  const rest = Object.values(fields);
  return rest.length ? { ...problem, fields, message: rest[0]! } : null;
}

/** Which path the form is on, for the service (`source`). */
export function pathOf(subject: Subject): CheckinPath | null {
  if (subject.kind === 'none') return null;
  return subject.kind;
}

/** The student fields to ask for on this path: every field by hand, else only what the source left open. */
export function askedFields(subject: Subject): StudentField[] {
  switch (subject.kind) {
    case 'none':
      return [];
    case 'manual':
      return fieldsToAsk('manual', null);
    case 'qr':
      return subject.decoded.ask;
    case 'roster': {
      const e = subject.entry;
      return fieldsToAsk('roster', {
        name: e.nameMasked,
        studentNo: e.studentNo,
        gender: e.gender,
        hasIdNumber: e.idDisplay !== null,
        collectionCode: e.collectionCode,
        major: e.major,
        educationLevel: e.educationLevel,
        educationType: e.educationType,
        campusType: e.campusType,
      });
    }
  }
}

/** The form is shown for a new student; a student already checked in gets their order opened instead. */
export function showsForm(subject: Subject): boolean {
  if (subject.kind === 'qr') return subject.decoded.existingOrder === null;
  return subject.kind !== 'none';
}

/** The roster row behind this student, if any (its e-mail/phone need not be typed again). */
function rosterOf(subject: Subject): RosterEntryView | null {
  if (subject.kind === 'roster') return subject.entry;
  if (subject.kind === 'qr') return subject.decoded.rosterEntry;
  return null;
}

/**
 * Which contact details the station must type: the ones the roster does not have, and none when 设置 says they
 * are optional at the station (`stationRequires` = settings.contactFieldsRequired; the service reads the same).
 */
export function contactPolicy(subject: Subject, stationRequires = true): ContactPolicy {
  const r = rosterOf(subject);
  return { email: stationRequires && !r?.email, phone: stationRequires && !r?.phoneMasked };
}

/** Why a contact field may stay empty: the roster has it, or the station leaves it to the student. */
export function contactOptionalBecause(subject: Subject, field: 'email' | 'phone'): 'roster' | 'later' {
  const r = rosterOf(subject);
  return (field === 'email' ? r?.email : r?.phoneMasked) ? 'roster' : 'later';
}

/** The service's words for a 后 4 位 that does not fit the 证件号 (checkin-service), so both read the same. */

/** Problems the form finds itself (all at once), before anything is sent. */
export function formProblems(s: CheckinState, stationRequires = true): Record<string, string> {
  const asked = askedFields(s.subject);
  const path = pathOf(s.subject) ?? 'manual';
  const problems = checkinFormProblems(s.form, asked, contactPolicy(s.subject, stationRequires), path);
  // 完整姓名 is optional with a QR/roster source: only its length/characters are checked
  if (s.subject.kind !== 'manual' && !s.form.name.trim()) delete problems.name;
  // a 证件号 typed here (手动登记, a roster without one): its last 4 are checked with the rest, not only by the
  // service after the other problems are mended (the trial needed two submits to see this one)
  if (asked.includes('idNumber') && !problems.idNumber && !problems.idLast4) {
    const id = checkIdNumber(s.form.idNumber);
    if (id.ok && !last4Matches(id.normalized, s.form.idLast4)) problems.idLast4 = LAST4_MISMATCH;
  }
  return problems;
}

/** The checkin.submit request for this state (only the fields that were asked are sent). */
export function submitRequest(s: CheckinState, eventId: string, operator: string): CheckinSubmitInput | null {
  const path = pathOf(s.subject);
  if (!path) return null;
  const asked = new Set<string>(askedFields(s.subject));
  const f = s.form;
  const opt = (k: StudentField) => (asked.has(k) && f[k].trim() ? f[k].trim() : undefined);
  return {
    eventId,
    source: path,
    payload: s.subject.kind === 'qr' ? s.subject.payload : undefined,
    rosterEntryId: s.subject.kind === 'roster' ? s.subject.entry.id : undefined,
    name: f.name.trim() || undefined,
    studentNo: opt('studentNo'),
    collectionCode: opt('collectionCode'),
    gender: asked.has('gender') && (f.gender === '男' || f.gender === '女') ? f.gender : undefined,
    idNumber: opt('idNumber'),
    major: opt('major'),
    educationLevel: opt('educationLevel'),
    educationType: opt('educationType'),
    campusType: opt('campusType'),
    featureCode: f.featureCode,
    idLast4: f.idLast4,
    email: f.email,
    phone: f.phone,
    operator,
  };
}

/** Where the cursor goes next: the first field with a problem, else the first field still to fill. */
export function nextFocus(s: CheckinState, order: readonly string[]): string | null {
  const withProblem = order.find((k) => s.problem?.fields[k]);
  if (withProblem) return withProblem;
  return order.find((k) => !String(s.form[k as keyof CheckinFormValues] ?? '').trim()) ?? null;
}

/**
 * Same student, same problems, but the form's values changed: move the cursor on (to nextFocus) only when it is
 * still on the field the form put it on (`placed`) and the station has filled that field by itself — the event's
 * 特征码 arriving after the form was shown for a fast 采集码. Never away from a field the operator has typed in.
 */
export function movesOnAfterFill(
  cursorAt: string | null,
  placed: string | null,
  form: CheckinFormValues,
  typed: ReadonlySet<string>,
): boolean {
  if (!cursorAt || cursorAt !== placed || typed.has(cursorAt)) return false;
  return String(form[cursorAt as keyof CheckinFormValues] ?? '').trim() !== '';
}

// ---- module store (survives page switches) ----

let current: CheckinState = initialCheckin;
const listeners = new Set<() => void>();

export function dispatchCheckin(a: CheckinAction): void {
  current = checkinReducer(current, a);
  for (const l of listeners) l();
}

export function useCheckinState(): CheckinState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}

/** For tests and a new event: forget the draft. */
export function resetCheckinStore(): void {
  current = initialCheckin;
  for (const l of listeners) l();
}
