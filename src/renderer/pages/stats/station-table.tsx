import { Fragment } from 'react';
import type { EventStats } from '../../../shared/contract/stats';
import { t } from '../../i18n';

/** 统计 per capture station and per China-time hour: students shot, photos, bound after the scan, retakes. */
export function StationTable({ stations }: { stations: EventStats['stations'] }) {
  const S = t.stats.stations;
  if (stations.length === 0) return <p className="muted">{S.none}</p>;
  const days = new Set(stations.flatMap((s) => s.perHour.map((h) => h.hour.slice(0, 10))));
  const hourLabel = days.size > 1 ? t.stats.perHour.hourWithDay : t.stats.perHour.hourLabel;
  const cells = (f: { students: number; captures: number; bound: number; retakes: number }) => (
    <>
      <td className="num">{f.students}</td>
      <td className="num">{f.captures}</td>
      <td className="num">{f.bound}</td>
      <td className="num">{f.retakes}</td>
    </>
  );
  return (
    <table className="station-stats" data-testid="station-stats">
      <thead>
        <tr>
          <th>{S.station}</th>
          <th>{S.hour}</th>
          <th className="num">{S.students}</th>
          <th className="num">{S.captures}</th>
          <th className="num">{S.bound}</th>
          <th className="num">{S.retakes}</th>
        </tr>
      </thead>
      <tbody>
        {stations.map((s) => (
          <Fragment key={s.station}>
            {s.perHour.map((h, i) => (
              <tr key={h.hour}>
                {i === 0 && (
                  <th rowSpan={s.perHour.length + 1} scope="rowgroup" className="station-name">
                    {s.station}
                  </th>
                )}
                <td>{hourLabel(h.hour)}</td>
                {cells(h)}
              </tr>
            ))}
            <tr className="station-total" data-testid={`station-total-${s.station}`}>
              {s.perHour.length === 0 && <th className="station-name">{s.station}</th>}
              <td>{S.total}</td>
              {cells(s)}
            </tr>
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
