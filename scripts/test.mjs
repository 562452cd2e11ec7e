// `npm test`: every test. Unit and integration tests on embedded PGlite; the integration tests
// again on PostgreSQL when TEST_DATABASE_URL is set; browser tests in headless Chromium.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureBuilt, root } from './build.mjs';

await ensureBuilt(); // the browser tests drive the built web app; the start-up tests the built server
const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  // one seeded demo database per run, copied by every test file (test/helpers/template.ts)
  env: { ...process.env, ZHIAN_TEST_RUN: process.env.ZHIAN_TEST_RUN ?? String(Date.now()) },
});
process.exit(r.status ?? 1);
