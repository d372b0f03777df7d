// Refresh the README's pictures in docs/screenshots/: the tests that take them (the receipt PDFs, the e2e journeys)
// run with STUDIO_SCREENSHOTS=1. A plain `npm test` takes none, so the working tree stays clean.
//   npm run screenshots             all of them
//   npm run screenshots -- tests/e2e/events.e2e.ts    only these e2e files (receipts are always redone: fast)
import { spawnSync } from 'node:child_process';

const env = { ...process.env, STUDIO_SCREENSHOTS: '1' };
const run = (cmd, args) => {
  console.log(`[screenshots] ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run('npm', ['run', 'build']);
run('npx', ['vitest', 'run', '--project', 'integration', 'tests/integration/receipts/receipt-pdf.test.ts']);
run('npx', ['playwright', 'test', ...process.argv.slice(2)]);
console.log('[screenshots] docs/screenshots/ refreshed: review with `git diff --stat docs/screenshots` and commit');
