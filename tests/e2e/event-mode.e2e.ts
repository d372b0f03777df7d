import { expect, saveScreenshot, test } from './fixtures';
import { spawnHost, type SpawnedHost } from '../helpers/spawn-host';
import { tempDir } from '../helpers/temp-dir';
import { testJpeg } from '../helpers/records-fixture';
import { demoStudent } from '../../src/main/checkin/demo-students';

test.use({
  viewport: { width: 1366, height: 768 },
  // the capture station's replay camera (second test): person A, then person B in front of the lens
  sitters: ['portraits/portrait-01.jpg', 'portraits/portrait-04.jpg'],
});

const FEATURE = '1a2d9fb8a5f1c2ba03ae58a7';

// Event mode through the real UI, two browser contexts on two studio hosts: the desk (host) opens pairing and issues
// a 拍摄号 from 登记台; the capture station joins with the typed address and the code on 拍摄队列, calls the next
// number, scans the student's ticket QR and binds a photo — which lands on that student's order at the desk.
test('desk issues a 拍摄号, a paired capture station calls, identifies by ticket QR and binds', async ({
  browser,
  studioHost: desk,
}) => {
  test.setTimeout(240_000);
  const tmp = tempDir('studio-e2e-station-');
  let station: SpawnedHost | null = null;
  try {
    station = await spawnHost(tmp.dir);
    const deskCtx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const stationCtx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const deskPage = await deskCtx.newPage();
    const stationPage = await stationCtx.newPage();
    const api = async <T>(url: string, method: string, body: unknown): Promise<T> => {
      const res = await deskPage.request.post(`${url}/api/${method}`, { data: body });
      expect(res.status(), await res.text()).toBe(200);
      return (await res.json()) as T;
    };
    const event = await api<{ id: string }>(desk.url, 'events.create', {
      schoolName: '山东师范大学',
      schoolCode: '10403',
      featureCode: FEATURE,
      date: '2026-06-01',
    });
    for (const i of [0, 1]) {
      const s = demoStudent(i);
      await api(desk.url, 'checkin.submit', {
        eventId: event.id,
        source: 'qr',
        payload: s.payload,
        featureCode: FEATURE,
        idLast4: s.idNumber.slice(-4),
        email: 'student@example.com',
        phone: '13812345678',
        operator: '登记员',
      });
    }

    // desk: 登记台, open pairing
    await deskPage.goto(`${desk.url}/#/event-desk`);
    await deskPage.getByLabel('当前活动').selectOption(event.id);
    await deskPage.getByLabel('操作员').fill('登记员');
    await deskPage.getByRole('button', { name: '开放配对' }).click();
    const code = (await deskPage.getByTestId('pairing-code').textContent())!.trim();
    expect(code).toMatch(/^\d{6}$/);

    // station: 拍摄队列, join with the typed address and the code
    await stationPage.goto(`${station.url}/#/event-queue`);
    await stationPage.getByLabel('操作员').fill('摄影师');
    await stationPage.getByTestId('join-address').fill(desk.url);
    await stationPage.getByTestId('join-code').fill(code);
    await stationPage.getByRole('button', { name: '加入', exact: true }).click();
    await expect(stationPage.getByTestId('lan-mode')).toHaveText('已加入主机');

    // desk: find the student, issue the number, the ticket shows 001 and a QR
    await deskPage.getByTestId('desk-search').fill(demoStudent(1).fields.no);
    await deskPage.getByRole('button', { name: '查找' }).click();
    await deskPage.getByRole('button', { name: '发拍摄号' }).click();
    await expect(deskPage.getByTestId('ticket-label')).toHaveText('001');
    await expect(deskPage.getByRole('img', { name: '拍摄号 001' })).toBeVisible();
    await expect(deskPage.getByText('1 号机').or(deskPage.getByText('2 号机'))).toBeVisible();
    await saveScreenshot(deskPage, '30-event-desk');
    // the class 收费条 and the cashier's check below the ticket: the student is registered, not shot, not paid
    await deskPage.getByTestId('class-slips').scrollIntoViewIfNeeded();
    await expect(deskPage.getByTestId('class-slip')).toContainText('001');
    // no 班级 on this roster: the student is 未分班, as 收费 → 按班级 lists them
    await expect(deskPage.getByTestId('class-reconcile')).toContainText('未分班');

    // station: the queue shows 001; call it; scan the ticket QR; bind a photo
    await expect(stationPage.getByTestId('queue-row-001')).toBeVisible({ timeout: 15_000 });
    await stationPage.getByRole('button', { name: '叫下一位' }).click();
    await expect(stationPage.getByTestId('queue-called')).toContainText('001');
    // the 叫号屏 in a second window of the station: the called number big, the next ones below
    const callPage = await stationCtx.newPage();
    await callPage.goto(`${station.url}/#/event-queue?screen=call`);
    await expect(callPage.getByTestId('call-main')).toContainText('001');
    await expect(callPage.getByTestId('call-main')).toContainText('号机');
    await saveScreenshot(callPage, '34-event-call');
    await callPage.close();
    const { tickets } = await api<{ tickets: { qrPayload: string }[] }>(desk.url, 'queue.list', { eventId: event.id });
    // a wrong scan first: a 采集码 of another student is refused at the field
    await stationPage.getByTestId('queue-scan').fill(demoStudent(0).payload);
    await stationPage.getByTestId('queue-scan').press('Enter');
    await expect(stationPage.getByText('该采集码的学生还没有拍摄号')).toBeVisible();
    await stationPage.getByTestId('queue-scan').fill(tickets[0]!.qrPayload);
    await stationPage.getByTestId('queue-scan').press('Enter');
    await expect(stationPage.getByTestId('queue-identified')).toContainText('拍摄号二维码');
    await stationPage.getByTestId('queue-bind-file').setInputFiles({
      name: 'shot.jpg',
      mimeType: 'image/jpeg',
      buffer: await testJpeg(3, 400, 500),
    });
    // the desk runs photo production (初审) on the capture before it answers: first use loads the models
    await expect(stationPage.getByTestId('queue-bound')).toContainText('001', { timeout: 150_000 });
    await saveScreenshot(stationPage, '31-event-queue');
    // after the binding the cashier's check counts the student as shot and unpaid
    await expect(deskPage.getByTestId('class-reconcile')).toContainText('001', { timeout: 15_000 });
    await deskPage.getByTestId('class-slips').scrollIntoViewIfNeeded();
    await saveScreenshot(deskPage, '35-event-class-slips');

    const { bindings } = await api<{ bindings: { identifiedBy: string; station: string; operator: string }[] }>(
      desk.url,
      'queue.bindings',
      { eventId: event.id },
    );
    expect(bindings).toHaveLength(1);
    expect(bindings[0]).toMatchObject({ identifiedBy: 'ticket_qr', operator: '摄影师' });
    expect(bindings[0]!.station).toContain('2 号机');
    await deskCtx.close();
    await stationCtx.close();
  } finally {
    await station?.stop();
    tmp.cleanup();
  }
});

