import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { encodePhotoMetadata, type ServerStats } from '../../../src/shared/central';
import type { S3PhotoConfig } from '../../../src/server';
import { backends, startTestServer, type TestServer } from './harness';
import { photoBytes, sha256 } from './fixtures';

// Photos in S3-compatible storage (`studio server --s3-bucket NAME --s3-endpoint URL`, @tus/s3-store) against a
// local S3 server on 127.0.0.1 (moto's `moto_server`: it answers the multipart calls @tus/s3-store makes on every
// HEAD and PATCH — ListParts, AbortMultipartUpload — which s3rver does not implement). Every guarantee of the
// filesystem store: sha256 on the last byte, wrong bytes refused and deleted, a complete photo never uploaded
// again (a second POST resets nothing), resume after a cut request and after a restart, the console's photo
// route and the stats read the bucket. moto_server is found on PATH, in pyenv's folders, or at
// STUDIO_TEST_MOTO_SERVER; without it the suite is skipped with one message, except on CI (CI=true), where it fails.

const TUS = { 'Tus-Resumable': '1.0.0' };
const CREDENTIALS = { accessKeyId: 'studio-test', secretAccessKey: 'studio-test-secret' };

interface LocalS3 {
  endpoint: string;
  stop(): Promise<void>;
}

function findMotoServer(): string | null {
  const exe = process.platform === 'win32' ? 'moto_server.exe' : 'moto_server';
  const candidates = [
    process.env.STUDIO_TEST_MOTO_SERVER ?? '',
    ...(process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, exe)),
    path.join(os.homedir(), '.pyenv', 'shims', exe),
  ];
  const versions = path.join(os.homedir(), '.pyenv', 'versions');
  if (fs.existsSync(versions))
    for (const v of fs.readdirSync(versions).sort().reverse()) candidates.push(path.join(versions, v, 'bin', exe));
  return candidates.find((c) => c && fs.existsSync(c)) ?? null;
}

const motoServer = findMotoServer();
if (!motoServer && !process.env.CI)
  console.warn('server-s3: moto_server 未安装，跳过 S3 测试（pip install "moto[server]"）');

/** moto_server on 127.0.0.1, a free port; in memory (nothing written outside the process). */
async function startLocalS3(): Promise<LocalS3> {
  if (!motoServer) throw new Error('moto_server not found (pip install "moto[server]" or set STUDIO_TEST_MOTO_SERVER)');
  const child: ChildProcess = spawn(motoServer, ['-H', '127.0.0.1', '-p', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString('utf8');
      const m = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', (e) =>
      reject(new Error(`moto_server 无法启动（pip install "moto[server]"）: ${(e as Error).message}`)),
    );
    child.once('exit', (code) => reject(new Error(`moto_server exited ${code}: ${out}`)));
  });
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const suite = motoServer || process.env.CI ? describe : describe.skip;

let s3: LocalS3;
beforeAll(async () => {
  if (motoServer || process.env.CI) s3 = await startLocalS3();
}, 30_000);
afterAll(async () => {
  await s3?.stop();
});

let bucketSeq = 0;
async function newBucket(): Promise<S3PhotoConfig> {
  const bucket = `studio-photos-${process.pid}-${++bucketSeq}`;
  const res = await fetch(`${s3.endpoint}/${bucket}`, { method: 'PUT' });
  expect(res.status).toBe(200);
  return { bucket, endpoint: s3.endpoint, region: 'us-east-1', credentials: CREDENTIALS };
}

async function objectBytes(cfg: S3PhotoConfig, key: string): Promise<Buffer | null> {
  const res = await fetch(`${s3.endpoint}/${cfg.bucket}/${key}`);
  if (res.status === 404) return null;
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function objectKeys(cfg: S3PhotoConfig): Promise<string[]> {
  const xml = await (await fetch(`${s3.endpoint}/${cfg.bucket}?list-type=2`)).text();
  return [...xml.matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1]!);
}

async function create(s: TestServer, token: string, bytes: Buffer, sha = sha256(bytes)) {
  return s.call('POST', '/v1/photos', {
    token,
    headers: { ...TUS, 'Upload-Length': String(bytes.length), 'Upload-Metadata': encodePhotoMetadata(sha) },
  });
}

async function patch(s: TestServer, token: string, sha: string, offset: number, chunk: Buffer) {
  return s.call('PATCH', `/v1/photos/${sha}`, {
    token,
    raw: chunk,
    headers: { ...TUS, 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
  });
}

async function head(s: TestServer, token: string, sha: string) {
  return s.call('HEAD', `/v1/photos/${sha}`, { token, headers: TUS });
}

/** A PATCH whose connection is cut after `sent` of its bytes (announced with the full Content-Length). */
async function cutPatch(s: TestServer, token: string, sha: string, offset: number, chunk: Buffer, sent: number) {
  const url = new URL(`${s.url}/v1/photos/${sha}`);
  await new Promise<void>((resolve) => {
    const req = http.request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'PATCH',
      headers: {
        ...TUS,
        authorization: `Bearer ${token}`,
        'Upload-Offset': String(offset),
        'Content-Type': 'application/offset+octet-stream',
        'Content-Length': String(chunk.length),
      },
    });
    req.on('error', () => resolve());
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.write(chunk.subarray(0, sent), () => setTimeout(() => req.destroy(), 100));
    req.on('close', () => resolve());
  });
}

