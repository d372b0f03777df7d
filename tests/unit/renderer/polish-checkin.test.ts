import { describe, expect, it } from 'vitest';
import {
  checkinReducer,
  formProblems,
  initialCheckin,
  type CheckinState,
} from '../../../src/renderer/station/checkin-state';
import { LAST4_MISMATCH, type CheckinFormValues } from '../../../src/shared/domain/checkin-rules';
import { screenName } from '../../../src/shared/domain/masking';

// New-user trial (issue 9) on 手动登记: every problem of the form at once; a long name does not break layouts.

const FC = '1a2d9fb8a5f1c2ba03ae58a7';
const manual = (values: Partial<CheckinFormValues>): CheckinState =>
  Object.entries(values).reduce<CheckinState>(
    (acc, [field, value]) =>
      checkinReducer(acc, { type: 'edit', field: field as keyof CheckinFormValues, value: value ?? '' }),
    checkinReducer(initialCheckin, { type: 'manual', featureCode: FC }),
  );
const filled: Partial<CheckinFormValues> = {
  name: '张晓燕',
  studentNo: '852021102099',
  gender: '女',
  idNumber: '11010519491231002X',
  educationLevel: '本科',
  campusType: '本部',
  idLast4: '002X',
  email: 'zhang@example.com',
  phone: '13700137000',
};

describe('手动登记: all problems at once', () => {
  it('an empty 采集码 and a 后 4 位 that does not fit the typed 证件号 are both reported by the first submit', () => {
    expect(formProblems(manual({ ...filled, idLast4: '1005' }))).toEqual({
      collectionCode: '请填写采集码（学生可在学信网“学信档案”中查看，16 位）',
      idLast4: LAST4_MISMATCH,
    });
  });
  it('a fitting 后 4 位 (x in lower case too) is no problem; a wrong 证件号 is reported at the 证件号 only', () => {
    expect(formProblems(manual({ ...filled, idLast4: '002x' }))).not.toHaveProperty('idLast4');
    const bad = formProblems(manual({ ...filled, idNumber: '110105194912310021', idLast4: '1005' }));
    expect(bad.idNumber).toBeTruthy();
    expect(bad).not.toHaveProperty('idLast4');
  });
});

describe('a long masked name on screen', () => {
  it('shows at most 6 stars in a row, short names unchanged', () => {
    const long = '欧' + '阳'.repeat(48) + '测';
    expect(screenName({ name: long })).toBe('欧******测');
    expect(screenName({ nameMasked: '欧' + '*'.repeat(48) + '测' })).toBe('欧******测');
    expect(screenName({ name: '欧阳娜娜' })).toBe('欧**娜');
    expect(screenName({ name: '阿卜杜热合曼' })).toBe('阿****曼');
  });
});
