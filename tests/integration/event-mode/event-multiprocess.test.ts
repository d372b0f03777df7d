import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoStudent } from '../../../src/main/checkin/demo-students';
import { parseTicketQr } from '../../../src/shared/domain/shooting-queue';
import type { BindResult, LanStatusView, TicketView } from '../../../src/shared/contract/event-mode';
import { FEATURE_CODE, testJpeg } from '../../helpers/records-fixture';
import { tempDir } from '../../helpers/temp-dir';

// Event mode across processes on 127.0.0.1: one desk (the host) and two capture stations, each its own process with
// its own data dir and port. 100 students check in and get a 拍摄号; in the line they cut in, some leave (a few come
// back), the photographers call, skip, recall and 离开队伍; one station is killed (SIGKILL) and restarted, the desk is
// stopped and restarted, and station 2's LAN is cut for a while (a TCP proxy between it and the desk).
// Asserted at the end: every photo is bound to the order of the student whose ticket/采集码 was scanned, every photo
// taken is bound exactly once, no 拍摄号 is doubled or missing (001…100), every student who checked in has an order.
//
// Run 10 times: for i in $(seq 10); do npx vitest run --project integration tests/integration/event-mode/event-multiprocess.test.ts || break; done

const N = 100;
const SEED = Number(process.env.EVENT_TEST_SEED ?? Date.now() % 100000);
const ENTRY = path.resolve('tests/integration/event-mode/station-process.ts');

function rng(seed: number) {
  let x = seed * 2654435761 + 7;
  return () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x / 0x7fffffff;
  };
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

interface Proc {
  url: string;
  child: ChildProcess;
}

async function startStation(dir: string, port: number): Promise<Proc> {
  for (let attempt = 0; ; attempt++) {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, dir, String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`station did not start:\n${out}`)), 90_000);
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /LISTENING (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
        child.on('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`station exited with ${code}:\n${out}`));
        });
      });
      return { url, child };
    } catch (err) {
      // the port of a process just killed may still be held for a moment
      if (attempt < 5 && /EADDRINUSE/.test(String(err))) {
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      throw err;
    }
  }
}

function stop(p: Proc, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (p.child.exitCode !== null || p.child.signalCode !== null) return resolve();
    p.child.once('exit', () => resolve());
    p.child.kill(signal);
  });
}

class CallError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