suite.each(backends())('photos in S3-compatible storage ($name)', (backend) => {
  it('uploads by tus into the bucket: verified on the last byte, a second POST resets nothing, stats and the console read it', async () => {
    const cfg = await newBucket();
    const s = await startTestServer(backend, { maxPhotoBytes: 1024 * 1024, s3: cfg });
    try {
      expect(s.server.services.photos.describeStorage()).toBe(`s3://${cfg.bucket} (${s3.endpoint})`);
      const token = await s.stationToken('云存储机');
      const bytes = photoBytes(50_000, 7);
      const sha = sha256(bytes);
      const created = await create(s, token, bytes);
      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toBe(`/v1/photos/${sha}`);
      expect((await head(s, token, sha)).headers.get('upload-offset')).toBe('0');
      const half = await patch(s, token, sha, 0, bytes.subarray(0, 20_000));
      expect(half.status).toBe(204);
      expect(half.headers.get('upload-offset')).toBe('20000');
      const h = await head(s, token, sha);
      expect([h.headers.get('upload-offset'), h.headers.get('upload-length')]).toEqual(['20000', '50000']);
      expect(await s.server.services.photos.isStored(sha)).toBe(false);
      // a PATCH at the wrong offset is refused and appends nothing
      expect((await patch(s, token, sha, 0, bytes.subarray(0, 100))).status).toBe(409);
      expect((await head(s, token, sha)).headers.get('upload-offset')).toBe('20000');
      expect((await patch(s, token, sha, 20_000, bytes.subarray(20_000))).status).toBe(204);
      expect(await s.server.services.photos.isStored(sha)).toBe(true);
      // the object in the bucket is the photo
      expect((await objectBytes(cfg, sha))?.equals(bytes)).toBe(true);
      // a complete photo is never uploaded again: a second POST points at it, a PATCH from 0 is refused
      for (let i = 0; i < 2; i++) {
        const again = await create(s, token, bytes);
        expect(again.status).toBe(201);
        expect(again.headers.get('upload-offset')).toBe('50000');
      }
      expect((await patch(s, token, sha, 0, bytes)).status).toBe(409);
      expect((await head(s, token, sha)).headers.get('upload-offset')).toBe('50000');
      expect((await objectBytes(cfg, sha))?.equals(bytes)).toBe(true);
      const stats = (await s.call('GET', '/v1/admin/stats', { token: await s.adminToken() })).json() as ServerStats;
      expect(stats.stations.find((x) => x.station === '云存储机')).toMatchObject({ photos: 1, photoBytes: 50_000 });
      expect((await s.server.services.photos.photoBytes(sha))?.equals(bytes)).toBe(true);
      // the review console's photo route answers the bytes from the bucket
      await s.server.services.users.create('审核员甲', 'reviewer', 'correct horse battery');
      const login = await fetch(`${s.url}/console/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: '审核员甲', password: 'correct horse battery' }),
      });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      const photo = await fetch(`${s.url}/console/photos/${sha}`, { headers: { cookie } });
      expect(photo.status).toBe(200);
      expect(photo.headers.get('content-type')).toBe('image/jpeg');
      expect(Buffer.from(await photo.arrayBuffer()).equals(bytes)).toBe(true);
      expect((await fetch(`${s.url}/console/photos/${'0'.repeat(64)}`, { headers: { cookie } })).status).toBe(404);
    } finally {
      await s.close();
    }
  });

  it('wrong bytes are refused on the last byte and deleted from the bucket (PATCH and creation-with-upload)', async () => {
    const cfg = await newBucket();
    const s = await startTestServer(backend, { s3: cfg });
    try {
      const token = await s.stationToken('校验机');
      const bytes = photoBytes(30_000, 21);
      const claimed = sha256(photoBytes(30_000, 23));
      expect((await create(s, token, bytes, claimed)).status).toBe(201);
      expect((await patch(s, token, claimed, 0, bytes.subarray(0, 10_000))).status).toBe(204);
      const bad = await patch(s, token, claimed, 10_000, bytes.subarray(10_000));
      expect(bad.status).toBe(460);
      expect((await head(s, token, claimed)).status).toBe(404);
      expect(await s.server.services.photos.isStored(claimed)).toBe(false);
      expect((await objectKeys(cfg)).filter((k) => k.startsWith(claimed))).toEqual([]);
      // creation-with-upload: the POST carries wrong bytes
      const other = sha256(photoBytes(30_000, 25));
      const post = await s.call('POST', '/v1/photos', {
        token,
        raw: bytes,
        headers: {
          ...TUS,
          'Upload-Length': String(bytes.length),
          'Upload-Metadata': encodePhotoMetadata(other),
          'Content-Type': 'application/offset+octet-stream',
        },
      });
      expect(post.status).toBe(460);
      expect((await head(s, token, other)).status).toBe(404);
      expect(await objectKeys(cfg)).toEqual([]);
      // the right bytes under their own sha256 are then accepted
      const good = sha256(bytes);
      await create(s, token, bytes);
      expect((await patch(s, token, good, 0, bytes)).status).toBe(204);
      expect(await s.server.services.photos.isStored(good)).toBe(true);
      expect((await objectBytes(cfg, good))?.equals(bytes)).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('a request cut mid-photo resumes at the offset the server has, and tus-js-client resumes after a restart', async () => {
    const { Upload } = await import('tus-js-client');
    const cfg = await newBucket();
    const s = await startTestServer(backend, { s3: cfg });
    try {
      const token = await s.stationToken('续传机');
      const bytes = photoBytes(300_000, 53);
      const sha = sha256(bytes);
      await create(s, token, bytes);
      expect((await patch(s, token, sha, 0, bytes.subarray(0, 100_000))).status).toBe(204);
      // the connection is cut 50 KB into the next 200 KB
      await cutPatch(s, token, sha, 100_000, bytes.subarray(100_000), 50_000);
      const offset = Number((await head(s, token, sha)).headers.get('upload-offset'));
      expect(offset).toBeGreaterThanOrEqual(100_000);
      expect(offset).toBeLessThanOrEqual(150_000);
      expect(await s.server.services.photos.isStored(sha)).toBe(false);
      expect(await objectBytes(cfg, sha)).toBeNull(); // no half photo stored as the photo
      // the server restarts (its caches are gone; the bucket is the truth) and the station's client resumes
      await s.restart();
      const appendedBefore = s.server.services.photos.bytesAppended;
      expect(appendedBefore).toBe(0);
      const upload = (uploadUrl?: string) =>
        new Promise<string>((resolve, reject) => {
          const u = new Upload(bytes, {
            endpoint: `${s.url}/v1/photos`,
            uploadUrl,
            chunkSize: 64 * 1024,
            retryDelays: [0, 50, 100],
            metadata: { sha256: sha },
            headers: { Authorization: `Bearer ${token}` },
            onError: reject,
            onSuccess: () => resolve(u.url!),
          });
          u.start();
        });
      expect(await upload(`${s.url}/v1/photos/${sha}`)).toBe(`${s.url}/v1/photos/${sha}`);
      expect(await s.server.services.photos.isStored(sha)).toBe(true);
      expect((await objectBytes(cfg, sha))?.equals(bytes)).toBe(true);
      // only what the server did not have was sent again
      await vi.waitFor(() => expect(s.server.services.photos.bytesAppended).toBe(300_000 - offset));
      // a fresh upload of the same photo finds it complete and sends nothing
      await upload();
      expect(s.server.services.photos.bytesAppended).toBe(300_000 - offset);
      expect((await objectBytes(cfg, sha))?.equals(bytes)).toBe(true);
      // only the photo and tus's info object are left in the bucket
      expect((await objectKeys(cfg)).sort()).toEqual([sha, `${sha}.info`]);
    } finally {
      await s.close();
    }
  });

  it('a photo completed in the bucket but not checked (server stopped in between) is checked on the next HEAD', async () => {
    const cfg = await newBucket();
    const s = await startTestServer(backend, { s3: cfg });
    try {
      const token = await s.stationToken('断电机');
      const good = photoBytes(12_000, 41);
      const bad = photoBytes(12_000, 43);
      const badSha = sha256(photoBytes(12_000, 47));
      await create(s, token, good);
      await create(s, token, bad, badSha);
      // the bytes reach the bucket through the store alone: no tus onUploadFinish, so no check and no photos row
      const store = s.server.services.photos.store;
      await store.write(Readable.from([good]), sha256(good), 0);
      await store.write(Readable.from([bad]), badSha, 0);
      await s.restart();
      expect(await s.server.services.photos.isStored(sha256(good))).toBe(false);
      const h = await head(s, token, sha256(good));
      expect(h.headers.get('upload-offset')).toBe('12000');
      expect(await s.server.services.photos.isStored(sha256(good))).toBe(true);
      expect((await head(s, token, badSha)).status).toBe(404);
      expect(await s.server.services.photos.isStored(badSha)).toBe(false);
      expect((await objectKeys(cfg)).sort()).toEqual([sha256(good), `${sha256(good)}.info`].sort());
    } finally {
      await s.close();
    }
  });

  it('refuses to start when the bucket cannot be reached', async () => {
    const cfg = { ...(await newBucket()), bucket: `missing-${process.pid}` };
    await expect(startTestServer(backend, { s3: cfg })).rejects.toThrow(/S3 存储桶不可用/);
  });
});
