import { sql } from 'kysely';
import { systemActor, userActor, type Actor } from '../../platform/access.js';
import { Work, type Tx } from '../../platform/work.js';
import type { Clock } from '../../platform/clock.js';
import { WARNING_JOBS } from './events.js';
import { WarningStore, type RuleValues } from './store.js';
import { Linkage } from './linkage.js';
import { WarningOps } from './ops.js';
import { CapIngest, DEMO_CAP_KEY, keyHash } from './ingest.js';
import { ResponseActions } from './responses.js';
import { WarningTimers, type TimerPayload } from './timers.js';
import { SILENT } from './notify.js';
import { capXml, chinaTime, type CapMessage } from './cap-xml.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export { DEMO_CAP_KEY };
const SENDER = '33010041600000';
const OFFICE = '杭州市气象台';

type Code = 'production' | 'equipment' | 'safety' | 'logistics' | 'clinic';
type DemoRule = Omit<RuleValues, 'instruct' | 'enabled' | 'sourceKinds' | 'areaIds' | 'flowTemplateKey'> & { sourceKinds?: string[]; instruct: [Code, string][] };

/** The demo company's linkage rules: the seed document's 暴雨红色预警 first. */
const RULES: DemoRule[] = [
  {
    name: '暴雨红色预警', eventTypes: ['rainstorm'], minColor: 'red', responseHours: 4, escalateAfterHours: 2, raiseHazard: false,
    instruct: [
      ['logistics', '{{headline}}：立即检查厂区排水沟、雨水井和地下配电房排水泵，清理堵塞，沙袋到位'],
      ['production', '{{headline}}：室外设备停机、断电并遮盖防护，暂停露天作业'],
      ['safety', '{{headline}}：应急救援队伍集结待命，检查抢险物资，{{expires}} 前保持值守'],
    ],
  },
  {
    name: '台风橙色及以上预警', eventTypes: ['typhoon'], minColor: 'orange', responseHours: 6, escalateAfterHours: 2, raiseHazard: false,
    instruct: [
      ['logistics', '{{event}}{{color}}预警：加固临时建筑、广告牌和室外堆放物，检查排水'],
      ['production', '{{event}}{{color}}预警：停止室外和高处作业，室外设备固定防护'],
      ['safety', '{{event}}{{color}}预警：应急队伍待命，巡查厂区危险部位'],
    ],
  },
  {
    name: '高温橙色及以上预警', eventTypes: ['heat'], minColor: 'orange', responseHours: 8, escalateAfterHours: 4, raiseHazard: false,
    instruct: [
      ['logistics', '{{event}}{{color}}预警：发放防暑降温饮品，检查车间通风和空调'],
      ['production', '{{event}}{{color}}预警：调整高温时段作业安排，落实轮换休息'],
      ['clinic', '{{event}}{{color}}预警：备好防暑药品，安排巡诊'],
    ],
  },
  {
    name: '大风橙色及以上预警', eventTypes: ['gale'], minColor: 'orange', responseHours: 4, escalateAfterHours: 2, raiseHazard: false,
    instruct: [
      ['equipment', '{{event}}{{color}}预警：室外起重机械停用并锚固，检查高处设施'],
      ['production', '{{event}}{{color}}预警：停止室外高处作业和吊装作业'],
    ],
  },
  {
    name: '雷电黄色及以上预警', eventTypes: ['lightning'], minColor: 'yellow', responseHours: 4, escalateAfterHours: 2, raiseHazard: false,
    instruct: [
      ['equipment', '{{event}}{{color}}预警：检查防雷接地和配电房，必要时停用室外用电设备'],
      ['production', '{{event}}{{color}}预警：暂停露天和高处作业，人员进入室内'],
    ],
  },
  {
    name: '设备传感器预警', sourceKinds: ['sensor'], eventTypes: ['equipment'], minColor: 'yellow', responseHours: 2, escalateAfterHours: 1, raiseHazard: true,
    instruct: [
      ['equipment', '{{headline}}：立即到场检查设备，必要时停机'],
      ['safety', '{{headline}}：到场确认风险，评估是否需要疏散'],
    ],
  },
];

/** A past warning: when it came, what it said, and how each department answered (hours after it came; null = never). */
interface Episode {
  daysAgo: number;
  event: string;
  eventCode?: string;
  color: '蓝色' | '黄色' | '橙色' | '红色';
  description: string;
  status?: 'Test';
  answers?: Partial<Record<Code, number | null>>;
  /** An Update raising it to this colour, hours after the first message. */
  updateTo?: { after: number; color: '红色' };
  cancelAfter?: number;
}