async function api<T>(url: string, method: string, body: unknown): Promise<T> {
  const res = await fetch(`${url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const json = (await res.json()) as { error?: { code: string; message: string } };
  if (!res.ok) throw new CallError(`${method}: ${json.error?.message}`, json.error?.code ?? String(res.status));
  return json as T;
}

/** Retry while the process is down or restarting (connection refused / reset). */
async function retrying<T>(fn: () => Promise<T>, what: string): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof CallError || i > 240) throw new Error(`${what}: ${String(err)}`, { cause: err });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** A loopback TCP proxy that can drop the LAN: cut() ends every connection and refuses new ones (Host rewritten). */
async function lanProxy(targetPort: number) {
  let down = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    // the desk listens on loopback, where only its own Host is accepted (DNS-rebinding rule): say it is the desk
    client.on('data', (chunk: Buffer) => {
      upstream.write(
        chunk.toString('latin1').includes('\r\n')
          ? Buffer.from(
              chunk
                .toString('latin1')
                .replace(/\r\nhost: 127\.0\.0\.1:\d+\r\n/i, `\r\nhost: 127.0.0.1:${targetPort}\r\n`),
              'latin1',
            )
          : chunk,
      );
    });
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      down = true;
      for (const s of sockets) s.destroy();
    },
    restore() {
      down = false;
    },
    close: () =>
      new Promise<void>((r) => {
        down = true;
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

interface Student {
  i: number;
  orderId: string;
  ticket: TicketView;
  leaves: boolean;
  returns: boolean;
  shots: number;
}

const tmp = [tempDir('ev-desk-'), tempDir('ev-c1-'), tempDir('ev-c2-')];
const procs: Proc[] = [];
afterAll(async () => {
  await Promise.all(procs.map((p) => stop(p, 'SIGKILL')));
  for (const t of tmp) t.cleanup();
});

describe(`event mode: one desk, two capture stations, ${N} students (seed ${SEED})`, () => {
  it('binds every photo to the scanned student; no 拍摄号 doubled or lost; no check-in lost', async () => {
    const rand = rng(SEED);
    const [deskPort, c1Port, c2Port] = [await freePort(), await freePort(), await freePort()];
    let desk = await startStation(tmp[0]!.dir, deskPort);
    let c1 = await startStation(tmp[1]!.dir, c1Port);
    const c2 = await startStation(tmp[2]!.dir, c2Port);
    procs.push(desk, c1, c2);
    const proxy = await lanProxy(deskPort);

    const event = await api<{ id: string }>(desk.url, 'events.create', {
      schoolName: '山东师范大学',
      schoolCode: '10403',
      featureCode: FEATURE_CODE,
      date: '2026-06-01',
      stationName: '登记台',
    });
    await api(desk.url, 'lan.setRoles', { roles: ['desk'], stationName: '登记台' });
    const { pairing } = await api<LanStatusView>(desk.url, 'lan.openPairing', { minutes: 30 });
    await api(c1.url, 'lan.setRoles', { roles: ['capture'] });
    await api(c1.url, 'lan.join', { address: `127.0.0.1:${deskPort}`, code: pairing!.code, stationName: '拍摄位1' });
    await api(c2.url, 'lan.setRoles', { roles: ['capture'] });
    await api(c2.url, 'lan.join', { address: `127.0.0.1:${proxy.port}`, code: pairing!.code, stationName: '拍摄位2' });

    const students: Student[] = [];
    const line: Student[] = [];
    const away: Student[] = [];
    /** sha256 of every photo taken → the order of the student who stood there. */
    const expected = new Map<string, string>();
    const stationUrl = { c1: () => c1.url, c2: () => c2.url };
    let offline2 = false;
    let refusals = 0;

    const checkIn = async (i: number): Promise<Student> => {
      const s = demoStudent(i);
      const r = await retrying(
        () =>
          api<{ order: { id: string } }>(desk.url, 'checkin.submit', {
            eventId: event.id,
            source: 'qr',
            payload: s.payload,
            featureCode: FEATURE_CODE,
            idLast4: s.idNumber.slice(-4),
            email: 'student@example.com',
            phone: '13812345678',
            operator: '登记员',
          }),
        `check-in ${i}`,
      );
      const ticket = await retrying(
        () => api<TicketView>(desk.url, 'queue.issue', { eventId: event.id, orderId: r.order.id, operator: '登记员' }),
        `issue ${i}`,
      );
      return { i, orderId: r.order.id, ticket, leaves: false, returns: false, shots: 0 };
    };

    const shoot = async (which: 'c1' | 'c2', s: Student): Promise<void> => {
      const url = stationUrl[which]();
      const online = !(which === 'c2' && offline2);
      let calledId: string | null = null;
      if (online) {
        const called = await api<{ ticket: TicketView | null }>(url, 'queue.callNext', {
          eventId: event.id,
          operator: `摄影师${which}`,
        }).catch(() => ({ ticket: null }));
        calledId = called.ticket?.id ?? null;
        const other = called.ticket ? students.find((x) => x.ticket.id === called.ticket!.id) : undefined;
        if (other && other !== s && other.leaves && !line.includes(other)) {
          // nobody answers the call: 过号, and 离开队伍 when they are gone for good
          await api(url, 'queue.act', { ticketId: other.ticket.id, action: 'skip', operator: `摄影师${which}` }).catch(
            () => undefined,
          );
          if (!other.returns)
            await api(url, 'queue.act', {
              ticketId: other.ticket.id,
              action: 'leave',
              operator: `摄影师${which}`,
            }).catch(() => undefined);
        }
        if (other && other !== s && rand() < 0.3) {
          // the photographer takes the ticket of the student called (someone cut in) — the scan must refuse it
          const wrong = await api(url, 'queue.bind', {
            eventId: event.id,
            ticketId: other.ticket.id,
            by: 'ticket_qr',
            proof: s.ticket.qrPayload,
            imageBase64: (await testJpeg(900_000 + s.i)).toString('base64'),
            operator: `摄影师${which}`,
          }).then(
            () => 'bound',
            (e: unknown) => (e instanceof CallError ? e.code : 'network'),
          );
          if (wrong !== 'network') {
            expect(wrong).toBe('conflict');
            refusals++;
          }
        }
      }
      // how the student is identified: the ticket QR (always works, also offline), the 采集码, or the name
      const r = rand();
      let by: 'ticket_qr' | 'collection_code' | 'name_confirmed' = 'ticket_qr';
      if (online && r < 0.2) by = 'collection_code';
      else if (online && r < 0.3 && calledId === s.ticket.id) by = 'name_confirmed';
      const proof =
        by === 'ticket_qr'
          ? s.ticket.qrPayload
          : by === 'collection_code'
            ? demoStudent(s.i).payload
            : s.ticket.nameMasked;
      let ticketId = parseTicketQr(s.ticket.qrPayload)!.ticketId;
      if (by === 'collection_code') {
        const t = await api<TicketView>(url, 'queue.identify', { eventId: event.id, by, proof }).catch(() => null);
        if (!t) {
          by = 'ticket_qr';
        } else {
          ticketId = t.id;
        }
      }
      const shots = rand() < 0.1 ? 2 : 1; // a retake now and then
      for (let k = 0; k < shots; k++) {
        const jpeg = await testJpeg(s.i * 10 + s.shots);
        s.shots++;
        const sha = createHash('sha256').update(jpeg).digest('hex');
        const res = await retrying(
          () =>
            api<BindResult>(url, 'queue.bind', {
              eventId: event.id,
              ticketId,
              by,
              proof: by === 'ticket_qr' ? s.ticket.qrPayload : proof,
              imageBase64: jpeg.toString('base64'),
              operator: `摄影师${which}`,
            }),
          `bind ${s.i}`,
        );
        expect(['bound', 'pending']).toContain(res.status);
        if (res.status === 'bound') expect(res.binding!.orderId).toBe(s.orderId);
        expected.set(sha, s.orderId);
      }
    };

    const takeFromLine = (): Student | undefined => line.shift();

    for (let tick = 0; tick < N; tick++) {
      const s = await checkIn(tick);
      students.push(s);
      // into the line: some cut in ahead of up to 4 others, some leave the line
      if (rand() < 0.08) {
        s.leaves = true;
        s.returns = rand() < 0.5;
        away.push(s);
      } else if (rand() < 0.2 && line.length > 0) {
        line.splice(Math.max(0, line.length - 1 - Math.floor(rand() * 4)), 0, s);
      } else line.push(s);
      // someone who left comes back, is recalled, and joins the line again
      const back = away.find((x) => x.returns && rand() < 0.15);
      if (back) {
        away.splice(away.indexOf(back), 1);
        await retrying(
          () => api(c1.url, 'queue.act', { ticketId: back.ticket.id, action: 'recall', operator: '摄影师c1' }),
          'recall',
        ).catch(() => undefined); // already recalled/called is fine
        line.push(back);
      }

      if (tick === 30) {
        // station 1 crashes and restarts (whatever it holds must survive)
        await stop(c1, 'SIGKILL');
        c1 = await startStation(tmp[1]!.dir, c1Port);
        procs.push(c1);
      }
      if (tick === 45) {
        proxy.cut();
        offline2 = true;
      }
      if (tick === 58) {
        proxy.restore();
        offline2 = false;
      }
      if (tick === 70) {
        // the desk (host) restarts: stations keep their photos and send them when it is back
        await stop(desk, 'SIGINT');
        const s1 = takeFromLine();
        const s2 = takeFromLine();
        await Promise.all([s1 && shoot('c1', s1), s2 && shoot('c2', s2)]);
        desk = await startStation(tmp[0]!.dir, deskPort);
        procs.push(desk);
      }
      if (line.length > 3) {
        const a = takeFromLine();
        const b = takeFromLine();
        await Promise.all([a && shoot('c1', a), b && shoot('c2', b)]);
      }
    }
    // the ones who came back at the end
    for (const x of away.filter((a) => a.returns)) {
      await api(c2.url, 'queue.act', { ticketId: x.ticket.id, action: 'recall', operator: '摄影师c2' }).catch(
        () => undefined,
      );
      line.push(x);
    }
    while (line.length > 0) {
      const a = takeFromLine();
      const b = takeFromLine();
      await Promise.all([a && shoot('c1', a), b && shoot('c2', b)]);
    }
    // no-shows still waiting: 离开队伍
    for (const x of students.filter((s) => s.leaves && !s.returns)) {
      await api(c1.url, 'queue.act', { ticketId: x.ticket.id, action: 'leave', operator: '摄影师c1' }).catch(
        () => undefined,
      );
    }

    // everything kept on the stations reaches the desk
    for (const url of [c1.url, c2.url]) {
      for (let k = 0; ; k++) {
        const st = await api<LanStatusView>(url, 'lan.flush', {});
        if (st.pending === 0) {
          expect(st.refused).toEqual([]);
          break;
        }
        if (k > 120) throw new Error(`station still holds ${st.pending} bindings`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }

    // ---- the desk's records ----
    const orders = await api<{ orders: { id: string; studentNo: string }[]; total: number }>(desk.url, 'orders.list', {
      eventId: event.id,
      limit: 1000,
    });
    expect(orders.total).toBe(N);
    expect(new Set(orders.orders.map((o) => o.id))).toEqual(new Set(students.map((s) => s.orderId)));

    const { tickets } = await api<{ tickets: TicketView[] }>(desk.url, 'queue.list', { eventId: event.id });
    const labels = tickets.map((t) => t.label).sort();
    expect(labels).toEqual(Array.from({ length: N }, (_, k) => String(k + 1).padStart(3, '0')));
    expect(new Set(tickets.map((t) => t.orderId)).size).toBe(N);

    const { bindings } = await api<{
      bindings: { sha256: string; orderId: string; ticketId: string | null; id: string }[];
    }>(desk.url, 'queue.bindings', { eventId: event.id });
    // every photo taken is bound exactly once, to the student who was scanned
    expect(bindings.length).toBe(expected.size);
    expect(new Set(bindings.map((b) => b.sha256)).size).toBe(bindings.length);
    for (const b of bindings) expect(b.orderId).toBe(expected.get(b.sha256));
    for (const b of bindings) {
      const t = tickets.find((x) => x.id === b.ticketId)!;
      expect(t.orderId).toBe(b.orderId);
    }
    // and the photo is on that order at the desk
    for (const s of students.filter((x) => x.shots > 0).slice(0, 20)) {
      const { photos } = await api<{ photos: { sha256: string; kind: string }[] }>(desk.url, 'photos.list', {
        orderId: s.orderId,
      });
      const mine = [...expected].filter(([, o]) => o === s.orderId).map(([sha]) => sha);
      expect(
        photos
          .filter((p) => p.kind === 'original')
          .map((p) => p.sha256)
          .sort(),
      ).toEqual(mine.sort());
    }
    for (const s of students) {
      const t = tickets.find((x) => x.orderId === s.orderId)!;
      expect(t.state).toBe(s.shots > 0 ? 'bound' : 'left');
    }
    expect(students.filter((s) => s.shots > 0).length).toBeGreaterThan(N * 0.9);
    // the LAN drop really happened: some bindings arrived late, marked offline
    const late = await api<{ bindings: { offline: boolean }[] }>(desk.url, 'queue.bindings', { eventId: event.id });
    expect(late.bindings.some((b) => b.offline)).toBe(true);
    process.stdout.write(
      `event test seed ${SEED}: ${N} students, ${expected.size} photos bound, ${late.bindings.filter((b) => b.offline).length} sent after a cut/restart, ${refusals} wrong-ticket binds refused\n`,
    );
    await proxy.close();
  }, 600_000);
});
