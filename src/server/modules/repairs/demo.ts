import { sql } from 'kysely';
import type { Tx } from '../../platform/work.js';
import { RepairStore } from './store.js';
import { isEquipmentFault } from '../../seed/demo-equipment-faults.js';

const HOUR = 3_600_000;

/** What 设备部 writes as the plan, by equipment category. */
const PLANS: Record<string, string> = {
  machine_tool: '停机挂牌，拆检主轴箱与防护装置，更换磨损轴承和损坏的防护罩，紧固后空载试运行 2 小时',
  crane: '停用并挂“禁止操作”牌，检查钢丝绳、限位器和制动器，更换不合格部件，按 TSG Q7015 做空载和额定载荷试验',
  forklift: '停用检修制动、转向和倒车报警装置，更换损坏部件后场内试车',
  boiler: '降压停炉，校验安全阀和压力表，清洗水位计，复核燃气泄漏报警与切断阀联锁',
  welding: '断电检查焊机一次、二次电缆绝缘和接地，更换破损电缆及快速接头',
  electrical: '停电、验电、挂接地线，紧固接线端子，更换老化绝缘件，测试绝缘电阻',
  press: '断电检修光电保护装置和双手按钮，调整离合器与制动器后空行程试车',
  ventilation: '停机检查风机叶轮、轴承和皮带，清理风道积尘，恢复后测风量',
  compressor: '停机泄压，检查皮带与防护罩，更换损坏部件后试运行',
  pressure_vessel: '泄压后校验安全阀和压力表，检查排污阀，恢复后试压',
};
const DEFAULT_PLAN = '停机检修，更换损坏部件，恢复安全防护后试运行';
const RESULTS = ['已修复，试运行正常', '更换损坏部件，经试运行确认正常', '维修完成，安全防护装置已恢复并测试有效'];

/**
 * Demo company: the people of 设备部 do repair work (role `maintenance`), and the demo history's
 * hazards about equipment carry their repair orders — done for closed ones, in progress while
 * rectifying, open while still being assessed.
 */
export async function seedRepairs(tx: Tx, tenantId: string): Promise<void> {
  const dept = await new RepairStore().repairDepartment(tx);
  if (!dept) return;
  await tx
    .updateTable('users')
    .set({ roles: sql`array_append(roles, 'maintenance')` })
    .where('department_id', '=', dept.id)
    .where(sql<boolean>`NOT ('maintenance' = ANY(roles))`)
    .execute();

  const hazards = (
    await tx
      .selectFrom('hazards as h')
      .innerJoin('equipment as e', 'e.id', 'h.equipment_id')
      .select(['h.id', 'h.title', 'h.equipment_id', 'h.status', 'h.reported_at', 'h.rectified_at', 'h.closed_at', 'e.category'])
      .orderBy('h.reported_at')
      .execute()
  ).filter((h) => isEquipmentFault(h.category, h.title));
  if (!hazards.length) return;
  const staff = await tx
    .selectFrom('users')
    .select('id')
    .where('department_id', '=', dept.id)
    .where('id', '<>', dept.head_user_id ?? '00000000-0000-0000-0000-000000000000')
    .orderBy('employee_no')
    .execute();
  const assignees = staff.length ? staff.map((s) => s.id) : dept.head_user_id ? [dept.head_user_id] : [];

  const counters = new Map<string, number>();
  const rows = hazards.map((h, i) => {
    const reportedAt = new Date(h.reported_at);
    const created = new Date(reportedAt.getTime() + 60_000);
    // the same numbering as RepairStore.nextCode: WX-YYYYMM-NNNN per month
    const month = `${created.getFullYear()}${String(created.getMonth() + 1).padStart(2, '0')}`;
    const n = (counters.get(month) ?? 0) + 1;
    counters.set(month, n);
    const status = h.status === 'closed' || h.status === 'verifying' ? 'done' : h.status === 'rectifying' ? 'in_progress' : 'open';
    const started = status === 'open' ? null : new Date(reportedAt.getTime() + 3 * HOUR);
    const finishedBy = h.rectified_at ?? h.closed_at;
    const done =
      status === 'done'
        ? new Date(Math.max(started!.getTime() + HOUR, Math.min(reportedAt.getTime() + 26 * HOUR, finishedBy ? new Date(finishedBy).getTime() - HOUR : Infinity)))
        : null;
    const version = status === 'open' ? 1 : status === 'in_progress' ? 2 : 3;
    return {
      tenant_id: tenantId,
      code: `WX-${month}-${String(n).padStart(4, '0')}`,
      hazard_id: h.id,
      equipment_id: h.equipment_id!,
      department_id: dept.id,
      status,
      assignee_id: status === 'open' ? null : (assignees[i % assignees.length] ?? null),
      plan: status === 'open' ? null : (PLANS[h.category] ?? DEFAULT_PLAN),
      result_note: status === 'done' ? RESULTS[i % RESULTS.length] : null,
      started_at: started,
      done_at: done,
      created_at: created,
      updated_at: done ?? started ?? created,
      version,
    };
  });
  for (let i = 0; i < rows.length; i += 200) await tx.insertInto('repair_orders').values(rows.slice(i, i + 200)).execute();
  await tx
    .insertInto('counters')
    .values([...counters].map(([month, value]) => ({ tenant_id: tenantId, name: `repair:${month}`, value })))
    .execute();
}
