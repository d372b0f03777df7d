import type { ReactElement } from 'react';
import { t } from '../i18n/zh-CN/index';
import { EventsPage } from './events-page';
import { CheckinPage } from './checkin-page';
import { CapturePage } from './capture-page';
import { PaymentPage } from './payment-page';
import { OrdersPage } from './orders-page';
import { ReconcilePage } from './reconcile-page';
import { ExportPage } from './export-page';
import { StatsPage } from './stats-page';
import { SettingsPage } from './settings-page';
import { HelpPage } from './help-page';
import { EventDeskPage } from './event-desk-page';
import { EventQueuePage } from './event-queue-page';

export interface PageEntry {
  route: string;
  label: string;
  render: () => ReactElement;
}

// Navigation order follows the student's journey; each feature adds its page here.
export const pages: PageEntry[] = [
  { route: 'events', label: t.nav.events, render: () => <EventsPage /> },
  { route: 'checkin', label: t.station.nav.checkin, render: () => <CheckinPage /> },
  { route: 'event-desk', label: t.eventMode.deskTitle, render: () => <EventDeskPage /> },
  { route: 'event-queue', label: t.eventMode.queueTitle, render: () => <EventQueuePage /> },
  { route: 'capture', label: t.station.nav.capture, render: () => <CapturePage /> },
  { route: 'payment', label: t.station.nav.payment, render: () => <PaymentPage /> },
  { route: 'orders', label: t.station.nav.orders, render: () => <OrdersPage /> },
  { route: 'reconcile', label: t.station.nav.reconcile, render: () => <ReconcilePage /> },
  { route: 'export', label: t.station.nav.export, render: () => <ExportPage /> },
  { route: 'stats', label: t.stats.title, render: () => <StatsPage /> },
  { route: 'settings', label: t.settings.title, render: () => <SettingsPage /> },
  { route: 'help', label: t.help.title, render: () => <HelpPage /> },
];
