import { useCallback, useEffect, useState } from 'react';
import type { LanStatusView } from '../../../shared/contract/event-mode';
import { businessTime } from '../../../shared/domain/business-time';
import { PAIRING_QR_PREFIX, STATION_ROLES, type StationRole } from '../../../shared/domain/shooting-queue';
import { useClient } from '../../api/context';
import { Field } from '../../components/field';
import { problemOf, type Problem } from '../../components/use-api-call';
import { t } from '../../i18n';
import { subscribeShared } from '../../station/push-hub';
import { fingerprintLines } from './fingerprint';
import { QrSvg } from './qr-svg';

const ROLE_LABEL: Record<StationRole, string> = {
  desk: t.eventMode.lan.roleDesk,
  capture: t.eventMode.lan.roleCapture,
  cashier: t.eventMode.lan.roleCashier,
};

/**
 * 对局域网开放 (lan.setServing): the host's switch that lets the other laptops reach it — off, it serves this
 * computer only; on, every network interface over HTTPS, with the addresses to type and the certificate's SHA-256.
 */
function ServingSwitch({
  status,
  busy,
  act,
}: {
  status: LanStatusView;
  busy: boolean;
  act: (fn: () => Promise<LanStatusView>) => Promise<void>;
}) {
  const client = useClient();
  const L = t.eventMode.lan;
  const sv = status.serving;
  return (
    <div className="lan-serving" data-testid="lan-serving">
      <div className="event-row">
        <label className="lan-switch">
          <input
            type="checkbox"
            role="switch"
            checked={sv.on}
            disabled={busy || !sv.available}
            onChange={(e) => {
              const on = e.target.checked;
              void act(() => client.call('lan.setServing', { on }));
            }}
          />{' '}
          <strong>{L.serveLan}</strong>
        </label>
        <span className={sv.on ? 'lan-serving-on' : 'muted'} data-testid="lan-serving-state">
          {sv.on ? L.servingOn : L.servingOff}
        </span>
      </div>
      {sv.on && sv.addresses.length > 0 && (
        <div className="event-row">
          <span className="muted">{L.servingAddresses}</span>
          {sv.addresses.map((a) => (
            <code key={a} className="lan-address" data-testid="lan-serving-address">
              {a}
            </code>
          ))}
        </div>
      )}
      {sv.on && sv.addresses.length === 0 && <div className="lan-no-address">{L.servingNoInterface}</div>}
      {sv.on && sv.fingerprint && (
        <div data-testid="lan-serving-fingerprint">
          <div className="muted">{L.fingerprint}</div>
          <div className="fingerprint" aria-label={L.fingerprint}>
            {fingerprintLines(sv.fingerprint).map((line) => (
              <div key={line}>{line}</div>
            ))}
          </div>
        </div>
      )}
      {sv.note && (
        <div className={sv.available ? 'lan-no-address' : 'muted'} data-testid="lan-serving-note">
          {sv.note}
        </div>
      )}
      {sv.available && <div className="muted small">{L.servingHint}</div>}
    </div>
  );
}

/** An address only this computer can open (the host serves 127.0.0.1 only). */
const isLoopback = (url: string) => /^https?:\/\/(127\.|localhost[:/]|\[::1\])/i.test(url);

