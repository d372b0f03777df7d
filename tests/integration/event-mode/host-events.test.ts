import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../../src/main/core/studio';
import { startHost, type RunningHost } from '../../../src/main/host/host';
import type { LanStatusView } from '../../../src/shared/contract/event-mode';
import type { StudioEvent } from '../../../src/shared/domain/event';
import { recordsFixture, type RecordsFixture } from '../../helpers/records-fixture';
import { tempDir } from '../../helpers/temp-dir';

// A capture station joined to the desk (the event host) lists the host's event in its events list (the 当前活动
// bar's source, events.list), marked as the host's and read-only there; its own events stay listed; cut off it
// keeps the host's event as last seen; once it leaves the host, only its own.

const ctx = { transport: 'cli' as const };
let desk: RecordsFixture;
let host: RunningHost;
const stationDir = tempDir('studio-station-events-');
let station: Studio;
const st = <T>(method: string, payload: unknown) => station.dispatch(method, payload, ctx) as Promise<T>;
let ownId: string;

beforeAll(async () => {
  desk = await recordsFixture();
  await desk.call('lan.setRoles', { roles: ['desk'], stationName: '登记台' });
  host = await startHost({ studio: desk.studio, rendererDir: stationDir.dir, port: 0 });
  station = createStudio({ dataDir: stationDir.dir, producer: null, log: () => {} });
  const own = await st<StudioEvent>('events.create', {
    schoolName: '本机测试学校',
    schoolCode: '10002',
    featureCode: 'feature-own',
    date: '2026-12-01',
  });
  ownId = own.id;
}, 60_000);

afterAll(async () => {
  await host?.close().catch(() => undefined);
  await station.close();
  await desk.close();
  stationDir.cleanup();
});

describe("a joined station's events list", () => {
  it('before joining: only its own events', async () => {
    const r = await st<{ events: StudioEvent[] }>('events.list', {});
    expect(r.events.map((e) => e.id)).toEqual([ownId]);
    expect(r.events[0]!.hostedBy).toBeUndefined();
  });

  it("after pairing: the host's event first, marked with the host's name, then its own", async () => {
    const opened = await desk.call<LanStatusView>('lan.openPairing', { minutes: 5 });
    await st('lan.join', { address: `127.0.0.1:${host.port}`, code: opened.pairing!.code, stationName: '拍摄位A' });
    const r = await st<{ events: StudioEvent[] }>('events.list', {});
    expect(r.events.map((e) => e.id)).toEqual([desk.event.id, ownId]);
    const theirs = r.events[0]!;
    expect(theirs).toMatchObject({
      schoolName: desk.event.schoolName,
      date: desk.event.date,
      schoolCode: desk.event.schoolCode,
      hostedBy: '登记台',
    });
    // the 当前活动 option reads 学校 · 日期 · 工作站: here it says whose event it is
    expect(theirs.stationName).toMatch(/^主机 登记台/);
    expect(r.events[1]!.hostedBy).toBeUndefined();
  });

  it("the host's event is read-only on the station (its own still editable)", async () => {
    await expect(st('events.archive', { id: desk.event.id, archived: true })).rejects.toThrow(/由主机 登记台 管理/);
    await expect(
      st('events.update', {
        id: desk.event.id,
        schoolName: '改名',
        schoolCode: '10001',
        featureCode: 'x',
        date: '2026-12-01',
      }),
    ).rejects.toThrow(/请在主机上修改/);
    const still = await desk.call<{ events: StudioEvent[] }>('events.list', {});
    expect(still.events.find((e) => e.id === desk.event.id)!.archivedAt).toBeNull();
    const renamed = await st<StudioEvent>('events.update', {
      id: ownId,
      schoolName: '本机测试学校（改）',
      schoolCode: '10002',
      featureCode: 'feature-own',
      date: '2026-12-01',
    });
    expect(renamed.schoolName).toBe('本机测试学校（改）');
  });

  it("an event the host creates later is listed on the station's next look", async () => {
    const later = await desk.call<StudioEvent>('events.create', {
      schoolName: '主机新活动',
      schoolCode: '10003',
      featureCode: 'feature-later',
      date: '2026-12-02',
    });
    const r = await st<{ events: StudioEvent[] }>('events.list', {});
    expect(r.events.filter((e) => e.hostedBy).map((e) => e.id)).toEqual(
      expect.arrayContaining([desk.event.id, later.id]),
    );
  });

  it("cut off from the host: the host's events as last seen, still marked", async () => {
    const before = (await st<{ events: StudioEvent[] }>('events.list', {})).events.map((e) => e.id);
    await host.close();
    const r = await st<{ events: StudioEvent[] }>('events.list', {});
    expect(r.events.map((e) => e.id)).toEqual(before);
    expect(r.events[0]!.hostedBy).toBe('登记台');
    // a second look does not wait for the host again (the LAN worker's ping says when it is back)
    expect((await st<LanStatusView>('lan.status', {})).online).toBe(false);
    expect((await st<{ events: StudioEvent[] }>('events.list', {})).events.map((e) => e.id)).toEqual(before);
  });

  it('after leaving the host: only its own again', async () => {
    await st('lan.leave', {});
    const r = await st<{ events: StudioEvent[] }>('events.list', {});
    expect(r.events.map((e) => e.id)).toEqual([ownId]);
  });
});
