import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestApp, ORIGIN, type TestApp, type Client } from '../helpers/app.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestApp;
let safety: Client;
beforeAll(async () => {
  t = await startTestApp();
  safety = await t.login('safety');
});
afterAll(() => t?.stop());

async function ledger(rows: (string | Date | null)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('纸质台账');
  ws.addRow(['原编号', '标题', '描述', '状态', '隐患等级', '区域', '设备', '所在部门', '责任部门', '整改期限', '上报时间', '销号时间']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(c: Client, body: Buffer, query = '') {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/hazards/import${query}`,
    payload: body,
    headers: { 'content-type': XLSX, cookie: c.cookie!, origin: ORIGIN, host: 'localhost:3000' },
  });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

describe('importing a legacy ledger', () => {
  const good = [
    ['2024-031', '锅炉房压力表超期未检', '纸质台账补录', '已销号', '一般隐患', '锅炉房', 'BLR-001', '设备部', '设备部', '2024-03-20', '2024-3-12 09:30', '2024-03-18'],
    ['2024-032', '危化品仓库通风故障', '', '整改中', '重大隐患', 'B03', '', '安全环保部', '安全环保部', '2024-04-30', '2024-04-02', null],
  ];

  it('refuses a ledger with any bad row, names each bad cell, and imports nothing', async () => {
    const before = await t.database.owner.query<{ n: string }>('SELECT count(*)::text AS n FROM hazards');
    const res = await upload(safety, await ledger([
      ...good,
      ['2024-033', '', '', '已销号', '一般隐患', '不存在的车间', '', '设备部', '', '', '2024-05-01', null],
      ['2024-034', '消防通道堵塞', '', '已处理', '特大', '职工食堂', '', '后勤部', '', '', 'yesterday', null],
    ]));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('IMPORT_REJECTED');
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['rows.4.标题', 'rows.4.区域', 'rows.4.销号时间', 'rows.5.状态', 'rows.5.隐患等级', 'rows.5.上报时间']));
    expect(paths.some((p: string) => p.startsWith('rows.2.') || p.startsWith('rows.3.'))).toBe(false);
    const after = await t.database.owner.query<{ n: string }>('SELECT count(*)::text AS n FROM hazards');
    expect(after[0].n).toBe(before[0].n);
  });

  it('checks without writing on a dry run, then imports every row with new numbers and the old ones kept', async () => {
    const file = await ledger(good);
    const dry = await upload(safety, file, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ imported: 0, valid: 2 });
    const res = await upload(safety, file);
    expect(res.status).toBe(201);
    expect(res.body.imported).toBe(2);
    const first = await safety.get(`/api/v1/hazards/${res.body.rows[0].id}`);
    expect(first.body).toMatchObject({ title: '锅炉房压力表超期未检', status: 'closed', grade: 'general', source: 'import', area: { name: '锅炉房' }, equipment: { code: 'BLR-001' } });
    expect(first.body.code).toMatch(/^YH-202403-\d{4}$/);
    expect(first.body.reportedAt).toBe('2024-03-12T01:30:00.000Z'); // 09:30 Beijing time
    const audit = await t.database.owner.query<{ basis: string }>("SELECT basis FROM audit_log WHERE action = 'hazard.import' ORDER BY seq");
    expect(audit.map((a) => a.basis)).toEqual(['台账导入第 2 行', '台账导入第 3 行']);
  });

  it('re-imports its own export', async () => {
    const exported = await t.app.inject({ method: 'GET', url: '/api/v1/hazards/export?status=closed&q=%E9%94%85%E7%82%89', headers: { cookie: safety.cookie!, host: 'localhost:3000' } });
    const res = await upload(safety, exported.rawPayload, '?dryRun=true');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.valid).toBeGreaterThan(0);
  });

  it('is for the safety department only, and refuses what is not a workbook', async () => {
    const worker = await t.login('worker');
    expect((await upload(worker, await ledger(good))).status).toBe(403);
    const junk = await upload(safety, Buffer.from('not a workbook'));
    expect(junk.status).toBe(422);
    expect(junk.body.error.details[0].path).toBe('file');
  });
});
