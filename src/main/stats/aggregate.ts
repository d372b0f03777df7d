import { CHECK_IDS } from '../../shared/checks/types';
import { businessHour } from '../../shared/domain/business-time';
import type { EventStats, RetakeReason } from '../../shared/contract/stats';

// Pure aggregation of an event's rows into 统计 (the SQL that fetches them is in stats-service.ts).

export interface CaptureRow {
  id: string;
  orderId: string;
  version: number;
  createdAt: string;
}

export interface FinalRow {
  orderId: string;
  version: number;
  sourcePhotoId: string | null;
  precheck: 'passed' | 'failed' | null;
  /** photos.checks_json: { reasons: [{ code, message }] } from photo production, or null. */
  checksJson: string | null;
  createdAt: string;
}

export interface RejectionRow {
  orderId: string;
  at: string;
}

/** Failing codes of a final photo's 初审 (unknown or unreadable JSON: none). */
export function failedCodes(checksJson: string | null): string[] {
  if (!checksJson) return [];
  try {
    const v = JSON.parse(checksJson) as { reasons?: unknown };
    if (!Array.isArray(v.reasons)) return [];
    const codes = v.reasons
      .map((r) => (r && typeof r === 'object' ? (r as { code?: unknown }).code : undefined))
      .filter((c): c is string => typeof c === 'string');
    return [...new Set(codes)];
  } catch {
    return [];
  }
}

const MAX_FILLED_HOURS = 48;

