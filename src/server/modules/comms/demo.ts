import type { Tx } from '../../platform/work.js';
import { CommsStore, type ConversationRow, type RecordFacts } from './store.js';

const HOUR = 3_600_000;

type Line = [username: string, hoursAgo: number, body: string, extra?: { mention?: string[]; mentionDept?: string[]; link?: boolean }];

/** 生产部, 安全环保部 and 设备部 channels: the daily talk of a machine shop. */
const CHANNELS: Record<string, Line[]> = {
  production: [
    ['production', 74, '各班组注意：本周五上午市应急管理局来厂检查，周四下班前完成 5S 整理，通道不得堆放物料。'],
    ['worker', 73.5, '收到，一号车间的边角料周四上午清走。'],
    ['production', 50, '昨天冲压车间 2 号冲床光幕失灵的事，设备部已经修好，复机前班组长要再试一次光幕。'],
    ['worker', 49, '班前试过了，手伸进去冲床能停，正常。'],
    ['production', 26, '夜班人员注意：喷涂车间排风机今晚 22:00–23:00 检修，期间喷涂线停线，不得开调漆间。'],
    ['worker', 3, '@张伟 三号车床防护罩拆下来后一直没装回去，我已经在系统里上报了隐患。', { mention: ['production'] }],
    ['production', 2.5, '好，我让维修今天下午装回去，装好之前三号车床停用。'],
  ],
  safety: [
    ['safety', 96, '本月特种作业证到期名单已发人事部，焊接车间有 3 人需要复审，请 @人事部 安排。', { mentionDept: ['hr'] }],
    ['safety', 30, '气象台发布暴雨黄色预警，明天可能升级，大家留意预警看板。'],
    ['safety', 6, '粉尘检测报告出来了：打磨工位 8.6 mg/m³，超过 8 mg/m³ 的限值，已发起协同。'],
  ],
  equipment: [
    ['equipment', 80, '空压站 2 号储气罐安全阀本月底到期校验，已提交检验申请。'],
    ['equipment', 28, '锅炉房压力表已全部更换为新校验的表，旧表封存。'],
    ['equipment', 4, '除尘器风机轴承异响，今天下午更换，打磨工位暂停两小时。'],
  ],
};

/** What the people of a dust case say in its room. */
const CASE_ROOM: Line[] = [
  ['safety', 20, '打磨工位粉尘浓度超标，先停两台打磨机，@设备部 查一下除尘器。', { mentionDept: ['equipment'] }],
  ['equipment', 19, '除尘器滤袋破了两个，风机风量也偏低，备件下午到。'],
  ['production', 18.5, '停两台打磨机影响今天的交货，能不能先戴防尘口罩继续干到下午？'],
  ['safety', 18, '不行，超标期间打磨工位不得作业。@张伟 这批活调到二号装配车间的备用工位。', { mention: ['production'], link: true }],
  ['production', 17, '好，已经调过去了，备用工位那边通风没问题。'],
  ['equipment', 6, '滤袋已换，风机皮带也紧了，请安全环保部复测。'],
];

/** A hazard's room: the rectification argued out before it is done. */
const HAZARD_ROOM: Line[] = [
  ['safety', 30, '这条隐患按重大隐患挂牌督办，整改期限两周，请责任部门先出整改方案。'],
  ['production', 28, '方案明天交，需要停线改造，建议安排在月底检修窗口。'],
  ['safety', 27, '月底太晚，临时措施今天就要落实：警戒线、专人监护，@张伟 今天下班前回复。', { mention: ['production'] }],
  ['production', 25, '警戒线已拉，监护人员排班表见附件后补。'],
];

const DIRECT: Line[] = [
  ['safety', 8, '张经理，下周安委会例会要汇报粉尘整改进度，麻烦准备一页材料。'],
  ['production', 7.5, '好的，周一前发你。'],
];

/**
 * Demo chat: busy department channels, a case room and a hazard room and a one-to-one chat, with
 * a few messages left unread for 张伟 and 孙小明 so the badges show on first login.
 */
