import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, pngBytes, multipart, ORIGIN, type TestApp, type Client } from '../helpers/app.js';

let t: TestApp;
let ids: Awaited<ReturnType<TestApp['ids']>>;
let worker: Client;
let safety: Client;
beforeAll(async () => {
  t = await startTestApp();
  ids = await t.ids();
  worker = await t.login('worker');
  safety = await t.login('safety');
});
afterAll(() => t?.stop());

async function upload(c: Client, name: string, data: Buffer, type = 'image/png') {
  const { payload, headers } = multipart(name, data, type);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/files', payload, headers: { ...headers, cookie: c.cookie!, origin: ORIGIN, host: 'localhost:3000' } });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

describe('reporting a hazard', () => {
  it('a worker reports with a photo; the record carries everything the form sent', async () => {
    const photo = await upload(worker, 'IMG_0001.png', await pngBytes(800, 600));
    expect(photo.status).toBe(201);
    expect(photo.body).toMatchObject({ mime: 'image/png', width: 800, height: 600, thumbUrl: expect.stringContaining('/thumb') });
    const eq = (await worker.get(`/api/v1/equipment?areaId=${ids.areas.A01}`)).body.items[0];
    const res = await worker.post('/api/v1/hazards', {
      title: '数控车床防护门联锁失效',
      description: '开门后主轴仍可启动',
      areaId: ids.areas.A01,
      equipmentId: eq.id,
      departmentId: ids.departments.production,
      photos: [photo.body.id],
      location: { lat: 31.2, lng: 121.5, accuracy: 12 },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      code: expect.stringMatching(/^YH-\d{6}-\d{4}$/),
      title: '数控车床防护门联锁失效',
      status: 'reported',
      grade: null,
      area: { id: ids.areas.A01, name: '一号机加工车间' },
      equipment: { id: eq.id },
      department: { name: '生产部' },
      reporter: { displayName: '孙小明' },
      version: 1,
      can: { edit: true, assess: false, dispatch: false, submit: false, verify: false },
    });
    expect(res.body.photos).toHaveLength(1);
    const thumb = await worker.get(res.body.photos[0].thumbUrl);
    expect(thumb.status).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    // the safety officer sees it with the right to assess
    const seen = await safety.get(`/api/v1/hazards/${res.body.id}`);
    expect(seen.body.can).toMatchObject({ edit: true, assess: true, dispatch: false, submit: false, verify: false });
  });

  it('numbers hazards per month without gaps', async () => {
    const a = await worker.post('/api/v1/hazards', { title: 'A', departmentId: ids.departments.production });
    const b = await worker.post('/api/v1/hazards', { title: 'B', departmentId: ids.departments.production });
    const n = (code: string) => Number(code.slice(-4));
    expect(n(b.body.code)).toBe(n(a.body.code) + 1);
  });

  it('rejects bad input with field paths, never a 500', async () => {
    const cases: [unknown, string][] = [
      [{ departmentId: ids.departments.production }, 'body.title'],
      [{ title: '', departmentId: ids.departments.production }, 'body.title'],
      [{ title: 'x', departmentId: 'not-a-uuid' }, 'body.departmentId'],
      [{ title: 'x', departmentId: ids.departments.production, colour: 'red' }, 'body.colour'],
      [{ title: 42, departmentId: ids.departments.production }, 'body.title'],
      [{ title: 'x', departmentId: ids.departments.production, photos: Array(10).fill(randomUUID()) }, 'body.photos'],
      [{ title: 'x', departmentId: ids.departments.production, location: { lat: 200, lng: 0 } }, 'body.location.lat'],
    ];
    for (const [body, path] of cases) {
      const res = await worker.post('/api/v1/hazards', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
  });

  it('rejects references that do not exist or do not fit', async () => {
    const res = await worker.post('/api/v1/hazards', {
      title: 'x',
      departmentId: randomUUID(),
      areaId: ids.areas.D01,
      equipmentId: (await worker.get(`/api/v1/equipment?areaId=${ids.areas.A01}`)).body.items[0].id,
      photos: [randomUUID()],
    });
    expect(res.status).toBe(422);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.departmentId', 'body.equipmentId', 'body.photos.0']));
  });

  it('answers malformed and oversized bodies with 4xx in the error format', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hazards',
      payload: '{"title": ',
      headers: { 'content-type': 'application/json', cookie: worker.cookie!, origin: ORIGIN, host: 'localhost:3000' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(JSON.parse(malformed.body).error.code).toBe('MALFORMED_REQUEST');
    const huge = await worker.post('/api/v1/hazards', { title: 'x', description: 'y'.repeat(2_000_000), departmentId: ids.departments.production });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const wrongType = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hazards',
      payload: 'title=x',
      headers: { 'content-type': 'text/plain', cookie: worker.cookie!, origin: ORIGIN, host: 'localhost:3000' },
    });
    expect(wrongType.statusCode).toBe(415);
  });
});

describe('idempotent create', () => {
  it('the same Idempotency-Key gives one record and the same response; another body is refused', async () => {
    const key = randomUUID();
    const body = { title: '叉车倒车报警器损坏', departmentId: ids.departments.logistics, areaId: ids.areas.B01 };
    const results = await Promise.all([1, 2, 3].map(() => worker.post('/api/v1/hazards', body, { 'idempotency-key': key })));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const [{ n }] = await t.database.owner.query<{ n: string }>('SELECT count(*)::text AS n FROM hazards WHERE id = $1', [results[0].body.id]);
    expect(n).toBe('1');
    const other = await worker.post('/api/v1/hazards', { ...body, title: '别的' }, { 'idempotency-key': key });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});

describe('who sees what', () => {
  it('lists are filtered by role and department; records say what the caller may do', async () => {
    const equipment = await t.login('equipment');
    const own = await worker.post('/api/v1/hazards', { title: '工人自己的上报', departmentId: ids.departments.production });
    const elsewhere = await safety.post('/api/v1/hazards', { title: '锅炉房压力表超期', departmentId: ids.departments.equipment, areaId: ids.areas.C01 });
    // the worker sees own reports only
    const wl = await worker.get('/api/v1/hazards?pageSize=200');
    expect(wl.body.items.every((h: { reporter: { id: string } }) => h.reporter.id === ids.users.worker)).toBe(true);
    expect((await worker.get(`/api/v1/hazards/${elsewhere.body.id}`)).status).toBe(404);
    // the equipment head sees the equipment department's hazard but not production's
    expect((await equipment.get(`/api/v1/hazards/${elsewhere.body.id}`)).status).toBe(200);
    expect((await equipment.get(`/api/v1/hazards/${own.body.id}`)).status).toBe(404);
    const el = await equipment.get(`/api/v1/hazards?pageSize=200&departmentId=${ids.departments.production}`);
    expect(el.body.items.every((h: any) => [h.reporterDepartment?.id, h.department.id, h.responsibleDepartment?.id].includes(ids.departments.equipment))).toBe(true);
    // the committee sees everything but may not edit
    const committee = await t.login('committee');
    const c = await committee.get(`/api/v1/hazards/${own.body.id}`);
    expect(c.body.can).toMatchObject({ edit: false, assess: false, dispatch: false, verify: false });
  });

  it('filters, searches, sorts and pages', async () => {
    const all = await safety.get('/api/v1/hazards?pageSize=5&page=2&sort=code');
    expect(all.body.items).toHaveLength(5);
    expect(all.body.total).toBeGreaterThan(100);
    const codes = all.body.items.map((h: { code: string }) => h.code);
    expect([...codes].sort()).toEqual(codes);
    const closed = await safety.get(`/api/v1/hazards?status=closed&areaId=${ids.areas.C01}&pageSize=50`);
    expect(closed.body.items.every((h: any) => h.status === 'closed' && h.area.id === ids.areas.C01)).toBe(true);
    const search = await safety.get(`/api/v1/hazards?q=${encodeURIComponent('压力表')}`);
    expect(search.body.total).toBeGreaterThan(0);
    expect(search.body.items.every((h: { title: string; description: string }) => (h.title + h.description).includes('压力表'))).toBe(true);
    const from = new Date(Date.now() - 7 * 86_400_000).toISOString();
    const week = await safety.get(`/api/v1/hazards?from=${encodeURIComponent(from)}&pageSize=200`);
    expect(week.body.items.every((h: { reportedAt: string }) => h.reportedAt >= from)).toBe(true);
    expect((await safety.get('/api/v1/hazards?status=bogus')).status).toBe(422);
    expect((await safety.get('/api/v1/hazards?pageSize=5000')).status).toBe(422);
  });
});

describe('concurrent edits', () => {
  it('the second of two edits from the same version gets 409 and loses nothing', async () => {
    const h = await worker.post('/api/v1/hazards', { title: '原标题', departmentId: ids.departments.production });
    const [a, b] = await Promise.all([
      safety.patch(`/api/v1/hazards/${h.body.id}`, { version: 1, title: '安全员修改' }),
      worker.patch(`/api/v1/hazards/${h.body.id}`, { version: 1, description: '上报人补充' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error.code).toBe('VERSION_CONFLICT');
    const now = await safety.get(`/api/v1/hazards/${h.body.id}`);
    expect(now.body.version).toBe(2);
    const history = await safety.get(`/api/v1/hazards/${h.body.id}/history`);
    expect(history.body.items.map((i: { action: string }) => i.action)).toEqual(['hazard.report', 'hazard.edit']);
  });

  it('a worker cannot edit someone else’s hazard', async () => {
    const h = await safety.post('/api/v1/hazards', { title: '安全员上报', departmentId: ids.departments.production });
    const res = await worker.patch(`/api/v1/hazards/${h.body.id}`, { version: 1, title: 'x' });
    expect(res.status).toBe(404); // invisible to the worker, so it does not exist for them
  });
});

describe('uploads', () => {
  it('refuses disguised, empty and oversized files and keeps server-made names', async () => {
    const disguised = await upload(worker, 'photo.jpg', Buffer.from('#!/bin/sh\necho pwned\n'), 'image/jpeg');
    expect(disguised.status).toBe(415);
    expect(disguised.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const html = await upload(worker, 'x.png', Buffer.from('<html><script>alert(1)</script></html>'), 'image/png');
    expect(html.status).toBe(415);
    const empty = await upload(worker, 'empty.png', Buffer.alloc(0));
    expect(empty.status).toBe(422);
    const big = await upload(worker, 'big.png', Buffer.concat([await pngBytes(), Buffer.alloc(11 * 1024 * 1024)]));
    expect(big.status).toBe(413);
    const traversal = await upload(worker, '../../etc/passwd.png', await pngBytes());
    expect(traversal.status).toBe(201);
    expect(traversal.body.name).toBe('passwd.png');
    const [row] = await t.database.owner.query<{ sha256: string }>('SELECT sha256 FROM files WHERE id = $1', [traversal.body.id]);
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a decompression bomb', async () => {
    const sharp = (await import('sharp')).default;
    const bomb = await sharp({ create: { width: 10000, height: 10000, channels: 3, background: { r: 0, g: 0, b: 0 } } } as never).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const res = await upload(worker, 'bomb.png', bomb);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVALID_IMAGE');
  });
});

describe('staff directory', () => {
  it('lists a department’s people without contact data', async () => {
    const res = await safety.get(`/api/v1/users?departmentId=${ids.departments.equipment}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((u: { id: string }) => u.id)).toContain(ids.users.equipment);
    expect(res.body.items.every((u: { departmentId: string }) => u.departmentId === ids.departments.equipment)).toBe(true);
    expect(JSON.stringify(res.body)).not.toMatch(/phone|email|password/);
  });
});

describe('Excel export', () => {
  it('exports the filtered list the caller may see, and audits it', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/hazards/export?areaId=${ids.areas.C01}&status=closed`, headers: { cookie: safety.cookie!, host: 'localhost:3000' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.getWorksheet('隐患台账')!;
    expect(ws.getRow(1).getCell(1).value).toBe('隐患编号');
    const list = await safety.get(`/api/v1/hazards?areaId=${ids.areas.C01}&status=closed&pageSize=200`);
    expect(ws.rowCount - 1).toBe(list.body.total);
    for (let r = 2; r <= ws.rowCount; r++) {
      expect(ws.getRow(r).getCell(4).value).toBe('已销号');
      expect(ws.getRow(r).getCell(7).value).toBe('锅炉房');
    }
    // a worker's export holds only their own reports
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/hazards/export', headers: { cookie: worker.cookie!, host: 'localhost:3000' } });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(mine.rawPayload as never);
    const myList = await worker.get('/api/v1/hazards?pageSize=200');
    expect(wb2.getWorksheet('隐患台账')!.rowCount - 1).toBe(myList.body.total);
    const audit = await t.database.owner.query<{ n: string }>("SELECT count(*)::text AS n FROM audit_log WHERE action = 'hazard.export'");
    expect(Number(audit[0].n)).toBeGreaterThanOrEqual(2);
  });
});
