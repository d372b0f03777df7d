import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.onnx': 'application/octet-stream',
};

/** Resolve a URL path inside root, refusing anything that escapes it. */
export function resolveStatic(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rel = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = path.resolve(root, rel);
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  return full;
}

/** Serve a file from root; unknown paths fall back to index.html (single-page app). */
export function serveStatic(root: string, urlPath: string, res: ServerResponse, csp: string): void {
  let file = resolveStatic(root, urlPath);
  if (!file) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('bad path');
    return;
  }
  let st = safeStat(file);
  if (!st?.isFile()) {
    if (path.extname(file)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    file = path.join(root, 'index.html');
    st = safeStat(file);
  }
  if (!st?.isFile()) {
    res
      .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
      .end('界面尚未构建：请先运行 npm run build（UI not built: run `npm run build`).');
    return;
  }
  const ext = path.extname(file);
  res.writeHead(200, {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'content-length': st.size,
    'cache-control': ext === '.html' ? 'no-cache' : 'public, max-age=3600',
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
  });
  createReadStream(file).pipe(res);
}

function safeStat(file: string) {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}
