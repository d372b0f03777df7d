import type { Catalogue } from '../catalogue';
import { common } from './common';
import { events } from './events';
import { station } from './station';
import { camera } from './camera';
import { checkin } from './checkin';
import { capture } from './capture';
import { payment } from './payment';
import { orders } from './orders';
import { reconcile } from './reconcile';
import { exportPage } from './export';
import { settings } from './settings';
import { stats } from './stats';
import { help } from './help';
import { sync } from './sync';
import { face } from './face';
import { eventMode } from './event-mode';

// English, the second language: the same keys as zh-CN (src/renderer/i18n/zh-CN), one file per feature.
// Whoever adds a zh-CN entry adds its English here too — typecheck fails until they do.
export const enUS: Catalogue = {
  ...common,
  events,
  station,
  camera,
  checkin,
  capture,
  payment,
  orders,
  reconcile,
  exportPage,
  settings,
  stats,
  help,
  sync,
  face,
  eventMode,
};

/** The shell's entries (zh-CN common.ts): everything that is not a feature of its own. */
export type CommonEntries = Omit<
  Catalogue,
  | 'events'
  | 'station'
  | 'camera'
  | 'checkin'
  | 'capture'
  | 'payment'
  | 'orders'
  | 'reconcile'
  | 'exportPage'
  | 'settings'
  | 'stats'
  | 'help'
  | 'sync'
  | 'face'
  | 'eventMode'
>;
