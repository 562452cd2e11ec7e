#!/usr/bin/env node
// Operator command line: `zhian migrate | seed-demo | audit verify | backup <file> | restore <file>`
import { register } from 'tsx/esm/api';
register();
await import('../src/server/cli.ts');
