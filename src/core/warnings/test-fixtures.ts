import { readFileSync } from 'node:fs';

/** Reads test/fixtures/cap/<name>, relative to this file so the tests run from any checkout. */
export function capFixture(name: string): string {
  return readFileSync(new URL(`../../../test/fixtures/cap/${name}`, import.meta.url), 'utf8');
}
