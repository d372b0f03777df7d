import { t } from '../i18n/zh-CN/index';
import type { Subject } from './checkin-state';
import { sourceLine } from './checkin-source';
import { screenName } from '../../shared/domain/masking';

/** Who is in front of the station, as the QR code / roster tells it: shown before anything is saved. */
export function StudentCard({ subject }: { subject: Subject }) {
  const f = t.checkin.fields;
  let rows: [string, string | null | undefined, boolean?][];
  if (subject.kind === 'qr') {
    const s = subject.decoded.student;
    rows = [
      [f.name, screenName(s)],
      [f.studentNo, s.studentNo, true],
      [f.gender, s.gender],
      [f.idDisplay, s.idDisplay, true],
      [f.collectionCode, s.collectionCode, true],
      [f.major, s.major],
      [f.educationLevel, s.educationLevel],
      [f.educationType, s.educationType],
      [f.campusType, s.campusType],
      [f.schoolCode, s.schoolCode, true],
    ];
  } else if (subject.kind === 'roster') {
    const e = subject.entry;
    rows = [
      [f.name, screenName(e)],
      [f.studentNo, e.studentNo, true],
      [f.gender, e.gender],
      [f.idDisplay, e.idDisplay, true],
      [f.collectionCode, e.collectionCode, true],
      [f.major, e.major],
      [f.educationLevel, e.educationLevel],
      [f.educationType, e.educationType],
      [f.campusType, e.campusType],
    ];
  } else return null;
  return (
    <>
      <p className="muted small" data-testid="student-source">
        {sourceLine(subject)}
      </p>
      <dl className="decoded" data-testid={subject.kind === 'roster' ? 'roster-entry' : 'decoded'}>
        {rows.map(([label, value, mono]) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt>{label}</dt>
            <dd className={mono ? 'mono' : undefined}>{value || '—'}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
