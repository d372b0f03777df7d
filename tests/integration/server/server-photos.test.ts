import { existsSync, readFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { encodePhotoMetadata, type ServerStats } from '../../../src/shared/central';
import { backends, startTestServer, useServer, type TestServer } from './harness';
import { photoBytes, sha256 } from './fixtures';

// Photos by tus 1.0 against the reference server: creation, HEAD offset, PATCH append, sha256 check on
// the last byte, the repeated-POST trap, and a server stopped between the last byte and the check.

const TUS = { 'Tus-Resumable': '1.0.0' };

async function create(s: TestServer, token: string, bytes: Buffer, sha = sha256(bytes), length = bytes.length) {
  return s.call('POST', '/v1/photos', {
    token,
    headers: { ...TUS, 'Upload-Length': String(length), 'Upload-Metadata': encodePhotoMetadata(sha) },
  });
}

/** tus creation-with-upload: the POST carries the bytes (what the station does for a photo never tried before). */
async function createWith(s: TestServer, token: string, bytes: Buffer, sha = sha256(bytes)) {
  return s.call('POST', '/v1/photos', {
    token,
    raw: bytes,
    headers: {
      ...TUS,
      'Upload-Length': String(bytes.length),
      'Upload-Metadata': encodePhotoMetadata(sha),
      'Content-Type': 'application/offset+octet-stream',
    },
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

async function stats(s: TestServer): Promise<ServerStats> {
  return (await s.call('GET', '/v1/admin/stats', { token: await s.adminToken() })).json() as ServerStats;
}

describe.each(backends())('tus photo uploads ($name)', (backend) => {
  const srv = useServer(backend, { maxPhotoBytes: 1024 * 1024 });

  it('POST creates /v1/photos/{sha256}; HEAD gives the offset; PATCH appends; the last byte is verified', async () => {
    const token = await srv().stationToken('照片机');
    const bytes = photoBytes(50_000, 7);
    const sha = sha256(bytes);
    const created = await create(srv(), token, bytes);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/v1/photos/${sha}`);
    expect((await head(srv(), token, sha)).headers.get('upload-offset')).toBe('0');
    const half = await patch(srv(), token, sha, 0, bytes.subarray(0, 20_000));
    expect(half.status).toBe(204);
    expect(half.headers.get('upload-offset')).toBe('20000');
    const h = await head(srv(), token, sha);
    expect([h.headers.get('upload-offset'), h.headers.get('upload-length')]).toEqual(['20000', '50000']);
    expect(await srv().server.services.photos.isStored(sha)).toBe(false);
    // a PATCH at the wrong offset is refused and appends nothing
    expect((await patch(srv(), token, sha, 0, bytes.subarray(0, 100))).status).toBe(409);
    expect((await head(srv(), token, sha)).headers.get('upload-offset')).toBe('20000');
    const rest = await patch(srv(), token, sha, 20_000, bytes.subarray(20_000));
    expect(rest.status).toBe(204);
    expect(await srv().server.services.photos.isStored(sha)).toBe(true);
    expect(readFileSync(path.join(srv().dataDir, 'photos', sha)).equals(bytes)).toBe(true);
    const st = (await stats(srv())).stations.find((x) => x.station === '照片机');
    expect(st).toMatchObject({ photos: 1, photoBytes: 50_000 });
  });

  it('a second POST of a complete photo points at it and does not reset it (the naming-function trap)', async () => {
    const token = await srv().stationToken('重复机');
    const bytes = photoBytes(30_000, 11);
    const sha = sha256(bytes);
    await create(srv(), token, bytes);
    await patch(srv(), token, sha, 0, bytes);
    for (let i = 0; i < 3; i++) {
      const again = await create(srv(), token, bytes);
      expect(again.status).toBe(201);
      expect(again.headers.get('location')).toBe(`/v1/photos/${sha}`);
      expect(again.headers.get('upload-offset')).toBe('30000');
    }
    const h = await head(srv(), token, sha);
    expect(h.headers.get('upload-offset')).toBe('30000');
    expect(readFileSync(path.join(srv().dataDir, 'photos', sha)).equals(bytes)).toBe(true);
    // and it is never uploaded again: a PATCH from 0 is refused
    expect((await patch(srv(), token, sha, 0, bytes)).status).toBe(409);
    expect(readFileSync(path.join(srv().dataDir, 'photos', sha)).equals(bytes)).toBe(true);
    expect((await stats(srv())).stations.find((x) => x.station === '重复机')).toMatchObject({ photos: 1 });
  });

  it('creation-with-upload: one POST with the bytes stores and verifies the photo; a repeated one resets nothing', async () => {
    const token = await srv().stationToken('一次机');
    const bytes = photoBytes(25_000, 59);
    const sha = sha256(bytes);
    const created = await createWith(srv(), token, bytes);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/v1/photos/${sha}`);
    expect(created.headers.get('upload-offset')).toBe('25000');
    expect(await srv().server.services.photos.isStored(sha)).toBe(true);
    // the repeat-POST guard holds with bytes in the POST too: pointed at the complete upload, nothing appended
    for (let i = 0; i < 2; i++) {
      const again = await createWith(srv(), token, bytes);
      expect(again.status).toBe(201);
      expect(again.headers.get('upload-offset')).toBe('25000');
    }
    expect(readFileSync(path.join(srv().dataDir, 'photos', sha)).equals(bytes)).toBe(true);
    expect((await stats(srv())).stations.find((x) => x.station === '一次机')).toMatchObject({ photos: 1 });
    // bytes that do not match the sha256 in a POST: refused and deleted
    const claimed = sha256(photoBytes(25_000, 61));
    const bad = await createWith(srv(), token, bytes, claimed);
    expect(bad.status).toBe(460);
    expect((await head(srv(), token, claimed)).status).toBe(404);
    expect(existsSync(path.join(srv().dataDir, 'photos', claimed))).toBe(false);
    expect(await srv().server.services.photos.isStored(claimed)).toBe(false);
  });

  it('a second POST of a partial upload keeps its bytes: resume at the stored offset', async () => {
    const token = await srv().stationToken('续传机');
    const bytes = photoBytes(40_000, 13);
    const sha = sha256(bytes);
    await create(srv(), token, bytes);
    await patch(srv(), token, sha, 0, bytes.subarray(0, 16_384));
    const again = await create(srv(), token, bytes);
    expect(again.status).toBe(201);
    expect(again.headers.get('upload-offset')).toBe('16384');
    expect((await head(srv(), token, sha)).headers.get('upload-offset')).toBe('16384');
    expect((await patch(srv(), token, sha, 16_384, bytes.subarray(16_384))).status).toBe(204);
    expect(await srv().server.services.photos.isStored(sha)).toBe(true);
  });

  it('concurrent POSTs of one new photo create it once', async () => {
    const token = await srv().stationToken('并发机');
    const bytes = photoBytes(10_000, 17);
    const sha = sha256(bytes);
    const answers = await Promise.all(Array.from({ length: 6 }, () => create(srv(), token, bytes)));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    expect(new Set(answers.map((a) => a.headers.get('location')))).toEqual(new Set([`/v1/photos/${sha}`]));
    await patch(srv(), token, sha, 0, bytes.subarray(0, 4000));
    await Promise.all(Array.from({ length: 4 }, () => create(srv(), token, bytes)));
    expect((await head(srv(), token, sha)).headers.get('upload-offset')).toBe('4000');
  });

  it('bytes that do not match the sha256 are refused on the last byte and deleted', async () => {
    const token = await srv().stationToken('错误机');
    const bytes = photoBytes(20_000, 19);
    const claimed = sha256(photoBytes(20_000, 23));
    await create(srv(), token, bytes, claimed);
    await patch(srv(), token, claimed, 0, bytes.subarray(0, 10_000));
    const last = await patch(srv(), token, claimed, 10_000, bytes.subarray(10_000));
    expect(last.status).toBe(460);
    expect(last.text).toMatch(/sha256 不符/);
    expect((await head(srv(), token, claimed)).status).toBe(404);
    expect(existsSync(path.join(srv().dataDir, 'photos', claimed))).toBe(false);
    expect(await srv().server.services.photos.isStored(claimed)).toBe(false);
    // the right bytes can then be uploaded under that sha256
    const right = photoBytes(20_000, 23);
    expect((await create(srv(), token, right)).status).toBe(201);
    expect((await patch(srv(), token, claimed, 0, right)).status).toBe(204);
    expect(await srv().server.services.photos.isStored(claimed)).toBe(true);
  });

  it('the check covers every byte of a resumed upload (hashed as written): a wrong first part is refused', async () => {
    const token = await srv().stationToken('分段机');
    const right = photoBytes(30_000, 29);
    const sha = sha256(right);
    // the first part from other bytes, the last part right: the digest must include the bytes already on disk
    const wrongStart = Buffer.concat([photoBytes(12_000, 31), right.subarray(12_000)]);
    await create(srv(), token, right);
    expect((await patch(srv(), token, sha, 0, wrongStart.subarray(0, 12_000))).status).toBe(204);
    const last = await patch(srv(), token, sha, 12_000, right.subarray(12_000));
    expect(last.status).toBe(460);
    expect(existsSync(path.join(srv().dataDir, 'photos', sha))).toBe(false);
    expect(await srv().server.services.photos.isStored(sha)).toBe(false);
    // wrong bytes in one creation-with-upload POST: refused too
    expect((await createWith(srv(), token, wrongStart, sha)).status).toBe(460);
    expect(await srv().server.services.photos.isStored(sha)).toBe(false);
    // right bytes in three parts, across a repeated POST: stored, and the file is those bytes
    await create(srv(), token, right);
    expect((await patch(srv(), token, sha, 0, right.subarray(0, 5_000))).status).toBe(204);
    expect((await create(srv(), token, right)).headers.get('upload-offset')).toBe('5000');
    expect((await patch(srv(), token, sha, 5_000, right.subarray(5_000, 20_000))).status).toBe(204);
    expect((await patch(srv(), token, sha, 20_000, right.subarray(20_000))).status).toBe(204);
    expect(await srv().server.services.photos.isStored(sha)).toBe(true);
    expect(readFileSync(path.join(srv().dataDir, 'photos', sha)).equals(right)).toBe(true);
  });

  it('refuses a POST without a valid sha256, another length for an existing upload, and a photo too large', async () => {
    const token = await srv().stationToken('拒绝机');
    const bytes = photoBytes(5000, 29);
    const none = await srv().call('POST', '/v1/photos', {
      token,
      headers: { ...TUS, 'Upload-Length': '5000', 'Upload-Metadata': 'filename cC5qcGc=' },
    });
    expect(none.status).toBe(400);
    expect(none.json()).toMatchObject({ error: { field: 'Upload-Metadata' } });
    await create(srv(), token, bytes);
    expect((await create(srv(), token, bytes, sha256(bytes), 6000)).status).toBe(409);
    const big = photoBytes(16, 31);
    expect((await create(srv(), token, big, sha256(big), 2 * 1024 * 1024)).status).toBe(413);
  });

  it('needs a station token for POST, HEAD and PATCH', async () => {
    const bytes = photoBytes(1000, 37);
    const sha = sha256(bytes);
    expect((await create(srv(), 'cst_wrong', bytes)).status).toBe(401);
    expect((await head(srv(), '', sha)).status).toBe(401);
    expect((await patch(srv(), '', sha, 0, bytes)).status).toBe(401);
  });
});

describe.each(backends())('tus photo uploads across a server stop ($name)', (backend) => {
  it('a full upload the server did not verify before it stopped is verified on HEAD; bad bytes are deleted', async () => {
    const s = await startTestServer(backend);
    try {
      const token = await s.stationToken('重启机');
      const good = photoBytes(12_000, 41);
      const bad = photoBytes(12_000, 43);
      const badSha = sha256(photoBytes(12_000, 47));
      await create(s, token, good);
      await patch(s, token, sha256(good), 0, good.subarray(0, 11_999));
      await create(s, token, bad, badSha);
      await patch(s, token, badSha, 0, bad.subarray(0, 11_999));
      await s.server.close();
      // the last byte reached the disk, then the server died before its check
      appendFileSync(path.join(s.dataDir, 'photos', sha256(good)), good.subarray(11_999));
      appendFileSync(path.join(s.dataDir, 'photos', badSha), bad.subarray(11_999));
      await s.restart();
      expect(await s.server.services.photos.isStored(sha256(good))).toBe(false);
      const h = await head(s, token, sha256(good));
      expect(h.headers.get('upload-offset')).toBe('12000');
      expect(await s.server.services.photos.isStored(sha256(good))).toBe(true);
      expect((await head(s, token, badSha)).status).toBe(404);
      expect(existsSync(path.join(s.dataDir, 'photos', badSha))).toBe(false);
      expect(await s.server.services.photos.isStored(badSha)).toBe(false);
    } finally {
      await s.close();
    }
  });

  it('the tus-js-client the station uses uploads a photo, and resumes one after the server restarts', async () => {
    const { Upload } = await import('tus-js-client');
    const s = await startTestServer(backend);
    try {
      const token = await s.stationToken('客户端机');
      const bytes = photoBytes(300_000, 53);
      const sha = sha256(bytes);
      const upload = (chunkSize: number, uploadUrl?: string) =>
        new Promise<string>((resolve, reject) => {
          const u = new Upload(bytes, {
            endpoint: `${s.url}/v1/photos`,
            uploadUrl,
            chunkSize,
            retryDelays: [0, 50, 100],
            metadata: { sha256: sha },
            headers: { Authorization: `Bearer ${token}` },
            onError: reject,
            onSuccess: () => resolve(u.url!),
          });
          u.start();
        });
      // first attempt: one 100 KB chunk, then stop the server as if the connection were cut
      await create(s, token, bytes);
      await patch(s, token, sha, 0, bytes.subarray(0, 100_000));
      await s.restart();
      const url = await upload(64 * 1024, `${s.url}/v1/photos/${sha}`);
      expect(url).toBe(`${s.url}/v1/photos/${sha}`);
      expect(await s.server.services.photos.isStored(sha)).toBe(true);
      expect(readFileSync(path.join(s.dataDir, 'photos', sha)).equals(bytes)).toBe(true);
      // only what the server did not have (counted once the PATCH is answered, hence waitFor)
      await vi.waitFor(() => expect(s.server.services.photos.bytesAppended).toBe(200_000));
      // a fresh upload of the same photo (no stored URL) finds it complete and sends nothing again
      await upload(64 * 1024);
      expect(s.server.services.photos.bytesAppended).toBe(200_000);
      expect(readFileSync(path.join(s.dataDir, 'photos', sha)).equals(bytes)).toBe(true);
    } finally {
      await s.close();
    }
  });
});
