// npm run bench:db — 100,000 orders through the records repositories: insert rate, list/filter/search latency.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStudio } from '../../src/main/core/studio';
import { maskName } from '../../src/shared/domain/masking';
import { formatOrderNumber, orderDay } from '../../src/shared/domain/order-number';
import { ORDER_STATES } from '../../src/shared/domain/order-state';
import type { OrderRow } from '../../src/main/orders/order-row';

const N = Number(process.env.BENCH_ORDERS ?? 100_000);
const dir = mkdtempSync(path.join(os.tmpdir(), 'studio-bench-db-'));
const studio = createStudio({ dataDir: dir, log: () => {} });
const ctx = { transport: 'cli' as const };
const SURNAMES = ['黄', '王', '李', '张', '刘', '陈', '杨', '赵', '吉', '欧阳'];
const GIVEN = ['志正', '娜', '明', '晓燕', '思远', '洋', '𠮷', '䶮', '伟', '芳'];

async function main(): Promise<void> {
  const events: { id: string; date: string }[] = [];
  for (let d = 1; d <= 10; d++) {
    const date = `2026-06-${String(d).padStart(2, '0')}`;
    events.push(
      (await studio.dispatch(
        'events.create',
        { schoolName: `测试大学${d}`, schoolCode: '10403', featureCode: 'BENCH', date },
        ctx,
      )) as { id: string; date: string },
    );
  }
  const orders = studio.records.orders;
  const t0 = performance.now();
  const BATCH = 1000;
  for (let start = 0; start < N; start += BATCH) {
    studio.db.transaction(() => {
      for (let i = start; i < Math.min(start + BATCH, N); i++) {
        const ev = events[i % events.length]!;
        const seq = Math.floor(i / events.length) + 1;
        const name = SURNAMES[i % 10]! + GIVEN[Math.floor(i / 10) % 10]!;
        const at = new Date(Date.UTC(2026, 5, 1) + i * 1000).toISOString();
        const row: OrderRow = {
          id: `o${i}`,
          event_id: ev.id,
          order_no: formatOrderNumber('S1', ev.date, seq),
          order_day: orderDay(ev.date),
          seq,
          state: ORDER_STATES[i % ORDER_STATES.length]!,
          reject_reason: null,
          source: 'qr',
          roster_entry_id: null,
          name,
          name_masked: maskName(name),
          student_no: `85202110${String(i).padStart(6, '0')}`,
          collection_code: i.toString(16).padStart(16, '0'),
          gender: i % 2 ? '男' : '女',
          id_masked: '3701**********1236',
          id_hash: null,
          major: '教育传媒',
          education_level: '本科',
          education_type: '',
          campus_type: '本部',
          school_name: '测试大学',
          school_code: '10403',
          email: 'a@b.cn',
          phone: '13812345678',
          shipping_region: '',
          shipping_address: '',
          fee_fen: 1500,
          created_by: 'bench',
          created_at: at,
          updated_at: at,
        };
        orders.createInTx(row);
      }
    })();
  }
  const insertMs = performance.now() - t0;
  console.log(
    `insert ${N} orders (with audit + outbox rows, batches of ${BATCH}): ${(insertMs / 1000).toFixed(1)} s = ${Math.round(N / (insertMs / 1000))} orders/s`,
  );

  const time = (label: string, fn: () => unknown, reps = 20) => {
    fn();
    const samples: number[] = [];
    for (let r = 0; r < reps; r++) {
      const s = performance.now();
      fn();
      samples.push(performance.now() - s);
    }
    samples.sort((a, b) => a - b);
    console.log(
      `${label.padEnd(58)} median ${samples[reps >> 1]!.toFixed(2)} ms, max ${samples[reps - 1]!.toFixed(2)} ms`,
    );
  };
  const ev = events[3]!.id;
  const list = (req: Record<string, unknown>) => () => studio.dispatch('orders.list', req, ctx);
  time('orders.list newest 50 (all events)', list({}));
  time('orders.list event, newest 50', list({ eventId: ev }));
  time('orders.list event + state pending_review, 50', list({ eventId: ev, state: 'pending_review' }));
  time('orders.list event, page 100 (offset 5000)', list({ eventId: ev, offset: 5000 }));
  time('orders.list search 学号 (exact)', list({ query: '85202110054321' }));
  time('orders.list search 采集码 (exact)', list({ query: (54321).toString(16).padStart(16, '0') }));
  time('orders.list search order number', list({ query: 'S1-20260604-0042' }));
  time('orders.list search name substring 志正 (scan)', list({ query: '志正' }));
  time('orders.list event + name substring', list({ eventId: ev, query: '𠮷' }));
  time('checkin duplicate lookup (findStudent)', () => orders.repo.findStudent(ev, '85202110054323', null), 200);
  console.log(`database: ${dir}`);
}

main()
  .finally(() => {
    studio.close();
    rmSync(dir, { recursive: true, force: true });
  })
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
