import { z } from 'zod';
import { Id } from './fields';
import { PaymentMethod } from './views';

// 统计 for one event: students per hour (China time), 初审 pass rate per check, retakes and their reasons,
// payments by method. Computed from the event's orders, photos, transitions and payments (src/main/stats).

/** Why a capture was followed by another one for the same student. */
export const RETAKE_REASONS = ['precheck', 'refused', 'review_rejected', 'operator'] as const;
export const RetakeReason = z.enum(RETAKE_REASONS);
export type RetakeReason = z.infer<typeof RetakeReason>;

export const HourBucket = z.object({
  /** 'YYYY-MM-DD HH' in China time (src/shared/domain/business-time.ts). */
  hour: z.string(),
  /** Students checked in (orders created) in that hour. */
  checkins: z.number().int(),
  /** Captures (original photos) taken in that hour, retakes included. */
  captures: z.number().int(),
});

export const CheckTally = z.object({
  /** A check id (`framing.eyes`) or a file rule (`file.size`). */
  code: z.string(),
  /** Final photos that went through 初审. */
  reviewed: z.number().int(),
  /** …of which this check failed. */
  failed: z.number().int(),
});

const StationFigures = {
  /** Students photographed. */
  students: z.number().int(),
  /** Photos (originals) taken, retakes included. */
  captures: z.number().int(),
  /** …of which bound through the 拍摄号 queue after the scan (event mode). */
  bound: z.number().int(),
  /** Captures that were not the student's first. */
  retakes: z.number().int(),
};

/** One capture station (event mode: the paired 拍摄位 named in the binding; else this station). */
export const StationStats = z.object({
  station: z.string(),
  ...StationFigures,
  perHour: z.array(z.object({ hour: z.string(), ...StationFigures })),
});

export const EventStats = z.object({
  eventId: z.string(),
  timeZone: z.string(),
  totals: z.object({
    students: z.number().int(),
    photographed: z.number().int(),
    /** Students whose current final photo passed 初审. */
    passed: z.number().int(),
    paid: z.number().int(),
    captures: z.number().int(),
    finals: z.number().int(),
    finalsPassed: z.number().int(),
    revenueFen: z.number().int(),
  }),
  perHour: z.array(HourBucket),
  /** Per capture station and per hour (China time). */
  stations: z.array(StationStats),
  checks: z.array(CheckTally),
  retakes: z.object({
    /** Captures after a student's first one. */
    count: z.number().int(),
    /** Students photographed more than once. */
    students: z.number().int(),
    byReason: z.array(z.object({ reason: RetakeReason, count: z.number().int() })),
    /** For reason 'precheck': which check failed on the photo that was retaken (a photo may fail several). */
    byCheck: z.array(z.object({ code: z.string(), count: z.number().int() })),
  }),
  payments: z.array(
    z.object({
      method: PaymentMethod,
      /** Valid (not voided/refunded) payments and the students they cover. */
      payments: z.number().int(),
      students: z.number().int(),
      totalFen: z.number().int(),
      /** Voided or refunded, apart. */
      cancelled: z.number().int(),
    }),
  ),
});
export type EventStats = z.infer<typeof EventStats>;

export const statsContract = {
  'stats.event': { request: z.strictObject({ eventId: Id }), response: EventStats },
} as const;
