import { describe, expect, it } from 'vitest';
import { encodePhotoMetadata } from '../../../src/shared/central';
import { backends, startTestServer } from './harness';
import { photoBytes, sha256 } from './fixtures';

// Graceful shutdown: a photo upload in flight when the server is asked to stop is finished and verified
// before the server closes; new connections are refused meanwhile.

describe.each(backends())('graceful shutdown ($name)', (backend) => {
  it('finishes a PATCH in flight, then closes', async () => {
    const s = await startTestServer(backend);
    try {
      const token = await s.stationToken('停机站');
      const bytes = photoBytes(64_000, 61);
      const sha = sha256(bytes);
      await s.call('POST', '/v1/photos', {
        token,
        headers: {
          'Tus-Resumable': '1.0.0',
          'Upload-Length': String(bytes.length),
          'Upload-Metadata': encodePhotoMetadata(sha),
        },
      });
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let sentFirst!: () => void;
      const firstSent = new Promise<void>((r) => (sentFirst = r));
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(bytes.subarray(0, 32_000));
          sentFirst();
          await gate;
          controller.enqueue(bytes.subarray(32_000));
          controller.close();
        },
      });
      const url = s.url;
      const patch = fetch(`${url}/v1/photos/${sha}`, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${token}`,
          'Tus-Resumable': '1.0.0',
          'Upload-Offset': '0',
          'Content-Type': 'application/offset+octet-stream',
        },
        body,
        duplex: 'half',
      } as RequestInit);
      await firstSent;
      // wait until the server holds the request (the bytes are arriving), then ask it to stop
      await expect.poll(async () => (await s.server.services.photos.store.getUpload(sha)).offset).toBeGreaterThan(0);
      const closing = s.server.close();
      release();
      const res = await patch;
      expect(res.status).toBe(204);
      await closing;
      await expect(fetch(`${url}/v1/health`)).rejects.toThrow();
    } finally {
      await s.restart(); // reopen so that close() below has a server to close
      try {
        // a request round trip first: the photo store's own directory check (async, in @tus/file-store's
        // constructor) must be done before the temp dir is removed
        expect((await s.call('GET', '/v1/health')).status).toBe(200);
        expect(await s.server.services.photos.isStored(sha256(photoBytes(64_000, 61)))).toBe(true);
      } finally {
        await s.close();
      }
    }
  });
});
