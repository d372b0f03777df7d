import type { ReactElement } from 'react';
import { t } from '../i18n/zh-CN/index';
import { EventsPage } from './events-page';

export interface PageEntry {
  route: string;
  label: string;
  render: () => ReactElement;
}

// Navigation order follows the student's journey; each feature adds its page here.
export const pages: PageEntry[] = [{ route: 'events', label: t.nav.events, render: () => <EventsPage /> }];
