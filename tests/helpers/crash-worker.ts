import { writeSync } from 'node:fs';
import { createStudio } from '../../src/main/core/studio';
import { resizeProducer, testJpeg } from './records-fixture';

// Child process of the crash test: check-in → capture → pay in a loop until it is killed. Every line
// "ACK …" is written only after the change was committed, so the parent knows what must survive.

const dataDir = process.argv[2]!;
const ack = (line: string) => writeSync(1, `${line}\n`);
const ctx = { transport: 'cli' as const };

async function main(): Promise<void> {
  const studio = createStudio({ dataDir, log: () => {}, producer: resizeProducer() });
  let event = studio.records.orders.repo.list({ limit: 1, offset: 0 }).rows[0]?.event_id;
  if (!event) {
    const existing = (await studio.dispatch('events.list', {}, ctx)) as { events: { id: string }[] };
    event =
      existing.events[0]?.id ??
      (
        (await studio.dispatch(
          'events.create',
          { schoolName: '崩溃测试大学', schoolCode: '10403', featureCode: 'CRASH', date: '2026-06-01' },
          ctx,
        )) as { id: string }
      ).id;
  }
  ack('READY');
  for (let k = 0; ; k++) {
    const { order } = (await studio.dispatch(
      'checkin.submit',
      {
        eventId: event,
        source: 'manual',
        name: '吉𠮷',
        studentNo: `C${k}`,
        collectionCode: k.toString(16).padStart(16, '0'), // 手动登记 needs the 采集码
        gender: '男',
        idNumber: '11010519491231002X',
        idLast4: '002X',
        educationLevel: '本科',
        campusType: '本部',
        featureCode: 'CRASH',
        email: 'a@b.cn',
        phone: '13812345678',
        operator: 'crash',
      },
      ctx,
    )) as { order: { id: string; paid: boolean } };
    const photos = studio.records.photos.repo.listByOrder(order.id);
    if (photos.length === 0) {
      const r = (await studio.dispatch(
        'photos.capture',
        { orderId: order.id, imageBase64: (await testJpeg(k, 32, 40)).toString('base64'), operator: 'crash' },
        ctx,
      )) as { original: { sha256: string }; final: { sha256: string } | null };
      ack(`ACK capture ${order.id} ${r.original.sha256} ${r.final?.sha256 ?? '-'}`);
    }
    if (!order.paid) {
      await studio.dispatch(
        'payments.record',
        // the test JPEG has no face, so its photo never passes 初审: the station takes the money only with a reason
        {
          eventId: event,
          method: 'cash',
          orderIds: [order.id],
          operator: 'crash',
          override: { reason: '崩溃测试：先收费后补拍' },
        },
        ctx,
      );
      ack(`ACK pay ${order.id}`);
    }
  }
}

main().catch((err: unknown) => {
  writeSync(2, `crash-worker: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
