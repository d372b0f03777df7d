import type { OpHandler } from '../convert-context';
import { convOps } from './conv-ops';
import { elementwiseOps } from './elementwise';
import { indexOps } from './index-ops';
import { poolOps } from './pool-ops';
import { reduceOps } from './reduce-ops';
import { resizeOps } from './resize-ops';
import { shapeOps } from './shape-ops';

export const opHandlers: Record<string, OpHandler> = {
  ...elementwiseOps,
  ...shapeOps,
  ...indexOps,
  ...convOps,
  ...poolOps,
  ...resizeOps,
  ...reduceOps,
};
