import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, apiErrorFromZod } from '../../../src/shared/api-error';
import { contract } from '../../../src/shared/contract';
import { problemOf } from '../../../src/renderer/components/problem';

const CJK = /[\u3400-\u9fff]/;
const fail = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected a validation error');
  return apiErrorFromZod(r.error);
};

describe('validation messages a person can act on', () => {
  it('every problem of a form at once, each in Chinese and without the field key', () => {
    const err = fail(contract['checkin.submit'].request, {
      eventId: 'e1',
      source: 'manual',
      featureCode: '',
      idLast4: '',
      email: 'x'.repeat(300),
      operator: '',
    });
    const fields = err.issues!.map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['featureCode', 'idLast4', 'email', 'operator']));
    for (const i of err.issues!) {
      expect(i.message).toMatch(CJK);
      expect(i.message).not.toContain(i.field);
    }
    expect(err.message).toBe(err.issues![0]!.message);
    expect(err.field).toBe(err.issues![0]!.field);
  });

  it('messages zod writes itself become Chinese sentences with the field label', () => {
    const s = z.strictObject({ feeFen: z.number().int(), orderIds: z.array(z.string()).max(2), method: z.enum(['a']) });
    const err = fail(s, { feeFen: 'x', orderIds: ['a', 'b', 'c'], method: 'b' });
    const by = Object.fromEntries(err.issues!.map((i) => [i.field, i.message]));
    expect(by.feeFen).toBe('费用的类型不正确');
    expect(by.orderIds).toBe('订单过多（最多 2 项）');
    expect(by.method).toBe('付款方式的取值不正确');
  });

  it('an array, a string or null as the body is answered in Chinese', () => {
    for (const body of [[], 'x', 42, null]) {
      const err = fail(contract['events.create'].request, body);
      expect(err.message).toMatch(/JSON 对象/);
      expect(err.field).toBeUndefined();
    }
  });

  it('an overlong text is a validation error with the limit', () => {
    const err = fail(contract['checkin.submit'].request, {
      eventId: 'e1',
      source: 'qr',
      name: '王'.repeat(10_000),
      featureCode: 'x',
      idLast4: '1234',
      email: 'a@b.cn',
      phone: '13800000000',
      operator: '张三',
    });
    expect(err.field).toBe('name');
    expect(err.message).toMatch(/过长/);
  });

  it('unknown fields are named as such', () => {
    const err = fail(contract['events.list'].request, { extra: 1, other: 2 });
    expect(err.issues!.map((i) => i.field)).toEqual(['extra', 'other']);
    expect(err.message).toMatch(/不支持的字段/);
  });

  it('issues survive the wire (toBody/fromBody) and become per-field problems in the UI', () => {
    const err = ApiError.invalid([
      { field: 'email', message: '电子邮箱格式不正确' },
      { field: 'phone', message: '联系电话应为 11 位中国大陆手机号' },
    ]);
    const back = ApiError.fromBody(JSON.parse(JSON.stringify(err.toBody())));
    const p = problemOf(back);
    expect(p.message).toBe('电子邮箱格式不正确');
    expect(p.fields).toEqual({ email: '电子邮箱格式不正确', phone: '联系电话应为 11 位中国大陆手机号' });
    expect(problemOf(new ApiError('not_found', '订单不存在', 'orderId')).fields).toEqual({ orderId: '订单不存在' });
    expect(problemOf(new Error('boom')).fields).toEqual({});
  });
});
