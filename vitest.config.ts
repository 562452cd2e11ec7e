import { defineConfig } from 'vitest/config';

/**
 * Projects:
 * - pglite: unit tests and integration tests, each file on a fresh in-memory PGlite;
 * - postgres: the same integration tests on the PostgreSQL server at TEST_DATABASE_URL (a fresh
 *   database per file), present only when that variable is set (.ci/run sets it);
 * - start: `npm start` and the compiled server, in child processes;
 * - browser: end-to-end tests in headless Chromium against a running server.
 */
const integration = ['src/server/**/*.test.ts', 'test/integration/**/*.test.ts'];
/** Files that need a database server (several processes on one database). */
const serverOnly = ['**/*.pg.test.ts'];
/**
 * Heavy tests (thousands of generated requests) that check the application, not the database or
 * the Node version: they run once, in the PGlite project, and not in a lighter second pass on
 * another Node version (ZHIAN_LIGHT=1, see .ci/run).
 */
const heavy = ['**/fuzz.test.ts'];
const projects: any[] = [
  {
    test: {
      name: 'pglite',
      include: ['src/**/*.test.ts', 'test/integration/**/*.test.ts'],
      exclude: [...serverOnly, ...(process.env.ZHIAN_LIGHT === '1' ? heavy : [])],
      env: { ZHIAN_TEST_DB: 'pglite' },
      testTimeout: 30_000,
      // the first file of a run also seeds the demo company that every file then copies
      hookTimeout: 180_000,
    },
  },
];
if (process.env.TEST_DATABASE_URL) {
  projects.push({
    test: { name: 'postgres', include: integration, exclude: heavy, env: { ZHIAN_TEST_DB: 'postgres' }, testTimeout: 30_000, hookTimeout: 180_000 },
  });
}
// `npm start` itself (the compiled server in a child process): once, on one database
projects.push({ test: { name: 'start', include: ['test/start/**/*.test.ts'], testTimeout: 150_000, hookTimeout: 180_000 } });
projects.push({
  test: { name: 'browser', include: ['test/browser/**/*.test.ts'], testTimeout: 90_000, hookTimeout: 120_000, fileParallelism: false },
});

export default defineConfig({
  test: {
    projects,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
