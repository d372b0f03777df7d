import { describe, expect, it } from 'vitest';
import {
  askedFields,
  checkinReducer,
  contactOptionalBecause,
  contactPolicy,
  formProblems,
  initialCheckin,
  nextFocus,
  showsForm,
  submitRequest,
  type CheckinState,
  type Decoded,
} from '../../../src/renderer/station/checkin-state';
import type { RosterEntryView } from '../../../src/shared/contract/views';
import type { CheckinFormValues } from '../../../src/shared/domain/checkin-rules';

const FC = '1a2d9fb8a5f1c2ba03ae58a7';
const entry = (over: Partial<RosterEntryView> = {}): RosterEntryView => ({
  id: 'r1',
  eventId: 'e1',
  name: '黄志正',
  nameMasked: '黄*正',
  studentNo: '852021102012',
  collectionCode: 'c8bade99b9b2edca',
  idDisplay: '1101**************',
  gender: '女',
  major: '教育传媒',
  educationLevel: '本科',
  educationType: '',
  campusType: '',
  email: '',
  phoneMasked: '',
  line: 2,
  ...over,
});
const decoded = (ask: Decoded['ask'], existing = false): Decoded => ({
  student: {
    decoder: 'bare-code',
    collectionCode: 'c8bade99b9b2edca',
    nameMasked: '黄*正',
    idDisplay: '1101**************',
    studentNo: '852021102012',
    gender: '女',
    schoolCode: null,
    educationLevel: '本科',
    educationType: null,
    campusType: null,
    major: null,
  },
  rosterEntry: entry(),
  existingOrder: existing ? ({ id: 'o1', orderNo: 'S1-20260601-0001' } as Decoded['existingOrder']) : null,
  ask,
});
const run = (...actions: Parameters<typeof checkinReducer>[1][]) =>
  actions.reduce<CheckinState>(checkinReducer, initialCheckin);
const problem = (fields: Record<string, string>) => ({
  message: Object.values(fields)[0]!,
  fields,
  code: 'invalid_request',
});

