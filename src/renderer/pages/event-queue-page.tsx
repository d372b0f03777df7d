import { useCallback, useEffect, useState } from 'react';
import type { LanStatusView } from '../../shared/contract/event-mode';
import { PageHeader } from '../components/page-header';
import { t } from '../i18n';
import { StationBar } from '../station/station-bar';
import { CallScreen } from './event-mode/call-screen';
import { LanPanel } from './event-mode/lan-panel';
import { QueueBoard } from './event-mode/queue-board';
import './event-mode/event-mode.css';

const CALL_SCREEN = '#/event-queue?screen=call';
const isCallScreen = () => window.location.hash.startsWith(CALL_SCREEN);

/**
 * 拍摄队列 (event mode, 拍摄位): join the host, call the queue, identify the student before binding.
 * `#/event-queue?screen=call` is the 叫号屏 (a second monitor / browser window).
 */
export function EventQueuePage() {
  const [callScreen, setCallScreen] = useState(isCallScreen);
  useEffect(() => {
    const on = () => setCallScreen(isCallScreen());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  if (callScreen) return <CallScreen />;
  return <QueuePage />;
}

function QueuePage() {
  // the queue comes from the host once joined: a new link shows a fresh board
  const [link, setLink] = useState<string | null>(null);
  const onStatus = useCallback((s: LanStatusView) => setLink(`${s.mode}|${s.hostUrl ?? ''}`), []);
  return (
    <div className="page">
      <PageHeader title={t.eventMode.queueTitle} intro={t.eventMode.queueIntro} />
      <StationBar />
      <LanPanel onStatus={onStatus} />
      <div className="event-row">
        <button
          type="button"
          title={t.eventMode.call.openHint}
          data-testid="open-call-screen"
          onClick={() => {
            // a second window (browser); where none may open (the desktop shell), this window becomes the screen
            if (!window.open(CALL_SCREEN, 'studio-call-screen')) window.location.hash = CALL_SCREEN;
          }}
        >
          {t.eventMode.call.open}
        </button>
        <span className="muted small">{t.eventMode.call.openHint}</span>
      </div>
      {link && <QueueBoard key={link} />}
    </div>
  );
}
