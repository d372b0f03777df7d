import {
  ArcElement,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  Tooltip,
  type ChartOptions,
} from 'chart.js';
import { Bar, Doughnut } from 'react-chartjs-2';
import type { EventStats } from '../../../shared/contract/stats';
import { formatFen } from '../../../shared/domain/event';
import { t } from '../../i18n';

// 统计's charts (Chart.js, bundled by Vite: no network). Only the pieces used are registered. No animation, so
// a chart is drawn once and screenshots are stable.

ChartJS.register(CategoryScale, LinearScale, BarElement, ArcElement, Tooltip, Legend);
ChartJS.defaults.font.family = "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', system-ui, sans-serif";
ChartJS.defaults.animation = false;
ChartJS.defaults.maintainAspectRatio = false;

const BRAND = '#1769c2';
const CHSI = '#28befa';
const OK = '#1e8e4e';
const WARN = '#b7791f';
const BAD = '#c53030';
const MUTED = '#94a3b8';

export function checkLabel(code: string): string {
  return t.capture.checkNames[code] ?? t.stats.checks.fileRules[code] ?? code;
}

export function PerHourChart({ perHour }: { perHour: EventStats['perHour'] }) {
  const days = new Set(perHour.map((b) => b.hour.slice(0, 10)));
  const label = days.size > 1 ? t.stats.perHour.hourWithDay : t.stats.perHour.hourLabel;
  const options: ChartOptions<'bar'> = {
    plugins: { legend: { position: 'bottom' } },
    scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
  };
  return (
    <Bar
      aria-label={t.stats.perHour.title}
      role="img"
      options={options}
      data={{
        labels: perHour.map((b) => label(b.hour)),
        datasets: [
          { label: t.stats.perHour.checkins, data: perHour.map((b) => b.checkins), backgroundColor: BRAND },
          { label: t.stats.perHour.captures, data: perHour.map((b) => b.captures), backgroundColor: CHSI },
        ],
      }}
    />
  );
}

/** 初审 pass rate per check, worst first (only checks that ran on at least one photo). */
export function ChecksChart({ checks }: { checks: EventStats['checks'] }) {
  const rows = checks
    .filter((c) => c.reviewed > 0)
    .map((c) => ({ ...c, rate: Math.round(((c.reviewed - c.failed) / c.reviewed) * 1000) / 10 }))
    .sort((a, b) => a.rate - b.rate || a.code.localeCompare(b.code));
  const options: ChartOptions<'bar'> = {
    plugins: {
      legend: { display: false },
      tooltip: {
        callbacks: {
          afterLabel: (item) => t.stats.checks.tooltip(rows[item.dataIndex]!.failed, rows[item.dataIndex]!.reviewed),
        },
      },
    },
    // horizontal bars: the check names stay level and whole at 1366×768 (rotated under the bars they were clipped)
    indexAxis: 'y',
    scales: {
      x: { min: 0, max: 100, title: { display: true, text: t.stats.checks.rate } },
      y: { ticks: { autoSkip: false, font: { size: 11 } } },
    },
  };
  return (
    <Bar
      aria-label={t.stats.checks.title}
      role="img"
      options={options}
      data={{
        labels: rows.map((r) => checkLabel(r.code)),
        datasets: [
          {
            label: t.stats.checks.rate,
            data: rows.map((r) => r.rate),
            backgroundColor: rows.map((r) => (r.rate >= 95 ? OK : r.rate >= 80 ? WARN : BAD)),
          },
        ],
      }}
    />
  );
}

export function RetakesChart({ retakes }: { retakes: EventStats['retakes'] }) {
  const options: ChartOptions<'bar'> = {
    indexAxis: 'y',
    plugins: { legend: { display: false } },
    scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
  };
  return (
    <Bar
      aria-label={t.stats.retakes.title}
      role="img"
      options={options}
      data={{
        labels: retakes.byReason.map((r) => t.stats.retakes.reasons[r.reason] ?? r.reason),
        datasets: [{ label: t.stats.retakes.count, data: retakes.byReason.map((r) => r.count), backgroundColor: WARN }],
      }}
    />
  );
}

export function PaymentsChart({ payments }: { payments: EventStats['payments'] }) {
  const used = payments.filter((p) => p.students > 0);
  const colours: Record<string, string> = { cash: WARN, wechat: '#07c160', alipay: BRAND, school: MUTED };
  const options: ChartOptions<'doughnut'> = {
    plugins: {
      legend: { position: 'right' },
      tooltip: {
        callbacks: {
          label: (item) => {
            const p = used[item.dataIndex]!;
            return `${item.label}：${p.students} · ¥${formatFen(p.totalFen)}`;
          },
        },
      },
    },
  };
  return (
    <Doughnut
      aria-label={t.stats.payments.title}
      role="img"
      options={options}
      data={{
        labels: used.map((p) => `${t.stats.methods[p.method] ?? p.method}（${p.students}）`),
        datasets: [{ data: used.map((p) => p.students), backgroundColor: used.map((p) => colours[p.method] ?? MUTED) }],
      }}
    />
  );
}
