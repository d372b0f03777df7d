import { t } from '../i18n/zh-CN/index';
import { updateStation, useStation } from './station-store';
import { useEvents } from './use-events';
import type { StudioEvent } from '../../shared/domain/event';
import './station.css';

/** Current event + operator, on every workflow page; the choice persists across restarts. */
export function StationBar() {
  const station = useStation();
  const { events } = useEvents();
  return (
    <div className="station-bar" data-testid="station-bar">
      <label className="station-bar-item">
        <span>{t.station.event}</span>
        <select
          aria-label={t.station.event}
          value={station.eventId ?? ''}
          onChange={(e) => updateStation({ eventId: e.target.value || null, orderId: null })}
        >
          <option value="">{events?.length === 0 ? t.station.noEvents : t.station.chooseEvent}</option>
          {events?.map((ev) => (
            <option key={ev.id} value={ev.id}>
              {ev.schoolName} · {ev.date}
              {ev.stationName ? ` · ${ev.stationName}` : ''}
            </option>
          ))}
        </select>
      </label>
      <label className="station-bar-item">
        <span>{t.station.operator}</span>
        <input
          aria-label={t.station.operator}
          value={station.operator}
          placeholder={t.station.operatorPlaceholder}
          maxLength={50}
          onChange={(e) => updateStation({ operator: e.target.value })}
        />
      </label>
    </div>
  );
}

/** The current event object (null until chosen and loaded). */
export function useCurrentEvent(): StudioEvent | null {
  const { eventId } = useStation();
  const { events } = useEvents();
  return events?.find((e) => e.id === eventId) ?? null;
}
