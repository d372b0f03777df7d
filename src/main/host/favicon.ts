import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { appRoot } from '../kernel/paths';

// The app icon for a browser that asks for /favicon.ico (the UI links its own bundled icon; a browser opening a
// receipt PDF or an export link still asks this path). Same drawing as the installers' icon (resources/icons).

export const FAVICON_PATH = '/favicon.ico';

/** Where icon.ico sits: `<resources>/icons` of a packed app, else the repository's `resources/icons`. */
export function faviconFile(exists: (file: string) => boolean = existsSync): string | null {
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    ...(resourcesPath ? [path.join(resourcesPath, 'icons', 'icon.ico')] : []),
    path.join(appRoot(), 'resources', 'icons', 'icon.ico'),
  ];
  return candidates.find((f) => exists(f)) ?? null;
}

export function serveFavicon(res: ServerResponse, file: string | null = faviconFile()): void {
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    return;
  }
  res.writeHead(200, {
    'content-type': 'image/x-icon',
    'content-length': statSync(file).size,
    'cache-control': 'public, max-age=86400',
    'x-content-type-options': 'nosniff',
  });
  createReadStream(file).pipe(res);
}
