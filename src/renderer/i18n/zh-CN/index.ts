import { common } from './common';
import { events } from './events';

// All UI text in one catalogue (zh-CN first), one file per feature.
export const t = {
  ...common,
  events,
} as const;

export type Catalogue = typeof t;
