import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoStudent } from '../../../src/main/checkin/demo-students';
import { encodeCsqr1 } from '../../../src/shared/domain/qr-payload';
import { ApiError } from '../../../src/shared/api-error';
import { FEATURE_CODE, recordsFixture, type RecordsFixture } from '../../helpers/records-fixture';

let f: RecordsFixture;
beforeAll(async () => {
  f = await recordsFixture();
  // one existing order, so "changes nothing" also covers updates of existing rows
  const s = demoStudent(0);
  await f.call('checkin.submit', base(0, { payload: s.payload }));
});
afterAll(() => f.close());

function base(i: number, extra: Record<string, unknown> = {}) {
  const s = demoStudent(i);
  return {
    eventId: f.event.id,
    source: 'qr',
    payload: s.payload,
    featureCode: FEATURE_CODE,
    idLast4: s.idNumber.slice(-4),
    email: 'student@example.com',
    phone: '13812345678',
    operator: '张老师',
    ...extra,
  };
}

function snapshot(): string {
  const tables = ['orders', 'order_transitions', 'roster_entries', 'payments', 'payment_orders', 'photos', 'outbox'];
  return tables.map((t) => JSON.stringify(f.studio.db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all())).join('\n');
}

const s1 = demoStudent(1);
const cases: [string, Record<string, unknown>, RegExp][] = [
  ['bad QR payload', { payload: 'CSQR1:{"code":' }, /二维码内容已损坏/],
  ['foreign QR', { payload: 'https://weixin.qq.com/x' }, /无法识别的二维码/],
  ['QR of another school', { payload: encodeCsqr1({ ...s1.fields, school: '10445' }) }, /学校编码 10445/],
  ['bare 采集码 not in roster', { payload: 'ffffffffffffffff' }, /名单中没有此采集码/],
  ['wrong 特征码', { featureCode: '1A2D9FB8A5F1C2BA03AE58A7' }, /特征码不正确/],
  ['wrong last 4', { idLast4: '0000' }, /后 4 位不正确/],
  ['bad e-mail', { email: 'student@' }, /电子邮箱格式不正确/],
  ['bad phone', { phone: '12345' }, /11 位中国大陆手机号/],
  ['full name not fitting the mask', { name: '黄志刚' }, /姓名.*不符/],
  ['very long name', { name: '𠮷'.repeat(300) }, /姓名过长|最多/],
  ['SQL metacharacters in the e-mail', { email: "a'; DROP TABLE orders;--@x.cn" }, /电子邮箱格式不正确/],
  [
    'manual: invalid 证件号',
    {
      source: 'manual',
      payload: undefined,
      name: '王䶮',
      studentNo: '2022001',
      collectionCode: '0000000002022001',
      gender: '男',
      idNumber: '110105194912310021',
      educationLevel: '本科',
      campusType: '本部',
      idLast4: '0021',
    },
    /证件号校验位不正确/,
  ],
  [
    'manual: SQL in the 学号',
    {
      source: 'manual',
      payload: undefined,
      name: '王䶮',
      studentNo: "1' OR '1'='1",
      collectionCode: '0000000002022002',
      gender: '男',
      idNumber: '11010519491231002X',
      educationLevel: '本科',
      campusType: '本部',
      idLast4: '002X',
    },
    /学号格式不正确/,
  ],
  ['unknown field', { extra: 1 }, /不支持的字段/],
  ['missing operator', { operator: '' }, /操作员/],
];

describe('bad check-in input gets a clear Chinese message and changes nothing', () => {
  it.each(cases)('%s', async (_name, patch, message) => {
    const before = snapshot();
    const req = { ...base(1), ...patch };
    for (const [k, v] of Object.entries(req)) if (v === undefined) delete (req as Record<string, unknown>)[k];
    const err = await f.call('checkin.submit', req).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toMatch(message);
    expect((err as ApiError).message).toMatch(/[\u4e00-\u9fff]/);
    expect(snapshot()).toBe(before);
  });

  it('rare characters and SQL metacharacters that are valid data are stored exactly', async () => {
    const r = await f.call<{ order: { name: string; nameMasked: string; major: string } }>('checkin.submit', {
      ...base(9, {
        source: 'manual',
        payload: undefined,
        name: '𠮷大䶮',
        studentNo: 'S-2022_009',
        collectionCode: '0000000002022009',
        gender: '女',
        idNumber: '11010519491231002X',
        idLast4: '002x',
        educationLevel: '本科',
        campusType: '本部',
        major: "O'Brien; DROP TABLE orders;--",
      }),
    });
    expect(r.order).toMatchObject({ name: '𠮷大䶮', nameMasked: '𠮷*䶮', major: "O'Brien; DROP TABLE orders;--" });
    expect(f.studio.db.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 2 });
  });

  it('bad photo data and bad payments change nothing', async () => {
    const order = (f.studio.db.prepare('SELECT id FROM orders LIMIT 1').get() as { id: string }).id;
    const before = snapshot();
    await expect(
      f.call('photos.capture', {
        orderId: order,
        imageBase64: Buffer.from('not an image at all').toString('base64'),
        operator: 'x',
      }),
    ).rejects.toThrow(/不是 JPG/);
    await expect(
      f.call('payments.record', { eventId: f.event.id, method: 'cash', orderIds: [order, 'nope'], operator: 'x' }),
    ).rejects.toThrow(/订单不存在/);
    await expect(
      f.call('payments.record', {
        eventId: f.event.id,
        method: 'cash',
        orderIds: [order],
        expectedAmountFen: 1000,
        operator: 'x',
      }),
    ).rejects.toThrow(/应收金额为 15.00 元/);
    await expect(f.call('orders.review', { orderId: order, decision: 'approve', operator: 'x' })).rejects.toThrow(
      /不能执行「审核通过」/,
    );
    expect(snapshot()).toBe(before);
  });
});