export async function seedComms(tx: Tx, tenantId: string, now: Date): Promise<void> {
  const store = new CommsStore();
  const users = new Map((await tx.selectFrom('users').select(['id', 'username', 'display_name']).execute()).map((u) => [u.username, u]));
  const depts = new Map((await tx.selectFrom('departments').select(['id', 'code', 'name']).execute()).map((d) => [d.code, d]));
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);

  const write = async (conv: ConversationRow, lines: Line[], record: RecordFacts | null, unreadFor: string[] = []) => {
    let last = 0;
    for (const [username, hoursAgo, body, extra] of lines) {
      const author = users.get(username);
      if (!author) continue;
      const seq = await store.nextSeq(tx, conv.id, at(hoursAgo));
      const mentionUsers = (extra?.mention ?? []).flatMap((u) => (users.get(u) ? [users.get(u)!.id] : []));
      const mentionDepts = (extra?.mentionDept ?? []).flatMap((d) => (depts.get(d) ? [depts.get(d)!.id] : []));
      await store.insertMessage(tx, {
        tenantId, conversationId: conv.id, seq, authorId: author.id, body, replyTo: null, mentionUsers, mentionDepartments: mentionDepts, files: [],
        links: extra?.link && record ? [{ type: record.type, id: record.id }] : [], now: at(hoursAgo),
      });
      await store.addMembers(tx, tenantId, conv.id, [author.id, ...mentionUsers, ...(await store.activeMembersOf(tx, mentionDepts))], 'author', at(hoursAgo));
      last = seq;
    }
    // everyone has read everything but the last two lines for those the badges are for
    const members = await store.memberIds(tx, conv.id);
    const unread = new Set(unreadFor.flatMap((u) => (users.get(u) ? [users.get(u)!.id] : [])));
    for (const m of members) await store.markRead(tx, conv.id, m, unread.has(m) ? Math.max(0, last - 2) : last);
  };

  for (const [code, lines] of Object.entries(CHANNELS)) {
    const d = depts.get(code);
    if (!d) continue;
    const { row } = await store.ensureConversation(tx, { tenantId, kind: 'department', title: `${d.name}频道`, departmentId: d.id, now: at(24 * 30) });
    await store.addMembers(tx, tenantId, row.id, await store.activeMembersOf(tx, [d.id]), 'participant', at(24 * 30));
    await write(row, lines, null, code === 'production' ? ['production'] : []);
  }

  // the newest running case and an open major hazard get their rooms
  const running = await tx.selectFrom('flow_instances').select('id').where('status', '=', 'running').orderBy('started_at', 'desc').limit(1).executeTakeFirst();
  const room = async (type: 'flow_instance' | 'hazard', id: string, lines: Line[], unreadFor: string[]) => {
    const record = await store.record(tx, type, id);
    if (!record) return;
    const { row } = await store.ensureConversation(tx, { tenantId, kind: 'record', title: `${record.code} ${record.title}`.slice(0, 200), subjectType: type, subjectId: id, now: at(Math.max(...lines.map((l) => l[1])) + 1) });
    await store.addMembers(tx, tenantId, row.id, [...record.userIds, ...(await store.activeMembersOf(tx, record.departmentIds))], 'participant', at(40));
    await write(row, lines, record, unreadFor);
  };
  if (running) await room('flow_instance', running.id, CASE_ROOM, ['production', 'worker']);
  const major = await tx.selectFrom('hazards').select('id').where('grade', '=', 'major').where('status', '<>', 'closed').orderBy('reported_at', 'desc').limit(1).executeTakeFirst();
  if (major) await room('hazard', major.id, HAZARD_ROOM, []);

  const safety = users.get('safety');
  const production = users.get('production');
  if (safety && production) {
    const { row } = await store.ensureConversation(tx, { tenantId, kind: 'direct', title: '', directKey: [safety.id, production.id].sort().join(':'), now: at(10) });
    await store.addMembers(tx, tenantId, row.id, [safety.id, production.id], 'participant', at(10));
    await write(row, DIRECT, null);
  }
}
