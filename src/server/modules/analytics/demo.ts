import { sql } from 'kysely';
import { KPIS, KPI_KEYS } from '../../../core/analytics/index.js';
import type { Tx } from '../../platform/work.js';
import { seedSurveys } from '../surveys/index.js';
import { refreshIfChanged } from './rollup.js';

/** [name, model, area codes (one piece each, repeated codes for more)] — as a plant of this size keeps them (GB 50140, GB 50974). */
const FIRE_EQUIPMENT: [string, string, string[]][] = [
  ['手提式干粉灭火器', 'MFZ/ABC4', ['A01', 'A01', 'A02', 'A02', 'A03', 'A03', 'A04', 'A04', 'A05', 'A05', 'B01', 'B01', 'B02', 'B02', 'B03', 'B03', 'C01', 'C02', 'C03', 'D01', 'D02', 'D02', 'D03', 'E01']],
  ['推车式干粉灭火器', 'MFTZ/ABC35', ['A03', 'A04', 'B03']],
  ['二氧化碳灭火器', 'MT/5', ['C02', 'C02', 'C01', 'D02']],
  ['室内消火栓', 'SN65', ['A01', 'A02', 'A03', 'A04', 'A05', 'B01', 'B02', 'D01', 'D02', 'D03']],
  ['室外消火栓', 'SS100/65', ['E01', 'E01', 'E01']],
  ['火灾自动报警控制器', 'JB-QB-GST200', ['D02']],
  ['点型感烟火灾探测器', 'JTY-GD-G3', ['D02', 'D03', 'D03', 'B01', 'B02', 'D01']],
  ['消防应急照明灯', 'ZFJC-E3W', ['A01', 'A02', 'B01', 'D01', 'D02', 'D02', 'D03', 'D03']],
  ['消防应急标志灯（疏散指示）', 'ZFJC-BLJC', ['A01', 'A02', 'A03', 'D02', 'D03', 'D03']],
  ['灭火毯', '1.5m×1.5m', ['D01', 'D01']],
  ['消防水泵', 'XBD5/30-100', ['C03', 'C03']],
];

/** Which demo hazard titles are about which piece of fire equipment. */
const HAZARD_LINKS: [RegExp, string][] = [
  [/灭火器/, '手提式干粉灭火器'],
  [/消防栓|消火栓/, '室内消火栓'],
  [/灭火毯/, '灭火毯'],
  [/应急照明/, '消防应急照明灯'],
  [/疏散指示/, '消防应急标志灯（疏散指示）'],
  [/烟感/, '点型感烟火灾探测器'],
  // goods on a fire lane block the hydrant and extinguishers along it
  [/消防/, '室内消火栓'],
];

/** Reference values an admin would enter from industry surveys (行业参考值). */
const BENCHMARKS: Record<string, { benchmark: number; note: string }> = {
  rectification_rate: { benchmark: 92, note: '行业参考值：机械制造企业隐患整改率约 92%' },
  on_time_rate: { benchmark: 85, note: '行业参考值：按期整改率约 85%' },
  response_hours: { benchmark: 24, note: '行业参考值：跨部门协同首次响应约 24 小时' },
  first_pass_rate: { benchmark: 85, note: '行业参考值：一次通过率约 85%' },
  exception_rate: { benchmark: 15, note: '行业参考值：流程异常率约 15%' },
};

/**
 * Demo data of the dashboards: fire equipment (with the demo's fire-related hazards on it, so the
 * intact rate has a history), KPI targets and reference values, the satisfaction survey rounds,
 * and a first rollup refresh so the first dashboard view is instant.
 */
export async function seedAnalytics(tx: Tx, tenantId: string, now: Date): Promise<void> {
  await seedFireEquipment(tx, tenantId);
  await seedTargets(tx, tenantId, now);
  await seedSurveys(tx, tenantId, now);
  await refreshIfChanged(tx, tenantId);
}

async function seedFireEquipment(tx: Tx, tenantId: string): Promise<void> {
  const areas = new Map((await tx.selectFrom('areas').select(['id', 'code']).where('tenant_id', '=', tenantId).execute()).map((a) => [a.code, a.id]));
  const logistics = await tx.selectFrom('departments').select('id').where('tenant_id', '=', tenantId).where('code', '=', 'logistics').executeTakeFirst();
  const rows = [];
  let k = 0;
  for (const [name, model, places] of FIRE_EQUIPMENT) {
    for (const [i, code] of places.entries()) {
      k += 1;
      rows.push({
        tenant_id: tenantId,
        code: `FE-${String(k).padStart(3, '0')}`,
        name: places.length > 1 ? `${name} #${i + 1}` : name,
        category: 'fire_protection',
        model,
        area_id: areas.get(code) ?? null,
        department_id: logistics?.id ?? null,
        special_type: null,
        commissioned_on: `${2018 + (k % 6)}-${String(1 + (k % 12)).padStart(2, '0')}-01`,
      });
    }
  }
  const inserted = await tx.insertInto('equipment').values(rows).returning(['id', 'name', 'area_id']).execute();

  // Hazards about fire equipment that were reported without naming it now point at a piece in their area.
  const hazards = await tx
    .selectFrom('hazards')
    .select(['id', 'title', 'area_id'])
    .where('tenant_id', '=', tenantId)
    .where('equipment_id', 'is', null)
    .orderBy('reported_at')
    .execute();
  const links: { hazard: string; equipment: string }[] = [];
  for (const h of hazards) {
    const kind = HAZARD_LINKS.find(([re]) => re.test(h.title))?.[1];
    if (!kind) continue;
    const candidates = inserted.filter((e) => e.name.startsWith(kind));
    const here = candidates.filter((e) => e.area_id === h.area_id);
    const pool = here.length ? here : candidates;
    if (pool.length) links.push({ hazard: h.id, equipment: pool[links.length % pool.length].id });
  }
  if (links.length) {
    await sql`
      UPDATE hazards h SET equipment_id = u.e
        FROM unnest(${links.map((l) => l.hazard)}::uuid[], ${links.map((l) => l.equipment)}::uuid[]) AS u(h, e)
       WHERE h.id = u.h`.execute(tx);
  }
}

async function seedTargets(tx: Tx, tenantId: string, now: Date): Promise<void> {
  const rows = KPI_KEYS.map((key) => ({
    tenant_id: tenantId,
    key: key as string,
    target: KPIS[key].defaultTarget,
    benchmark: BENCHMARKS[key]?.benchmark ?? null,
    note: BENCHMARKS[key]?.note ?? '',
    updated_by: null,
    updated_at: now,
  }));
  rows.push({ tenant_id: tenantId, key: 'flow:hazard', target: null, benchmark: 120, note: '行业参考值：一般隐患从上报到销号约 5 天', updated_by: null, updated_at: now });
  await tx.insertInto('analytics_targets').values(rows).execute();
}
