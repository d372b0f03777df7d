import { apiErrorFromZod } from '../../../shared/api-error';
import { EventCreateInput, parseYuan, formatFen, type StudioEvent } from '../../../shared/domain/event';
import { businessDay } from '../../../shared/domain/business-time';
import { problemOf } from '../../components/use-api-call';
import { t } from '../../i18n';

// The 采集活动 form: its text fields, the same checks as the server (the contract's schema) run before the call,
// so every problem shows at once next to its field.

export interface EventForm {
  schoolName: string;
  schoolCode: string;
  featureCode: string;
  date: string;
  fee: string;
  shippingRegion: string;
  shippingAddress: string;
  stationName: string;
}

export const emptyEventForm = (): EventForm => ({
  schoolName: '',
  schoolCode: '',
  featureCode: '',
  date: businessDay(new Date().toISOString()),
  fee: '15.00',
  shippingRegion: '',
  shippingAddress: '',
  stationName: '',
});

export function formOfEvent(e: StudioEvent): EventForm {
  return {
    schoolName: e.schoolName,
    schoolCode: e.schoolCode,
    featureCode: e.featureCode,
    date: e.date,
    fee: formatFen(e.feeFen),
    shippingRegion: e.shippingRegion,
    shippingAddress: e.shippingAddress,
    stationName: e.stationName,
  };
}

/** The form's inputs in screen order, by the field key a problem is reported on (for the cursor after a submit). */
export const EVENT_FORM_INPUTS: readonly [field: string, input: string][] = [
  ['schoolName', 'schoolName'],
  ['schoolCode', 'schoolCode'],
  ['date', 'date'],
  ['featureCode', 'featureCode'],
  ['feeFen', 'fee'],
  ['shippingRegion', 'shippingRegion'],
  ['shippingAddress', 'shippingAddress'],
  ['stationName', 'stationName'],
];

/** The input the cursor goes to after a failed submit: the first one on screen with a problem. */
export function firstProblemInput(fields: Record<string, string>): string | null {
  return EVENT_FORM_INPUTS.find(([f]) => fields[f])?.[1] ?? null;
}

export type EventFormResult =
  | { ok: true; input: Omit<EventCreateInput, 'mode'> & { feeFen: number } }
  | { ok: false; fields: Record<string, string> };

/** Field key → Chinese message for every problem of the form (fee is checked as yuan, reported on feeFen). */
export function checkEventForm(form: EventForm): EventFormResult {
  const feeFen = parseYuan(form.fee);
  const input = {
    schoolName: form.schoolName,
    schoolCode: form.schoolCode,
    featureCode: form.featureCode,
    date: form.date,
    feeFen: feeFen ?? 0,
    shippingRegion: form.shippingRegion,
    shippingAddress: form.shippingAddress,
    stationName: form.stationName,
  };
  const parsed = EventCreateInput.safeParse(input);
  const fields: Record<string, string> = parsed.success ? {} : problemOf(apiErrorFromZod(parsed.error)).fields;
  if (feeFen === null) fields.feeFen = t.events.feeInvalid;
  // the box is a date picker in the operator's own format (an unfinished or impossible date reads ''): the
  // schema's 'YYYY-MM-DD' is not what they see
  if (fields.date) fields.date = t.events.datePick;
  return Object.keys(fields).length > 0 ? { ok: false, fields } : { ok: true, input: { ...input, feeFen: feeFen! } };
}
