import { ApiError, type FieldProblem } from '../../shared/api-error';
import { t } from '../i18n/zh-CN/index';

/** What went wrong with a call, in the form's terms: one line for the banner, a message per field. */
export interface Problem {
  message: string;
  /** field key → message (first problem of each field). */
  fields: Record<string, string>;
  code: string;
}

export function problemOf(err: unknown): Problem {
  if (err instanceof ApiError) {
    const fields: Record<string, string> = {};
    const issues: FieldProblem[] = err.issues?.length
      ? err.issues
      : err.field
        ? [{ field: err.field, message: err.message }]
        : [];
    for (const i of issues) if (i.field && !fields[i.field]) fields[i.field] = i.message;
    return { message: err.message, fields, code: err.code };
  }
  return { message: err instanceof Error ? err.message : t.call.unknown, fields: {}, code: 'internal' };
}

/** Problems found by the form itself, before any call, in the same shape. */
export function problemFromFields(fields: Record<string, string>): Problem | null {
  const first = Object.values(fields)[0];
  return first ? { message: first, fields, code: 'invalid_request' } : null;
}
