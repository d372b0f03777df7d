// Exponential backoff with full jitter: the n-th consecutive failure waits a random time in
// [base·2^(n-1) / 2, base·2^(n-1)], capped. Half the window is kept so a retry never comes at once.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/** At most 15 s between attempts: a station back on the network is sending again within seconds. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 15_000 };

/** Delay before the next attempt after `failures` consecutive failures (≥ 1). `random` in [0, 1). */
export function backoffDelay(
  failures: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random = Math.random(),
): number {
  const n = Math.max(1, Math.floor(failures));
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(n - 1, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}
