import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/shared/api-error';
import { createStudio } from '../../../src/main/core/studio';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';

function studio() {
  return createStudio({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'studio-')),
    dbFile: ':memory:',
    log: () => {},
    now: () => new Date('2026-11-22T08:00:00Z'),
  });
}

describe('dispatch: every request that crosses a boundary is validated', () => {
  it('app.info reports version, data dir and schema version', async () => {
    const s = studio();
    const info = (await s.dispatch('app.info', {}, { transport: 'http' })) as Record<string, unknown>;
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.dataDir).toBe(s.dataDir);
    expect(info.schemaVersion).toBeGreaterThanOrEqual(1);
    s.close();
  });

  it('unknown method → unknown_method, not a crash', async () => {
    const s = studio();
    await expect(s.dispatch('drop.tables', {}, { transport: 'http' })).rejects.toMatchObject({
      code: 'unknown_method',
    });
    await expect(s.dispatch('__proto__', {}, { transport: 'http' })).rejects.toBeInstanceOf(ApiError);
    s.close();
  });

  it('invalid request → invalid_request with the field named', async () => {
    const s = studio();
    const err = (await s
      .dispatch('events.create', { schoolCode: '10403' }, { transport: 'ipc' })
      .catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('invalid_request');
    expect(err.field).toBe('schoolName');
    // the message is for a person: Chinese, no field key (the form shows it next to the field)
    expect(err.message).not.toContain('schoolName');
    expect(err.message).toMatch(/学校名称/);
    expect(err.issues?.map((i) => i.field)).toEqual(expect.arrayContaining(['schoolName', 'featureCode', 'date']));
    await expect(s.dispatch('events.list', 'not an object', { transport: 'ipc' })).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/JSON 对象/),
    });
    await expect(s.dispatch('events.create', [], { transport: 'http' })).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/JSON 对象/),
    });
    s.close();
  });

  it('creates and lists events, and pushes event.created to subscribers', async () => {
    const s = studio();
    const pushed: string[] = [];
    s.bus.subscribe((e) => pushed.push(e.name));
    await s.dispatch(
      'events.create',
      { schoolName: "O'Brien'); DROP TABLE events;--", schoolCode: '10403', featureCode: 'x', date: '2026-06-01' },
      { transport: 'http' },
    );
    const list = (await s.dispatch('events.list', {}, { transport: 'http' })) as { events: { schoolName: string }[] };
    expect(list.events.map((e) => e.schoolName)).toEqual(["O'Brien'); DROP TABLE events;--"]);
    expect(pushed).toEqual(['event.created']);
    s.close();
  });
});
