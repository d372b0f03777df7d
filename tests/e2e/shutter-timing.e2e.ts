import path from 'node:path';
import sharp from 'sharp';
import { test, expect } from './camera-fixtures';
import { SHARED, type Sitter } from './fixtures';

// The shutter as the operator sees it: Space on the 拍摄 page with the station's replay camera on a 24 MP capture
// (4000×6000 JPEG with grain, made at test time from ../shared/portraits) → the 初审 verdict of the final photo
// visible. Timed in the page (keydown → the verdict in the DOM, performance.now()). Prints the median and p95 of
// SHOTS shots (default 10); nothing timed is asserted (the machine is shared). docs/BENCHMARKS.md has figures.

const SHOTS = Number(process.env.SHOTS ?? 10);

/** portrait-04 as a 24 MP camera would deliver it: upscaled to 4000×6000 with sensor-like grain (simulated). */
const portrait24mp: Sitter = {
  name: 'portrait-04-24mp.jpg',
  make: async () => {
    const { data, info } = await sharp(path.join(SHARED, 'portraits/portrait-04.jpg'))
      .resize(4000, 6000, { kernel: 'lanczos3' })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    let s = 7;
    for (let i = 0; i < data.length; i++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      const v = data[i]! + ((s & 31) - 15);
      data[i] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
    return sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } })
      .jpeg({ quality: 92 })
      .toBuffer();
  },
};

test.use({ viewport: { width: 1366, height: 768 }, sitters: [portrait24mp] });

test('Space → 初审 verdict on screen with a 24 MP capture (median and p95 printed)', async ({ page, station }) => {
  test.setTimeout(900_000);
  await station({
    roster: [{ name: '黄志正', no: '852021103000', code: 'c8bade99b9b2ed10', id: '110105199901011000', gender: '女' }],
    autoCapture: false,
  });
  await page.locator('body').click();
  await page.keyboard.press('F2');
  await expect(page.getByLabel('扫码枪 / 手动粘贴采集码内容')).toBeFocused();
  await page.keyboard.insertText('c8bade99b9b2ed10');
  await page.keyboard.press('Enter');
  await expect(page.locator('input[name=idLast4]')).toBeFocused({ timeout: 30_000 });
  await page.keyboard.type('1000');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-student')).toContainText('852021103000', { timeout: 30_000 });

  // in the page: keydown Space → the verdict text in the result card (no Playwright round trip in the figure)
  // (page code as a string: the e2e project is type-checked without the DOM library)
  await page.evaluate(`(() => {
    const w = window;
    w.__shots = [];
    w.__t0 = 0;
    window.addEventListener('keydown', (e) => {
      if (e.code !== 'Space') return;
      w.__t0 = performance.now();
      w.__cleared = false;
    }, true);
    // the previous verdict must have left the card first (a new shot clears it), then the new one is timed
    new MutationObserver(() => {
      const card = document.querySelector('[data-testid=capture-result]');
      if (!w.__t0 || !card) return;
      const shown = /初审合格|初审未通过|未生成成片/.test(card.textContent || '');
      if (!shown) w.__cleared = true;
      else if (w.__cleared) {
        w.__shots.push(performance.now() - w.__t0);
        w.__t0 = 0;
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
  const result = page.getByTestId('capture-result');
  const verdict = result.getByText(/初审合格|初审未通过|未生成成片/).first();
  for (let i = 0; i <= SHOTS; i++) {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Space');
    await expect
      .poll(() => page.evaluate<number>('window.__shots.length'), {
        timeout: 120_000,
      })
      .toBe(i + 1);
    await expect(verdict).toBeVisible();
    await page.waitForTimeout(500); // the page is idle again (phase back to idle right after the verdict)
  }
  const shots = await page.evaluate<number[]>('window.__shots');
  const timed = shots.slice(1); // the first shot starts the vision workers
  const sorted = [...timed].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  console.log(
    `shutter (UI, Space → 初审 on screen, 24 MP, ${timed.length} shots): median ${at(0.5).toFixed(0)} ms, ` +
      `p95 ${at(0.95).toFixed(0)} ms; each: ${timed.map((v) => v.toFixed(0)).join(' ')}`,
  );
  expect(timed.length).toBe(SHOTS);
});
