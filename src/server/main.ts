import { buildApp } from './app.js';
import { seedDemo } from './seed/demo.js';
import { enterPlatform } from './platform/work.js';
import { issueSetupLink, setupPath } from './platform/auth/links.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed/demo-data.js';

/** `npm start`: read the environment, migrate, load the demo company on first start, listen. */
async function main() {
  const started = Date.now();
  const { app, platform } = await buildApp();
  const { config } = platform;
  const [{ n }] = await platform.database.owner.query<{ n: string }>('SELECT count(*)::text AS n FROM tenants');
  if (n === '0' && config.demo) {
    app.log.info('empty database: loading the demo company 示例机械制造有限公司 …');
    await seedDemo(platform.database.db, platform.clock, { files: platform.files });
  }
  // First run without the demo: a one-time link to the setup wizard (again on each start until an organisation exists).
  const [{ real }] = await platform.database.owner.query<{ real: string }>('SELECT count(*)::text AS real FROM tenants WHERE NOT demo');
  const setupSecret = real === '0' && !config.demo
    ? await platform.database.db.transaction().execute(async (tx) => {
        await enterPlatform(tx);
        return issueSetupLink(tx, platform.clock.now());
      })
    : null;
  await app.listen({ port: config.port, host: config.host });
  const address = `http://localhost:${config.port}`;
  const lines = [
    '',
    `  智安 Zhi'an ${config.version} is running at ${address}`,
    `  database: ${platform.database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL server'}`,
    `  API docs: ${address}/api/v1/docs`,
  ];
  if (config.demo) {
    lines.push(`  demo accounts (password ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.username.padEnd(11)} ${a.name}（${a.position}）`);
  }
  if (setupSecret) {
    lines.push(`  no organisation yet: set one up (link valid 24 h; a new one: npm run zhian -- setup-link):`);
    lines.push(`    ${config.publicOrigins[0] ?? address}${setupPath(setupSecret)}`);
  }
  lines.push(`  ready in ${((Date.now() - started) / 1000).toFixed(1)} s`, '');
  console.log(lines.join('\n'));

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await platform.database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
