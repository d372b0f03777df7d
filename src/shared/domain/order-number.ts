// Order numbers: <station code>-<YYYYMMDD of the event>-<sequence, at least 4 digits>, e.g. S1-20260601-0042.
// The sequence restarts each day and is unique per station (the database enforces UNIQUE(order_day, seq)).

export const STATION_CODE_PATTERN = /^[A-Z][A-Z0-9]{0,7}$/;
const ORDER_NO_PATTERN = /^([A-Z][A-Z0-9]{0,7})-(\d{8})-(\d{4,})$/;

export function orderDay(isoDate: string): string {
  return isoDate.replace(/-/g, '');
}

export function formatOrderNumber(stationCode: string, isoDate: string, seq: number): string {
  if (!STATION_CODE_PATTERN.test(stationCode)) throw new Error(`invalid station code ${stationCode}`);
  if (!Number.isInteger(seq) || seq < 1) throw new Error(`invalid order sequence ${seq}`);
  return `${stationCode}-${orderDay(isoDate)}-${String(seq).padStart(4, '0')}`;
}

export function parseOrderNumber(text: string): { station: string; day: string; seq: number } | null {
  const m = ORDER_NO_PATTERN.exec(text.trim().toUpperCase());
  if (!m) return null;
  return { station: m[1]!, day: m[2]!, seq: Number(m[3]) };
}
