/**
 * Demo data for operator qualifications: the requirements of each equipment category, who
 * operates the machine tools, presses, cranes, forklifts, welders, electrical gear and the
 * boiler, and their certificates — most valid, some expiring, a few expired or missing, as in any
 * real plant. Dates are relative to the seeding clock so the picture stays the same over time.
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/work.js';
import { certificateType, certificateValidityYears, REQUIREMENTS_BY_CATEGORY } from './certificates.js';
import { chinaDate } from './rules.js';
import { buildCheckResult } from './service.js';
import type { CertificateRow } from './store.js';
import { isEquipmentFault } from '../../seed/demo-equipment-faults.js';

// Where the plant's workers come from (县级行政区划代码): local, Anhui, Henan, Sichuan, Jiangxi.
const REGIONS = ['320583', '341222', '410922', '511321', '360731', '320506'];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** A synthetic resident ID number with a valid GB 11643 check digit (certificate numbers use it). */
function idNumber(n: number): string {
  const region = REGIONS[n % REGIONS.length];
  const year = 1975 + ((n * 7) % 26);
  const month = String(1 + ((n * 5) % 12)).padStart(2, '0');
  const day = String(1 + ((n * 11) % 28)).padStart(2, '0');
  const seq = String(100 + ((n * 37) % 900)).padStart(3, '0');
  const body = `${region}${year}${month}${day}${seq}`;
  const sum = [...body].reduce((s, c, i) => s + Number(c) * ID_WEIGHTS[i], 0);
  return body + ID_CHECK[sum % 11];
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function addYears(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

const INTERNAL_PREFIX: Record<string, string> = { internal_machine_tool: 'JC', internal_press: 'CY' };

/**
 * [position, index within that position (by employee number), certificate type, days until expiry].
 * Negative days: expired. Positions without an entry hold no certificate of that kind (missing).
 */
const CERTIFICATES: [string, number, string, number][] = [
  // 数控车工 (the demo account `worker` is the first): one expired, one expiring, one never trained
  ['数控车工', 0, 'internal_machine_tool', 400],
  ['数控车工', 1, 'internal_machine_tool', 700],
  ['数控车工', 2, 'internal_machine_tool', 300],
  ['数控车工', 3, 'internal_machine_tool', -45],
  ['数控车工', 4, 'internal_machine_tool', 900],
  ['数控车工', 5, 'internal_machine_tool', 20],
  ['数控车工', 7, 'internal_machine_tool', 500],
  ['数控车工', 8, 'internal_machine_tool', 800],
  ['焊工', 0, 'special_op_welding', 1200],
  ['焊工', 0, 'tsg_q1', 800],
  ['焊工', 1, 'special_op_welding', 600],
  ['焊工', 2, 'special_op_welding', 90],
  ['焊工', 3, 'special_op_welding', 1500],
  ['焊工', 4, 'special_op_welding', -120],
  ['装配工', 2, 'internal_press', 600],
  ['装配工', 3, 'internal_press', 300],
  ['装配工', 4, 'internal_press', -10],
  ['叉车司机', 0, 'tsg_n1', 1000],
  ['叉车司机', 1, 'tsg_n1', 400],
  ['叉车司机', 2, 'tsg_n1', -15],
  ['起重机械作业人员', 0, 'tsg_q2', 700],
  ['起重机械作业人员', 0, 'tsg_q1', 700],
  ['起重机械作业人员', 1, 'tsg_q2', 25],
  ['司炉工', 0, 'tsg_g1', 1100],
  ['司炉工', 1, 'tsg_g1', 45],
  ['维修电工', 0, 'special_op_electrician', 1800],
  ['维修电工', 1, 'special_op_electrician', 900],
  ['维修电工', 2, 'special_op_electrician', 200],
  ['维修电工', 3, 'special_op_electrician', -30],
];

/** [equipment code, [position, index] of each operator]. */
const OPERATORS: [string, [string, number][]][] = [
  ['CNC-001', [['数控车工', 0], ['数控车工', 1]]],
  ['CNC-002', [['数控车工', 2], ['数控车工', 3]]],
  ['CNC-003', [['数控车工', 4], ['数控车工', 5]]],
  ['CNC-004', [['数控车工', 6], ['数控车工', 7]]],
  ['CNC-005', [['数控车工', 8], ['数控车工', 0]]],
  ['CNC-006', [['数控车工', 1], ['数控车工', 2]]],
  ['VMC-001', [['数控车工', 4], ['数控车工', 7]]],
  ['VMC-002', [['数控车工', 5], ['数控车工', 8]]],
  ['VMC-003', [['数控车工', 7], ['数控车工', 1]]],
  ['DRL-001', [['数控车工', 6], ['数控车工', 8]]],
  ['DRL-002', [['数控车工', 2], ['数控车工', 4]]],
  ['PRS-001', [['装配工', 2]]],
  ['PRS-002', [['装配工', 3]]],
  ['PRS-003', [['装配工', 4]]],
  // cranes: the classic gap — an assembler (or a welder holding only the signaller's Q1) driving the crane
  ['CRN-001', [['起重机械作业人员', 0], ['装配工', 0]]],
  ['CRN-002', [['起重机械作业人员', 1], ['起重机械作业人员', 0]]],
  ['CRN-003', [['起重机械作业人员', 1], ['焊工', 0]]],
  ['FLT-001', [['叉车司机', 0], ['叉车司机', 1]]],
  ['FLT-002', [['叉车司机', 1], ['叉车司机', 2]]],
  ['FLT-003', [['叉车司机', 2], ['叉车司机', 0]]],
  ['FLT-004', [['叉车司机', 0], ['装配工', 1]]],
  ['FLT-005', [['叉车司机', 1]]],
  ['WLD-001', [['焊工', 0]]],
  ['WLD-002', [['焊工', 1]]],
  ['WLD-003', [['焊工', 2]]],
  ['WLD-004', [['焊工', 3], ['焊工', 4]]],
  ['BLR-001', [['司炉工', 0], ['司炉工', 1]]],
  ['TRF-001', [['维修电工', 0], ['维修电工', 1]]],
  ['TRF-002', [['维修电工', 2]]],
  ['CAB-001', [['维修电工', 0], ['维修电工', 3]]],
  ['CAB-002', [['维修电工', 1], ['维修电工', 2]]],
];

/**
 * Load the demo company's qualification data inside the seeding transaction (tenant already
 * entered). Also gives the people of 人事部 (department code 'hr') the `hr` role.
 */
export async function seedQualifications(tx: Tx, tenantId: string, now: Date): Promise<void> {
  const today = chinaDate(now);
  const hr = await tx.selectFrom('departments').select('id').where('code', '=', 'hr').executeTakeFirst();
  if (hr) {
    await tx
      .updateTable('users')
      .set({ roles: sql`array_append(roles, 'hr')` })
      .where('department_id', '=', hr.id)
      .where(sql<boolean>`NOT ('hr' = ANY(roles))`)
      .execute();
  }

  const equipment = await tx.selectFrom('equipment').select(['id', 'code', 'category']).execute();
  const requirements = equipment.flatMap((e) =>
    (REQUIREMENTS_BY_CATEGORY[e.category] ?? []).map((cert_type) => ({ tenant_id: tenantId, equipment_id: e.id, cert_type })),
  );
  if (requirements.length) await tx.insertInto('equipment_cert_requirements').values(requirements).execute();

  const people = await tx.selectFrom('users').select(['id', 'position', 'employee_no']).orderBy('employee_no').execute();
  const byPosition = new Map<string, string[]>();
  for (const u of people) if (u.position) byPosition.set(u.position, [...(byPosition.get(u.position) ?? []), u.id]);
  const person = (position: string, index: number) => byPosition.get(position)?.[index];
  // One person, one ID number: both their special-operation and special-equipment certificates carry it.
  const personNo = new Map(people.map((u, i) => [u.id, i + 1]));

  const certificates = CERTIFICATES.flatMap(([position, index, type, days], n) => {
    const userId = person(position, index);
    if (!userId) return [];
    const t = certificateType(type);
    const expires = addDays(today, days);
    const issued = addYears(expires, -certificateValidityYears(type));
    const prefix = INTERNAL_PREFIX[type];
    const certNo = prefix ? `ZA-${prefix}-${issued.slice(0, 4)}-${String(17 + n * 3).padStart(4, '0')}` : idNumber(personNo.get(userId)!);
    return [{ tenant_id: tenantId, user_id: userId, cert_type: type, cert_no: certNo, issued_by: t.issuer, issued_on: issued, expires_on: expires }];
  });
  if (certificates.length) await tx.insertInto('employee_certificates').values(certificates).execute();

  const byCode = new Map(equipment.map((e) => [e.code, e.id]));
  const operators = OPERATORS.flatMap(([code, who]) => {
    const equipmentId = byCode.get(code);
    if (!equipmentId) return [];
    return [...new Set(who.map(([position, index]) => person(position, index)).filter((id): id is string => !!id))].map((user_id) => ({
      tenant_id: tenantId,
      equipment_id: equipmentId,
      user_id,
    }));
  });
  if (operators.length) await tx.insertInto('equipment_operators').values(operators).execute();

  await seedHistoryChecks(tx, tenantId, now, { requirements, operators, certificates });
}

const DAY = 86_400_000;

/**
 * The demo history's hazards about equipment get their checks as they would have: computed as of
 * the day of the report, confirmed by 人事部 a day later unless still fresh.
 */
async function seedHistoryChecks(
  tx: Tx,
  tenantId: string,
  now: Date,
  data: {
    requirements: { equipment_id: string; cert_type: string }[];
    operators: { equipment_id: string; user_id: string }[];
    certificates: { user_id: string; cert_type: string; cert_no: string; issued_by: string; issued_on: string; expires_on: string }[];
  },
): Promise<void> {
  const equipment = await tx
    .selectFrom('equipment as e')
    .leftJoin('areas as a', 'a.id', 'e.area_id')
    .select(['e.id', 'e.code', 'e.name', 'e.category', 'a.name as area_name'])
    .execute();
  const categoryOf = new Map(equipment.map((e) => [e.id, e.category]));
  const hazards = (
    await tx.selectFrom('hazards').select(['id', 'title', 'equipment_id', 'status', 'reported_at']).where('equipment_id', 'is not', null).orderBy('reported_at').execute()
  ).filter((h) => isEquipmentFault(categoryOf.get(h.equipment_id!) ?? '', h.title));
  if (!hazards.length) return;
  const people = await tx
    .selectFrom('users as u')
    .leftJoin('departments as d', 'd.id', 'u.department_id')
    .select(['u.id', 'u.display_name', 'u.position', 'u.employee_no', 'd.name as department_name'])
    .execute();
  const hrHead = (await tx.selectFrom('departments').select('head_user_id').where('code', '=', 'hr').executeTakeFirst())?.head_user_id ?? null;
  const certs: CertificateRow[] = data.certificates.map((c, i) => ({ id: String(i), ...c }));
  const rows = hazards.flatMap((h) => {
    const eq = equipment.find((e) => e.id === h.equipment_id);
    if (!eq) return [];
    const required = data.requirements.filter((r) => r.equipment_id === eq.id).map((r) => r.cert_type).sort();
    const ops = data.operators
      .filter((o) => o.equipment_id === eq.id)
      .map((o) => people.find((p) => p.id === o.user_id)!)
      .sort((a, b) => String(a.employee_no).localeCompare(String(b.employee_no)));
    const reportedAt = new Date(h.reported_at);
    const result = buildCheckResult(eq, required, ops, certs, chinaDate(reportedAt));
    const created = new Date(reportedAt.getTime() + 2 * 60_000);
    const confirmed = h.status !== 'reported' && now.getTime() - reportedAt.getTime() > 2 * DAY && !!hrHead;
    const confirmedAt = new Date(reportedAt.getTime() + DAY);
    const bad = result.operatorCount - result.qualifiedCount;
    return [
      {
        tenant_id: tenantId,
        hazard_id: h.id,
        equipment_id: eq.id,
        result: JSON.stringify(result),
        operator_count: result.operatorCount,
        qualified_count: result.qualifiedCount,
        status: confirmed ? 'confirmed' : 'pending',
        note: confirmed ? (bad > 0 ? '已通知不符合人员停止操作该设备，安排培训考核（复审）合格后再上岗' : '操作人员持证齐全有效') : null,
        confirmed_by: confirmed ? hrHead : null,
        confirmed_at: confirmed ? confirmedAt : null,
        created_at: created,
        updated_at: confirmed ? confirmedAt : created,
        version: confirmed ? 2 : 1,
      },
    ];
  });
  for (let i = 0; i < rows.length; i += 200) await tx.insertInto('qualification_checks').values(rows.slice(i, i + 200)).execute();
}
