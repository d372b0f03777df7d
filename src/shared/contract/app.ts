import { z } from 'zod';

export const Empty = z.strictObject({});

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  dataDir: z.string(),
  schemaVersion: z.number().int(),
  transport: z.enum(['ipc', 'http']).optional(),
  startedAt: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appContract = {
  'app.info': { request: Empty, response: AppInfo },
} as const;
