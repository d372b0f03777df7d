import type { Db } from '../db/open';
import { idForDisplay } from '../../shared/domain/id-number';
import { maskName, maskPhone } from '../../shared/domain/masking';
import type { RosterEntryView } from '../../shared/contract/views';

export interface RosterEntryRow {
  id: string;
  event_id: string;
  name: string;
  student_no: string | null;
  collection_code: string | null;
  id_masked: string | null;
  id_hash: string | null;
  gender: '男' | '女' | null;
  major: string;
  education_level: string;
  education_type: string;
  campus_type: string;
  email: string;
  phone: string;
  /** 班级 from the school's roster ('' = not given). */
  class_name: string;
  source_line: number;
  imported_at: string;
}

export function toRosterView(r: RosterEntryRow): RosterEntryView {
  return {
    id: r.id,
    eventId: r.event_id,
    name: r.name,
    nameMasked: maskName(r.name),
    studentNo: r.student_no,
    collectionCode: r.collection_code,
    idDisplay: r.id_masked ? idForDisplay(r.id_masked) : null,
    gender: r.gender,
    major: r.major,
    educationLevel: r.education_level,
    educationType: r.education_type,
    campusType: r.campus_type,
    email: r.email,
    phoneMasked: r.phone ? maskPhone(r.phone) : '',
    line: r.source_line,
  };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export class RosterRepo {
  constructor(private readonly db: Db) {}

  get(id: string): RosterEntryRow | null {
    return (this.db.prepare('SELECT * FROM roster_entries WHERE id = ?').get(id) as RosterEntryRow | undefined) ?? null;
  }

  byCode(eventId: string, code: string): RosterEntryRow | null {
    return (
      (this.db.prepare('SELECT * FROM roster_entries WHERE event_id = ? AND collection_code = ?').get(eventId, code) as
        RosterEntryRow | undefined) ?? null
    );
  }

  byStudentNo(eventId: string, studentNo: string): RosterEntryRow | null {
    return (
      (this.db.prepare('SELECT * FROM roster_entries WHERE event_id = ? AND student_no = ?').get(eventId, studentNo) as
        RosterEntryRow | undefined) ?? null
    );
  }

  insert(row: RosterEntryRow): void {
    const cols = Object.keys(row);
    this.db
      .prepare(`INSERT INTO roster_entries (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`)
      .run(row);
  }

  update(row: RosterEntryRow): void {
    this.db
      .prepare(
        `UPDATE roster_entries SET name=@name, student_no=@student_no, collection_code=@collection_code,
          id_masked=@id_masked, id_hash=@id_hash, gender=@gender, major=@major, education_level=@education_level,
          education_type=@education_type, campus_type=@campus_type, email=@email, phone=@phone,
          class_name=@class_name, source_line=@source_line, imported_at=@imported_at WHERE id=@id`,
      )
      .run(row);
  }

  search(eventId: string, query: string, limit: number, offset: number): { rows: RosterEntryRow[]; total: number } {
    const q = query.trim();
    const params = { eventId, q, qLower: q.toLowerCase(), qPrefix: `${escapeLike(q)}%`, qSub: `%${escapeLike(q)}%` };
    const where = q
      ? `event_id = @eventId AND (student_no = @q OR collection_code = @qLower OR student_no LIKE @qPrefix ESCAPE '\\'
          OR name LIKE @qSub ESCAPE '\\')`
      : 'event_id = @eventId';
    const rows = this.db
      .prepare(`SELECT * FROM roster_entries WHERE ${where} ORDER BY source_line LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit, offset }) as RosterEntryRow[];
    const total = (
      this.db.prepare(`SELECT count(*) AS n FROM roster_entries WHERE ${where}`).get(params) as { n: number }
    ).n;
    return { rows, total };
  }
}