/** 'YYYY-MM-DD HH' + 1 hour (plain calendar arithmetic on the label; the zone has no DST). */
function nextHour(h: string): string {
  const d = new Date(`${h.slice(0, 10)}T${h.slice(11, 13)}:00:00Z`);
  d.setUTCHours(d.getUTCHours() + 1);
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 13)}`;
}

/** Check-ins and captures per China-time hour; hours without activity between the first and last are zeros. */
export function perHour(checkinTimes: readonly string[], captureTimes: readonly string[]): EventStats['perHour'] {
  const buckets = new Map<string, { checkins: number; captures: number }>();
  const bump = (iso: string, k: 'checkins' | 'captures') => {
    const h = businessHour(iso);
    if (!h) return;
    const b = buckets.get(h) ?? { checkins: 0, captures: 0 };
    b[k]++;
    buckets.set(h, b);
  };
  checkinTimes.forEach((t) => bump(t, 'checkins'));
  captureTimes.forEach((t) => bump(t, 'captures'));
  const hours = [...buckets.keys()].sort();
  if (hours.length > 1) {
    const filled: string[] = [];
    for (let h = hours[0]!; h <= hours.at(-1)! && filled.length <= MAX_FILLED_HOURS; h = nextHour(h)) filled.push(h);
    if (filled.length <= MAX_FILLED_HOURS)
      for (const h of filled) if (!buckets.has(h)) buckets.set(h, { checkins: 0, captures: 0 });
  }
  return [...buckets.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([hour, b]) => ({ hour, ...b }));
}

/** For every check (all 19, then file rules and any other code seen): how many reviewed finals failed it. */
export function checkTallies(finals: readonly FinalRow[]): EventStats['checks'] {
  const reviewed = finals.filter((f) => f.precheck !== null);
  const failed = new Map<string, number>();
  for (const f of reviewed) for (const c of failedCodes(f.checksJson)) failed.set(c, (failed.get(c) ?? 0) + 1);
  const known = new Set<string>(CHECK_IDS);
  const extra = [...failed.keys()].filter((c) => !known.has(c)).sort();
  return [...CHECK_IDS, ...extra].map((code) => ({ code, reviewed: reviewed.length, failed: failed.get(code) ?? 0 }));
}

/**
 * Every capture after a student's first is a retake. Its reason is what became of the capture before it:
 * its final photo failed 初审 ('precheck', with the failing checks), no final photo came of it ('refused': no face,
 * head cut…), the order was 审核驳回 after it ('review_rejected'), or it had passed and the photographer shot
 * again anyway ('operator').
 */
export function retakes(
  captures: readonly CaptureRow[],
  finals: readonly FinalRow[],
  rejections: readonly RejectionRow[],
): EventStats['retakes'] {
  const finalOf = new Map<string, FinalRow>();
  for (const f of finals) {
    if (!f.sourcePhotoId) continue;
    const prev = finalOf.get(f.sourcePhotoId);
    if (!prev || f.version > prev.version) finalOf.set(f.sourcePhotoId, f);
  }
  const byOrder = new Map<string, CaptureRow[]>();
  for (const c of captures) byOrder.set(c.orderId, [...(byOrder.get(c.orderId) ?? []), c]);
  const reasons = new Map<RetakeReason, number>();
  const checks = new Map<string, number>();
  let count = 0;
  let students = 0;
  for (const [orderId, list] of byOrder) {
    const sorted = [...list].sort((a, b) => a.version - b.version);
    if (sorted.length > 1) students++;
    for (let i = 1; i < sorted.length; i++) {
      count++;
      const before = sorted[i - 1]!;
      const next = sorted[i]!;
      const final = finalOf.get(before.id);
      let reason: RetakeReason;
      if (!final) reason = 'refused';
      else if (final.precheck === 'failed') {
        reason = 'precheck';
        for (const c of failedCodes(final.checksJson)) checks.set(c, (checks.get(c) ?? 0) + 1);
      } else if (rejections.some((r) => r.orderId === orderId && r.at >= before.createdAt && r.at <= next.createdAt))
        reason = 'review_rejected';
      else reason = 'operator';
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
  }
  const desc = <K>(m: Map<K, number>) =>
    [...m.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
  return {
    count,
    students,
    byReason: desc(reasons).map(([reason, n]) => ({ reason, count: n })),
    byCheck: desc(checks).map(([code, n]) => ({ code, count: n })),
  };
}

export interface StationCaptureRow {
  orderId: string;
  version: number;
  /** When it was taken (a binding's capture time: a shot kept offline and sent later counts when it was shot). */
  at: string;
  station: string;
  /** Bound through the 拍摄号 queue after the scan at a capture station (event mode). */
  bound: boolean;
}

/**
 * Per capture station and per China-time hour: students photographed, photos taken, of which bound through the
 * 拍摄号 queue, and retakes (a capture that is not the student's first, wherever the first one was taken).
 */
export function perStation(rows: readonly StationCaptureRow[]): EventStats['stations'] {
  const first = new Map<string, number>();
  for (const r of rows) first.set(r.orderId, Math.min(first.get(r.orderId) ?? Infinity, r.version));
  type Acc = { students: Set<string>; captures: number; bound: number; retakes: number };
  const acc = () => ({ students: new Set<string>(), captures: 0, bound: 0, retakes: 0 });
  const add = (a: Acc, r: StationCaptureRow) => {
    a.students.add(r.orderId);
    a.captures++;
    if (r.bound) a.bound++;
    if (r.version !== first.get(r.orderId)) a.retakes++;
  };
  const stations = new Map<string, { all: Acc; hours: Map<string, Acc> }>();
  for (const r of rows) {
    const s = stations.get(r.station) ?? { all: acc(), hours: new Map<string, Acc>() };
    stations.set(r.station, s);
    add(s.all, r);
    const h = businessHour(r.at);
    if (!h) continue;
    const hour = s.hours.get(h) ?? acc();
    s.hours.set(h, hour);
    add(hour, r);
  }
  const view = (a: Acc) => ({ students: a.students.size, captures: a.captures, bound: a.bound, retakes: a.retakes });
  return [...stations.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'zh-CN'))
    .map(([station, s]) => ({
      station,
      ...view(s.all),
      perHour: [...s.hours.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([hour, a]) => ({ hour, ...view(a) })),
    }));
}
