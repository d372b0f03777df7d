import { randomUUID } from 'node:crypto';
import { ApiError, type FieldProblem } from '../../shared/api-error';
import type { CheckinSubmitInput, DecodedStudentView } from '../../shared/contract/checkin';
import { parseContactFieldsRequired, STATION_SETTING_KEYS } from '../../shared/contract/settings';
import type { ParsedReq } from '../../shared/contract';
import {
  COLLECTION_CODE_MISSING,
  LAST4_MISMATCH,
  collectionCodeRequired,
  fieldsToAsk,
} from '../../shared/domain/checkin-rules';
import { checkIdNumber, idForDisplay, last4Matches, maskIdNumber } from '../../shared/domain/id-number';
import { maskName, nameMatchesMask } from '../../shared/domain/masking';
import { formatOrderNumber, orderDay } from '../../shared/domain/order-number';
import { decodePayload, type PayloadDecoder } from '../../shared/domain/qr-payload';
import type { OrderView, RosterEntryView } from '../../shared/contract/views';
import type { StudioEvent } from '../../shared/domain/event';
import {
  featureCodeMatches,
  isEmail,
  isStudentNo,
  LIMITS,
  nameProblem,
  normalizeCollectionCode,
  normalizeMobile,
  textProblem,
} from '../../shared/domain/validators';
import type { Db } from '../db/open';
import type { EventRepo } from '../events';
import type { OrderService } from '../orders';
import { toOrderView, type OrderRow } from '../orders';
import type { IdHasher } from '../station';
import type { StationSettings } from '../station';
import { toRosterView, type RosterEntryRow } from '../roster';
import type { RosterRepo } from '../roster';

type SubmitInput = ParsedReq<'checkin.submit'>;

interface Identity {
  collectionCode: string | null;
  name: string;
  nameMasked: string;
  studentNo: string;
  gender: '男' | '女' | null;
  idMasked: string | null;
  idHash: string | null;
  schoolCode: string | null;
  major: string;
  educationLevel: string;
  educationType: string;
  campusType: string;
  rosterEntryId: string | null;
  /** E-mail and mobile from the school's roster, used when the station leaves them empty. */
  rosterEmail: string;
  rosterPhone: string;
}

function bad(message: string, field?: string): never {
  throw new ApiError('invalid_request', message, field);
}

/** The problems of one check-in form, all reported together. */
class Problems {
  private readonly list: FieldProblem[] = [];
  add(field: string, message: string | null): void {
    if (message && !this.list.some((p) => p.field === field)) this.list.push({ field, message });
  }
  throwIfAny(): void {
    if (this.list.length > 0) throw ApiError.invalid(this.list);
  }
}

/** 学生个人信息填写: resolve who the student is, verify them, open (or re-open) their order. */
export class CheckinService {
  constructor(
    private readonly db: Db,
    private readonly events: EventRepo,
    private readonly roster: RosterRepo,
    private readonly orders: OrderService,
    private readonly hasher: IdHasher,
    private readonly settings: StationSettings,
    private readonly decoders: () => readonly PayloadDecoder[],
    private readonly now: () => Date,
  ) {}

  private event(eventId: string): StudioEvent {
    const e = this.events.get(eventId);
    if (!e) throw new ApiError('not_found', '采集活动不存在', 'eventId');
    return e;
  }

