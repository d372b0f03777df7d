import { useCallback, useState } from 'react';
import type { LanStatusView } from '../../shared/contract/event-mode';
import { PageHeader } from '../components/page-header';
import { t } from '../i18n';
import { StationBar } from '../station/station-bar';
import { LanPanel } from './event-mode/lan-panel';
import { QueueBoard } from './event-mode/queue-board';
import './event-mode/event-mode.css';

/** 拍摄队列 (event mode, 拍摄位): join the host, call the queue, identify the student before binding. */
export function EventQueuePage() {
  // the queue comes from the host once joined: a new link shows a fresh board
  const [link, setLink] = useState<string | null>(null);
  const onStatus = useCallback((s: LanStatusView) => setLink(`${s.mode}|${s.hostUrl ?? ''}`), []);
  return (
    <div className="page">
      <PageHeader title={t.eventMode.queueTitle} intro={t.eventMode.queueIntro} />
      <StationBar />
      <LanPanel onStatus={onStatus} />
      {link && <QueueBoard key={link} />}
    </div>
  );
}
