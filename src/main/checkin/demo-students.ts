import { createHash } from 'node:crypto';
import { idCheckChar, maskIdNumber } from '../../shared/domain/id-number';
import { maskName } from '../../shared/domain/masking';
import { encodeCsqr1, type Csqr1Fields } from '../../shared/domain/qr-payload';

// Deterministic demo students (names incl. rare characters) and their CSQR1 payloads, for demos and tests.

const NAMES = ['黄志正', '吉𠮷', '王䶮', '欧阳娜娜', '李明', '张晓燕', '陈思远', '刘洋'];
const MAJORS = ['教育传媒', '计算机科学与技术', '汉语言文学', '数学与应用数学'];

export interface DemoStudent {
  fullName: string;
  /** A syntactically valid (check digit) but made-up 证件号; demos only. */
  idNumber: string;
  fields: Csqr1Fields;
  payload: string;
}

export function demoIdNumber(i: number): string {
  const first17 = `370102${2000 + (i % 5)}0${1 + (i % 9)}1${i % 10}${String(100 + (i % 900)).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export function demoStudent(i: number, schoolCode = '10403'): DemoStudent {
  const fullName = NAMES[i % NAMES.length]!;
  const idNumber = demoIdNumber(i);
  const fields: Csqr1Fields = {
    code: createHash('sha256').update(`demo-${i}`).digest('hex').slice(0, 16),
    name: maskName(fullName),
    id: maskIdNumber(idNumber),
    no: `8520211020${String(i).padStart(2, '0')}`,
    gender: i % 2 === 0 ? '女' : '男',
    school: schoolCode,
    level: '本科',
    type: i % 3 === 0 ? '成人教育' : '普通高等教育',
    campus: i % 3 === 0 ? '成人' : '本部',
    major: MAJORS[i % MAJORS.length]!,
  };
  return { fullName, idNumber, fields, payload: encodeCsqr1(fields) };
}