  decode(eventId: string, payload: string) {
    const event = this.event(eventId);
    const decoded = decodePayload(payload, this.decoders());
    if (!decoded.ok) bad(decoded.reason, 'payload');
    const s = decoded.student;
    if (s.schoolCode && s.schoolCode !== event.schoolCode)
      bad(`该采集码属于学校编码 ${s.schoolCode}，与本次活动（${event.schoolCode}）不一致`, 'payload');
    const entry =
      this.roster.byCode(eventId, s.collectionCode) ??
      (s.studentNo ? this.roster.byStudentNo(eventId, s.studentNo) : null);
    if (decoded.decoder === 'bare-code' && !entry)
      bad('名单中没有此采集码：请扫描学生学信网上的完整采集码，或手工登记', 'payload');
    const existing = this.orders.repo.findStudent(eventId, s.studentNo ?? entry?.student_no ?? '', s.collectionCode);
    // A bare 采集码 carries nothing but the code: show the roster's student, so the operator sees who it is
    // before anything is saved. A full payload keeps its own fields; the roster only fills what it leaves open.
    const r = entry ? toRosterView(entry) : null;
    const pick = <T>(own: T | null | undefined, roster: T | null | undefined): T | null =>
      own !== undefined && own !== null && own !== '' ? own : (roster ?? null);
    const student: DecodedStudentView = {
      decoder: decoded.decoder,
      collectionCode: s.collectionCode,
      nameMasked: s.name ? maskName(s.name) : (r?.nameMasked ?? null),
      idDisplay: s.idMasked ? idForDisplay(s.idMasked) : (r?.idDisplay ?? null),
      studentNo: pick(s.studentNo, r?.studentNo),
      gender: pick(s.gender, r?.gender),
      schoolCode: s.schoolCode ?? null,
      educationLevel: pick(s.educationLevel, r?.educationLevel),
      educationType: pick(s.educationType, r?.educationType),
      campusType: pick(s.campusType, r?.campusType),
      major: pick(s.major, r?.major),
    };
    const fromRosterOnly = decoded.decoder === 'bare-code' || !s.name || !s.idMasked || !s.studentNo;
    const ask = fieldsToAsk(fromRosterOnly ? 'roster' : 'qr', {
      name: student.nameMasked,
      studentNo: student.studentNo,
      gender: student.gender,
      hasIdNumber: fromRosterOnly ? entry?.id_masked != null : s.idMasked != null,
      collectionCode: student.collectionCode,
      major: student.major,
      educationLevel: fromRosterOnly ? (r?.educationLevel ?? null) : (s.educationLevel ?? null),
      educationType: student.educationType,
      campusType: fromRosterOnly ? (r?.campusType ?? null) : (s.campusType ?? null),
    });
    return {
      student,
      rosterEntry: r,
      existingOrder: existing ? toOrderView(existing) : null,
      ask,
    };
  }

  lookup(eventId: string, query: string): { entries: RosterEntryView[]; orders: OrderView[] } {
    this.event(eventId);
    const entries = this.roster.search(eventId, query, 20, 0).rows.map(toRosterView);
    const orders = this.orders.repo.list({ eventId, query, limit: 20, offset: 0 }).rows.map(toOrderView);
    return { entries, orders };
  }

  private fromRoster(e: RosterEntryRow): Identity {
    return {
      collectionCode: e.collection_code,
      name: e.name,
      nameMasked: maskName(e.name),
      studentNo: e.student_no ?? '',
      gender: e.gender,
      idMasked: e.id_masked,
      idHash: e.id_hash,
      schoolCode: null,
      major: e.major,
      educationLevel: e.education_level,
      educationType: e.education_type,
      campusType: e.campus_type,
      rosterEntryId: e.id,
      rosterEmail: e.email,
      rosterPhone: e.phone,
    };
  }

