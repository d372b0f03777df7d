import { formatFen } from '../../shared/domain/event';
import { toCsv } from './csv';

// End-of-day reconciliation (对账) as one flat CSV table: every line repeats the event and day so the sheet
// can be pasted under another station's, summed or filtered in Excel without re-reading a header block.

export interface ReconciliationLine {
  key: string;
  label: string;
  payments: number;
  orders: number;
  totalFen: number;
}

export interface ReconciliationReport {
  day: string | null;
  byMethod: ReconciliationLine[];
  byOperator: ReconciliationLine[];
  total: ReconciliationLine;
  excluded: ReconciliationLine;
}

export const RECONCILIATION_HEADER = ['采集活动', '对账日期', '分类', '项目', '笔数', '人数', '金额（元）'] as const;

export function reconciliationCsv(eventLabel: string, r: ReconciliationReport): string {
  const day = r.day ?? '全部日期';
  const line = (group: string, l: ReconciliationLine) => [
    eventLabel,
    day,
    group,
    l.label,
    String(l.payments),
    String(l.orders),
    formatFen(l.totalFen),
  ];
  return toCsv(RECONCILIATION_HEADER, [
    ...r.byMethod.map((l) => line('按支付方式', l)),
    ...r.byOperator.map((l) => line('按收款员', l)),
    line('合计', r.total),
    line('不计入合计', r.excluded),
  ]);
}

export function reconciliationFileName(schoolCode: string, day: string | null): string {
  return `对账-${schoolCode}-${day ?? '全部'}.csv`;
}
