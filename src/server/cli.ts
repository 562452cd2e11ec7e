import { loadConfig } from './platform/config.js';
import { openDatabase, prepareRuntimeRole } from './platform/db/database.js';
import { migrate } from './platform/db/migrate.js';
import { migrationsOf } from './platform/platform.js';
import { verifyAudit } from './platform/audit/verify.js';
import { backup, restore } from './platform/db/backup.js';
import { SystemClock } from './platform/clock.js';
import { seedDemo } from './seed/demo.js';
import { FileStore } from './platform/files/store.js';
import { MODULES } from './modules/index.js';
import path from 'node:path';

const USAGE = `智安 operator commands:
  migrate              apply pending database migrations
  seed-demo [code]     load the demo company (示例机械制造有限公司) as a new tenant
  audit verify         recompute every tenant's audit hash chain; exit 1 on any problem
  backup <file>        write one archive (gzip JSON) of all data and the uploaded files
  restore <file>       check an archive and replace all data and files with it (same schema version)
Uses DATABASE_URL (PostgreSQL) or the embedded database in DATA_DIR (default ./data).`;

async function main(argv: string[]) {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pgdata'), appPassword: config.databaseAppPassword });
  try {
    const migrations = migrationsOf(MODULES);
    switch (command) {
      case 'migrate': {
        const applied = await migrate(database.owner, migrations);
        await prepareRuntimeRole(database, config.databaseAppPassword);
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
        return 0;
      }
      case 'seed-demo': {
        await migrate(database.owner, migrations);
        const files = new FileStore(path.join(config.dataDir, 'files'), config.maxUploadBytes);
        const id = await seedDemo(database.db, new SystemClock(), { files, ...(args[0] ? { code: args[0], name: `示例机械制造有限公司（${args[0]}）` } : {}) });
        console.log(`demo company loaded as tenant ${id}`);
        return 0;
      }
      case 'audit': {
        if (args[0] !== 'verify') break;
        const report = await verifyAudit(database.owner);
        console.log(`checked ${report.entries} audit entries in ${report.tenants} tenant(s)`);
        for (const p of report.problems) console.log(`  PROBLEM tenant ${p.tenantId} entry ${p.seq ?? '-'}: ${p.problem}`);
        console.log(report.problems.length ? `audit chain BROKEN: ${report.problems.length} problem(s)` : 'audit chain intact');
        return report.problems.length ? 1 : 0;
      }
      case 'backup': {
        if (!args[0]) break;
        const files = new FileStore(path.join(config.dataDir, 'files'), config.maxUploadBytes);
        const counts = await backup(database.owner, args[0], { files });
        console.log(`backup written to ${args[0]}: ${Object.values(counts).reduce((a, b) => a + b, 0)} rows in ${Object.keys(counts).length} tables`);
        return 0;
      }
      case 'restore': {
        if (!args[0]) break;
        await migrate(database.owner, migrations);
        const files = new FileStore(path.join(config.dataDir, 'files'), config.maxUploadBytes);
        const counts = await restore(database.owner, args[0], { files });
        console.log(`restored ${Object.values(counts).reduce((a, b) => a + b, 0)} rows from ${args[0]}`);
        return 0;
      }
    }
    console.error(USAGE);
    return 2;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
