// The hazard list is written as JSON by the database (P2): each item must be exactly what the
// record's own page says about it, and its text search must be able to use its index under
// row-level security.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.stop();
});

describe('hazard list items', () => {
  it('are the record as its own page shows it, without photos and timeline', async () => {
    const safety = await t.login('safety');
    const list = await safety.get('/api/v1/hazards?pageSize=200&sort=-reportedAt');
    expect(list.status).toBe(200);
    expect(list.headers['content-type']).toMatch(/^application\/json/);
    expect(list.body.items.length).toBeGreaterThan(20);
    // every stage of the loop is among them, so every part of the document is compared
    const statuses = new Set(list.body.items.map((h: { status: string }) => h.status));
    for (const s of ['reported', 'rectifying', 'verifying', 'closed']) expect(statuses).toContain(s);
    expect(list.body.items.some((h: { rectification: unknown }) => h.rectification)).toBe(true);
    expect(list.body.items.some((h: { overdue: boolean }) => h.overdue)).toBe(true);
    for (const item of list.body.items) {
      const detail = await safety.get(`/api/v1/hazards/${item.id}`);
      expect(detail.status).toBe(200);
      const expected = { ...detail.body, photos: [], timeline: [] };
      if (expected.rectification) expected.rectification = { ...expected.rectification, afterPhotos: [] };
      expect(item).toEqual(expected);
    }
  });

  it('count and page agree on a filter, and an empty page still says how many there are', async () => {
    const worker = await t.login('worker');
    const mine = await worker.get('/api/v1/hazards?mine=true&pageSize=5');
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBe(Math.min(5, mine.body.total));
    const beyond = await worker.get(`/api/v1/hazards?mine=true&pageSize=5&page=${Math.ceil(mine.body.total / 5) + 1}`);
    expect(beyond.body.items).toEqual([]);
    expect(beyond.body.total).toBe(mine.body.total);
    expect(beyond.body.totalExact).toBe(true);
  });
});

describe('the text search under row-level security', () => {
  it('can use its trigram index as the runtime role inside a tenant', async () => {
    // Inside a transaction that is rolled back: every other index of the table is dropped and reading
    // it whole is ruled out, so the plan either uses the search indexes or cannot avoid a full scan.
    // With plain ILIKE, row-level security would leave only the full scan.
    const plan = await t.database.owner.session(async (db) => {
      await db.exec('BEGIN');
      try {
        await db.exec(`DO $$ DECLARE r record; BEGIN
          FOR r IN SELECT conname FROM pg_constraint WHERE conrelid = 'hazards'::regclass AND contype = 'u' LOOP
            EXECUTE format('ALTER TABLE hazards DROP CONSTRAINT %I', r.conname);
          END LOOP;
          FOR r IN SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                    WHERE x.indrelid = 'hazards'::regclass AND NOT x.indisprimary AND i.relname NOT LIKE '%\\_search' LOOP
            EXECUTE format('DROP INDEX %I', r.relname);
          END LOOP;
        END $$`);
        await db.exec('ANALYZE hazards');
        await db.query(`SELECT set_config('role', 'zhian_app', true), set_config('app.tenant_id', $1, true)`, [t.tenantId]);
        await db.exec('SET LOCAL enable_seqscan = off');
        const rows = await db.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT count(*) FROM hazards h WHERE (h.title ~~~* $1 OR h.description ~~~* $1 OR h.code ~~~* $1)`,
          ['%砂轮机托架%'],
        );
        return rows.map((x) => x['QUERY PLAN']).join('\n');
      } finally {
        await db.exec('ROLLBACK');
      }
    });
    expect(plan).toMatch(/Bitmap Index Scan on hazards_title_search/);
    expect(plan).toMatch(/Bitmap Index Scan on hazards_description_search/);
  });

  it('finds the same hazards as a plain substring match, and none of another tenant', async () => {
    const safety = await t.login('safety');
    const found = await safety.get(`/api/v1/hazards?q=${encodeURIComponent('防护')}&pageSize=200`);
    expect(found.status).toBe(200);
    const all: { items: { id: string; title: string; description: string; code: string }[] } = { items: [] };
    for (let page = 1; ; page++) {
      const r = await safety.get(`/api/v1/hazards?pageSize=200&page=${page}`);
      all.items.push(...r.body.items);
      if (r.body.items.length < 200) break;
    }
    expect(found.body.total).toBeLessThan(200);
    const expected = all.items.filter((h: { title: string; description: string; code: string }) => `${h.title}\n${h.description}\n${h.code}`.includes('防护'));
    expect(expected.length).toBeGreaterThan(0);
    expect(found.body.items.map((h: { id: string }) => h.id).sort()).toEqual(expected.map((h: { id: string }) => h.id).sort());
    // a second company with the same words: its hazards never show up
    const { seedDemo } = await import('../../src/server/seed/demo.js');
    await seedDemo(t.database.db, t.clock, { files: t.platform.files, code: 'other', name: '另一家公司' });
    const again = await safety.get(`/api/v1/hazards?q=${encodeURIComponent('防护')}&pageSize=200`);
    expect(again.body.items.map((h: { id: string }) => h.id).sort()).toEqual(expected.map((h: { id: string }) => h.id).sort());
  });
});