/** 活动组网: this station's roles; as host: the pairing code and paired stations; as station: join / status. */
export function LanPanel({ onStatus }: { onStatus?: (s: LanStatusView) => void }) {
  const client = useClient();
  const [status, setStatus] = useState<LanStatusView | null>(null);
  const [roles, setRoles] = useState<StationRole[]>([]);
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [fingerprint, setFingerprint] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [found, setFound] = useState<{ name: string; url: string }[] | null>(null);
  const [busy, setBusy] = useState(false);

  const show = useCallback(
    (s: LanStatusView) => {
      setStatus(s);
      onStatus?.(s);
    },
    [onStatus],
  );

  useEffect(() => {
    void client.call('lan.status', {}).then((s) => {
      show(s);
      setRoles(s.roles);
      setName(s.stationName);
    });
    return subscribeShared(client, (ev) => {
      if (ev.name === 'lan.status') show(ev.data);
    });
  }, [client, show]);

  async function act(fn: () => Promise<LanStatusView>) {
    setBusy(true);
    setProblem(null);
    try {
      show(await fn());
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setBusy(false);
    }
  }
  const errorAt = (field: string) => problem?.fields[field] ?? null;
  // the pairing QR read into the address field (a scanner types it): it carries the fingerprint itself
  const scanned = address.trim().startsWith(PAIRING_QR_PREFIX);
  const L = t.eventMode.lan;
  if (!status) return null;
  const modeLabel = { standalone: L.modeStandalone, host: L.modeHost, joined: L.modeJoined }[status.mode];

  return (
    <section className="card" data-testid="lan-panel">
      <h2>{L.title}</h2>
      <div className="event-row">
        <span className="muted">{L.mode}</span>
        <strong data-testid="lan-mode">{modeLabel}</strong>
        {status.mode === 'joined' && (
          <span className={status.online === false ? 'lan-offline' : ''} data-testid="lan-online">
            {L.host} {status.hostUrl} · {status.stationNo !== null && L.stationNo(status.stationNo)} ·{' '}
            {status.online === false ? L.offline : L.online}
          </span>
        )}
      </div>
      <div className="event-row">
        <span className="muted">{L.roles}</span>
        {STATION_ROLES.map((r) => (
          <label key={r}>
            <input
              type="checkbox"
              checked={roles.includes(r)}
              onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))}
            />{' '}
            {ROLE_LABEL[r]}
          </label>
        ))}
        <input aria-label={L.stationName} value={name} onChange={(e) => setName(e.target.value)} maxLength={40} />
        <button
          type="button"
          disabled={busy}
          onClick={() => void act(() => client.call('lan.setRoles', { roles, stationName: name || undefined }))}
        >
          {L.save}
        </button>
      </div>

      {status.mode !== 'joined' && <ServingSwitch status={status} busy={busy} act={act} />}

      {status.mode !== 'joined' && (
        <div className="event-row">
          {status.pairing ? (
            <>
              <div>
                <div className="muted">{L.pairingCode}</div>
                <div className="pairing-code" data-testid="pairing-code">
                  {status.pairing.code}
                </div>
                <div className="muted">{L.pairingUntil(businessTime(status.pairing.expiresAt))}</div>
                {status.pairing.addresses.length > 0 && (
                  <div className="muted">
                    {L.addresses}：{status.pairing.addresses.join('、')}
                  </div>
                )}
                {status.pairing.addresses.every(isLoopback) && (
                  <div className="lan-no-address" data-testid="pairing-no-address">
                    {status.serving.available ? L.noAddressSwitch : L.noAddress}
                  </div>
                )}
                {status.pairing.fingerprint && (
                  <div data-testid="pairing-fingerprint">
                    <div className="muted">{L.fingerprint}</div>
                    <div className="fingerprint" aria-label={L.fingerprint}>
                      {fingerprintLines(status.pairing.fingerprint).map((line) => (
                        <div key={line}>{line}</div>
                      ))}
                    </div>
                  </div>
                )}
                <div className="muted">{status.pairing.fingerprint ? L.pairingHelpHttps : L.pairingHelp}</div>
              </div>
              <QrSvg payload={status.pairing.qrPayload} size={112} label={L.pairingCode} />
              <button type="button" disabled={busy} onClick={() => void act(() => client.call('lan.closePairing', {}))}>
                {L.closePairing}
              </button>
            </>
          ) : (
            <button
              type="button"
              disabled={busy}
              onClick={() => void act(() => client.call('lan.openPairing', { minutes: 10 }))}
            >
              {L.openPairing}
            </button>
          )}
        </div>
      )}
      {status.stations.length > 0 && (
        <div>
          <div className="muted">{L.stations}</div>
          <ul>
            {status.stations.map((s) => (
              <li key={s.id}>
                {L.stationNo(s.stationNo)} {s.name} {s.revoked ? '（已撤销）' : ''}
                {!s.revoked && (
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => void act(() => client.call('lan.revoke', { stationId: s.id }))}
                  >
                    {L.revoke}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}

      {status.mode === 'standalone' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act(() =>
              client.call('lan.join', {
                address,
                code,
                stationName: name || status.stationName,
                ...(scanned || !fingerprint.trim() ? {} : { fingerprint }),
              }),
            );
          }}
        >
          <h3>{L.joinTitle}</h3>
          <div className="event-row">
            <Field label={L.address} hint={L.addressHint} error={errorAt('address')}>
              <input value={address} onChange={(e) => setAddress(e.target.value)} data-testid="join-address" />
            </Field>
            <Field label={L.code} error={errorAt('code')}>
              <input
                value={code}
                onChange={(e) => setCode(e.target.value)}
                inputMode="numeric"
                maxLength={8}
                data-testid="join-code"
              />
            </Field>
            {!scanned && (
              <Field label={L.joinFingerprint} hint={L.joinFingerprintHint} error={errorAt('fingerprint')}>
                <input
                  value={fingerprint}
                  onChange={(e) => setFingerprint(e.target.value)}
                  className="fingerprint-input"
                  spellCheck={false}
                  autoComplete="off"
                  maxLength={100}
                  data-testid="join-fingerprint"
                />
              </Field>
            )}
            <button type="submit" className="primary" disabled={busy}>
              {L.join}
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => {
                setFound(null);
                void client.call('lan.discover', { waitMs: 1500 }).then((r) => setFound(r.hosts));
              }}
            >
              {L.discover}
            </button>
          </div>
          {found && found.length === 0 && <div className="muted">{L.noneFound}</div>}
          {found?.map((h) => (
            <button key={h.url} type="button" onClick={() => setAddress(h.url)}>
              {h.name} {h.url}
              {h.url.startsWith('https:') && ` ${L.foundHttps}`}
            </button>
          ))}
        </form>
      )}
      {status.mode === 'joined' && (
        <div className="event-row">
          <span>{L.pending(status.pending)}</span>
          <button type="button" disabled={busy} onClick={() => void act(() => client.call('lan.flush', {}))}>
            {L.flush}
          </button>
          <button type="button" disabled={busy} onClick={() => void act(() => client.call('lan.leave', {}))}>
            {L.leave}
          </button>
        </div>
      )}
      {status.refused.length > 0 && (
        <div className="banner-error">
          {L.refused}：{status.refused.map((r) => r.message).join('；')}
        </div>
      )}
      {problem && !problem.fields.address && !problem.fields.code && !(problem.fields.fingerprint && !scanned) && (
        <div className="banner-error" role="alert">
          {problem.message}
        </div>
      )}
    </section>
  );
}
