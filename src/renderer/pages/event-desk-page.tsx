import { PageHeader } from '../components/page-header';
import { t } from '../i18n';
import { StationBar } from '../station/station-bar';
import { useStation } from '../station/station-store';
import { ClassSlips } from './event-mode/class-slips';
import { DeskPanel } from './event-mode/desk-panel';
import { LanPanel } from './event-mode/lan-panel';
import './event-mode/event-mode.css';

/** 登记台 (event mode): the LAN this station hosts, and the 拍摄号 it issues to checked-in students. */
export function EventDeskPage() {
  const station = useStation();
  return (
    <div className="page">
      <PageHeader title={t.eventMode.deskTitle} intro={t.eventMode.deskIntro} />
      <StationBar />
      <LanPanel />
      {station.eventId ? (
        <>
          <DeskPanel eventId={station.eventId} />
          <ClassSlips eventId={station.eventId} />
        </>
      ) : (
        <div className="banner-warn">{t.station.needEvent}</div>
      )}
    </div>
  );
}
