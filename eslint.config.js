import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

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
