import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { faviconFile } from '../../../src/main/host/favicon';

// electron-builder cannot run here (no Electron download), so the packaging config is checked against the files
// the code asks for: what the packed app looks up under <resources> must be shipped there by extraResources.

interface ExtraResource {
  from: string;
  to: string;
  filter?: string[];
}
const config = parse(readFileSync('electron-builder.yml', 'utf8')) as {
  extraResources: ExtraResource[];
  win: { icon: string };
  mac: { icon: string };
  linux: { icon: string };
};

/** The repository file that lands at `<resources>/<rel>` in a packed app, or null when none is shipped there. */
function shippedFrom(rel: string): string | null {
  for (const r of config.extraResources) {
    if (!rel.startsWith(`${r.to}/`)) continue;
    const name = rel.slice(r.to.length + 1);
    const ok = (r.filter ?? ['**/*']).some((f) =>
      new RegExp(
        `^${f
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*\*\/\*/g, '.*')
          .replace(/\*/g, '[^/]*')}$`,
      ).test(name),
    );
    if (ok) return path.join(r.from, name);
  }
  return null;
}

const saved = (process as { resourcesPath?: string }).resourcesPath;
afterEach(() => {
  (process as { resourcesPath?: string }).resourcesPath = saved;
});

describe('electron-builder.yml ships what the packed app reads', () => {
  it('the favicon the host looks for in <resources>/icons is shipped from resources/icons', () => {
    const resources = path.join(path.sep, 'packed', 'resources');
    (process as { resourcesPath?: string }).resourcesPath = resources;
    const asked: string[] = [];
    faviconFile((f) => {
      asked.push(f);
      return false;
    });
    const packed = asked.filter((f) => f.startsWith(resources + path.sep));
    expect(packed.length).toBeGreaterThan(0);
    for (const f of packed) {
      const source = shippedFrom(path.relative(resources, f).split(path.sep).join('/'));
      expect(source, f).not.toBeNull();
      expect(existsSync(source!), source!).toBe(true);
    }
  });

  it('the window PNGs are shipped too; the installers’ icons exist', () => {
    for (const rel of ['icons/icon.png', 'icons/icon-512.png']) expect(existsSync(shippedFrom(rel) ?? '')).toBe(true);
    expect(shippedFrom('icons/icon.svg')).toBeNull();
    for (const icon of [config.win.icon, config.mac.icon, config.linux.icon]) expect(existsSync(icon), icon).toBe(true);
  });
});
