import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';
import { readdirSync } from 'node:fs';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

// Layer boundaries (see docs/ARCHITECTURE.md): renderer and shared never reach Node, Electron or main.
const rendererBoundary = {
  paths: [
    ...nodeBuiltins.map((name) => ({ name, message: 'src/renderer 与 src/shared 不得使用 Node 内置模块' })),
    { name: 'electron', message: 'src/renderer 与 src/shared 不得直接导入 electron，请通过 StudioClient 调用' },
  ],
  patterns: [
    {
      group: ['**/main', '**/main/**', '**/server/**', '**/preload/**'],
      message: '渲染层只能通过 StudioClient 调用主进程',
    },
    { group: ['node:*'], message: '渲染层不得使用 Node 内置模块' },
  ],
};
const sharedBoundary = {
  paths: rendererBoundary.paths,
  patterns: [
    {
      group: ['**/main', '**/main/**', '**/server/**', '**/preload/**', '**/renderer/**'],
      message: 'src/shared 不得导入其他层',
    },
    { group: ['node:*'], message: 'src/shared 是纯 TypeScript：不得使用 Node 内置模块' },
  ],
};

// src/main: feature folders talk to each other only through each folder's index.ts, and never import core/
// (the composition root that builds them). Shells above core (cli, electron, host) and core itself may reach
// into features; kernel/ (ports) and db/ sit below everything.
const SHELLS = ['core', 'cli', 'electron', 'host'];
const BELOW = ['kernel', 'db'];
const mainFolders = readdirSync(new URL('./src/main/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const features = mainFolders.filter((f) => !SHELLS.includes(f) && !BELOW.includes(f));
// folder names are plain [a-z-] words, safe inside a regular expression
const featureBoundary = (self) => ({
  patterns: [
    {
      regex: `^(\\.\\./)+(${features.filter((f) => f !== self).join('|')})/.+`,
      message: '功能模块之间只能通过对方的 index.ts 导入（例如 ../captures，而不是 ../captures/photo-repo）',
    },
    {
      regex: `^(\\.\\./)+(${SHELLS.join('|')})(/.*)?$`,
      message: '功能模块不得导入 core/、cli/、electron/ 或 host/：端口在 kernel/ 中，由 core/ 组装',
    },
  ],
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'coverage/**',
      'models/**',
      'test-results/**',
      'playwright-report/**',
      // lint fixtures (tests/unit/lint): linted on purpose by the lint test only
      'tests/fixtures/lint/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', rendererBoundary] },
  },
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: { 'no-restricted-imports': ['error', sharedBoundary] },
  },
  ...features.map((feature) => ({
    files: [`src/main/${feature}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', featureBoundary(feature)] },
  })),
  {
    // No import cycles anywhere in the app (type-only imports do not count: they vanish at runtime).
    files: ['src/**/*.{ts,tsx}', 'tests/fixtures/lint/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // Raw IPC only in the two files that own it: everything else goes through the contract.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/preload/**', 'src/main/electron/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "Identifier[name='ipcRenderer']", message: '只能在 src/preload 使用 ipcRenderer' },
        { selector: "Identifier[name='ipcMain']", message: '只能在 src/main/electron 使用 ipcMain' },
      ],
    },
  },
);
