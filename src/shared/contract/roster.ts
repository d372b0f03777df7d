import { z } from 'zod';
import { Id } from './fields';
import { RosterEntryView, RosterImportResult } from './views';

// Roster (名单) import for offline lookup by 采集码 / 学号.

export const MAX_ROSTER_BASE64 = 40 * 1024 * 1024;

export const rosterContract = {
  'roster.import': {
    request: z.strictObject({
      eventId: Id,
      fileName: z.string({ error: '请提供文件名' }).trim().min(1, { error: '请提供文件名' }).max(255),
      contentBase64: z
        .string({ error: '请提供文件内容' })
        .min(1, { error: '文件为空' })
        .max(MAX_ROSTER_BASE64, { error: '文件过大（上限 30 MB）' }),
    }),
    response: RosterImportResult,
  },
  'roster.list': {
    request: z.strictObject({
      eventId: Id,
      query: z.string().trim().max(64, { error: '搜索内容过长' }).default(''),
      limit: z.number().int().min(1).max(500).default(50),
      offset: z.number().int().min(0).default(0),
    }),
    response: z.object({ entries: z.array(RosterEntryView), total: z.number().int() }),
  },
} as const;

export const rosterPush = {
  'roster.imported': z.object({ eventId: z.string(), imported: z.number().int() }),
} as const;
