import { z } from 'zod';
import { LIMITS } from '../domain/validators';
import { DEFAULT_PROFILE_ID } from '../spec';

// Request fields every contract file shares, defined once: their limits and Chinese messages are the same
// wherever a method takes them.

/** Upper bound of a base64 image field: ≈ 22 MB of JPEG/PNG/WebP once decoded. */
export const MAX_IMAGE_BASE64 = 30 * 1024 * 1024;

/**
 * A photo or camera frame as base64 (a `data:` prefix and whitespace are tolerated). Its characters are checked
 * where it is decoded (src/main/kernel/request-fields.ts `decodeBase64`), so the message names the field.
 */
export const ImageBase64 = z
  .string({ error: '请提供照片数据（JPEG/PNG，base64）' })
  .min(8, { error: '照片数据为空' })
  .max(MAX_IMAGE_BASE64, { error: '照片过大（上限约 22 MB）' });

/** A photo-spec profile (src/shared/spec); the station's default when left out. */
export const ProfileId = z
  .string({ error: '请选择照片规格' })
  .trim()
  .min(1, { error: '请选择照片规格' })
  .max(40, { error: '照片规格编号过长' })
  .default(DEFAULT_PROFILE_ID);

/** Who did it (the audit trail's actor). */
export const Operator = z
  .string({ error: '请填写操作员' })
  .trim()
  .min(1, { error: '请填写操作员' })
  .max(LIMITS.operator, { error: `操作员名称不能超过 ${LIMITS.operator} 个字符` });

/** A business day (China time) YYYY-MM-DD, e.g. of a reconciliation; absent = every day of the event. */
export const BusinessDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' })
  .optional();

/** An order, photo, payment, roster or event id. */
export const Id = z.string({ error: '缺少编号' }).trim().min(1, { error: '缺少编号' }).max(64, { error: '编号过长' });
