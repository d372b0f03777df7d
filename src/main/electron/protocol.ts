import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveStatic } from '../host/static-files';
import { CONTENT_SECURITY_POLICY } from '../host/csp';
import { isMediaPath, mediaResponse } from '../captures/media';
import type { PhotoStore } from '../captures/photo-store';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

/** Serve the built renderer under app://studio/ with the same CSP as the web host, and /media/<sha256>.jpg photos. */
export async function appProtocolResponse(
  rendererDir: string,
  requestUrl: string,
  photos?: PhotoStore | null,
): Promise<Response> {
  const url = new URL(requestUrl);
  if (isMediaPath(url.pathname)) {
    return photos ? mediaResponse(photos, url.pathname) : new Response('not ready', { status: 503 });
  }
  let file = resolveStatic(rendererDir, url.pathname);
  if (!file) return new Response('bad path', { status: 400 });
  if (!path.extname(file)) file = path.join(rendererDir, 'index.html');
  try {
    const body = await readFile(file);
    return new Response(body, {
      headers: {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
      },
    });
  } catch {
    return new Response('not found', { status: 404 });
  }
}
