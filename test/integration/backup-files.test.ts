import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, ORIGIN, pngBytes, startTestApp, type Client, type TestApp } from '../helpers/app.js';
import { backup, restore } from '../../src/server/platform/db/backup.js';

// Backups carry the uploaded files with the tables (one archive, checked on restore); a file whose
// content is missing from the store is a 404 with a clear message, never a 500.
let t: TestApp;
let worker: Client;
let dir: string;
beforeAll(async () => {
  t = await startTestApp();
  worker = await t.login('worker');
  dir = mkdtempSync(path.join(os.tmpdir(), 'zhian-backup-files-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t?.stop();
});

async function photoOnHazard() {
  const bytes = await pngBytes(123, 77);
  const { payload, headers } = multipart('现场.png', bytes);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/files', payload, headers: { ...headers, cookie: worker.cookie!, origin: ORIGIN, host: 'localhost:3000' } });
  const file = JSON.parse(res.body);
  const ids = await t.ids();
  const h = await worker.post('/api/v1/hazards', { title: '消防通道堆放杂物', departmentId: ids.departments.production, photos: [file.id] });
  expect(h.status).toBe(201);
  return { file, bytes };
}

describe('backup and restore of the uploaded files', () => {
  it('a restored system serves the photos it had; a missing blob is a 404, not a 500', async () => {
    const { file, bytes } = await photoOnHazard();
    const archive = path.join(dir, 'full.jsonl.gz');
    const counts = await backup(t.database.owner, archive, { files: t.platform.files });
    expect(counts['(files)']).toBeGreaterThan(0);

    // the disk with the uploads is lost
    rmSync(t.platform.files.root, { recursive: true, force: true });
    worker = await t.login('worker');
    const gone = await worker.get(file.url);
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toMatch(/missing from the file store/);
    expect((await worker.get(file.thumbUrl)).status).toBe(404);

    await restore(t.database.owner, archive, { files: t.platform.files });
    worker = await t.login('worker');
    const back = await worker.get(file.url);
    expect(back.status).toBe(200);
    const served = await t.app.inject({ method: 'GET', url: file.url, headers: { cookie: worker.cookie!, host: 'localhost:3000' } });
    expect(served.rawPayload.equals(bytes)).toBe(true);
    expect((await worker.get(file.thumbUrl)).status).toBe(200);
  });

  it('a damaged or cut archive is refused before anything changes', async () => {
    await photoOnHazard();
    const archive = path.join(dir, 'b.jsonl.gz');
    await backup(t.database.owner, archive, { files: t.platform.files });
    const lines = gunzipSync(readFileSync(archive)).toString().split('\n').filter(Boolean);
    const [{ n: before }] = await t.database.owner.query<{ n: string }>('SELECT count(*)::text AS n FROM hazards');

    // one blob's bytes changed
    const blobAt = lines.findIndex((l) => l.startsWith('{"blob"'));
    const blob = JSON.parse(lines[blobAt]);
    const data = Buffer.from(blob.data, 'base64');
    data[data.length - 1] ^= 0xff;
    const tampered = [...lines];
    tampered[blobAt] = JSON.stringify({ blob: blob.blob, data: data.toString('base64') });
    writeFileSync(path.join(dir, 'tampered.gz'), gzipSync(tampered.join('\n') + '\n'));
    await expect(restore(t.database.owner, path.join(dir, 'tampered.gz'), { files: t.platform.files })).rejects.toThrow(/damaged/);

    // the archive cut short (no trailer)
    writeFileSync(path.join(dir, 'cut.gz'), gzipSync(lines.slice(0, -1).join('\n') + '\n'));
    await expect(restore(t.database.owner, path.join(dir, 'cut.gz'), { files: t.platform.files })).rejects.toThrow(/damaged|truncated/);

    const [{ n: after }] = await t.database.owner.query<{ n: string }>('SELECT count(*)::text AS n FROM hazards');
    expect(after).toBe(before);
  });
});
