// The 初审 of a final photo comes from photo production as `checks` (unknown shape on the wire): either the
// check results ({status, message}[]) or {passed, reasons[]}. Pull out what the photographer must fix.

interface CheckLike {
  id?: unknown;
  status?: unknown;
  message?: unknown;
}

export function precheckReasons(checks: unknown): string[] {
  if (!checks) return [];
  if (Array.isArray(checks)) {
    return (checks as CheckLike[])
      .filter((c) => c && c.status === 'fail' && typeof c.message === 'string')
      .map((c) => c.message as string);
  }
  if (typeof checks === 'object') {
    const o = checks as { reasons?: unknown; checks?: unknown };
    if (Array.isArray(o.reasons)) {
      return o.reasons.map((r) =>
        typeof r === 'string'
          ? r
          : typeof (r as CheckLike)?.message === 'string'
            ? ((r as CheckLike).message as string)
            : JSON.stringify(r),
      );
    }
    if (o.checks) return precheckReasons(o.checks);
  }
  return [];
}
