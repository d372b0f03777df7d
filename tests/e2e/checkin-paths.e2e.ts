import type { Page } from '@playwright/test';
import { test, expect } from './camera-fixtures';
import { saveScreenshot } from './fixtures';

// Every check-in path to a captured, paid order, on the station's replay camera, with the laptop (browser and
// host) in New York: times on screen are still China time. The school's roster has no 所在校别 and no 学历.

const FEATURE_CODE = 'QDCJ2026';
const SHANGHAI = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const chinaTime = (iso: string) => {
  const p = Object.fromEntries(SHANGHAI.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
};

test.use({ timezoneId: 'America/New_York', viewport: { width: 1366, height: 768 } });

// each student is another person (the same face on two students' orders is the 人脸一致性 swap warning); each
// student first moves the replay camera on (camera.next), so the first student sits in front of the second file
test.use({
  sitters: [
    'portraits/portrait-01.jpg',
    'portraits/portrait-03.png',
    'portraits/portrait-04.jpg',
    'portraits/portrait-05.jpg',
  ],
});

const savedTz = process.env.TZ;
test.beforeAll(() => {
  // the host (spawned for the test, after this) runs in New York too
  process.env.TZ = 'America/New_York';
});
test.afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

const ROSTER = [
  '姓名,学号,证件号,采集码,性别,专业/院系',
  '黄志正,852021102012,11010519491231002X,c8bade99b9b2edca,女,教育传媒',
  '李𠮷,2021000101,110105194912310046,,男,会计学',
].join('\r\n');

/** 拍摄 on the replay camera → 初审 → Enter → 收费 (cash, with the override only if 初审 failed) → paid. */
async function shootAndPay(page: Page, studentNo: string) {
  await expect(page.getByRole('heading', { name: '拍摄', level: 1 })).toBeVisible();
  await expect(page.getByTestId('current-student')).toContainText(studentNo);
  // the next person sits down in front of the replay camera (its next sample portrait)
  const next = await page.request.post(new URL('/api/camera.next', page.url()).href, { data: {} });
  expect(next.status()).toBe(200);
  const checks = page.getByTestId('live-checks');
  await expect(checks.locator('[data-check="face.count"]')).toHaveCount(1, { timeout: 60_000 });
  await page.locator('body').press('Space');
  const result = page.getByTestId('capture-result');
  await expect(result.getByText(/初审合格|初审未通过|未生成成片|已保存原片/).first()).toBeVisible({ timeout: 90_000 });
  const passed = await result.getByText('初审合格').isVisible();
  if (passed) await page.keyboard.press('Enter');
  else await page.getByRole('button', { name: '收费', exact: true }).click();
  await expect(page.getByTestId('payment-student')).toContainText(studentNo);
  await expect(page.getByTestId('amount')).toContainText('¥15.00');
  await page.keyboard.press('F4');
  if (!passed) {
    const dialog = page.getByTestId('reason-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('先收费的原因').fill('学生赶时间，稍后补拍');
    await dialog.getByRole('button', { name: '确认收费' }).click();
  }
  await expect(page.getByText('已收款 ¥15.00（1 人）')).toBeVisible();
  return passed;
}

test('each check-in path reaches a captured, paid order; times are China time with the laptop in New York', async ({
  page,
  api,
  station,
}) => {
  test.setTimeout(420_000);
  const { event, imported } = await station({ roster: ROSTER, at: 'checkin', featureCode: FEATURE_CODE });
  expect(imported).toBe(2);
  const scanner = page.getByLabel('扫码枪 / 手动粘贴采集码内容');

  // 1. unknown bare code: refused, no form left from anyone
  await scanner.fill('ffffffffffffffff');
  await scanner.press('Enter');
  await expect(page.getByTestId('checkin-error')).toContainText('名单中没有此采集码');
  await expect(page.getByRole('form', { name: '学生个人信息' })).toHaveCount(0);

  // 2. bare 16-hex 采集码 of a roster student: who it is is shown first, the missing 学历/所在校别 are asked
  await scanner.fill('c8bade99b9b2edca');
  await scanner.press('Enter');
  const card = page.getByTestId('decoded');
  await expect(card).toContainText('黄*正');
  await expect(card).toContainText('852021102012');
  await expect(page.getByTestId('asked-fields')).toContainText('学历');
  await expect(page.getByTestId('asked-fields')).toContainText('所在校别');
  // submit empty: every problem at once, next to its field, in Chinese without field keys
  await page.getByRole('button', { name: /确认信息并去拍摄/ }).click();
  const form = page.getByRole('form', { name: '学生个人信息' });
  await expect(page.getByTestId('checkin-error')).toContainText(/有 \d+ 处需要修改/);
  for (const text of ['请填写学历', '请填写所在校别', '请输入证件号后 4 位', '请填写电子邮箱', '请填写联系电话'])
    await expect(form.getByText(text)).toBeVisible();
  await expect(form).not.toContainText('educationLevel');
  // a half-filled check-in survives a page switch
  await page.locator('select[name=educationLevel]').selectOption('本科');
  await page.getByRole('button', { name: '订单', exact: true }).click();
  await page.getByRole('button', { name: '签到', exact: true }).click();
  await expect(page.locator('select[name=educationLevel]')).toHaveValue('本科');
  await expect(page.getByTestId('decoded')).toContainText('黄*正');
  await saveScreenshot(page, '03-checkin-asked-fields');
  await page.locator('input[name=campusType]').fill('成人');
  await page.locator('input[name=idLast4]').fill('002X');
  await page.locator('input[name=email]').fill('huang@example.com');
  await page.locator('input[name=phone]').fill('13800138000');
  await page.locator('input[name=phone]').press('Enter');
  await shootAndPay(page, '852021102012');

  // 3. roster lookup (no 采集码 in the roster row): 学历 and 所在校别 asked again
  await page.keyboard.press('F2');
  await expect(page.getByRole('heading', { name: '签到', level: 1 })).toBeVisible();
  await page.getByLabel('花名册查找').fill('2021000101');
  await page.getByRole('button', { name: '查找' }).click();
  await page.getByRole('button', { name: /2021000101/ }).click();
  await expect(page.getByTestId('roster-entry')).toContainText('李*');
  await page.locator('select[name=educationLevel]').selectOption('本科');
  await page.locator('input[name=campusType]').fill('本部');
  await page.locator('input[name=idLast4]').fill('0046');
  await page.locator('input[name=email]').fill('li@example.com');
  await page.locator('input[name=phone]').fill('13912345678');
  await page.getByRole('button', { name: /确认信息并去拍摄/ }).click();
  await shootAndPay(page, '2021000101');

  // 4. 手动登记: every field the order needs, including 学历 and 所在校别
  await page.keyboard.press('F2');
  await page.getByRole('button', { name: '手动登记' }).click();
  // the form holds the limit (50): a 10,000-character paste is cut, never sent (the server refuses it too)
  await page.locator('input[name=name]').fill('王'.repeat(10_000));
  await expect(page.locator('input[name=name]')).toHaveValue('王'.repeat(50));
  await page.locator('input[name=name]').fill('张晓燕');
  await page.locator('input[name=studentNo]').fill('852021102099');
  await page.locator('input[name=collectionCode]').fill('a1b2c3d4e5f60718');
  await page.locator('select[name=gender]').selectOption('女');
  await page.locator('input[name=idNumber]').fill('11010519491231002X');
  await page.locator('select[name=educationLevel]').selectOption('硕士研究生');
  await page.locator('input[name=campusType]').fill('本部');
  await page.locator('input[name=idLast4]').fill('002X');
  await page.locator('input[name=email]').fill('zhang@example.com');
  await page.locator('input[name=phone]').fill('13700137000');
  await page.getByRole('button', { name: /确认信息并去拍摄/ }).click();
  await shootAndPay(page, '852021102099');

  // 5. a full 采集码 QR typed by a USB scanner
  const payload =
    'CSQR1:' +
    JSON.stringify({
      code: '0123456789abcdef',
      name: '陈*远',
      id: '4430**********123X',
      no: '852021102017',
      gender: '男',
      school: '10403',
      level: '本科',
      type: '普通高等教育',
      campus: '本部',
      major: '汉语言文学',
    });
  await page.keyboard.press('F2');
  await scanner.fill(payload);
  await scanner.press('Enter');
  await expect(page.getByTestId('decoded')).toContainText('陈*远');
  await expect(page.getByTestId('asked-fields')).toHaveCount(0);
  await page.locator('input[name=idLast4]').fill('123X');
  await page.locator('input[name=email]').fill('chen@example.com');
  await page.locator('input[name=phone]').fill('13600136000');
  await page.getByRole('button', { name: /确认信息并去拍摄/ }).click();
  await shootAndPay(page, '852021102017');

  // every order is paid and has an original photo; the badge and the state agree
  const { orders } = await api<{
    orders: { id: string; paid: boolean; state: string; stateLabel: string; createdAt: string }[];
  }>('orders.list', { eventId: event.id });
  expect(orders).toHaveLength(4);
  for (const o of orders) {
    expect(o.paid).toBe(true);
    expect(['pending_review', 'pending_payment']).toContain(o.state);
    expect(o.stateLabel).toBe(o.state === 'pending_review' ? '待审核' : '已付款，待合格照片');
  }

  // one clock: the 对账 list shows each payment's time in China time, though browser and host are in New York
  const { payments } = await api<{ payments: { createdAt: string }[] }>('payments.list', { eventId: event.id });
  await page.getByRole('button', { name: '对账', exact: true }).click();
  await page.getByRole('button', { name: '全部日期' }).click();
  for (const p of payments) await expect(page.getByText(chinaTime(p.createdAt)).first()).toBeVisible();

  // 6. contact details optional at the station (设置): 手动登记 without e-mail and phone opens the order;
  // 订单 shows them as not given (the student completes them later)
  await api('settings.update', { contactFieldsRequired: false });
  await page.keyboard.press('F2');
  await page.getByRole('button', { name: '手动登记' }).click();
  await page.locator('input[name=name]').fill('赵一');
  await page.locator('input[name=studentNo]').fill('852021102088');
  await page.locator('input[name=collectionCode]').fill('a1b2c3d4e5f60719');
  await page.locator('select[name=gender]').selectOption('男');
  await page.locator('input[name=idNumber]').fill('11010519491231002X');
  await page.locator('select[name=educationLevel]').selectOption('本科');
  await page.locator('input[name=campusType]').fill('本部');
  await page.locator('input[name=idLast4]').fill('002X');
  await expect(page.getByRole('form', { name: '学生个人信息' })).toContainText('可留空，学生稍后在学生页面补填');
  await page.getByRole('button', { name: /确认信息并去拍摄/ }).click();
  await expect(page.getByTestId('current-student')).toContainText('852021102088');
  await page.getByRole('button', { name: '订单', exact: true }).click();
  await page.getByTestId('orders-table').getByText('852021102088').click();
  await expect(page.getByTestId('order-detail').getByText('未填写（学生稍后补填）')).toHaveCount(2);

  // 7. 按班级: the one order left to charge (no photo yet) is picked from the class list; money follows the photo,
  // so the reason is asked first
  await page.getByRole('button', { name: '收费', exact: true }).click();
  await page.getByRole('tab', { name: '按班级' }).click();
  const classList = page.getByTestId('class-list');
  await expect(classList.getByRole('row')).toHaveCount(2); // header + 赵一
  await expect(classList).toContainText('852021102088');
  await page.getByRole('button', { name: '全选' }).click();
  await expect(page.getByTestId('amount')).toContainText('¥15.00');
  await expect(page.getByTestId('photo-not-passed')).toContainText('1 人');
  await page.getByRole('button', { name: /确认收款/ }).click();
  const dialog = page.getByTestId('reason-dialog');
  await dialog.getByLabel('先收费的原因').fill('班级统一收费，稍后拍摄');
  await dialog.getByRole('button', { name: '确认收费' }).click();
  await expect(page.getByText('已收款 ¥15.00（1 人）')).toBeVisible();
  await expect(page.getByText('没有待支付的订单。')).toBeVisible();
});
