import { checkIdNumber } from './id-number';
import { codePointLength } from './masking';
import {
  isEmail,
  isStudentNo,
  LIMITS,
  nameProblem,
  normalizeCollectionCode,
  normalizeMobile,
  textProblem,
} from './validators';

// What a check-in must know before the order can be opened, whatever the path (QR, bare 采集码 + roster, roster
// lookup, 手动登记). One rule for the station form (which fields to ask for, all problems at once before sending)
// and for the check-in service (which refuses the same things).

/** Student fields a source may leave open; the form asks for exactly the ones that are missing. */
export const STUDENT_FIELDS = [
  'name',
  'studentNo',
  'gender',
  'idNumber',
  'collectionCode',
  'major',
  'educationLevel',
  'educationType',
  'campusType',
] as const;
export type StudentField = (typeof STUDENT_FIELDS)[number];

/**
 * Needed by every order (the seeds' 学生个人信息 with *). 专业/院系 and 学历类别 may stay empty. 采集码 comes with
 * the QR and usually the roster; where the station types it (手动登记) it is required too: CHSI matches the photo
 * by it and the default export names the file after it (an order without one was left out of the export).
 * A roster row without 采集码 stays usable without it (no QR at hand) — see `collectionCodeRequired`.
 */
export const REQUIRED_STUDENT_FIELDS: readonly StudentField[] = [
  'name',
  'studentNo',
  'gender',
  'idNumber',
  'educationLevel',
  'campusType',
];

/** The message when a required 采集码 is missing: where the student finds it. */
/** The 证件号's last 4 do not match what the student says (the form and the check-in service, one text). */
export const LAST4_MISMATCH = '证件号后 4 位不正确，请核对后重新输入';
export const COLLECTION_CODE_MISSING = '请填写采集码（学生可在学信网“学信档案”中查看，16 位）';

/** 采集码 must be given on this path when the source does not carry it: only 手动登记 has no other source. */
export function collectionCodeRequired(path: CheckinPath): boolean {
  return path === 'manual';
}

/** What the source already tells about the student (from the QR payload or the roster row). */
export interface KnownStudent {
  name: string | null;
  studentNo: string | null;
  gender: string | null;
  /** The source carries the 证件号 (masked or hashed). */
  hasIdNumber: boolean;
  collectionCode: string | null;
  major: string | null;
  educationLevel: string | null;
  educationType: string | null;
  campusType: string | null;
}

export type CheckinPath = 'qr' | 'roster' | 'manual';

/**
 * The student fields the station must ask for: every field for 手动登记, else the required ones the source left
 * empty (a roster without a 所在校别 or 学历 column, a QR code without 学号…). The name is known (masked) from
 * any QR/roster source; 完整姓名 is asked separately and is optional there.
 */
export function fieldsToAsk(path: CheckinPath, known: KnownStudent | null): StudentField[] {
  if (path === 'manual' || !known) return [...STUDENT_FIELDS];
  const has = (f: StudentField): boolean => {
    if (f === 'idNumber') return known.hasIdNumber;
    const v = known[f];
    return typeof v === 'string' && v.trim() !== '';
  };
  return REQUIRED_STUDENT_FIELDS.filter((f) => f !== 'name' && !has(f));
}

/** Whether the station must have the contact details typed (false: the roster already has them). */
export interface ContactPolicy {
  email: boolean;
  phone: boolean;
}

export interface CheckinFormValues {
  name: string;
  studentNo: string;
  gender: string;
  idNumber: string;
  collectionCode: string;
  major: string;
  educationLevel: string;
  educationType: string;
  campusType: string;
  featureCode: string;
  idLast4: string;
  email: string;
  phone: string;
}

export const FORM_LIMITS = {
  name: LIMITS.name,
  studentNo: LIMITS.studentNo,
  idNumber: 20,
  collectionCode: 16,
  major: LIMITS.major,
  educationLevel: LIMITS.educationLevel,
  educationType: LIMITS.educationType,
  campusType: LIMITS.campusType,
  featureCode: 64,
  idLast4: 4,
  email: LIMITS.email,
  phone: 20,
} as const satisfies Record<Exclude<keyof CheckinFormValues, 'gender'>, number>;

const REQUIRED_MESSAGE: Record<StudentField, string> = {
  name: '请填写姓名',
  studentNo: '请填写学号',
  gender: '请选择性别',
  idNumber: '请填写证件号',
  collectionCode: COLLECTION_CODE_MISSING,
  major: '请填写专业/院系',
  educationLevel: '请填写学历',
  educationType: '请填写学历类别',
  campusType: '请填写所在校别',
};

/**
 * Every problem of the check-in form at once, field → Chinese message. `asked` are the student fields shown;
 * the identity checks that need the source (last 4 against the 证件号, name against the mask) stay in the service.
 */
export function checkinFormProblems(
  v: CheckinFormValues,
  asked: readonly StudentField[],
  contact: ContactPolicy = { email: true, phone: true },
  path: CheckinPath = 'manual',
): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (field: string, message: string | null) => {
    if (message && !out[field]) out[field] = message;
  };
  const isAsked = (f: StudentField) => asked.includes(f);
  const required = (f: StudentField) =>
    REQUIRED_STUDENT_FIELDS.includes(f) || (f === 'collectionCode' && collectionCodeRequired(path));
  for (const f of asked) {
    if (required(f) && !v[f].trim()) put(f, REQUIRED_MESSAGE[f]);
  }
  if (v.name.trim()) put('name', nameProblem(v.name));
  if (isAsked('studentNo') && v.studentNo.trim() && !isStudentNo(v.studentNo))
    put('studentNo', '学号格式不正确（字母、数字、-、_，最多 32 位）');
  if (isAsked('gender') && v.gender && v.gender !== '男' && v.gender !== '女') put('gender', '请选择性别');
  if (isAsked('idNumber') && v.idNumber.trim()) {
    const c = checkIdNumber(v.idNumber);
    if (!c.ok) put('idNumber', c.reason);
  }
  if (isAsked('collectionCode') && v.collectionCode.trim() && !normalizeCollectionCode(v.collectionCode))
    put('collectionCode', '采集码格式不正确（应为 16 位十六进制字符，如 c8bade99b9b2edca）');
  const texts: [StudentField, string, number][] = [
    ['major', '专业/院系', LIMITS.major],
    ['educationLevel', '学历', LIMITS.educationLevel],
    ['educationType', '学历类别', LIMITS.educationType],
    ['campusType', '所在校别', LIMITS.campusType],
  ];
  for (const [f, label, max] of texts) if (isAsked(f)) put(f, textProblem(label, v[f], max));
  if (!v.featureCode.trim()) put('featureCode', '请填写特征码');
  else if (codePointLength(v.featureCode) > FORM_LIMITS.featureCode) put('featureCode', '特征码不能超过 64 个字符');
  if (!v.idLast4.trim()) put('idLast4', '请输入证件号后 4 位');
  else if (!/^[0-9Xx]{4}$/.test(v.idLast4.trim())) put('idLast4', '证件号后 4 位应为 4 位数字或 X');
  const email = v.email.trim();
  if (!email && contact.email) put('email', '请填写电子邮箱');
  else if (email && !isEmail(email)) put('email', '电子邮箱格式不正确');
  const phone = v.phone.trim();
  if (!phone && contact.phone) put('phone', '请填写联系电话');
  else if (phone && !normalizeMobile(phone)) put('phone', '联系电话应为 11 位中国大陆手机号');
  return out;
}