describe('签到 state', () => {
  it('a roster without 所在校别 asks for it; the request carries it', () => {
    const s = run(
      { type: 'pickRoster', entry: entry(), featureCode: FC },
      { type: 'edit', field: 'idLast4', value: '002X' },
    );
    expect(askedFields(s.subject)).toEqual(['campusType']);
    expect(formProblems(s)).toMatchObject({
      campusType: '请填写所在校别',
      email: '请填写电子邮箱',
    });
    const filled = [
      { type: 'edit', field: 'campusType', value: '成人' },
      { type: 'edit', field: 'email', value: 'a@b.cn' },
      { type: 'edit', field: 'phone', value: '13812345678' },
    ] as const;
    const done = filled.reduce<CheckinState>(checkinReducer, s);
    expect(formProblems(done)).toEqual({});
    expect(submitRequest(done, 'e1', '张老师')).toMatchObject({
      source: 'roster',
      rosterEntryId: 'r1',
      campusType: '成人',
      educationLevel: undefined,
      featureCode: FC,
    });
  });

  it('manual check-in asks for every student field including 学历 and 所在校别, all problems at once', () => {
    const s = run({ type: 'manual', featureCode: FC });
    expect(askedFields(s.subject)).toEqual(
      expect.arrayContaining(['educationLevel', 'campusType', 'gender', 'idNumber']),
    );
    const p = formProblems(s);
    expect(Object.keys(p).sort()).toEqual(
      [
        'campusType',
        'collectionCode',
        'educationLevel',
        'email',
        'gender',
        'idLast4',
        'idNumber',
        'name',
        'phone',
        'studentNo',
      ].sort(),
    );
  });

  it('手动登记 requires the 采集码 (CHSI matches by it; the {采集码}.jpg export needs it), a roster row does not', () => {
    const fill = (s: CheckinState, values: Partial<Record<keyof CheckinFormValues, string>>) =>
      Object.entries(values).reduce<CheckinState>(
        (acc, [field, value]) =>
          checkinReducer(acc, { type: 'edit', field: field as keyof CheckinFormValues, value: value ?? '' }),
        s,
      );
    const manual = fill(run({ type: 'manual', featureCode: FC }), {
      name: '张晓燕',
      studentNo: '852021102099',
      gender: '女',
      idNumber: '11010519491231002X',
      educationLevel: '本科',
      campusType: '本部',
      idLast4: '002X',
      email: 'zhang@example.com',
      phone: '13700137000',
    });
    expect(formProblems(manual)).toEqual({ collectionCode: '请填写采集码（学生可在学信网“学信档案”中查看，16 位）' });
    const typed = checkinReducer(manual, { type: 'edit', field: 'collectionCode', value: 'C8BADE99B9B2EDCA' });
    expect(formProblems(typed)).toEqual({});
    expect(submitRequest(typed, 'e1', '张老师')).toMatchObject({
      source: 'manual',
      collectionCode: 'C8BADE99B9B2EDCA',
    });
    expect(formProblems(checkinReducer(manual, { type: 'edit', field: 'collectionCode', value: '123' }))).toEqual({
      collectionCode: '采集码格式不正确（应为 16 位十六进制字符，如 c8bade99b9b2edca）',
    });
    // a roster row without 采集码 (no QR at hand) is not asked for one
    const roster = run(
      { type: 'pickRoster', entry: entry({ collectionCode: null, campusType: '本部' }), featureCode: FC },
      { type: 'edit', field: 'idLast4', value: '002X' },
      { type: 'edit', field: 'email', value: 'a@b.cn' },
      { type: 'edit', field: 'phone', value: '13812345678' },
    );
    expect(askedFields(roster.subject)).toEqual([]);
    expect(formProblems(roster)).toEqual({});
  });

  it('length limits are checked in the form before the server', () => {
    const s = run({ type: 'manual', featureCode: FC }, { type: 'edit', field: 'name', value: '王'.repeat(10_000) });
    expect(formProblems(s).name).toMatch(/过长/);
  });

  it('contact details the roster already has may be left empty, but must be valid when typed', () => {
    const known = { ...decoded([]), rosterEntry: entry({ email: 'huang@example.com', phoneMasked: '138****5678' }) };
    const s = run(
      { type: 'decoded', payload: 'c8bade99b9b2edca', decoded: known, featureCode: FC },
      { type: 'edit', field: 'idLast4', value: '002X' },
    );
    expect(formProblems(s)).toEqual({});
    const bad = checkinReducer(s, { type: 'edit', field: 'phone', value: '123' });
    expect(formProblems(bad)).toEqual({ phone: '联系电话应为 11 位中国大陆手机号' });
    // without them in the roster, both are asked
    const none = run(
      { type: 'decoded', payload: 'c8bade99b9b2edca', decoded: decoded([]), featureCode: FC },
      { type: 'edit', field: 'idLast4', value: '002X' },
    );
    expect(Object.keys(formProblems(none)).sort()).toEqual(['email', 'phone']);
  });

  it('with contact details optional at the station (设置) neither is asked, and the hint says why', () => {
    const none = run(
      { type: 'decoded', payload: 'c8bade99b9b2edca', decoded: decoded([]), featureCode: FC },
      { type: 'edit', field: 'idLast4', value: '002X' },
    );
    expect(formProblems(none, false)).toEqual({});
    expect(contactPolicy(none.subject, false)).toEqual({ email: false, phone: false });
    expect(contactOptionalBecause(none.subject, 'email')).toBe('later');
    const bad = checkinReducer(none, { type: 'edit', field: 'email', value: 'x@' });
    expect(formProblems(bad, false)).toEqual({ email: '电子邮箱格式不正确' });
    const known = { ...decoded([]), rosterEntry: entry({ email: 'huang@example.com' }) };
    const s = run({ type: 'decoded', payload: 'c8bade99b9b2edca', decoded: known, featureCode: FC });
    expect(contactOptionalBecause(s.subject, 'email')).toBe('roster');
    expect(contactOptionalBecause(s.subject, 'phone')).toBe('later');
  });

  it('an unknown-code error clears the previous student and form (the 特征码 stays)', () => {
    const s = run(
      { type: 'decoded', payload: 'c8bade99b9b2edca', decoded: decoded([]), featureCode: FC },
      { type: 'edit', field: 'email', value: 'a@b.cn' },
      { type: 'decodeFailed', problem: problem({ payload: '名单中没有此采集码' }) },
    );
    expect(s.subject.kind).toBe('none');
    expect(showsForm(s.subject)).toBe(false);
    expect(s.form.email).toBe('');
    expect(s.form.featureCode).toBe(FC);
    expect(s.problem?.message).toBe('名单中没有此采集码');
  });

  it('a new student clears the previous problem and form', () => {
    const s = run(
      { type: 'manual', featureCode: FC },
      { type: 'edit', field: 'name', value: '李明' },
      { type: 'failed', problem: problem({ email: '电子邮箱格式不正确' }) },
      { type: 'pickRoster', entry: entry(), featureCode: FC },
    );
    expect(s.problem).toBeNull();
    expect(s.form.name).toBe('');
  });

  it('a station-bar problem (操作员) is dropped once fixed up there; the form problems stay', () => {
    const s = run(
      { type: 'manual', featureCode: FC },
      { type: 'failed', problem: problem({ operator: '请先填写操作员', email: '电子邮箱格式不正确' }) },
      { type: 'fieldFixed', field: 'operator' },
    );
    expect(s.problem?.fields).toEqual({ email: '电子邮箱格式不正确' });
    const same = checkinReducer(s, { type: 'fieldFixed', field: 'eventId' });
    expect(same).toBe(s);
  });

  it('fixing a field removes only its message', () => {
    const s = run(
      { type: 'manual', featureCode: FC },
      { type: 'failed', problem: problem({ email: '电子邮箱格式不正确', phone: '请填写联系电话' }) },
      { type: 'edit', field: 'email', value: 'a@b.cn' },
    );
    expect(s.problem?.fields).toEqual({ phone: '请填写联系电话' });
    expect(s.problem?.message).toBe('请填写联系电话');
  });

  it('a student already checked in shows no form; focus goes to the first problem, else the first empty field', () => {
    const s = run({ type: 'decoded', payload: 'x', decoded: decoded([], true), featureCode: FC });
    expect(showsForm(s.subject)).toBe(false);
    const m = run({ type: 'manual', featureCode: FC }, { type: 'edit', field: 'name', value: '李明' });
    expect(nextFocus(m, ['name', 'studentNo', 'email'])).toBe('studentNo');
    const withProblem = checkinReducer(m, { type: 'failed', problem: problem({ email: '电子邮箱格式不正确' }) });
    expect(nextFocus(withProblem, ['name', 'studentNo', 'email'])).toBe('email');
  });
});
