import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Studio } from '../../src/main/core/studio';
import { idCheckChar } from '../../src/shared/domain/id-number';
import { encodeCsqr1 } from '../../src/shared/domain/qr-payload';

// A small collection event driven through the public API, for the receipt and export tests:
// check-in (QR and manual), photos (original + final with its 初审 result), payments.

export const FEATURE_CODE = '1a2d9fb8a5f1c2ba03ae58a7';
export const PORTRAITS = path.resolve(__dirname, '..', '..', '..', 'shared', 'portraits');
/** A valid 18-digit 证件号 that only the manual check-in ever sees in plaintext. */
export const PLAIN_ID = (() => {
  const first17 = '37010219990307321';
  return first17 + idCheckChar(first17);
})();

const ctx = { transport: 'cli' as const };

export interface SeededStudent {
  key: string;
  orderId: string;
  orderNo: string;
  fullName: string;
  collectionCode: string | null;
  studentNo: string;
}

interface StudentSpec {
  key: string;
  fullName: string;
  masked: string;
  code: string | null;
  no: string;
  portrait: string;
  precheck: 'passed' | 'failed' | null;
  /** Plaintext 证件号 typed at a manual check-in (no QR). */
  manualId?: string;
}

const STUDENTS: StudentSpec[] = [
  {
    key: 'huang',
    fullName: '黄志正',
    masked: '黄*正',
    code: 'c8bade99b9b2edca',
    no: '852021102012',
    portrait: 'portrait-01.jpg',
    precheck: 'passed',
  },
  {
    key: 'rare',
    fullName: '𠮷䶮',
    masked: '𠮷*',
    code: 'a1b2c3d4e5f60718',
    no: '852021102013',
    portrait: 'portrait-02.webp',
    precheck: 'passed',
    manualId: PLAIN_ID,
  },
  {
    key: 'unpaid',
    fullName: '王五',
    masked: '王*',
    code: 'b1b2c3d4e5f60719',
    no: '852021102014',
    portrait: 'portrait-03.png',
    precheck: 'passed',
  },
  {
    key: 'failed',
    fullName: '李四',
    masked: '李*',
    code: 'c1b2c3d4e5f6071a',
    no: '852021102015',
    portrait: 'portrait-04.jpg',
    precheck: 'failed',
  },
  {
    key: 'twin',
    fullName: '黄大正',
    masked: '黄*正',
    code: 'd1b2c3d4e5f6071b',
    no: '852021102016',
    portrait: 'portrait-05.jpg',
    precheck: 'passed',
  },
  {
    key: 'nophoto',
    fullName: '赵六',
    masked: '赵*',
    code: 'e1b2c3d4e5f6071c',
    no: '852021102017',
    portrait: '',
    precheck: null,
  },
];

async function finalJpeg(portrait: string): Promise<Buffer> {
  return sharp(readFileSync(path.join(PORTRAITS, portrait)))
    .resize(480, 640, { fit: 'cover' })
    .jpeg({ quality: 85 })
    .toBuffer();
}

export async function seedEvent(s: Studio): Promise<{ eventId: string; students: Record<string, SeededStudent> }> {
  const ev = (await s.dispatch(
    'events.create',
    {
      schoolName: '山东师范大学',
      schoolCode: '10445',
      featureCode: FEATURE_CODE,
      date: '2026-06-01',
      stationName: '一号工作站',
    },
    ctx,
  )) as { id: string };
  const students: Record<string, SeededStudent> = {};
  for (const st of STUDENTS) {
    const common = {
      eventId: ev.id,
      featureCode: FEATURE_CODE,
      email: 'stu@example.edu.cn',
      phone: '13812345678',
      operator: '张老师',
    };
    const req = st.manualId
      ? {
          ...common,
          source: 'manual',
          name: st.fullName,
          studentNo: st.no,
          collectionCode: st.code,
          gender: '男',
          idNumber: st.manualId,
          idLast4: st.manualId.slice(-4),
          educationLevel: '本科',
          campusType: '本部',
          major: '教育传媒',
        }
      : {
          ...common,
          source: 'qr',
          payload: encodeCsqr1({
            code: st.code!,
            name: st.masked,
            id: '4430**********002X',
            no: st.no,
            gender: '女',
            school: '10445',
            level: '本科',
            type: '普通全日制',
            campus: '本部',
            major: '教育传媒',
          }),
          name: st.fullName,
          idLast4: '002X',
        };
    const { order } = (await s.dispatch('checkin.submit', req, ctx)) as { order: { id: string; orderNo: string } };
    students[st.key] = {
      key: st.key,
      orderId: order.id,
      orderNo: order.orderNo,
      fullName: st.fullName,
      collectionCode: st.code,
      studentNo: st.no,
    };
    if (st.portrait && st.precheck) {
      const original = readFileSync(path.join(PORTRAITS, st.portrait));
      const cap = (await s.dispatch(
        'photos.capture',
        { orderId: order.id, imageBase64: original.toString('base64'), operator: '张老师' },
        ctx,
      )) as { original: { id: string } };
      await s.dispatch(
        'photos.addFinal',
        {
          orderId: order.id,
          sourcePhotoId: cap.original.id,
          imageBase64: (await finalJpeg(st.portrait)).toString('base64'),
          precheck: st.precheck,
          operator: '张老师',
        },
        ctx,
      );
    }
  }
  const pay = (orderIds: string[], method: string, reference?: string) =>
    // some of these orders have no passing photo on purpose (export exclusions): charged with the explicit override
    s.dispatch(
      'payments.record',
      { eventId: ev.id, method, orderIds, reference, operator: '张老师', override: { reason: '测试：先收费后拍摄' } },
      ctx,
    );
  await pay([students.huang!.orderId], 'wechat', '4200002026060112345678');
  await pay([students.rare!.orderId], 'cash');
  await pay([students.failed!.orderId, students.twin!.orderId, students.nophoto!.orderId], 'alipay', '2026060122001');
  return { eventId: ev.id, students };
}
