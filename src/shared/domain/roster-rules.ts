import { checkIdNumber } from './id-number';
import {
  LIMITS,
  isEmail,
  isStudentNo,
  nameProblem,
  normalizeCollectionCode,
  normalizeGender,
  normalizeMobile,
  textProblem,
} from './validators';

// Roster (名单) rules: which Chinese header means which field, and when a row is rejected. Pure; the
// caller decodes the file and reduces the 证件号 to masked form + hash before anything is stored.

export const ROSTER_FIELDS = [
  'name',
  'studentNo',
  'idNumber',
  'collectionCode',
  'gender',
  'major',
  'educationLevel',
  'educationType',
  'campusType',
  'email',
  'phone',
  'className',
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

const HEADER_ALIASES: Record<RosterField, string[]> = {
  name: ['姓名', '学生姓名', 'name'],
  studentNo: ['学号', '学生学号', 'studentno', 'student_no'],
  idNumber: ['证件号', '证件号码', '身份证号', '身份证号码', '身份证', 'idnumber'],
  collectionCode: ['采集码', '学信网采集码', '图像采集码', 'collectioncode'],
  gender: ['性别', 'gender'],
  major: ['专业/院系', '专业', '院系', '专业院系', '所在院系', 'major'],
  educationLevel: ['学历', '学历层次', '层次', 'educationlevel'],
  educationType: ['学历类别', '学习形式', 'educationtype'],
  campusType: ['所在校别', '校别', 'campustype'],
  email: ['电子邮箱', '邮箱', '电子邮件', 'email', 'e-mail'],
  phone: ['联系电话', '手机', '手机号', '手机号码', '电话', 'phone', 'mobile'],
  className: ['班级', '班级名称', '所在班级', '行政班', 'class', 'classname'],
};

/** Longest 班级 kept (the roster column; 收费 → 按班级 groups by it). */
export const CLASS_NAME_MAX = 50;

function normalizeHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .replace(/[\s*＊:：]/g, '')
    .replace(/／/g, '/')
    .toLowerCase();
}

export type HeaderMapping = { ok: true; columns: Partial<Record<RosterField, number>> } | { ok: false; reason: string };

export function mapHeaders(headers: readonly string[]): HeaderMapping {
  const columns: Partial<Record<RosterField, number>> = {};
  headers.forEach((raw, index) => {
    const h = normalizeHeader(raw);
    for (const field of ROSTER_FIELDS) {
      if (columns[field] === undefined && HEADER_ALIASES[field].some((a) => normalizeHeader(a) === h)) {
        columns[field] = index;
        return;
      }
    }
  });
  if (columns.name === undefined)
    return { ok: false, reason: '第 1 行（表头）缺少“姓名”列：请检查文件是否为 UTF-8 或 GBK 编码的名单表格' };
  if (columns.studentNo === undefined && columns.collectionCode === undefined)
    return { ok: false, reason: '第 1 行（表头）至少需要“学号”或“采集码”列' };
  return { ok: true, columns };
}

export interface RosterRow {
  name: string;
  studentNo: string | null;
  collectionCode: string | null;
  /** Normalized plaintext, only in memory: the importer masks and hashes it at once. */
  idNumber: string | null;
  gender: '男' | '女' | null;
  major: string;
  educationLevel: string;
  educationType: string;
  campusType: string;
  email: string;
  phone: string;
  /** 班级 ('' = not given). */
  className: string;
}

/** A bad row says every field problem it has (one import shows them all), joined by ROW_REASON_SEPARATOR. */
export type RowCheck = { ok: true; row: RosterRow } | { ok: false; reason: string };

/** How the reasons of one bad row are written in one line (the rejected-rows table, the CLI). */
export const ROW_REASON_SEPARATOR = '；';

export function checkRosterRow(cells: readonly string[], columns: Partial<Record<RosterField, number>>): RowCheck {
  const get = (f: RosterField) => {
    const i = columns[f];
    // Excel cells may hold line breaks (Alt+Enter): one line per field in the station
    return i === undefined ? '' : (cells[i] ?? '').replace(/\s+/g, ' ').trim();
  };
  const reasons: string[] = [];
  const name = get('name');
  const nameErr = nameProblem(name);
  if (nameErr) reasons.push(name ? nameErr : '缺少姓名');
  const studentNoRaw = get('studentNo');
  const codeRaw = get('collectionCode');
  if (!studentNoRaw && !codeRaw) reasons.push('缺少采集码和学号（至少填写一项）');
  if (studentNoRaw && !isStudentNo(studentNoRaw))
    reasons.push('学号格式不正确（只能包含字母、数字、-、_，最多 32 位）');
  let collectionCode: string | null = null;
  if (codeRaw) {
    collectionCode = normalizeCollectionCode(codeRaw);
    if (!collectionCode) reasons.push('采集码格式不正确（应为 16 位十六进制字符，如 c8bade99b9b2edca）');
  }
  let idNumber: string | null = null;
  const idRaw = get('idNumber');
  if (idRaw) {
    const check = checkIdNumber(idRaw);
    if (!check.ok) reasons.push(check.reason);
    else idNumber = check.normalized;
  }
  const genderRaw = get('gender');
  const gender = genderRaw ? normalizeGender(genderRaw) : null;
  if (genderRaw && !gender) reasons.push('性别应为“男”或“女”');
  const emailRaw = get('email');
  if (emailRaw && !isEmail(emailRaw)) reasons.push('电子邮箱格式不正确');
  const phoneRaw = get('phone');
  const phone = phoneRaw ? normalizeMobile(phoneRaw) : '';
  if (phoneRaw && !phone) reasons.push('联系电话应为 11 位中国大陆手机号');
  const texts: [RosterField, string, number][] = [
    ['major', '专业/院系', LIMITS.major],
    ['educationLevel', '学历', LIMITS.educationLevel],
    ['educationType', '学历类别', LIMITS.educationType],
    ['campusType', '所在校别', LIMITS.campusType],
    ['className', '班级', CLASS_NAME_MAX],
  ];
  for (const [f, label, max] of texts) {
    const problem = textProblem(label, get(f), max);
    if (problem) reasons.push(problem);
  }
  if (reasons.length > 0) return { ok: false, reason: reasons.join(ROW_REASON_SEPARATOR) };
  return {
    ok: true,
    row: {
      name,
      studentNo: studentNoRaw || null,
      collectionCode,
      idNumber,
      gender,
      major: get('major'),
      educationLevel: get('educationLevel'),
      educationType: get('educationType'),
      campusType: get('campusType'),
      email: emailRaw,
      phone: phone ?? '',
      className: get('className'),
    },
  };
}

export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}
