import { useEffect, useRef, useState } from 'react';
import type { OrderView } from '../../shared/contract/views';
import { useClient } from '../api/context';
import { Banner } from '../components/banner';
import { PageHeader } from '../components/page-header';
import { problemFromFields, problemOf } from '../components/use-api-call';
import { t } from '../i18n/zh-CN/index';
import { CameraPicker } from '../station/camera-picker';
import { CheckinForm } from '../station/checkin-form';
import { dispatchCheckin, formProblems, showsForm, submitRequest, useCheckinState } from '../station/checkin-state';
import { useLiveSource } from '../station/live-source';
import { LiveView, type LiveViewHandle } from '../station/live-view';
import { scanQr } from '../station/qr-scan';
import { RosterLookup } from '../station/roster-lookup';
import { focusStationField, StationBar, useCurrentEvent } from '../station/station-bar';
import { goTo, updateStation, useStation } from '../station/station-store';
import { StudentCard } from '../station/student-card';
import { useStationSettings } from '../station/use-station-settings';

const SCAN_EVERY_MS = 250;

export function CheckinPage() {
  const client = useClient();
  const station = useStation();
  const event = useCurrentEvent();
  const source = useLiveSource();
  const state = useCheckinState();
  const live = useRef<LiveViewHandle>(null);
  const scannerInput = useRef<HTMLInputElement>(null);
  const [scanText, setScanText] = useState('');
  const lastScan = useRef<string>('');
  const decoding = useRef(0);
  const featureCode = event?.featureCode ?? '';
  // 设置 › 联系方式 (the check-in service reads the same setting); required until the settings are loaded
  const contactRequired = useStationSettings()?.contactFieldsRequired ?? true;

  // 特征码 comes from the school's notice; the event holds the expected one, so offer it (still checked).
  useEffect(() => {
    if (featureCode) dispatchCheckin({ type: 'eventChanged', featureCode });
  }, [featureCode]);

  async function decode(text: string) {
    const value = text.trim();
    if (!value) return;
    if (!station.eventId) {
      lastScan.current = ''; // read the code again once an event is chosen
      return dispatchCheckin({ type: 'decodeFailed', problem: problemFromFields({ eventId: t.station.needEvent })! });
    }
    const mine = ++decoding.current;
    setScanText('');
    try {
      const decoded = await client.call('checkin.decode', { eventId: station.eventId, payload: value });
      if (mine === decoding.current) dispatchCheckin({ type: 'decoded', payload: value, decoded, featureCode });
    } catch (err) {
      if (mine === decoding.current) dispatchCheckin({ type: 'decodeFailed', problem: problemOf(err) });
      scannerInput.current?.focus();
    }
  }

  // Scan the live view for a QR code a few times a second; the same code is not decoded twice in a row.
  useEffect(() => {
    const timer = setInterval(() => {
      const frame = live.current?.grab(960);
      if (!frame) return;
      const text = scanQr(frame);
      if (text && text !== lastScan.current) {
        lastScan.current = text;
        void decode(text);
      }
    }, SCAN_EVERY_MS);
    return () => clearInterval(timer);
  });

  function openOrder(order: OrderView) {
    updateStation({ orderId: order.id });
    goTo('capture');
  }

  // 当前活动 and 操作员 sit in the station bar: the message goes there and so does the cursor
  function barProblem(field: 'eventId' | 'operator', message: string) {
    dispatchCheckin({ type: 'failed', problem: problemFromFields({ [field]: message })! });
    focusStationField(field);
  }

  async function submit() {
    const eventId = station.eventId;
    if (!eventId) return barProblem('eventId', t.station.needEvent);
    if (!station.operator.trim()) return barProblem('operator', t.station.needOperator);
    const own = problemFromFields(formProblems(state, contactRequired));
    if (own) return dispatchCheckin({ type: 'failed', problem: own });
    const request = submitRequest(state, eventId, station.operator);
    if (!request) return;
    dispatchCheckin({ type: 'submitting' });
    try {
      const r = await client.call('checkin.submit', request);
      lastScan.current = '';
      dispatchCheckin({ type: 'submitted' });
      openOrder(r.order);
    } catch (err) {
      dispatchCheckin({ type: 'failed', problem: problemOf(err) });
    }
  }

  function clear() {
    dispatchCheckin({ type: 'clear' });
    lastScan.current = '';
    scannerInput.current?.focus();
  }

  // a station-bar problem is gone once the operator has fixed it up there
  const barProblems = { eventId: state.problem?.fields.eventId, operator: state.problem?.fields.operator };
  useEffect(() => {
    if (station.eventId) dispatchCheckin({ type: 'fieldFixed', field: 'eventId' });
    if (station.operator.trim()) dispatchCheckin({ type: 'fieldFixed', field: 'operator' });
  }, [station.eventId, station.operator]);

  const existing = state.subject.kind === 'qr' ? state.subject.decoded.existingOrder : null;
  const formShown = showsForm(state.subject);

  return (
    <div className="page">
      <PageHeader title={t.checkin.title} intro={t.checkin.intro} />
      <StationBar problems={barProblems} />
      <div className="two-col">
        <section className="card scan-card">
          <h2>{t.checkin.scanTitle}</h2>
          <CameraPicker />
          <LiveView ref={live} source={source} className="live-small" />
          <p className="muted small">{t.checkin.scanHint}</p>
          <form
            className="scanner-row"
            onSubmit={(e) => {
              e.preventDefault();
              // a USB scanner types faster than React renders: read what is in the field now
              void decode(scannerInput.current?.value ?? scanText);
            }}
          >
            <input
              ref={scannerInput}
              data-scanner-input
              aria-label={t.checkin.scannerInput}
              placeholder={t.checkin.scannerPlaceholder}
              value={scanText}
              onChange={(e) => setScanText(e.target.value)}
              maxLength={2000}
              autoFocus={!formShown}
              spellCheck={false}
            />
            <button type="submit">{t.checkin.decode}</button>
          </form>
          <div className="actions left">
            <button type="button" onClick={() => dispatchCheckin({ type: 'manual', featureCode })}>
              {t.checkin.manual}
            </button>
          </div>
          <RosterLookup
            eventId={station.eventId}
            onOrder={openOrder}
            onEntry={(entry) => dispatchCheckin({ type: 'pickRoster', entry, featureCode })}
          />
        </section>
        <section className="card grow">
          <h2>{t.checkin.formTitle}</h2>
          {!formShown && state.problem && (
            <Banner tone="error" testId="checkin-error">
              {state.problem.message}
            </Banner>
          )}
          {state.subject.kind === 'none' && !state.problem && <p className="muted">{t.checkin.scanHint}</p>}
          {existing && (
            <Banner
              tone="warn"
              action={
                <button type="button" className="primary" autoFocus onClick={() => openOrder(existing)}>
                  {t.checkin.openExisting}
                </button>
              }
            >
              {t.checkin.existing(existing.orderNo, existing.stateLabel)}
            </Banner>
          )}
          <StudentCard subject={state.subject} />
          {formShown && (
            <CheckinForm
              state={state}
              contactRequired={contactRequired}
              onSubmit={() => void submit()}
              onClear={clear}
            />
          )}
        </section>
      </div>
    </div>
  );
}
