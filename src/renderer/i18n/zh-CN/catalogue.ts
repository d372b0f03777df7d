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

// All UI text in one catalogue (zh-CN first), one file per feature.
export const t = {
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
} as const;

export type Catalogue = typeof t;
