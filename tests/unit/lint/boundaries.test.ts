import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rules are enforced by `npm run lint`; these files are linted as if they lived in each layer.
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('import boundaries', () => {
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
});
