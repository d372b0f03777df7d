import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/shared/api-error';
import { demoStudent } from '../../../src/main/checkin/demo-students';
import { FEATURE_CODE, recordsFixture, type RecordsFixture } from '../../helpers/records-fixture';

// Every check-in path completes with every field the order needs, whatever columns the school's roster has.

let f: RecordsFixture;
beforeEach(async () => {
  f = await recordsFixture();
});
afterEach(() => f.close());

const ID = '11010519491231002X';
const CODE = 'c8bade99b9b2edca';
const COLUMNS = ['姓名', '学号', '证件号', '采集码', '性别', '学历', '学历类别', '所在校别', '专业/院系'] as const;
const VALUES: Record<(typeof COLUMNS)[number], string> = {
  姓名: '黄志正',
  学号: '852021102012',
  证件号: ID,
  采集码: CODE,
  性别: '女',
  学历: '本科',
  学历类别: '成人教育',
  所在校别: '成人',
  '专业/院系': '教育传媒',
} as never;

/** Import a one-student roster without the given column. */
async function rosterWithout(column: string | null) {
  const cols = COLUMNS.filter((c) => c !== column);
  const csv = [cols.join(','), cols.map((c) => VALUES[c]).join(',')].join('\r\n');
  const r = await f.call<{ imported: number; rejected: unknown[] }>('roster.import', {
    eventId: f.event.id,
    fileName: 'roster.csv',
    contentBase64: Buffer.from(csv, 'utf8').toString('base64'),
  });
  expect(r).toMatchObject({ imported: 1, rejected: [] });
}

const contact = { featureCode: FEATURE_CODE, email: 'student@example.com', phone: '13812345678', operator: '张老师' };

async function problems(method: string, payload: unknown): Promise<Record<string, string>> {
  const err = await f.call(method, payload).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  const api = err as ApiError;
  expect(api.code).toBe('invalid_request');
  return Object.fromEntries(
    (api.issues ?? [{ field: api.field ?? '', message: api.message }]).map((i) => [i.field, i.message]),
  );
}

type Decoded = {
  student: Record<string, unknown>;
  rosterEntry: { id: string } | null;
  existingOrder: unknown;
  ask: string[];
};
type Submitted = { order: Record<string, unknown>; created: boolean };

