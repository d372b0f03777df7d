import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rules are enforced by `npm run lint`; these files are linted as if they lived in each layer.
// Generous timeouts: the cycle rule follows every import of the file it lints (the first lint of a file that
// imports core/studio parses much of src/main), which takes long on a loaded machine.
const slow = { timeout: 120_000 };
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('import boundaries', slow, () => {
  it.each([
    ["import { readFileSync } from 'node:fs'; export const x = readFileSync;", 'src/renderer/bad-node.ts'],
    ["import fs from 'fs'; export const x = fs;", 'src/renderer/pages/bad-fs.tsx'],
    ["import { createStudio } from '../main/core/studio'; export const x = createStudio;", 'src/renderer/bad-main.ts'],
    ["import { app } from 'electron'; export const x = app;", 'src/renderer/bad-electron.ts'],
    ["import path from 'node:path'; export const x = path;", 'src/shared/bad-node.ts'],
    ["import { t } from '../renderer/i18n/zh-CN/index'; export const x = t;", 'src/shared/bad-layer.ts'],
    ["import { createStudio } from '../main/core/studio'; export const x = createStudio;", 'src/shared/bad-main.ts'],
  ])('rejects %s in %s', async (code, file) => {
    expect(await ruleIds(code, file)).toContain('no-restricted-imports');
  });

  it('allows the renderer to use shared code', async () => {
    expect(
      await ruleIds(
        "import { formatFen } from '../shared/domain/event'; export const x = formatFen;",
        'src/renderer/ok.ts',
      ),
    ).toEqual([]);
  });

  it('allows main to use Node built-ins', async () => {
    expect(await ruleIds("import fs from 'node:fs'; export const x = fs;", 'src/main/ok.ts')).toEqual([]);
  });

  it('keeps raw ipcRenderer out of the renderer', async () => {
    expect(await ruleIds('export const x = window.ipcRenderer;', 'src/renderer/bad-ipc.ts')).toContain(
      'no-restricted-syntax',
    );
  });

  it('keeps the ports below core: a feature folder may not import core/', async () => {
    expect(
      await ruleIds(
        "import type { HandlerGroup } from '../core/handlers'; export type X = HandlerGroup<'app.info'>;",
        'src/main/orders/bad-core.ts',
      ),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIds(
        "import type { HandlerGroup } from '../kernel/handlers'; export type X = HandlerGroup<'app.info'>;",
        'src/main/orders/ok-kernel.ts',
      ),
    ).toEqual([]);
  });
});

describe('feature folders of src/main', slow, () => {
  it.each([
    [
      "import { PhotoRepo } from '../captures/photo-repo'; export const x = PhotoRepo;",
      'src/main/orders/bad-internal.ts',
    ],
    [
      "import type { OrderRepo } from '../orders/order-repo'; export type X = OrderRepo;",
      'src/main/receipts/bad-type.ts',
    ],
    [
      "import { EventRepo } from '../../events/event-repo'; export const x = EventRepo;",
      'src/main/sync/deep/bad-nested.ts',
    ],
  ])("rejects a reach into another feature's internals: %s in %s", async (code, file) => {
    expect(await ruleIds(code, file)).toContain('no-restricted-imports');
  });

  it('allows another feature through its index.ts, and a feature its own files', async () => {
    expect(
      await ruleIds(
        "import { PhotoRepo } from '../captures'; export const x = PhotoRepo;",
        'src/main/orders/ok-index.ts',
      ),
    ).toEqual([]);
    expect(
      await ruleIds(
        "import { toOrderView } from './order-row'; export const x = toOrderView;",
        'src/main/orders/ok-own.ts',
      ),
    ).toEqual([]);
  });

  it('lets the composition root (core/) and the shells build the features from their files', async () => {
    expect(
      await ruleIds(
        "import { PhotoRepo } from '../captures/photo-repo'; export const x = PhotoRepo;",
        'src/main/core/ok-compose.ts',
      ),
    ).toEqual([]);
  });
});

describe('import cycles', slow, () => {
  // real files on disk (the rule follows imports); `ignore: false` because `npm run lint` skips the fixtures
  const withFixtures = new ESLint({ cwd: process.cwd(), ignore: false });
  const cycleRules = async (file: string) => {
    const [result] = await withFixtures.lintFiles([file]);
    return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
  };

  it('rejects a module that imports a module importing it back', async () => {
    expect(await cycleRules('tests/fixtures/lint/cycle/cycle-a.ts')).toContain('import-x/no-cycle');
    expect(await cycleRules('tests/fixtures/lint/cycle/cycle-b.ts')).toContain('import-x/no-cycle');
  });

  it('does not count a type-only import (nothing of it exists at runtime)', async () => {
    expect(await cycleRules('tests/fixtures/lint/cycle/type-only.ts')).toEqual([]);
  });
});
