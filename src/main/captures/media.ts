import { createReadStream, existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import type { PhotoStore } from './photo-store';
import { sniffImageMime } from './photo-store';

// GET /media/<sha256>.jpg: stored photos for the UI, on the web host and the app:// protocol alike.

export const MEDIA_PATH_PATTERN = /^\/media\/([0-9a-f]{64})\.jpg$/;

export function isMediaPath(pathname: string): boolean {
  return pathname.startsWith('/media/');
}

function locate(store: PhotoStore, pathname: string): { file: string; mime: string; size: number } | null {
  const m = MEDIA_PATH_PATTERN.exec(pathname);
  if (!m) return null;
  const file = store.pathOf(m[1]!);
  if (!existsSync(file)) return null;
  const head = Buffer.alloc(12);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 12, 0);
  } finally {
    closeSync(fd);
  }
  return { file, mime: sniffImageMime(head) ?? 'application/octet-stream', size: statSync(file).size };
}

export function serveMedia(store: PhotoStore, pathname: string, res: ServerResponse): void {
  const found = locate(store, pathname);
  if (!found) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('照片不存在');
    return;
  }
  res.writeHead(200, {
    'content-type': found.mime,
    'content-length': found.size,
    // content-addressed: a given URL never changes, but photos are personal data: keep them out of shared caches
    'cache-control': 'private, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
  });
  createReadStream(found.file).pipe(res);
}

export async function mediaResponse(store: PhotoStore, pathname: string): Promise<Response> {
  const found = locate(store, pathname);
  if (!found) return new Response('照片不存在', { status: 404 });
  return new Response(await readFile(found.file), {
    headers: { 'content-type': found.mime, 'cache-control': 'private, max-age=31536000, immutable' },
  });
}
