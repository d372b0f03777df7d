import { subscribeShared } from './push-hub';
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Res } from '../../shared/contract';
import { useClient } from '../api/context';
import { t } from '../i18n/zh-CN/index';
import { chsiProfile } from '../../shared/spec/profile';
import type { BackdropMode } from '../../shared/spec/backdrop';
import { autoCaptureReady, gatesAutoCapture } from '../../shared/domain/auto-capture';
import { cropFromSummary, type FrameBox } from './crop-box';
import { groupLiveChecks, REVIEWED_AGAIN_IN_PRECHECK } from './live-check-groups';
import type { LiveSource } from './live-source';
import type { LiveViewHandle } from './live-view';

export type FrameAnalysis = Res<'vision.analyzeFrame'>;

export interface LiveChecksState {
  /** null: no result yet; 'off': the vision module is not available. */
  latest: FrameAnalysis | null;
  unavailable: boolean;
  /**
   * Consecutive analysed frames on which nothing holds back auto-capture (src/shared/domain/auto-capture.ts: a
   * failure production does not repair; under the 'replace' backdrop the raw background does not count).
   */
  passStreak: number;
  crop: FrameBox | null;
  /** The backdrop mode the auto-capture rule used (null: not known yet, every failure holds it back). */
  backdrop: BackdropMode | null;
}

/**
 * Live compliance checks. Station camera: main analyses its own frames and pushes `camera.analysis`.
 * Browser webcam: this hook sends the current frame with vision.analyzeFrame, one at a time (latest wins).
 */
export function useLiveChecks(
  source: LiveSource,
  live: RefObject<LiveViewHandle | null>,
  /** The station's backdrop mode when the caller knows it; else it is read once (vision.settings) on mount. */
  backdropMode?: BackdropMode | null,
): LiveChecksState {
  const client = useClient();
  const [state, setState] = useState<LiveChecksState>({
    latest: null,
    unavailable: false,
    passStreak: 0,
    crop: null,
    backdrop: null,
  });
  const streak = useRef(0);
  const backdrop = useRef<BackdropMode | null>(backdropMode ?? null);
  useEffect(() => {
    if (backdropMode) backdrop.current = backdropMode;
  }, [backdropMode]);
  useEffect(() => {
    if (backdropMode) return;
    let gone = false;
    client.call('vision.settings', {}).then(
      (v) => {
        if (!gone) backdrop.current = v.backdrop;
      },
      () => undefined,
    );
    return () => {
      gone = true;
    };
  }, [client, backdropMode]);

  const accept = (r: FrameAnalysis) => {
    if (r.dropped) return;
    // until the backdrop mode is known, the strict verdict of the pipeline (every check passes)
    const ready = backdrop.current ? autoCaptureReady(r.checks, backdrop.current) : r.allPass;
    streak.current = ready ? streak.current + 1 : 0;
    const crop = cropFromSummary(r.analysis, chsiProfile.geometry, chsiProfile.output);
    setState({ latest: r, unavailable: false, passStreak: streak.current, crop, backdrop: backdrop.current });
  };

  useEffect(() => {
    let stopped = false;
    streak.current = 0;
    setState({ latest: null, unavailable: false, passStreak: 0, crop: null, backdrop: backdrop.current });
    client.call('vision.status', {}).then(
      (s) => {
        if (!stopped && s.started && !s.ready && s.missing.length > 0) setState((x) => ({ ...x, unavailable: true }));
      },
      () => !stopped && setState((x) => ({ ...x, unavailable: true })),
    );
    if (source === 'station') {
      const off = subscribeShared(client, (ev) => {
        if (ev.name === 'camera.analysis') accept(ev.data);
      });
      return () => {
        stopped = true;
        off();
      };
    }
    const loop = async () => {
      while (!stopped) {
        const frame = live.current?.grab(1280);
        if (!frame) {
          await new Promise((r) => setTimeout(r, 200));
          continue;
        }
        const image = frame.toDataURL('image/jpeg', 0.85).split(',')[1] ?? '';
        try {
          accept(await client.call('vision.analyzeFrame', { image }));
        } catch {
          if (!stopped) setState((x) => ({ ...x, unavailable: true }));
          await new Promise((r) => setTimeout(r, 2000));
        }
      }
    };
    void loop();
    return () => {
      stopped = true;
    };
  }, [client, source, live]);

  return state;
}

type Check = FrameAnalysis['checks'][number];

/** Vendor 初审 measures keep the name operators know from the vendor's tool; ours follows in brackets. */
function checkLabel(c: Check): string {
  const ours = t.capture.checkNames[c.id] ?? c.id;
  return c.vendorName && c.vendorName !== ours ? `${c.vendorName}（${ours}）` : ours;
}

/**
 * Problems first as rows with their coaching prompt; passing checks as compact green chips; checks only 初审 measures
 * (status 'unmeasured') last as grey chips, never green.
 */
export function LiveChecks({ state }: { state: LiveChecksState }) {
  if (state.unavailable && !state.latest) return <p className="muted">{t.capture.checksUnavailable}</p>;
  if (!state.latest) return <p className="muted">{t.capture.checksWaiting}</p>;
  // the first frames of a sitter: body, mask and the second-face search are still being measured
  if (state.latest.pending)
    return (
      <p className="muted" data-testid="live-checks-pending">
        {t.capture.checksPending}
      </p>
    );
  const { problems, passing, unmeasured } = groupLiveChecks(state.latest.checks);
  return (
    <div data-testid="live-checks">
      {state.latest.allPass && <div className="banner-ok">{t.capture.allPass}</div>}
      {problems.length > 0 && (
        <ul className="checks">
          {problems.map((c) => (
            <li key={c.id} className={c.status} data-check={c.id} data-status={c.status}>
              <span className={`dot ${c.status}`} />
              <span>
                <span className="check-name">{checkLabel(c)}</span>
                <span className="check-msg"> — {c.message}</span>
                {state.backdrop && c.status === 'fail' && !gatesAutoCapture(c, state.backdrop) && (
                  <span className="check-msg muted" data-testid="not-gating">
                    （{t.capture.notGating}）
                  </span>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="check-chips">
        {passing.map((c) => (
          <span key={c.id} className="check-chip" data-check={c.id} data-status="pass" title={c.message}>
            <span className="dot pass" />
            {checkLabel(c)}
            {REVIEWED_AGAIN_IN_PRECHECK.includes(c.id) && (
              <span className="check-note">（{t.capture.reviewedAgain}）</span>
            )}
          </span>
        ))}
        {unmeasured.map((c) => (
          <span
            key={c.id}
            className="check-chip unmeasured"
            data-check={c.id}
            data-status="unmeasured"
            title={t.capture.unmeasured}
          >
            <span className="dot unmeasured" />
            {checkLabel(c)}
            <span className="check-note">（{t.capture.unmeasured}）</span>
          </span>
        ))}
      </div>
    </div>
  );
}
