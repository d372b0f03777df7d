import { test, expect } from './camera-fixtures';
import { saveScreenshot, withCheckDigit, type RosterStudent } from './fixtures';

// Face consistency through the real UI (issue 13, "person B bound to A's order"): one student checked in, the
// station's replay camera shows person A (portrait-01) → shot, no warning; retake with person B (portrait-04) in
// front of the lens → the capture result says 请核对学生身份 (not the same person as this order's earlier photo).
// The portraits are read at run time from ../shared (never copied into the repo).

const student: RosterStudent = {
  name: '黄志正',
  no: '852021103100',
  code: 'c8bade99b9b2ed77',
  id: withCheckDigit('11010519990101100'),
  gender: '男',
};

test.use({
  viewport: { width: 1366, height: 768 },
  sitters: ['portraits/portrait-01.jpg', 'portraits/portrait-04.jpg'],
});

test('a retake of another person on the same order shows the face warning', async ({ page, station }) => {
  test.setTimeout(300_000);
  await station({ roster: [student] });
  await page.locator('body').click();
  await page.keyboard.press('F2');
  await expect(page.getByLabel('扫码枪 / 手动粘贴采集码内容')).toBeFocused();
  await page.keyboard.insertText(student.code);
  await page.keyboard.press('Enter');
  await expect(page.locator('input[name=idLast4]')).toBeFocused({ timeout: 30_000 });
  await page.keyboard.insertText(student.id.slice(-4));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-student')).toContainText(student.no, { timeout: 30_000 });

  // person A (the replay camera's first sample)
  const result = page.getByTestId('capture-result');
  const verdict = result.getByText(/初审合格|初审未通过|已保存原片/).first();
  await page.keyboard.press('Space');
  await expect(verdict).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('face-warning')).toHaveCount(0);

  // retake: person B in front of the lens
  await page.keyboard.press('r');
  await page.getByRole('button', { name: /下一位（演示）/ }).click();
  await expect(page.getByRole('button', { name: '下一位（演示）（2/2）' })).toBeVisible();
  await page.keyboard.press('Space');
  const warning = page.getByTestId('face-warning');
  await expect(warning).toBeVisible({ timeout: 120_000 });
  await expect(warning).toContainText('请核对学生身份');
  await expect(warning.locator('[data-kind="different_person"]')).toHaveCount(1);
  await saveScreenshot(page, 'capture-face-warning');
  await page.screenshot({ path: test.info().outputPath('face-warning.png') });

  // nothing leads on while the warning is unconfirmed: 重新拍摄 has the focus, 去收费 is not offered
  await expect(result.getByRole('button', { name: /重新拍摄/ })).toBeFocused();
  await expect(result.getByRole('button', { name: /去收费|下一位/ })).toHaveCount(0);
  await page.getByTestId('face-confirm').click();
  await expect(page.getByTestId('face-confirm')).toHaveCount(0);
  if (await result.getByText('初审合格').isVisible()) {
    await expect(result.getByRole('button', { name: /去收费/ })).toBeVisible();
  }
});
