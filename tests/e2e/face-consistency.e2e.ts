import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './camera-fixtures';
import { saveScreenshot } from './fixtures';

// Face consistency through the real UI (issue 13, "person B bound to A's order"): one student checked in, the
// station's replay camera shows person A (portrait-01) → shot, no warning; retake with person B (portrait-04) in
// front of the lens → the capture result says 请核对学生身份 (not the same person as this order's earlier photo).
// The portraits are copied at run time into a temp replay folder (never into the repo).

const student = { name: '黄志正', no: '852021103100', code: 'c8bade99b9b2ed77', id: '110105199901011001' };
// the last digit is the ISO 7064 check digit of the first 17
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const first17 = student.id.slice(0, 17);
student.id = first17 + '10X98765432'[[...first17].reduce((s, d, k) => s + Number(d) * W[k]!, 0) % 11]!;

let replayDir = '';
const saved = process.env.STUDIO_REPLAY_DIR;
test.beforeAll(() => {
  replayDir = mkdtempSync(path.join(os.tmpdir(), 'studio-replay-'));
  for (const f of ['portrait-01.jpg', 'portrait-04.jpg'])
    copyFileSync(path.resolve('../shared/portraits', f), path.join(replayDir, f));
  process.env.STUDIO_REPLAY_DIR = replayDir;
});
test.afterAll(() => {
  if (saved === undefined) delete process.env.STUDIO_REPLAY_DIR;
  else process.env.STUDIO_REPLAY_DIR = saved;
  rmSync(replayDir, { recursive: true, force: true });
});
test.use({ viewport: { width: 1366, height: 768 } });

test('a retake of another person on the same order shows the face warning', async ({ page, freshHost }) => {
  test.setTimeout(300_000);
  const api = async <T = Record<string, unknown>>(method: string, body: unknown): Promise<T> => {
    const res = await page.request.post(`${freshHost.url}/api/${method}`, { data: body });
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()) as T;
  };
  const event = await api<{ id: string }>('events.create', {
    schoolName: '山东师范大学',
    schoolCode: '10403',
    featureCode: 'SDNU2026',
    date: '2026-06-01',
  });
  const csv = [
    '姓名,学号,证件号,采集码,性别,学历,所在校别,专业/院系,电子邮箱,联系电话',
    [
      student.name,
      student.no,
      student.id,
      student.code,
      '男',
      '本科',
      '本部',
      '教育传媒',
      's@example.com',
      '13812345670',
    ].join(','),
  ].join('\r\n');
  await api('roster.import', {
    eventId: event.id,
    fileName: '名单.csv',
    contentBase64: Buffer.from(csv).toString('base64'),
  });

  await page.goto(`${freshHost.url}/#/capture`);
  await page.getByLabel('当前活动').selectOption(event.id);
  await page.getByLabel('操作员').fill('王老师');
  await page.getByLabel('画面来源').selectOption('station');
  await page.getByLabel('相机').selectOption('replay:samples');
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