const SEVERITY = { 蓝色: 'Minor', 黄色: 'Moderate', 橙色: 'Severe', 红色: 'Extreme' } as const;
const MEASURES: Record<Code, string> = {
  logistics: '已清理排水沟和雨水井，排水泵试运行正常，沙袋 200 袋到位',
  production: '室外设备已停机断电并加盖防雨布，露天作业已暂停',
  safety: '应急救援队 12 人已集结待命，抢险物资清点完毕',
  equipment: '起重机械已停用锚固，防雷接地检测合格',
  clinic: '防暑药品已备齐，安排医生每日两次车间巡诊',
};

const EPISODES: Episode[] = [
  { daysAgo: 95, event: '高温', eventCode: '11B09', color: '橙色', description: '预计未来三天最高气温将达37℃以上', answers: { logistics: 2, production: 3, clinic: 1.5 } },
  { daysAgo: 81, event: '暴雨', eventCode: '11B03', color: '蓝色', description: '预计未来12小时内将出现50毫米以上降雨' },
  { daysAgo: 68, event: '大风', eventCode: '11B06', color: '橙色', description: '预计未来6小时内将出现10级以上大风', answers: { equipment: 1, production: 2 } },
  {
    daysAgo: 54, event: '暴雨', eventCode: '11B03', color: '黄色', description: '预计未来6小时内将出现50毫米以上降雨',
    updateTo: { after: 2, color: '红色' }, answers: { logistics: 3, production: 3.5, safety: 2.5 },
  },
  { daysAgo: 41, event: '台风', eventCode: '11B01', color: '橙色', description: '今年第9号台风预计12小时内影响本市', answers: { logistics: 3, production: 4, safety: null }, cancelAfter: 5 },
  { daysAgo: 26, event: '雷电', eventCode: '11B14', color: '黄色', description: '预计未来6小时内将出现雷电活动，局地伴有短时强降水', answers: { production: 1, equipment: 5.5 } },
  { daysAgo: 12, event: '暴雨', eventCode: '11B03', color: '黄色', status: 'Test', description: '【测试】预警发布系统联调测试，请勿响应' },
  { daysAgo: 6, event: '高温', eventCode: '11B09', color: '橙色', description: '预计未来两天最高气温将达38℃以上', answers: { logistics: 2, clinic: 1, production: null } },
];

/** A clock the demo history moves forward by itself. */
class SimClock implements Clock {
  constructor(public t: number) {}
  now() {
    return new Date(this.t);
  }
}

/**
 * The demo's warning source (市气象台, key `demo-cap-key`, any sender), its linkage rules, and
 * about three months of warnings run through the real ingestion, linkage, answers and timers
 * with a simulated clock: most loops closed, one Update, one Cancel, one test message, one loop
 * still open with an overdue, escalated department, and one yellow warning in effect now.
 * Notifications stay silent: old warnings announce nothing.
 */