describe('roster check-in with a roster lacking an optional column', () => {
  const cases: { column: string; field: string; value: string; orderKey: string }[] = [
    { column: '所在校别', field: 'campusType', value: '成人', orderKey: 'campusType' },
    { column: '学历', field: 'educationLevel', value: '本科', orderKey: 'educationLevel' },
    { column: '性别', field: 'gender', value: '女', orderKey: 'gender' },
    { column: '证件号', field: 'idNumber', value: ID, orderKey: 'idDisplay' },
  ];
  for (const c of cases) {
    it(`no ${c.column} column: the bare 采集码 shows the student and asks for ${c.column}; roster lookup too`, async () => {
      await rosterWithout(c.column);
      // bare 16-hex code: who it is is shown before anything is saved
      const d = await f.call<Decoded>('checkin.decode', { eventId: f.event.id, payload: CODE });
      expect(d.student).toMatchObject({ nameMasked: '黄*正', studentNo: '852021102012', collectionCode: CODE });
      expect(d.rosterEntry).not.toBeNull();
      expect(d.ask).toEqual([c.field]);
      expect(d.existingOrder).toBeNull();
      expect((await f.call<{ total: number }>('orders.list', { eventId: f.event.id })).total).toBe(0);

      // without the missing field: refused, naming that field (and nothing saved)
      const base = { eventId: f.event.id, source: 'qr', payload: CODE, idLast4: '002X', ...contact };
      const p = await problems('checkin.submit', base);
      expect(Object.keys(p)).toEqual([c.field]);
      expect(p[c.field]).toMatch(/请/);

      // via the roster lookup the same field is asked for
      const found = await f.call<{ entries: { id: string; campusType: string; educationLevel: string }[] }>(
        'checkin.lookup',
        { eventId: f.event.id, query: '852021102012' },
      );
      expect(found.entries).toHaveLength(1);
      const viaRoster = {
        eventId: f.event.id,
        source: 'roster',
        rosterEntryId: found.entries[0]!.id,
        idLast4: '002X',
        ...contact,
      };
      expect(Object.keys(await problems('checkin.submit', viaRoster))).toEqual([c.field]);

      // with it: the order is opened and carries the value
      const r = await f.call<Submitted>('checkin.submit', { ...viaRoster, [c.field]: c.value });
      expect(r.created).toBe(true);
      expect(r.order[c.orderKey]).toBe(c.orderKey === 'idDisplay' ? '1101**************' : c.value);
      expect(r.order).toMatchObject({ educationLevel: '本科', campusType: '成人', gender: '女', source: 'roster' });
    });
  }

  it('a complete roster asks for nothing; the bare code resolves only to the student shown', async () => {
    await rosterWithout(null);
    const d = await f.call<Decoded>('checkin.decode', { eventId: f.event.id, payload: CODE.toUpperCase() });
    expect(d.ask).toEqual([]);
    expect(d.student).toMatchObject({
      educationLevel: '本科',
      campusType: '成人',
      gender: '女',
      idDisplay: '1101**************',
    });
    const r = await f.call<Submitted>('checkin.submit', {
      eventId: f.event.id,
      source: 'qr',
      payload: CODE,
      idLast4: '002x',
      ...contact,
    });
    expect(r.order).toMatchObject({ nameMasked: '黄*正', studentNo: '852021102012', collectionCode: CODE });
  });

  it('contact details in the roster need not be typed again; without them they are asked for', async () => {
    const csv = [
      '姓名,学号,证件号,采集码,性别,学历,所在校别,电子邮箱,联系电话',
      `黄志正,852021102012,${ID},${CODE},女,本科,成人,huang@example.com,13812345678`,
    ].join('\r\n');
    await f.call('roster.import', {
      eventId: f.event.id,
      fileName: 'roster.csv',
      contentBase64: Buffer.from(csv, 'utf8').toString('base64'),
    });
    const base = {
      eventId: f.event.id,
      source: 'qr',
      payload: CODE,
      idLast4: '002X',
      featureCode: FEATURE_CODE,
      operator: '张老师',
    };
    const r = await f.call<Submitted>('checkin.submit', base);
    expect(r.order).toMatchObject({ email: 'huang@example.com', phoneMasked: '138****5678' });
    // a manual check-in has no roster: both are required, reported together
    const p = await problems('checkin.submit', {
      eventId: f.event.id,
      source: 'manual',
      name: '李明',
      studentNo: '2021000101',
      collectionCode: 'a1b2c3d4e5f60718',
      gender: '男',
      idNumber: ID,
      educationLevel: '本科',
      campusType: '本部',
      idLast4: '002X',
      featureCode: FEATURE_CODE,
      operator: '张老师',
    });
    expect(p).toEqual({ email: '请填写电子邮箱', phone: '请填写联系电话' });
  });

  it('an unknown bare code is refused at decode, before any form', async () => {
    await rosterWithout(null);
    const err = (await f
      .call('checkin.decode', { eventId: f.event.id, payload: 'ffffffffffffffff' })
      .catch((e: unknown) => e)) as ApiError;
    expect(err.field).toBe('payload');
    expect(err.message).toMatch(/名单中没有此采集码/);
  });
});

