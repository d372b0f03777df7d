// Campus collection events run in China: business days (reconciliation) and printed times use China time,
// whatever time zone the laptop happens to be set to.
export const STATION_TIME_ZONE = 'Asia/Shanghai';

/** The calendar and clock fields of an instant in a zone (00–23 hours), read once for every format below. */
function zonedParts(d: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    day: `${get('year')}-${get('month')}-${get('day')}`,
    hour: get('hour'),
    minute: get('minute'),
    fields: ['year', 'month', 'day', 'hour', 'minute', 'second'].map((k) =>
      Number(get(k as Intl.DateTimeFormatPartTypes)),
    ),
  };
}

/** Calendar day (YYYY-MM-DD) of an ISO instant in the station's business time zone. */
export function businessDay(iso: string, timeZone = STATION_TIME_ZONE): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return zonedParts(d, timeZone).day;
}

/** Hour bucket (YYYY-MM-DD HH) of an ISO instant in the station's business time zone, for per-hour statistics. */
export function businessHour(iso: string, timeZone = STATION_TIME_ZONE): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = zonedParts(d, timeZone);
  return `${p.day} ${p.hour}`;
}

/**
 * "YYYY-MM-DD HH:mm" of an ISO instant in the station's business time zone: every time the station shows or
 * exports (订单, 对账, 操作记录, receipts), whatever zone the laptop is set to. An unreadable value is returned as is.
 */
export function businessTime(iso: string, timeZone = STATION_TIME_ZONE): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = zonedParts(d, timeZone);
  return `${p.day} ${p.hour}:${p.minute}`;
}

/**
 * A Date whose local-time fields (in whatever zone this process runs) read the China wall clock of `instant`: for
 * formats that store a zone-less local time, such as a ZIP entry's DOS date and time, so an exported archive shows
 * China time on every machine (a laptop set to UTC wrote 03:04 for 11:04).
 */
export function businessWallClock(instant: Date, timeZone = STATION_TIME_ZONE): Date {
  const [year, month, day, hour, minute, second] = zonedParts(instant, timeZone).fields as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return new Date(year, month - 1, day, hour, minute, second);
}
