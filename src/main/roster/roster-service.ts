import { randomUUID } from 'node:crypto';
import { ApiError } from '../../shared/api-error';
import { maskIdNumber } from '../../shared/domain/id-number';
import type { RejectedRow, RosterEntryView, RosterImportResult } from '../../shared/contract/views';
import { checkRosterRow, isBlankRow, mapHeaders } from '../../shared/domain/roster-rules';
import type { PushBus } from '../kernel/push-bus';
import type { Db } from '../db/open';
import type { EventRepo } from '../events';
import type { IdHasher } from '../station';
import { readTable } from './read-table';
import { toRosterView, type RosterEntryRow, type RosterRepo } from './roster-repo';

/** Import a school's roster: every row either stored (masked + hashed 证件号) or reported with its line. */
export class RosterService {
  constructor(
    private readonly db: Db,
    readonly repo: RosterRepo,
    private readonly events: EventRepo,
    private readonly hasher: IdHasher,
    private readonly bus: PushBus,
    private readonly now: () => Date,
  ) {}

  async importFile(eventId: string, fileName: string, bytes: Buffer): Promise<RosterImportResult> {
    if (!this.events.get(eventId)) throw new ApiError('not_found', '采集活动不存在', 'eventId');
    if (bytes.length === 0) throw new ApiError('invalid_request', '文件为空');
    const table = await readTable(fileName, bytes);
    const header = table.find((r) => !isBlankRow(r.cells));
    if (!header) throw new ApiError('invalid_request', '文件中没有内容');
    const mapping = mapHeaders(header.cells);
    if (!mapping.ok) throw new ApiError('invalid_request', mapping.reason);

    const rejected: RejectedRow[] = [];
    const accepted: { line: number; row: RosterEntryRow }[] = [];
    const seenCode = new Map<string, number>();
    const seenNo = new Map<string, number>();
    const at = this.now().toISOString();
    for (const r of table) {
      if (r === header || r.line < header.line || isBlankRow(r.cells)) continue;
      const check = checkRosterRow(r.cells, mapping.columns);
      if (!check.ok) {
        rejected.push({ line: r.line, reason: check.reason });
        continue;
      }
      const v = check.row;
      const dupLine = (v.collectionCode && seenCode.get(v.collectionCode)) || (v.studentNo && seenNo.get(v.studentNo));
      if (dupLine) {
        rejected.push({ line: r.line, reason: `与第 ${dupLine} 行重复（相同的采集码或学号）` });
        continue;
      }
      if (v.collectionCode) seenCode.set(v.collectionCode, r.line);
      if (v.studentNo) seenNo.set(v.studentNo, r.line);
      accepted.push({
        line: r.line,
        row: {
          id: randomUUID(),
          event_id: eventId,
          name: v.name,
          student_no: v.studentNo,
          collection_code: v.collectionCode,
          // the plaintext 证件号 ends here: only its masked form and keyed hash are kept
          id_masked: v.idNumber ? maskIdNumber(v.idNumber) : null,
          id_hash: v.idNumber ? this.hasher.hash(v.idNumber) : null,
          gender: v.gender,
          major: v.major,
          education_level: v.educationLevel,
          education_type: v.educationType,
          campus_type: v.campusType,
          email: v.email,
          phone: v.phone,
          class_name: v.className,
          source_line: r.line,
          imported_at: at,
        },
      });
    }

    let inserted = 0;
    let updated = 0;
    this.db
      .transaction(() => {
        for (const { line, row } of accepted) {
          const byCode = row.collection_code ? this.repo.byCode(eventId, row.collection_code) : null;
          const byNo = row.student_no ? this.repo.byStudentNo(eventId, row.student_no) : null;
          if (byCode && byNo && byCode.id !== byNo.id) {
            rejected.push({ line, reason: '采集码与学号分别属于两个已导入的学生，请核对' });
            continue;
          }
          const existing = byCode ?? byNo;
          if (existing) {
            // re-import of the same list: update in place, keep what the new row leaves empty
            this.repo.update({
              ...row,
              id: existing.id,
              student_no: row.student_no ?? existing.student_no,
              collection_code: row.collection_code ?? existing.collection_code,
              id_masked: row.id_masked ?? existing.id_masked,
              id_hash: row.id_hash ?? existing.id_hash,
              // a later list without 班级 keeps the class already known
              class_name: row.class_name || existing.class_name,
            });
            updated++;
          } else {
            this.repo.insert(row);
            inserted++;
          }
        }
      })
      .immediate();
    rejected.sort((a, b) => a.line - b.line);
    const imported = inserted + updated;
    this.bus.emit({ name: 'roster.imported', data: { eventId, imported } });
    return { imported, inserted, updated, rejected };
  }

  list(eventId: string, query: string, limit: number, offset: number): { entries: RosterEntryView[]; total: number } {
    const { rows, total } = this.repo.search(eventId, query, limit, offset);
    return { entries: rows.map(toRosterView), total };
  }
}
