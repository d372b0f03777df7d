import type { z } from 'zod';
import { fieldLabel } from './field-labels';

// Errors that cross a boundary carry a stable code, a Chinese message for the user, and the field at fault.

export type ApiErrorCode =
  | 'invalid_request'
  | 'unknown_method'
  | 'not_found'
  | 'conflict'
  | 'unauthorized'
  | 'forbidden'
  | 'unavailable'
  | 'internal';

/** One problem of a request, at a field (path such as `email` or `orderIds.0`; '' = the request as a whole). */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  field?: string;
  /** Every problem of a form at once (the first one is also `message`/`field`). */
  issues?: FieldProblem[];
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
    readonly issues?: FieldProblem[],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    const body: ApiErrorBody = { code: this.code, message: this.message };
    if (this.field !== undefined) body.field = this.field;
    if (this.issues && this.issues.length > 0) body.issues = this.issues;
    return body;
  }

  static fromBody(body: ApiErrorBody): ApiError {
    const issues = Array.isArray(body.issues)
      ? body.issues.filter((i): i is FieldProblem => typeof i?.field === 'string' && typeof i?.message === 'string')
      : undefined;
    return new ApiError(body.code, body.message, body.field, issues);
  }

  /** Several problems of one form: the first is the message, all are in `issues`. */
  static invalid(problems: FieldProblem[]): ApiError {
    const first = problems[0] ?? { field: '', message: '请求无效' };
    return new ApiError('invalid_request', first.message, first.field || undefined, problems);
  }
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string';
}

const HAS_CHINESE = /[\u3400-\u9fff]/;

/** A Chinese sentence for an issue zod phrased itself (no message given in the contract). */
function chineseIssue(issue: z.core.$ZodIssue, field: string): string {
  if (HAS_CHINESE.test(issue.message)) return issue.message;
  const label = fieldLabel(field);
  if (!field) {
    return issue.code === 'invalid_type' ? '请求内容应为 JSON 对象（{…}），不能是数组、文字或数字' : '请求内容不正确';
  }
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined/.test(issue.message) ? `请填写${label}` : `${label}的类型不正确`;
    case 'too_big':
      return issue.origin === 'string'
        ? `${label}过长（最多 ${String(issue.maximum)} 个字符）`
        : issue.origin === 'array'
          ? `${label}过多（最多 ${String(issue.maximum)} 项）`
          : `${label}过大（最大 ${String(issue.maximum)}）`;
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `请填写${label}`
        : `${label}过小（最小 ${String(issue.minimum)}）`;
    case 'invalid_value':
      return `${label}的取值不正确`;
    case 'invalid_format':
      return `${label}的格式不正确`;
    default:
      return `${label}不正确`;
  }
}

/**
 * A zod error as one ApiError: every issue in `issues`, each message in Chinese and without the field's key
 * (the form shows it next to the field; the label is in the sentence).
 */
export function apiErrorFromZod(error: z.ZodError): ApiError {
  const problems: FieldProblem[] = [];
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const at = field ? `${field}.${key}` : key;
        problems.push({ field: at, message: `不支持的字段：${key.slice(0, 60)}` });
      }
      continue;
    }
    if (problems.some((p) => p.field === field)) continue; // one problem per field is enough
    problems.push({ field, message: chineseIssue(issue, field) });
  }
  if (problems.length === 0) return new ApiError('invalid_request', '请求无效');
  return ApiError.invalid(problems);
}
