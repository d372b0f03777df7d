import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StationSettingsView } from '../../../src/shared/contract/settings';
import type { PushEvent } from '../../../src/shared/contract';
import type { StudioEvent } from '../../../src/shared/domain/event';
import { createStudio } from '../../../src/main/core/studio';
import { recordsFixture, type RecordsFixture } from '../../helpers/records-fixture';
import { tempDir } from '../../helpers/temp-dir';

let f: RecordsFixture;
beforeEach(async () => {
  f = await recordsFixture();
});
afterEach(() => f.close());

describe('settings.get / settings.update', () => {
  it('defaults on a fresh station: S1, no operators, contact fields required, no default camera, the data folder', async () => {
    expect(await f.call<StationSettingsView>('settings.get', {})).toEqual({
      stationCode: 'S1',
      operators: [],
      contactFieldsRequired: true,
      defaultCameraId: null,
      dataDir: f.dir,
    });
  });

  it('changes only what is given, survives a restart, pushes settings.updated, numbers new orders with the code', async () => {
    const pushed: PushEvent[] = [];
    f.studio.bus.subscribe((e) => pushed.push(e));
    const v = await f.call<StationSettingsView>('settings.update', {
      stationCode: ' b2 ',
      operators: ['张老师', '李老师'],
      contactFieldsRequired: false,
    });
    expect(v).toMatchObject({ stationCode: 'B2', operators: ['张老师', '李老师'], contactFieldsRequired: false });
    expect(pushed.filter((e) => e.name === 'settings.updated')).toHaveLength(1);
    await f.call('settings.update', { defaultCameraId: 'replay:/samples' });
    await f.reopen();
    expect(await f.call<StationSettingsView>('settings.get', {})).toMatchObject({
      stationCode: 'B2',
      operators: ['张老师', '李老师'],
      contactFieldsRequired: false,
      defaultCameraId: 'replay:/samples',
    });
    expect(f.studio.records.settings.stationCode()).toBe('B2');
    await f.call('settings.update', { defaultCameraId: null });
    expect((await f.call<StationSettingsView>('settings.get', {})).defaultCameraId).toBeNull();
  });

  it('refuses a bad station code or a repeated operator, naming the field, and keeps the old values', async () => {
    await expect(f.call('settings.update', { stationCode: '1号机' })).rejects.toMatchObject({
      code: 'invalid_request',
      field: 'stationCode',
    });
    await expect(f.call('settings.update', { operators: ['张老师', '张老师'] })).rejects.toMatchObject({
      field: 'operators.1',
      message: expect.stringContaining('操作员“张老师”重复'),
    });
    await expect(f.call('settings.update', { operators: [''] })).rejects.toMatchObject({ field: 'operators.0' });
    expect(await f.call<StationSettingsView>('settings.get', {})).toMatchObject({ stationCode: 'S1', operators: [] });
  });
});

describe('events.update / events.archive', () => {
  it('edits every field with the create rules', async () => {
    const updated = await f.call<StudioEvent>('events.update', {
      id: f.event.id,
      schoolName: '山东师范大学（长清湖校区）',
      schoolCode: '10445',
      featureCode: 'abc123',
      date: '2026-06-02',
      feeFen: 2000,
      stationName: '二号机',
    });
    expect(updated).toMatchObject({
      id: f.event.id,
      schoolName: '山东师范大学（长清湖校区）',
      schoolCode: '10445',
      date: '2026-06-02',
      feeFen: 2000,
      stationName: '二号机',
      archivedAt: null,
      createdAt: f.event.createdAt,
    });
    await expect(f.call('events.update', { ...updated, schoolCode: '1234' })).rejects.toMatchObject({
      field: 'schoolCode',
    });
    await expect(
      f.call('events.update', {
        id: 'nope',
        schoolName: 'x',
        schoolCode: '10445',
        featureCode: 'a',
        date: '2026-06-02',
      }),
    ).rejects.toMatchObject({ code: 'not_found', message: '采集活动不存在' });
  });

  it('archived events are hidden from the list unless asked for, and can be restored', async () => {
    const second = await f.call<StudioEvent>('events.create', {
      schoolName: '济南大学',
      schoolCode: '10427',
      featureCode: 'x1',
      date: '2026-05-20',
    });
    const archived = await f.call<StudioEvent>('events.archive', { id: f.event.id, archived: true });
    expect(archived.archivedAt).not.toBeNull();
    const ids = async (includeArchived?: boolean) =>
      (await f.call<{ events: StudioEvent[] }>('events.list', includeArchived ? { includeArchived } : {})).events.map(
        (e) => e.id,
      );
    expect(await ids()).toEqual([second.id]);
    expect(await ids(true)).toEqual([f.event.id, second.id]);
    const restored = await f.call<StudioEvent>('events.archive', { id: f.event.id, archived: false });
    expect(restored.archivedAt).toBeNull();
    expect(await ids()).toEqual([f.event.id, second.id]);
  });
});

describe('receipts.testPrint', () => {
  it('without a printer: a sample receipt as PDF on the configured paper, nothing recorded', async () => {
    await f.call('receipts.configure', { paper: '58mm' });
    const r = await f.call<{ printed: boolean; printer: string | null; paper: string; pdfBase64: string }>(
      'receipts.testPrint',
      {},
    );
    expect(r).toMatchObject({ printed: false, printer: null, paper: '58mm' });
    expect(Buffer.from(r.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(f.studio.db.prepare('SELECT COUNT(*) AS n FROM receipt_prints').get()).toEqual({ n: 0 });
  });

  it('with a printer: the job goes to the configured device', async () => {
    const t = tempDir('studio-testprint-');
    const jobs: { deviceName: string; html: string }[] = [];
    const studio = createStudio({
      dataDir: t.dir,
      log: () => {},
      printer: { print: async (job) => void jobs.push(job) },
    });
    try {
      await studio.dispatch('receipts.configure', { printer: 'XP-80C', paper: '80mm' }, { transport: 'cli' });
      const r = (await studio.dispatch('receipts.testPrint', {}, { transport: 'cli' })) as {
        printed: boolean;
        printer: string;
      };
      expect(r).toMatchObject({ printed: true, printer: 'XP-80C' });
      expect(jobs).toHaveLength(1);
      expect(jobs[0]!.deviceName).toBe('XP-80C');
      expect(jobs[0]!.html).toContain('S1-TEST');
    } finally {
      await studio.close();
      t.cleanup();
    }
  });
});
