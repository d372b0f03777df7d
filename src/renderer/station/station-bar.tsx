import { t } from '../i18n/zh-CN/index';
import { useEffect } from 'react';
import { preselectEventId } from './event-preselect';
import { SHORTCUTS } from './shortcuts';
import { updateStation, useStation } from './station-store';
import { useEvents } from './use-events';
import { useStationSettings } from './use-station-settings';
import type { StudioEvent } from '../../shared/domain/event';
import './station.css';

export type StationField = 'eventId' | 'operator';

/** Put the cursor on the station bar's 当前活动 or 操作员 (a page's problem that is fixed up there). */
export function focusStationField(field: StationField): void {
  document.querySelector<HTMLElement>(`[data-station-field=${field}]`)?.focus();
}

/**
 * Current event + operator, on every workflow page; the choice persists across restarts. `problems`: a page's
 * message for either, shown right under it (the page puts the cursor there with focusStationField).
 */
export function StationBar(props: { problems?: Partial<Record<StationField, string>> } = {}) {
  const station = useStation();
  const { events } = useEvents();
  const settings = useStationSettings();
  // one active event: it is the one (the operator need not pick it on every fresh station)
  const preselect = preselectEventId(events, station.eventId);
  useEffect(() => {
    if (preselect) updateStation({ eventId: preselect, orderId: null });
  }, [preselect]);
  return (
    <div className="station-bar" data-testid="station-bar">
      <label className="station-bar-item">
        <span>{t.station.event}</span>
        <select
          aria-label={t.station.event}
          data-station-field="eventId"
          className={props.problems?.eventId ? 'invalid' : undefined}
          aria-invalid={props.problems?.eventId ? true : undefined}
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
        {props.problems?.eventId && <span className="field-error">{props.problems.eventId}</span>}
      </label>
      <label className="station-bar-item">
        <span>{t.station.operator}</span>
        <input
          aria-label={t.station.operator}
          data-station-field="operator"
          className={props.problems?.operator ? 'invalid' : undefined}
          aria-invalid={props.problems?.operator ? true : undefined}
          value={station.operator}
          placeholder={t.station.operatorPlaceholder}
          maxLength={32}
          list="station-operators"
          onChange={(e) => updateStation({ operator: e.target.value })}
        />
        {/* 设置's operator list as suggestions; any name can still be typed */}
        <datalist id="station-operators">
          {settings?.operators.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
        {props.problems?.operator && <span className="field-error">{props.problems.operator}</span>}
      </label>
      <div className="station-keys muted small" aria-label={t.station.keysTitle} data-testid="station-keys">
        {SHORTCUTS.map((s) => (
          <span key={s.id}>
            <span className="kbd">{s.keyLabel}</span> {t.station.keys[s.id]}
          </span>
        ))}
      </div>
    </div>
  );
}

/** The current event object (null until chosen and loaded). */
export function useCurrentEvent(): StudioEvent | null {
  const { eventId } = useStation();
  const { events } = useEvents();
  return events?.find((e) => e.id === eventId) ?? null;
}
