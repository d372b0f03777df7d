import { result, type CheckContext } from './context';
import { PARSING_EARRING_WARN, PARSING_NECKLACE_WARN } from './face-parsing';
import type { CheckResult } from './types';

/**
 * accessories — 不佩戴耳环、项链等饰品. Read from the face parsing (初审 only: `analysis.parsing`, stage 'parsing'):
 * the share of the head crop the model labels earring or necklace. Warn-only (reason in run-checks.ts): it sees
 * hoops and clip earrings, not studs. Without a parsing (live view) it reports 'unmeasured' with no value.
 */
export function checkAccessories(ctx: CheckContext): CheckResult {
  const thr = `耳环<${PARSING_EARRING_WARN} 项链<${PARSING_NECKLACE_WARN}`;
  const p = ctx.analysis.parsing;
  if (!p) return result('accessories', 'unmeasured', null, thr, '初审时检测');
  if (p.earringArea >= PARSING_EARRING_WARN)
    return result('accessories', 'fail', p.earringArea, thr, '疑似佩戴耳环，请摘下饰品');
  if (p.necklaceArea >= PARSING_NECKLACE_WARN)
    return result('accessories', 'fail', p.necklaceArea, thr, '疑似佩戴项链，请摘下或收进衣领');
  return result('accessories', 'pass', Math.max(p.earringArea, p.necklaceArea), thr, '未见耳环、项链');
}
