import type { Catalogue } from '../catalogue';

export const stats: Catalogue['stats'] = {
  title: 'Statistics',
  intro:
    "The current event's check-in and capture progress, pre-check pass rates, retakes and their reasons, and payment methods. Hours are China time.",
  refresh: 'Refresh',
  noEvent: 'Choose the current event above first.',
  empty: 'No student has checked in for this event yet.',
  totals: {
    students: 'Checked in',
    photographed: 'With a final photo',
    passed: 'Pre-check passed',
    paid: 'Paid',
    retakes: 'Retakes',
    revenue: 'Collected (CNY)',
  },
  perHour: {
    title: 'Students per hour (China time)',
    checkins: 'Check-ins',
    captures: 'Captures',
    hourLabel: (hour: string) => `${hour.slice(11, 13)}:00`,
    hourWithDay: (hour: string) => `${hour.slice(5, 10)} ${hour.slice(11, 13)}:00`,
  },
  checks: {
    title: 'Pre-check pass rate per check',
    rate: 'Pass rate (%)',
    none: 'No final photo has been pre-checked yet.',
    tooltip: (failed: number, reviewed: number) => `${failed} failed of ${reviewed}`,
    fileRules: {
      'file.format': 'File format',
      'file.dimensions': 'Dimensions',
      'file.density': 'Resolution',
      'file.metadata': 'Metadata',
      'file.quality': 'JPEG quality',
      'file.size': 'File size',
    },
  },
  retakes: {
    title: 'Retakes and reasons',
    count: 'Count',
    none: 'No retakes.',
    reasons: {
      precheck: 'Pre-check failed',
      refused: 'No final photo could be made',
      review_rejected: 'Rejected in review',
      operator: 'Photographer reshot (pre-check had passed)',
    },
    summary: (count: number, students: number) => `${count} retake(s) of ${students} student(s)`,
    byCheck: 'Checks that failed',
  },
  methods: { cash: 'Cash', wechat: 'WeChat Pay', alipay: 'Alipay', school: 'School pays' },
  payments: {
    title: 'Payment methods',
    amount: 'Amount (CNY)',
    count: 'Students',
    none: 'No payments yet.',
    cancelled: (n: number) => `${n} voided / refunded (not counted)`,
  },
};
