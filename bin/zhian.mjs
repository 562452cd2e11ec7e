#!/usr/bin/env node
// Operator command line: `zhian migrate | seed-demo | audit verify | backup <file> | restore <file>`
// Runs the compiled server's command module (built first when missing or stale).
import { pathToFileURL } from 'node:url';
import { SERVER_CLI, ensureBuilt } from '../scripts/build.mjs';

await ensureBuilt({ web: false });
await import(pathToFileURL(SERVER_CLI).href);