export async function seedWarnings(tx: Tx, tenantId: string, now: Date): Promise<void> {
  const store = new WarningStore();
  const departments = await store.departments(tx);
  const dept = (code: string) => departments.find((d) => d.code === code);
  if (RULES.some((r) => r.instruct.some(([code]) => !dept(code)?.head_user_id))) return;
  const clock = new SimClock(now.getTime() - 100 * DAY);
  // A key names one source across all tenants: a second demo tenant gets a source without one (its admin issues one).
  const taken = await sql<{ source_id: string }>`SELECT source_id FROM warnings_source_by_key(${keyHash(DEMO_CAP_KEY)})`.execute(tx);
  const demoKey = taken.rows.length ? null : DEMO_CAP_KEY;
  const sourceId = await store.insertSource(tx, {
    tenantId, kind: 'cap', name: '市气象台', allowlist: ['*'], feedUrl: null, pollSeconds: 300, enabled: true,
    keyHash: demoKey ? keyHash(demoKey) : null, keyPrefix: demoKey ? demoKey.slice(0, 8) : null, now: clock.now(),
  });
  for (const r of RULES) {
    await store.insertRule(tx, tenantId, {
      ...r, enabled: true, sourceKinds: r.sourceKinds ?? [], areaIds: [], flowTemplateKey: null,
      instruct: r.instruct.map(([code, instruction]) => ({ departmentId: dept(code)!.id, instruction })),
    }, clock.now());
  }

  const linkage = new Linkage(store, SILENT, null);
  const ops = new WarningOps(store, linkage, SILENT);
  const ingest = new CapIngest(null, store, ops);
  const answers = new ResponseActions(store, linkage);
  const timers = new WarningTimers(store, SILENT, (w, id) => ops.changed(w, id));
  const heads = await tx.selectFrom('users').select(['id', 'username', 'display_name', 'department_id', 'roles']).where('id', 'in', departments.flatMap((d) => (d.head_user_id ? [d.head_user_id] : []))).execute();
  const headOf = (code: Code): Actor => {
    const u = heads.find((h) => h.id === dept(code)!.head_user_id)!;
    return userActor({ tenantId, userId: u.id, username: u.username, displayName: u.display_name, departmentId: u.department_id, roles: u.roles, locale: 'zh-CN' });
  };
  const system = systemActor(tenantId, 'seed-demo');
  const inWork = async <T>(actor: Actor, fn: (w: Work) => Promise<T>) => {
    const w = new Work(tx, actor, () => [], clock);
    const out = await fn(w);
    await w.flush();
    return out;
  };
  const source = (await store.source(tx, sourceId))!;
  /** The job worker's part: the warning timers that fell due by the simulated time. */
  const runTimers = async () => {
    const due = await tx
      .selectFrom('jobs')
      .select(['id', 'name', 'payload'])
      .where('tenant_id', '=', tenantId)
      .where('state', '=', 'pending')
      .where('name', 'in', [WARNING_JOBS.overdue, WARNING_JOBS.escalate])
      .where('run_at', '<=', clock.now())
      .orderBy('run_at')
      .orderBy('id')
      .execute();
    for (const job of due) {
      await inWork(system, (w) => (job.name === WARNING_JOBS.overdue ? timers.onOverdue(w, job.payload as TimerPayload) : timers.onEscalate(w, job.payload as TimerPayload)));
      await tx.updateTable('jobs').set({ state: 'done', attempts: 1, finished_at: clock.now() }).where('id', '=', job.id).where('state', '=', 'pending').execute();
    }
  };
  const advance = async (to: number) => {
    clock.t = Math.max(clock.t, Math.min(to, now.getTime()));
    await runTimers();
  };
  const receive = (m: CapMessage) => inWork(system, (w) => ingest.ingest(w, source, capXml(m)));

  let seq = 0;
  const message = (e: Episode, sent: Date, color: Episode['color'], extra: Partial<CapMessage> = {}): CapMessage => ({
    identifier: `${SENDER}_${chinaTime(sent).slice(0, 19).replace(/\D/g, '')}_${seq++ % 10}`,
    sender: SENDER, sent, status: e.status, msgType: 'Alert', event: e.event, eventCode: e.eventCode, severity: SEVERITY[color], senderName: OFFICE,
    headline: `${OFFICE}发布${e.event}${color}预警信号`, description: `${OFFICE}${chinaTime(sent).slice(0, 16).replace('T', ' ')}发布${e.event}${color}预警信号：${e.description}。`,
    expires: new Date(sent.getTime() + DAY), areaDesc: '杭州市', geocode: '330100', ...extra,
  });

  const episodes: (Episode & { now?: boolean })[] = [
    ...EPISODES,
    // in effect now: production has acknowledged, equipment not yet
    { daysAgo: 3 / 24, event: '雷电', eventCode: '11B14', color: '黄色', description: '预计未来6小时内将出现雷电活动，局地伴有短时强降水', answers: {}, now: true },
  ];
  for (const e of episodes) {
    // China daytime: 09:00–16:00 local on the day
    const day = new Date(now.getTime() - e.daysAgo * DAY);
    const start = e.now ? day.getTime() : Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 1 + (e.daysAgo % 7), 20);
    await advance(start);
    const first = message(e, clock.now(), e.color);
    const created = await receive(first);
    if (!created.ok) continue;
    const warningId = created.warningId;
    if (e.updateTo) {
      await advance(start + e.updateTo.after * HOUR);
      await receive(message(e, clock.now(), e.updateTo.color, { msgType: 'Update', references: [{ sender: SENDER, identifier: first.identifier, sent: first.sent }] }));
    }
    const base = clock.t;
    const plan = Object.entries(e.answers ?? {}).filter((x): x is [Code, number] => x[1] !== null).sort((a, b) => a[1] - b[1]);
    for (const [code, hours] of plan) {
      await advance(base + hours * HOUR);
      if (e.cancelAfter && hours > e.cancelAfter) break;
      await answer(code, warningId, true);
    }
    if (e.now) {
      await advance(base + 0.5 * HOUR);
      await answer('production', warningId, false);
    }
    if (e.cancelAfter) {
      await advance(start + e.cancelAfter * HOUR);
      await receive({ ...message(e, clock.now(), e.color), msgType: 'Cancel', references: [{ sender: SENDER, identifier: first.identifier, sent: first.sent }], headline: `${OFFICE}解除${e.event}${e.color}预警信号`, note: '台风已转向，预警解除' });
    }
  }
  await advance(now.getTime());

  async function answer(code: Code, warningId: string, report: boolean) {
    const actor = headOf(code);
    const r = (await store.responsesOf(tx, [warningId])).find((x) => x.department_id === actor.departmentId);
    if (!r || r.state === 'reported' || r.state === 'stood_down') return;
    await inWork(actor, async (w) => {
      if (!report) await answers.acknowledge(w, actor, warningId, r.id, r.version);
      else await answers.report(w, actor, warningId, r.id, { version: r.version, measures: MEASURES[code] });
      await ops.changed(w, warningId);
    });
  }
}