describe('手动登记 and the QR path', () => {
  it('manual check-in with every field the order needs completes', async () => {
    const r = await f.call<Submitted>('checkin.submit', {
      eventId: f.event.id,
      source: 'manual',
      name: '李明',
      studentNo: '2021000101',
      collectionCode: 'A1B2C3D4E5F60718',
      gender: '男',
      idNumber: ID,
      educationLevel: '本科',
      campusType: '本部',
      major: '会计学',
      idLast4: '002X',
      ...contact,
    });
    expect(r.created).toBe(true);
    expect(r.order).toMatchObject({
      name: '李明',
      educationLevel: '本科',
      campusType: '本部',
      source: 'manual',
      collectionCode: 'a1b2c3d4e5f60718',
    });
  });

  it('手动登记 without 采集码 is refused at the field (CHSI and the {采集码}.jpg export need it); nothing is saved', async () => {
    const p = await problems('checkin.submit', {
      eventId: f.event.id,
      source: 'manual',
      name: '李明',
      studentNo: '2021000101',
      gender: '男',
      idNumber: ID,
      educationLevel: '本科',
      campusType: '本部',
      idLast4: '002X',
      ...contact,
    });
    expect(p).toEqual({ collectionCode: '请填写采集码（学生可在学信网“学信档案”中查看，16 位）' });
    const listed = await f.call<{ total: number }>('orders.list', { eventId: f.event.id });
    expect(listed.total).toBe(0);
    const bad = await problems('checkin.submit', {
      eventId: f.event.id,
      source: 'manual',
      name: '李明',
      studentNo: '2021000101',
      collectionCode: 'not-a-code',
      gender: '男',
      idNumber: ID,
      educationLevel: '本科',
      campusType: '本部',
      idLast4: '002X',
      ...contact,
    });
    expect(bad.collectionCode).toMatch(/采集码格式不正确/);
  });

  it('a roster row without 采集码 (no QR at hand) still checks in without one', async () => {
    await rosterWithout('采集码');
    const found = await f.call<{ entries: { id: string }[] }>('checkin.lookup', {
      eventId: f.event.id,
      query: '852021102012',
    });
    const r = await f.call<Submitted>('checkin.submit', {
      eventId: f.event.id,
      source: 'roster',
      rosterEntryId: found.entries[0]!.id,
      idLast4: '002X',
      ...contact,
    });
    expect(r.created).toBe(true);
    expect(r.order).toMatchObject({ collectionCode: null, source: 'roster' });
  });

  it('an empty manual form gets every problem at once, in Chinese, without field keys', async () => {
    const p = await problems('checkin.submit', {
      eventId: f.event.id,
      source: 'manual',
      featureCode: 'wrong',
      idLast4: '1',
      email: 'x',
      phone: '1',
      operator: '张老师',
    });
    expect(Object.keys(p).sort()).toEqual(
      [
        'campusType',
        'collectionCode',
        'educationLevel',
        'email',
        'featureCode',
        'gender',
        'idNumber',
        'name',
        'phone',
        'studentNo',
      ].sort(),
    );
    for (const [field, message] of Object.entries(p)) {
      expect(message).toMatch(/[\u4e00-\u9fff]/);
      expect(message).not.toContain(field);
    }
  });

  it('a 10,000-character 完整姓名 is a validation error, not a server error', async () => {
    const s = demoStudent(1);
    const p = await problems('checkin.submit', {
      eventId: f.event.id,
      source: 'qr',
      payload: s.payload,
      name: '王'.repeat(10_000),
      idLast4: s.idNumber.slice(-4),
      ...contact,
    });
    expect(p.name).toMatch(/过长/);
    const manual = await problems('checkin.submit', {
      eventId: f.event.id,
      source: 'manual',
      name: '王'.repeat(60),
      studentNo: '1',
      gender: '男',
      idNumber: ID,
      educationLevel: '本科',
      campusType: '本部',
      idLast4: '002X',
      ...contact,
    });
    expect(manual.name).toMatch(/姓名过长/);
  });

  it('a full QR payload asks for nothing and completes', async () => {
    const s = demoStudent(2);
    const d = await f.call<Decoded>('checkin.decode', { eventId: f.event.id, payload: s.payload });
    expect(d.ask).toEqual([]);
    const r = await f.call<Submitted>('checkin.submit', {
      eventId: f.event.id,
      source: 'qr',
      payload: s.payload,
      name: s.fullName,
      idLast4: s.idNumber.slice(-4),
      ...contact,
    });
    expect(r.created).toBe(true);
    expect(r.order).toMatchObject({ name: s.fullName, source: 'qr' });
  });
});

describe('contact details optional at the station (设置 › 联系方式 可留空)', () => {
  const manual = {
    source: 'manual',
    name: '李明',
    studentNo: '2021000101',
    collectionCode: 'a1b2c3d4e5f60718',
    gender: '男',
    idNumber: ID,
    educationLevel: '本科',
    campusType: '本部',
    idLast4: '002X',
    featureCode: FEATURE_CODE,
    operator: '张老师',
  };

  it('an order opens without e-mail and phone, is stored as not given, and still syncs as a valid snapshot', async () => {
    await f.call('settings.update', { contactFieldsRequired: false });
    const r = await f.call<Submitted>('checkin.submit', { eventId: f.event.id, ...manual });
    expect(r.created).toBe(true);
    expect(r.order).toMatchObject({ email: '', phoneMasked: '' });
    const { OrderSnapshot } = await import('../../../src/shared/central');
    expect(OrderSnapshot.shape.student.shape.phoneMasked.safeParse('').success).toBe(true);
    expect(OrderSnapshot.shape.student.shape.phoneMasked.safeParse('138').success).toBe(false);
  });

  it('what is given is still checked; with the setting back on both are asked for again', async () => {
    await f.call('settings.update', { contactFieldsRequired: false });
    const p = await problems('checkin.submit', { eventId: f.event.id, ...manual, email: 'x@', phone: '123' });
    expect(p).toEqual({ email: '电子邮箱格式不正确', phone: '联系电话应为 11 位中国大陆手机号' });
    await f.call('settings.update', { contactFieldsRequired: true });
    const q = await problems('checkin.submit', { eventId: f.event.id, ...manual });
    expect(q).toEqual({ email: '请填写电子邮箱', phone: '请填写联系电话' });
  });
});
