import { useCallback, useEffect, useState } from 'react';
import type { EventStats } from '../../shared/contract/stats';
import { formatFen } from '../../shared/domain/event';
import { useClient } from '../api/context';
import { Banner } from '../components/banner';
import { PageHeader } from '../components/page-header';
import { problemOf } from '../components/use-api-call';
import { t } from '../i18n';
import { StationBar } from '../station/station-bar';
import { useStation } from '../station/station-store';
import { checkLabel, ChecksChart, PaymentsChart, PerHourChart, RetakesChart } from './stats/charts';
import { StationTable } from './stats/station-table';
import './admin.css';
import './stats/stats.css';

// 统计 for the current event: totals, students per hour (China time), per capture station and hour, 初审 pass
// rate per check, retakes by reason, payments by method. Refreshes when an order or payment changes.

export function StatsPage() {
  const client = useClient();
  const { eventId } = useStation();
  const [stats, setStats] = useState<EventStats | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    if (!eventId) return;
    client.call('stats.event', { eventId }).then(
      (s) => {
        setStats(s);
        setError(null);
      },
      (e: unknown) => {
        setStats(null);
        setError(problemOf(e).message);
      },
    );
  }, [client, eventId]);

  useEffect(() => {
    setStats(null);
    setError(null);
    load();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = client.subscribe((ev) => {
      if (ev.name !== 'order.updated' && ev.name !== 'payment.updated') return;
      // a burst of changes (a class payment) refreshes once
      if (timer) clearTimeout(timer);
      timer = setTimeout(load, 300);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [client, load]);

  const cancelled = stats?.payments.reduce((n, p) => n + p.cancelled, 0) ?? 0;
  const failing = stats?.retakes.byCheck.slice(0, 4) ?? [];
  return (
    <div className="page">
      <PageHeader title={t.stats.title} intro={t.stats.intro} />
      <StationBar />
      {!eventId && <Banner tone="info">{t.stats.noEvent}</Banner>}
      {error && (
        <Banner tone="error" action={<button onClick={load}>{t.common.retry}</button>}>
          {error}
        </Banner>
      )}
      {eventId && !stats && !error && <p className="muted">{t.common.loading}</p>}
      {stats && (
        <div data-testid="stats">
          <div className="stats-totals">
            <Total label={t.stats.totals.students} value={stats.totals.students} id="students" />
            <Total label={t.stats.totals.photographed} value={stats.totals.photographed} id="photographed" />
            <Total label={t.stats.totals.passed} value={stats.totals.passed} id="passed" />
            <Total label={t.stats.totals.paid} value={stats.totals.paid} id="paid" />
            <Total label={t.stats.totals.retakes} value={stats.retakes.count} id="retakes" />
            <Total label={t.stats.totals.revenue} value={formatFen(stats.totals.revenueFen)} id="revenue" />
          </div>
          {stats.totals.students === 0 ? (
            <p className="muted">{t.stats.empty}</p>
          ) : (
            <div className="charts">
              <section className="card chart-card" data-testid="chart-per-hour">
                <h2>{t.stats.perHour.title}</h2>
                <div className="chart-box">
                  <PerHourChart perHour={stats.perHour} />
                </div>
              </section>
              <section className="card chart-card" data-testid="chart-payments">
                <h2>{t.stats.payments.title}</h2>
                <div className="chart-box">
                  {stats.totals.paid === 0 ? (
                    <p className="muted">{t.stats.payments.none}</p>
                  ) : (
                    <PaymentsChart payments={stats.payments} />
                  )}
                </div>
                {cancelled > 0 && <p className="muted small">{t.stats.payments.cancelled(cancelled)}</p>}
              </section>
              <section className="card chart-card wide" data-testid="chart-stations">
                <h2>{t.stats.stations.title}</h2>
                <StationTable stations={stats.stations} />
              </section>
              <section className="card chart-card" data-testid="chart-checks">
                <h2>{t.stats.checks.title}</h2>
                <div className="chart-box tall">
                  {stats.totals.finals === 0 ? (
                    <p className="muted">{t.stats.checks.none}</p>
                  ) : (
                    <ChecksChart checks={stats.checks} />
                  )}
                </div>
              </section>
              <section className="card chart-card" data-testid="chart-retakes">
                <h2>{t.stats.retakes.title}</h2>
                {stats.retakes.count === 0 ? (
                  <p className="muted">{t.stats.retakes.none}</p>
                ) : (
                  <>
                    <p className="small" data-testid="retake-summary">
                      {t.stats.retakes.summary(stats.retakes.count, stats.retakes.students)}
                      {failing.length > 0 &&
                        ` · ${t.stats.retakes.byCheck}：${failing.map((c) => `${checkLabel(c.code)} ${c.count}`).join('、')}`}
                    </p>
                    <div className="chart-box short">
                      <RetakesChart retakes={stats.retakes} />
                    </div>
                  </>
                )}
              </section>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

function Total({ label, value, id }: { label: string; value: number | string; id: string }) {
  return (
    <div className="stat" data-testid={`total-${id}`}>
      <div className="stat-value">{value}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}
