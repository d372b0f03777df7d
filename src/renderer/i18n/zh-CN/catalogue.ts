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

// All UI text, zh-CN: the source catalogue. Its shape is the type every other language must fill in
// (src/renderer/i18n/catalogue.ts), so an entry added here without its en-US twin is a compile error.
export const zhCN = {
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
} as const;
