import { useEffect, useRef, type FormEvent } from 'react';
import {
  collectionCodeRequired,
  FORM_LIMITS,
  type CheckinFormValues,
  type StudentField,
} from '../../shared/domain/checkin-rules';
import { EDUCATION_LEVELS } from '../../shared/domain/student';
import { Banner } from '../components/banner';
import { Field } from '../components/field';
import { t } from '../i18n/zh-CN/index';
import {
  askedFields,
  contactOptionalBecause,
  contactPolicy,
  dispatchCheckin,
  movesOnAfterFill,
  nextFocus,
  pathOf,
  type CheckinState,
} from './checkin-state';

/** Order of the inputs on screen (for focus: the first one with a problem or still empty). */
export const FIELD_ORDER = [
  'name',
  'studentNo',
  'gender',
  'idNumber',
  'collectionCode',
  'major',
  'educationLevel',
  'educationType',
  'campusType',
  'featureCode',
  'idLast4',
  'email',
  'phone',
] as const;

const CAMPUS_TYPES = ['本部', '成人', '分校'];
const EDUCATION_TYPES = ['普通高等教育', '成人教育', '网络教育', '自学考试'];

/** The check-in form: the student fields this path still needs, then 特征码, last 4 and contact details. */
export function CheckinForm(props: {
  state: CheckinState;
  /** 设置 › 联系方式: false = e-mail and phone may stay empty at the station. */
  contactRequired: boolean;
  onSubmit: () => void;
  onClear: () => void;
}) {
  const { state } = props;
  const asked = askedFields(state.subject);
  const manual = state.subject.kind === 'manual';
  const formRef = useRef<HTMLFormElement>(null);
  const problems = state.problem?.fields ?? {};
  const f = t.checkin.fields;
  const contact = contactPolicy(state.subject, props.contactRequired);
  const optionalHint = (k: 'email' | 'phone') =>
    contactOptionalBecause(state.subject, k) === 'roster' ? f.contactInRoster : f.contactLater;

  // Focus follows the work: the first field with a problem, else the first one still empty.
  const subjectKey = state.subject.kind === 'qr' ? state.subject.payload : state.subject.kind;
  const problemKey = state.problem ? Object.keys(state.problem.fields).join(',') : '';
  // which fields hold something: the station fills some by itself, and not always before the form is shown (the
  // event's 特征码 arrives with the 签到 page's event list, which a fast 采集码 can beat)
  const filledKey = FIELD_ORDER.filter((k) => state.form[k].trim()).join(',');
  const seen = useRef({ subjectKey: '', problemKey: '', filledKey: '' });
  /** The field this form last put the cursor on, and the fields the operator has typed in for this student. */
  const placed = useRef<string | null>(null);
  const typed = useRef(new Set<string>());
  useEffect(() => {
    const before = seen.current;
    seen.current = { subjectKey, problemKey, filledKey };
    if (before.subjectKey !== subjectKey) typed.current = new Set();
    // a message dropped while its field is being fixed (here or in the station bar) must not move the cursor
    // away from where the operator is typing: refocus only for a new student or a new submit's problems, or
    // when the field the cursor was put on has been filled by the station (not by the operator) meanwhile
    const shrunk =
      before.subjectKey === subjectKey &&
      problemKey.split(',').every((k) => !k || before.problemKey.split(',').includes(k));
    if (before.subjectKey && shrunk) {
      const active = document.activeElement;
      const cursorAt = active && formRef.current?.contains(active) ? active.getAttribute('name') : null;
      if (before.filledKey === filledKey || !movesOnAfterFill(cursorAt, placed.current, state.form, typed.current)) {
        return;
      }
    }
    const visible = FIELD_ORDER.filter((k) => formRef.current?.elements.namedItem(k));
    // a problem only outside the form (the station bar's 操作员/当前活动): the page has put the cursor there
    const problemFields = Object.keys(state.problem?.fields ?? {});
    if (problemFields.length > 0 && !problemFields.some((k) => (visible as string[]).includes(k))) {
      placed.current = null;
      return;
    }
    const optionalName = !manual ? visible.filter((k) => k !== 'name') : visible;
    const target = nextFocus(state, optionalName);
    const el = target ? (formRef.current?.elements.namedItem(target) as HTMLElement | null) : null;
    placed.current = el ? target : null;
    (el ?? formRef.current?.querySelector<HTMLElement>('button[type=submit]'))?.focus();
  }, [subjectKey, problemKey, filledKey]);

  const bind = (k: keyof CheckinFormValues) => ({
    name: k,
    value: state.form[k],
    className: problems[k] ? 'invalid' : undefined,
    'aria-invalid': problems[k] ? true : undefined,
    onChange: (e: { target: { value: string } }) => {
      typed.current.add(k);
      dispatchCheckin({ type: 'edit', field: k, value: e.target.value });
    },
  });
  const limit = (k: keyof typeof FORM_LIMITS) => ({ maxLength: FORM_LIMITS[k] });
  const has = (k: StudentField) => asked.includes(k);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit();
  };
  const fieldProblems = Object.keys(problems).length;

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={t.checkin.formTitle}>
      {manual && <p className="muted small">{t.checkin.manualHint}</p>}
      {!manual && asked.length > 0 && (
        <Banner tone="info" testId="asked-fields">
          {t.checkin.missingFromSource(asked.map((k) => f[k]).join('、'))}
        </Banner>
      )}
      <div className="row">
        <Field
          label={manual ? f.name : f.fullName}
          hint={
            state.form.name.length >= FORM_LIMITS.name
              ? f.atLimit(FORM_LIMITS.name)
              : manual
                ? undefined
                : f.fullNameHint
          }
          required={manual}
          error={problems.name}
        >
          <input {...bind('name')} {...limit('name')} autoComplete="off" />
        </Field>
        {has('studentNo') && (
          <Field label={f.studentNo} required error={problems.studentNo}>
            <input {...bind('studentNo')} {...limit('studentNo')} autoComplete="off" spellCheck={false} />
          </Field>
        )}
        {has('gender') && (
          <Field label={f.gender} required error={problems.gender}>
            <select {...bind('gender')}>
              <option value="">—</option>
              <option value="男">男</option>
              <option value="女">女</option>
            </select>
          </Field>
        )}
      </div>
      {(has('idNumber') || has('collectionCode')) && (
        <div className="row">
          {has('idNumber') && (
            <Field label={f.idNumber} hint={f.idNumberHint} required error={problems.idNumber}>
              <input {...bind('idNumber')} {...limit('idNumber')} autoComplete="off" spellCheck={false} />
            </Field>
          )}
          {has('collectionCode') && (
            <Field
              label={f.collectionCode}
              hint={f.collectionCodeHint}
              required={collectionCodeRequired(pathOf(state.subject) ?? 'manual')}
              error={problems.collectionCode}
            >
              <input {...bind('collectionCode')} {...limit('collectionCode')} spellCheck={false} />
            </Field>
          )}
        </div>
      )}
      {(has('educationLevel') || has('campusType') || has('educationType')) && (
        <div className="row">
          {has('educationLevel') && (
            <Field label={f.educationLevel} required error={problems.educationLevel}>
              <select {...bind('educationLevel')}>
                <option value="">—</option>
                {EDUCATION_LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {has('educationType') && (
            <Field label={f.educationType} error={problems.educationType}>
              <input {...bind('educationType')} {...limit('educationType')} list="education-types" />
            </Field>
          )}
          {has('campusType') && (
            <Field label={f.campusType} hint={f.campusTypeHint} required error={problems.campusType}>
              <input {...bind('campusType')} {...limit('campusType')} list="campus-types" />
            </Field>
          )}
        </div>
      )}
      {has('major') && (
        <Field label={f.major} error={problems.major}>
          <input {...bind('major')} {...limit('major')} />
        </Field>
      )}
      <datalist id="campus-types">
        {CAMPUS_TYPES.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <datalist id="education-types">
        {EDUCATION_TYPES.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <div className="row">
        <Field label={f.featureCode} hint={f.featureCodeHint} required error={problems.featureCode}>
          <input {...bind('featureCode')} {...limit('featureCode')} spellCheck={false} />
        </Field>
        <Field label={f.idLast4} hint={f.idLast4Hint} required error={problems.idLast4}>
          <input {...bind('idLast4')} {...limit('idLast4')} autoComplete="off" inputMode="text" />
        </Field>
      </div>
      <div className="row">
        <Field
          label={f.email}
          hint={contact.email ? f.emailHint : optionalHint('email')}
          required={contact.email}
          error={problems.email}
        >
          <input {...bind('email')} {...limit('email')} type="email" autoComplete="off" />
        </Field>
        <Field
          label={f.phone}
          hint={contact.phone ? undefined : optionalHint('phone')}
          required={contact.phone}
          error={problems.phone}
        >
          <input {...bind('phone')} {...limit('phone')} inputMode="tel" autoComplete="off" />
        </Field>
      </div>
      {state.problem && (
        <Banner tone="error" testId="checkin-error">
          {fieldProblems > 1 ? t.checkin.problems(fieldProblems) : state.problem.message}
        </Banner>
      )}
      <div className="actions">
        <button type="button" onClick={props.onClear}>
          {t.checkin.clear}
        </button>
        <button type="submit" className="primary" disabled={state.busy}>
          {state.busy ? t.checkin.submitting : t.checkin.submit} <span className="kbd">Enter</span>
        </button>
      </div>
    </form>
  );
}