  private resolve(event: StudioEvent, input: SubmitInput, problems: Problems): Identity {
    if (input.source === 'qr') {
      if (!input.payload) bad('请扫描学生的学信网采集码', 'payload');
      const decoded = decodePayload(input.payload, this.decoders());
      if (!decoded.ok) bad(decoded.reason, 'payload');
      const s = decoded.student;
      const entry = this.roster.byCode(event.id, s.collectionCode);
      if (decoded.decoder === 'bare-code' || !s.name || !s.idMasked || !s.studentNo) {
        if (!entry) bad('名单中没有此采集码：请扫描学生学信网上的完整采集码，或手工登记', 'payload');
        return this.fromRoster(entry);
      }
      if (s.schoolCode && s.schoolCode !== event.schoolCode)
        bad(`该采集码属于学校编码 ${s.schoolCode}，与本次活动（${event.schoolCode}）不一致`, 'payload');
      return {
        collectionCode: s.collectionCode,
        name: s.name,
        nameMasked: maskName(s.name),
        studentNo: s.studentNo,
        gender: s.gender ?? null,
        idMasked: s.idMasked,
        idHash: null,
        schoolCode: s.schoolCode ?? null,
        major: s.major ?? '',
        educationLevel: s.educationLevel ?? '',
        educationType: s.educationType ?? '',
        campusType: s.campusType ?? '',
        rosterEntryId: entry?.id ?? null,
        rosterEmail: entry?.email ?? '',
        rosterPhone: entry?.phone ?? '',
      };
    }
    if (input.source === 'roster') {
      if (!input.rosterEntryId) bad('请先在名单中查找并选择学生', 'rosterEntryId');
      const entry = this.roster.get(input.rosterEntryId);
      if (!entry || entry.event_id !== event.id) throw new ApiError('not_found', '名单中没有该学生', 'rosterEntryId');
      return this.fromRoster(entry);
    }
    const name = input.name ?? '';
    problems.add('name', nameProblem(name));
    return {
      collectionCode: null,
      name: name.trim(),
      nameMasked: maskName(name),
      studentNo: input.studentNo ?? '',
      gender: null,
      idMasked: null,
      idHash: null,
      schoolCode: null,
      major: '',
      educationLevel: '',
      educationType: '',
      campusType: '',
      rosterEntryId: null,
      rosterEmail: '',
      rosterPhone: '',
    };
  }

  /**
   * Fill what the QR/roster left open from the form; values from the QR/roster cannot be overridden. Every
   * problem is collected (the form shows them all at once next to their fields).
   */
  private complete(id: Identity, input: SubmitInput, problems: Problems): Identity {
    const out = { ...id };
    if (!out.studentNo) out.studentNo = input.studentNo ?? '';
    if (!isStudentNo(out.studentNo))
      problems.add('studentNo', out.studentNo ? '学号格式不正确（字母、数字、-、_，最多 32 位）' : '请填写学号');
    if (!out.collectionCode && input.collectionCode) {
      const code = normalizeCollectionCode(input.collectionCode);
      if (!code) problems.add('collectionCode', '采集码格式不正确（应为 16 位十六进制字符，如 c8bade99b9b2edca）');
      out.collectionCode = code;
    } else if (!out.collectionCode && collectionCodeRequired(input.source)) {
      problems.add('collectionCode', COLLECTION_CODE_MISSING);
    }
    out.gender = out.gender ?? input.gender ?? null;
    if (!out.gender) problems.add('gender', '请选择性别');
    out.major = out.major || input.major || '';
    out.educationLevel = out.educationLevel || input.educationLevel || '';
    out.educationType = out.educationType || input.educationType || '';
    out.campusType = out.campusType || input.campusType || '';
    if (!out.educationLevel) problems.add('educationLevel', '请填写学历');
    if (!out.campusType) problems.add('campusType', '请填写所在校别');
    for (const [field, label, max] of [
      ['major', '专业/院系', LIMITS.major],
      ['educationLevel', '学历', LIMITS.educationLevel],
      ['educationType', '学历类别', LIMITS.educationType],
      ['campusType', '所在校别', LIMITS.campusType],
    ] as const) {
      problems.add(field, textProblem(label, out[field], max));
    }
    // a full name typed by the student must fit the masked one from the QR code (a roster has the full name)
    if (input.name && input.source === 'qr') {
      const problem = nameProblem(input.name);
      if (problem) problems.add('name', problem);
      else if (!nameMatchesMask(input.name, id.name))
        problems.add('name', `填写的姓名与采集码中的姓名（${id.nameMasked}）不符`);
      else out.name = input.name.trim();
    }
    if (input.idNumber) {
      const check = checkIdNumber(input.idNumber);
      if (!check.ok) problems.add('idNumber', check.reason);
      else {
        const hash = this.hasher.hash(check.normalized);
        if (out.idHash && out.idHash !== hash) problems.add('idNumber', '证件号与名单中登记的不一致');
        else if (out.idMasked && !out.idHash && maskIdNumber(check.normalized) !== out.idMasked.toUpperCase())
          problems.add('idNumber', '证件号与采集码中的证件号不一致');
        else {
          out.idMasked = maskIdNumber(check.normalized);
          out.idHash = hash;
        }
      }
    } else if (!out.idMasked) {
      problems.add('idNumber', input.source === 'manual' ? '请填写证件号' : '名单中没有该学生的证件号，请填写证件号');
    }
    return out;
  }

