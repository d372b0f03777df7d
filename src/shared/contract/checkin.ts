import { z } from 'zod';
import { Id, Operator } from './fields';
import { CheckinSource, OrderView, RosterEntryView } from './views';
import { STUDENT_FIELDS } from '../domain/checkin-rules';
import { Gender } from '../domain/student';
import { LIMITS } from '../domain/validators';

// Check-in (学生个人信息填写): by 采集码 QR payload, by roster lookup, or by hand. Identity checks (特征码,
// last 4 of the 证件号, e-mail, mobile) run in the service so every transport gets the same Chinese messages.

const text = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .max(max, { error: `${label}过长（最多 ${max} 个字符）` });

export const DecodedStudentView = z.object({
  decoder: z.string(),
  collectionCode: z.string(),
  nameMasked: z.string().nullable(),
  idDisplay: z.string().nullable(),
  studentNo: z.string().nullable(),
  gender: Gender.nullable(),
  schoolCode: z.string().nullable(),
  educationLevel: z.string().nullable(),
  educationType: z.string().nullable(),
  campusType: z.string().nullable(),
  major: z.string().nullable(),
});
export type DecodedStudentView = z.infer<typeof DecodedStudentView>;

export const CheckinSubmitInput = z.strictObject({
  eventId: Id,
  source: CheckinSource,
  /** source 'qr': the scanned text (CSQR1:… or a bare 16-hex 采集码 found in the roster). */
  payload: text('二维码内容', 2000).optional(),
  /** source 'roster': the roster entry picked after a lookup. */
  rosterEntryId: Id.optional(),
  /** Full name typed by the student; with a QR it must fit the masked name. */
  name: text('姓名', LIMITS.name * 2).optional(),
  studentNo: text('学号', 64).optional(),
  collectionCode: text('采集码', 64).optional(),
  gender: Gender.optional(),
  /** Only for manual check-in (or a roster without 证件号): validated, masked and hashed, never stored. */
  idNumber: text('证件号', 64).optional(),
  major: text('专业/院系', LIMITS.major).optional(),
  educationLevel: text('学历', LIMITS.educationLevel).optional(),
  educationType: text('学历类别', LIMITS.educationType).optional(),
  campusType: text('所在校别', LIMITS.campusType).optional(),
  featureCode: z.string({ error: '请填写特征码' }).trim().min(1, { error: '请填写特征码' }).max(64, {
    error: '特征码不能超过 64 个字符',
  }),
  idLast4: z.string({ error: '请输入证件号后 4 位' }).trim().min(1, { error: '请输入证件号后 4 位' }).max(8),
  /** Empty: taken from the roster row when it has one (else refused as missing). */
  email: z.string({ error: '电子邮箱应为文字' }).trim().max(LIMITS.email, { error: '电子邮箱过长' }).default(''),
  phone: z.string({ error: '联系电话应为文字' }).trim().max(20, { error: '联系电话过长' }).default(''),
  shippingRegion: text('所在地区', LIMITS.shippingRegion).optional(),
  shippingAddress: text('详细地址', LIMITS.shippingAddress).optional(),
  operator: Operator,
});
export type CheckinSubmitInput = z.input<typeof CheckinSubmitInput>;

export const checkinContract = {
  'checkin.decode': {
    request: z.strictObject({ eventId: Id, payload: z.string({ error: '请扫描采集码' }).max(4000) }),
    response: z.object({
      student: DecodedStudentView,
      rosterEntry: RosterEntryView.nullable(),
      existingOrder: OrderView.nullable(),
      /** Student fields the order still needs and the source does not give: the form asks for these. */
      ask: z.array(z.enum(STUDENT_FIELDS)),
    }),
  },
  'checkin.lookup': {
    request: z.strictObject({
      eventId: Id,
      query: z
        .string({ error: '请输入学号、采集码或姓名' })
        .trim()
        .min(1, { error: '请输入学号、采集码或姓名' })
        .max(64, {
          error: '搜索内容过长',
        }),
    }),
    response: z.object({ entries: z.array(RosterEntryView), orders: z.array(OrderView) }),
  },
  'checkin.submit': {
    request: CheckinSubmitInput,
    response: z.object({ order: OrderView, created: z.boolean() }),
  },
} as const;
