import { checkIdNumber, isMaskedIdNumber } from './id-number';
import { codePointLength } from './masking';
import { normalizeCollectionCode, normalizeGender } from './validators';
import type { StudentIdentity } from './student';

// 采集码 QR payloads. The real CHSI payload is encrypted and not public, so parsing sits behind
// PayloadDecoder: a vendor decoder can be added in front of ours. Our own format (docs/qr-payload.md):
//   CSQR1:{"code":"c8bade99b9b2edca","name":"黄*正","id":"4430**********123X","no":"852021102012",
//          "gender":"女","school":"10403","level":"本科","type":"成人教育","campus":"成人","major":"教育传媒"}

export const QR_PREFIX = 'CSQR1:';
export const MAX_PAYLOAD_LENGTH = 2000;

export type DecodedPayload =
  | { ok: true; decoder: string; student: Partial<StudentIdentity> & { collectionCode: string } }
  | { ok: false; reason: string };

export interface PayloadDecoder {
  readonly name: string;
  /** Cheap test: does this text look like this decoder's format? */
  accepts(text: string): boolean;
  decode(text: string): DecodedPayload;
}

/** Our documented CSQR1 format. */
export const csqr1Decoder: PayloadDecoder = {
  name: 'csqr1',
  accepts: (text) => text.startsWith(QR_PREFIX),
  decode(text) {
    let raw: unknown;
    try {
      raw = JSON.parse(text.slice(QR_PREFIX.length));
    } catch {
      return { ok: false, reason: '二维码内容已损坏（不是有效的 CSQR1 数据）' };
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return { ok: false, reason: '二维码内容已损坏（不是有效的 CSQR1 数据）' };
    const r = raw as Record<string, unknown>;
    const str = (k: string) => (typeof r[k] === 'string' ? (r[k] as string).trim() : '');
    const code = normalizeCollectionCode(str('code'));
    if (!code) return { ok: false, reason: '二维码中的采集码格式不正确（应为 16 位十六进制字符）' };
    const name = str('name');
    if (!name || codePointLength(name) > 50) return { ok: false, reason: '二维码中缺少姓名或姓名过长' };
    const id = str('id').toUpperCase();
    // A payload must never carry a full 证件号: refuse it rather than risk storing it.
    if (checkIdNumber(id).ok && !id.includes('*')) return { ok: false, reason: '二维码中含有未脱敏的证件号，已拒绝' };
    if (!isMaskedIdNumber(id)) return { ok: false, reason: '二维码中的证件号（脱敏）格式不正确' };
    const studentNo = str('no');
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(studentNo)) return { ok: false, reason: '二维码中的学号格式不正确' };
    const schoolCode = str('school');
    if (!/^\d{5}$/.test(schoolCode)) return { ok: false, reason: '二维码中的学校编码应为 5 位数字' };
    const gender = str('gender') ? normalizeGender(str('gender')) : null;
    if (str('gender') && !gender) return { ok: false, reason: '二维码中的性别应为“男”或“女”' };
    for (const k of ['level', 'type', 'campus', 'major'])
      if (codePointLength(str(k)) > 100) return { ok: false, reason: '二维码中的文字过长' };
    return {
      ok: true,
      decoder: 'csqr1',
      student: {
        collectionCode: code,
        name,
        idMasked: id,
        studentNo,
        gender,
        schoolCode,
        educationLevel: str('level'),
        educationType: str('type'),
        campusType: str('campus'),
        major: str('major'),
      },
    };
  },
};

/** A scanner or the operator may give just the 16-hex 采集码: look the student up in the roster. */
export const bareCodeDecoder: PayloadDecoder = {
  name: 'bare-code',
  accepts: (text) => /^[0-9a-fA-F]{16}$/.test(text),
  decode(text) {
    const code = normalizeCollectionCode(text);
    return code ? { ok: true, decoder: 'bare-code', student: { collectionCode: code } } : { ok: false, reason: '' };
  },
};

export const DEFAULT_DECODERS: readonly PayloadDecoder[] = [csqr1Decoder, bareCodeDecoder];

/** Try each decoder in order (vendor decoders first); the first that accepts the text decides. */
export function decodePayload(text: string, decoders: readonly PayloadDecoder[] = DEFAULT_DECODERS): DecodedPayload {
  const t = text.trim();
  if (!t) return { ok: false, reason: '二维码内容为空' };
  if (t.length > MAX_PAYLOAD_LENGTH) return { ok: false, reason: '二维码内容过长，无法识别' };
  const decoder = decoders.find((d) => d.accepts(t));
  if (!decoder) return { ok: false, reason: '无法识别的二维码：请扫描学信网采集码' };
  return decoder.decode(t);
}

export interface Csqr1Fields {
  code: string;
  name: string;
  id: string;
  no: string;
  gender: string;
  school: string;
  level: string;
  type: string;
  campus: string;
  major: string;
}

/** Build a CSQR1 payload (demos and tests). */
export function encodeCsqr1(fields: Csqr1Fields): string {
  return QR_PREFIX + JSON.stringify(fields);
}