// 拍摄 on a paired 拍摄位 binds through the queue: the shutter stays shut until the student's ticket QR is scanned on
// the capture page; the shot goes to queue.bind (the desk stores it on that student's order). Then person B in front
// of the lens on A's number: the desk's face check holds the binding — nothing is stored — until 已核对是本人.
test('拍摄 on a paired 拍摄位: shutter only after the scan, binds through the queue, B on A’s number is held', async ({
  browser,
  studioHost: desk,
  freshHost: station,
}) => {
  test.setTimeout(360_000);
  const deskCtx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const stationCtx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await stationCtx.newPage();
  const api = async <T>(url: string, method: string, body: unknown): Promise<T> => {
    const res = await page.request.post(`${url}/api/${method}`, { data: body });
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()) as T;
  };
  try {
    const event = await api<{ id: string }>(desk.url, 'events.create', {
      schoolName: '山东师范大学',
      schoolCode: '10403',
      featureCode: FEATURE,
      date: '2026-06-02',
    });
    const s = demoStudent(7);
    const { order } = await api<{ order: { id: string } }>(desk.url, 'checkin.submit', {
      eventId: event.id,
      source: 'qr',
      payload: s.payload,
      featureCode: FEATURE,
      idLast4: s.idNumber.slice(-4),
      email: 'student@example.com',
      phone: '13812345678',
      operator: '登记员',
    });
    const ticket = await api<{ label: string; qrPayload: string }>(desk.url, 'queue.issue', {
      eventId: event.id,
      orderId: order.id,
      operator: '登记员',
    });
    // pairing (set-up, walked through the UI by the first test)
    const { pairing } = await api<{ pairing: { code: string } }>(desk.url, 'lan.openPairing', { minutes: 10 });
    await api(station.url, 'lan.setRoles', { roles: ['capture'], stationName: '拍摄位E' });
    await api(station.url, 'lan.join', { address: desk.url, code: pairing.code, stationName: '拍摄位E' });

    await page.goto(`${station.url}/#/capture`);
    await page.getByLabel('操作员').fill('摄影师');
    await page.getByLabel('相机').selectOption('replay:samples');
    await expect(page.getByTestId('capture-queue')).toBeVisible();
    const shutter = page.locator('button.shutter');
    await expect(shutter).toBeDisabled(); // nobody scanned yet
    await page.getByTestId('capture-scan').fill(ticket.qrPayload);
    await page.getByTestId('capture-scan').press('Enter');
    await expect(page.getByTestId('capture-identified')).toContainText(`拍摄号 ${ticket.label}`);
    await expect(shutter).toBeEnabled();

    // person A
    await page.locator('body').click();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('capture-bound')).toContainText(`已绑定到拍摄号 ${ticket.label}`, {
      timeout: 150_000,
    });
    await expect(page.getByTestId('face-warning')).toHaveCount(0);
    await saveScreenshot(page, '32-event-capture');

    // person B in front of the lens, still on A's number
    await api(station.url, 'camera.next', {});
    await page.keyboard.press('Space');
    const warning = page.getByTestId('face-warning');
    await expect(warning).toBeVisible({ timeout: 150_000 });
    await expect(warning).toContainText('核对');
    await expect(shutter).toBeDisabled(); // the held shot first: confirm or retake
    let photos = await api<{ photos: { kind: string }[] }>(desk.url, 'photos.list', { orderId: order.id });
    expect(photos.photos.filter((p) => p.kind === 'original')).toHaveLength(1); // held, not stored
    await saveScreenshot(page, '33-event-capture-warning');
    await page.getByTestId('face-confirm').click();
    await expect(page.getByTestId('capture-bound')).toContainText('已核对人脸提示', { timeout: 150_000 });
    photos = await api<{ photos: { kind: string }[] }>(desk.url, 'photos.list', { orderId: order.id });
    expect(photos.photos.filter((p) => p.kind === 'original')).toHaveLength(2);
    const { bindings } = await api<{ bindings: { identifiedBy: string; warnings: string[] }[] }>(
      desk.url,
      'queue.bindings',
      { eventId: event.id, orderId: order.id },
    );
    expect(bindings.map((b) => b.identifiedBy)).toEqual(['ticket_qr', 'ticket_qr']);
    expect(bindings[1]!.warnings.length).toBeGreaterThan(0);
  } finally {
    await deskCtx.close();
    await stationCtx.close();
  }
});
