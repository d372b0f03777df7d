import { test, expect } from './camera-fixtures';
import { withCheckDigit, type RosterStudent } from './fixtures';

// The 签到 cursor after a bare 采集码 (the flake of face-consistency.e2e.ts:30 on a loaded CI machine): the 签到
// page loads its own event list when it opens, and the 采集码 may be decoded before that list arrives — then the
// event's 特征码 is filled into the form after the form has put the cursor on the (then empty) 特征码 field. The
// cursor must still end on 证件号后 4 位, the next field the operator has to fill, whichever arrives first. The
// late list is made deterministic here: events.list answers are held back while the 采集码 is decoded.

const student: RosterStudent = {
  name: '黄志正',
  no: '852021103100',
  code: 'c8bade99b9b2ed77',
  id: withCheckDigit('11010519990101100'),
  gender: '男',
};

test.use({ viewport: { width: 1366, height: 768 }, sitters: ['portraits/portrait-01.jpg'] });

for (const late of ['events.list', 'checkin.decode'] as const) {
  test(`a bare 采集码 on 签到 puts the cursor on 后 4 位 when ${late} answers last`, async ({ page, station }) => {
    test.setTimeout(120_000);
    await station({ roster: [student] });
    await page.locator('body').click();
    // from here on, hold back every answer of `late` until the other one has been answered
    let release: () => void = () => {};
    const released = new Promise<void>((r) => (release = r));
    let other = false;
    await page.route(`**/api/${late}`, async (route) => {
      await released;
      await route.continue();
    });
    const otherName = late === 'events.list' ? 'checkin.decode' : 'events.list';
    page.on('requestfinished', (req) => {
      if (!other && req.url().endsWith(`/api/${otherName}`)) {
        other = true;
        setTimeout(release, 300); // the other answer rendered first
      }
    });
    await page.keyboard.press('F2');
    await expect(page.getByLabel('扫码枪 / 手动粘贴采集码内容')).toBeFocused();
    await page.keyboard.insertText(student.code);
    await page.keyboard.press('Enter');
    await expect(page.locator('input[name=featureCode]')).toHaveValue('SDNU2026');
    await expect(page.locator('input[name=idLast4]')).toBeFocused();
    expect(other).toBe(true);
    await page.keyboard.insertText(student.id.slice(-4));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('current-student')).toContainText(student.no, { timeout: 30_000 });
  });
}
