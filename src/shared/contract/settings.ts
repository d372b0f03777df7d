import { z } from 'zod';
import { STATION_CODE_PATTERN } from '../domain/order-number';
import { Operator } from './fields';
import { Empty } from './app';

// Station set-up (设置) that is not owned by another module: station code (order-number prefix), the operator
// list, whether 电子邮箱/联系电话 are required at check-in, the default camera. Receipt printer/paper stay in
// receipts.settings/configure and the backdrop in vision.settings/setBackdrop (one definition each).
//
// contactFieldsRequired — the ONE setting the check-in page and checkin.submit read (UI-A, issue 9):
//   true (default, as before): the student gives e-mail and phone at the station;
//   false: both are optional at the station (the student completes them on the student page later).
// Stored in station_settings under STATION_SETTING_KEYS.contactFieldsRequired ('1' / '0').

export const STATION_SETTING_KEYS = {
  stationCode: 'station_code',
  operators: 'operators',
  contactFieldsRequired: 'contact_fields_required',
  defaultCamera: 'default_camera',
} as const;

export const DEFAULT_CONTACT_FIELDS_REQUIRED = true;

/** The stored text of contact_fields_required → the setting (absent or unreadable: the default). */
export function parseContactFieldsRequired(stored: string | null): boolean {
  if (stored === '0') return false;
  if (stored === '1') return true;
  return DEFAULT_CONTACT_FIELDS_REQUIRED;
}

export const MAX_OPERATORS = 50;

export const StationCode = z
  .string({ error: '请填写工作站编号' })
  .trim()
  .toUpperCase()
  .regex(STATION_CODE_PATTERN, { error: '工作站编号应为字母开头的 1–8 位字母或数字，如 S1' });

export const OperatorList = z
  .array(Operator, { error: '操作员名单格式不正确' })
  .max(MAX_OPERATORS, { error: `操作员最多 ${MAX_OPERATORS} 位` })
  .superRefine((names, ctx) => {
    const seen = new Set<string>();
    names.forEach((n, i) => {
      if (seen.has(n)) ctx.addIssue({ code: 'custom', message: `操作员“${n}”重复`, path: [i] });
      seen.add(n);
    });
  });

export const StationSettingsView = z.object({
  stationCode: z.string(),
  operators: z.array(z.string()),
  contactFieldsRequired: z.boolean(),
  /** Camera device id (`<kind>:<port>`) picked first when present; null = the selection rule (DSLR, webcam, replay). */
  defaultCameraId: z.string().nullable(),
  /** Where the database and photos live (read-only here: --data / STUDIO_DATA_DIR / the OS app-data folder). */
  dataDir: z.string(),
});
export type StationSettingsView = z.infer<typeof StationSettingsView>;

export const SettingsUpdateInput = z.strictObject({
  stationCode: StationCode.optional(),
  operators: OperatorList.optional(),
  contactFieldsRequired: z.boolean({ error: '请选择联系方式是否必填' }).optional(),
  defaultCameraId: z.string().trim().max(300, { error: '相机标识过长' }).nullable().optional(),
});
export type SettingsUpdateInput = z.input<typeof SettingsUpdateInput>;

export const settingsContract = {
  'settings.get': { request: Empty, response: StationSettingsView },
  'settings.update': { request: SettingsUpdateInput, response: StationSettingsView },
} as const;

export const settingsPush = {
  'settings.updated': StationSettingsView,
} as const;