  submit(input: SubmitInput): { order: OrderView; created: boolean } {
    const event = this.event(input.eventId);
    const problems = new Problems();
    if (!featureCodeMatches(event.featureCode, input.featureCode))
      problems.add('featureCode', '特征码不正确：请向学校老师确认本次采集的特征码');
    // who the student is decides everything else: an unknown 采集码 or roster entry stops here
    const identity = this.complete(this.resolve(event, input, problems), input, problems);
    if (identity.idMasked && !last4Matches(identity.idMasked, input.idLast4)) problems.add('idLast4', LAST4_MISMATCH);
    // contact details the roster already has need not be typed again at the station; with 设置 › 联系方式 可留空
    // they may stay empty ('' = not given: the student completes them on the student page later)
    const required = parseContactFieldsRequired(this.settings.get(STATION_SETTING_KEYS.contactFieldsRequired));
    const email = input.email.trim() || identity.rosterEmail;
    if (!email && required) problems.add('email', '请填写电子邮箱');
    else if (email && !isEmail(email)) problems.add('email', '电子邮箱格式不正确');
    const phoneText = input.phone.trim() || identity.rosterPhone;
    const phone = phoneText ? normalizeMobile(phoneText) : '';
    if (!phoneText && required) problems.add('phone', '请填写联系电话');
    else if (phoneText && !phone) problems.add('phone', '联系电话应为 11 位中国大陆手机号');
    problems.throwIfAny();

    const existing = this.orders.repo.findStudent(event.id, identity.studentNo, identity.collectionCode);
    if (existing) return { order: toOrderView(existing), created: false };

    const id = randomUUID();
    const at = this.now().toISOString();
    try {
      this.db
        .transaction(() => {
          const day = orderDay(event.date);
          const seq = this.orders.repo.nextSeq(day);
          const row: OrderRow = {
            id,
            event_id: event.id,
            order_no: formatOrderNumber(this.settings.stationCode(), event.date, seq),
            order_day: day,
            seq,
            state: 'pending_payment',
            reject_reason: null,
            source: input.source,
            roster_entry_id: identity.rosterEntryId,
            name: identity.name,
            name_masked: identity.nameMasked,
            student_no: identity.studentNo,
            collection_code: identity.collectionCode,
            gender: identity.gender!,
            id_masked: identity.idMasked!.toUpperCase(),
            id_hash: identity.idHash,
            major: identity.major,
            education_level: identity.educationLevel,
            education_type: identity.educationType,
            campus_type: identity.campusType,
            school_name: event.schoolName,
            school_code: event.schoolCode,
            email,
            phone: phone ?? '',
            shipping_region: input.shippingRegion || event.shippingRegion,
            shipping_address: input.shippingAddress || event.shippingAddress,
            fee_fen: event.feeFen,
            created_by: input.operator,
            created_at: at,
            updated_at: at,
          };
          this.orders.createInTx(row);
        })
        .immediate();
    } catch (err) {
      // a second station window checked the same student in a moment earlier: open that order
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        const again = this.orders.repo.findStudent(event.id, identity.studentNo, identity.collectionCode);
        if (again) return { order: toOrderView(again), created: false };
      }
      throw err;
    }
    return { order: this.orders.publish(id), created: true };
  }
}

export type { CheckinSubmitInput };
