import type { Form, FormField, FlowDefinitionInput, SubjectType } from '../../../core/flows/index.js';
import { HAZARD_STEP_FORMS } from '../hazards/step-kinds.js';
import { REPAIR_STEP_FORMS } from '../repairs/step-kinds.js';
import { QUALIFICATION_STEP_FORMS } from '../qualifications/step-kinds.js';

/**
 * Templates every tenant starts with, one per seed scenario (PRODUCT.md scenarios 1, 2, 5, 7) and
 * the hazard rectification loop. Department codes are resolved per tenant at launch; a code the
 * tenant lacks (a school's 保卫处 in a factory) is chosen by the initiator when launching.
 */
export interface BuiltinTemplate {
  key: string;
  name: string;
  description: string;
  category: 'collaboration' | 'hazard' | 'emergency' | 'inspection' | 'school' | 'park';
  subjectTypes: SubjectType[];
  /** Words in a subject's title or description that make this the suggested template. */
  keywords: string[];
  definition: FlowDefinitionInput;
}

type Field = [key: string, field: FormField, required?: boolean];
const text = (title: string): FormField => ({ 'x-widget': 'textarea', type: 'string', title, minLength: 1, maxLength: 2000 });
const photos = (title: string, minItems = 1): FormField => ({ 'x-widget': 'photos', type: 'array', title, items: { type: 'string', format: 'uuid' }, minItems, maxItems: 9 });
const files = (title: string): FormField => ({ 'x-widget': 'files', type: 'array', title, items: { type: 'string', format: 'uuid' }, maxItems: 9 });
const number = (title: string, unit: string, minimum = 0): FormField => ({ 'x-widget': 'number', type: 'number', title, minimum, 'x-unit': unit });
const choice = (title: string, options: string[]): FormField => ({ 'x-widget': 'choice', type: 'string', title, enum: options });
const yes = (title: string): FormField => ({ 'x-widget': 'boolean', type: 'boolean', title });
const signature = (title: string): FormField => ({ 'x-widget': 'signature', type: 'string', format: 'uuid', title });

function form(...fields: Field[]): Form {
  return {
    type: 'object',
    properties: Object.fromEntries(fields.map(([k, f]) => [k, f])),
    required: fields.filter(([, , r]) => r !== false).map(([k]) => k),
    additionalProperties: false,
  };
}

const at = (x: number, y: number) => ({ x, y });

export const BUILTIN_TEMPLATES: BuiltinTemplate[] = [
  {
    key: 'dust-over-limit',
    name: '粉尘超标协同处置',
    description: '作业场所粉尘浓度超标：生产部停机，设备部修复除尘系统，安全环保部复测，浓度合格后恢复生产。',
    category: 'collaboration',
    subjectTypes: ['hazard', 'warning', 'none'],
    keywords: ['粉尘', '除尘', '扬尘', '浓度超标'],
    definition: {
      dataFields: {
        concentration: { title: '粉尘浓度 (mg/m³)', type: 'number' },
        level: { title: '严重程度 (1-4)', type: 'number', enum: [1, 2, 3, 4] },
      },
      nodes: [
        { id: 'start', type: 'start', position: at(0, 150) },
        { id: 'split', type: 'gateway', mode: 'parallel', name: '同时通知', position: at(140, 150) },
        {
          id: 'stop',
          type: 'task',
          name: '停产停机、人员撤离',
          assignee: { departmentCode: 'production' },
          deadline: { hours: 2 },
          form: form(['measures', text('停机及撤离措施')], ['photos', photos('现场照片')]),
          position: at(320, 40),
        },
        {
          id: 'repair',
          type: 'task',
          name: '检修除尘系统',
          assignee: { departmentCode: 'equipment' },
          deadline: { workingHours: 16 },
          form: form(['cause', text('故障原因')], ['plan', text('维修方案及结果')], ['photos', photos('修复后照片')], ['files', files('维修记录'), false]),
          review: true,
          position: at(320, 260),
        },
        { id: 'join', type: 'gateway', mode: 'parallel', name: '汇合', position: at(540, 150) },
        {
          id: 'monitor',
          type: 'task',
          name: '粉尘浓度复测',
          assignee: { departmentCode: 'safety' },
          deadline: { workingHours: 8 },
          form: form(['concentration', number('复测浓度', 'mg/m³')], ['result', choice('复测结论', ['合格', '不合格'])], ['report', files('检测报告'), false]),
          position: at(700, 150),
        },
        { id: 'resume', type: 'task', name: '恢复生产', assignee: { departmentCode: 'production' }, deadline: { hours: 4 },
          form: form(['note', text('恢复情况')]), position: at(900, 60) },
        { id: 'end', type: 'end', name: '处置完毕', position: at(1080, 150) },
      ],
      edges: [
        { id: 'e1', from: 'start', to: 'split' },
        { id: 'e2', from: 'split', to: 'stop' },
        { id: 'e3', from: 'split', to: 'repair' },
        { id: 'e4', from: 'stop', to: 'join' },
        { id: 'e5', from: 'repair', to: 'join' },
        { id: 'e6', from: 'join', to: 'monitor' },
        { id: 'e7', from: 'monitor', to: 'resume', when: { field: 'outputs.monitor.result', op: 'eq', value: '合格' }, label: '合格' },
        { id: 'e8', from: 'monitor', to: 'end' },
        { id: 'e9', from: 'resume', to: 'end' },
      ],
      participantRules: [
        {
          id: 'health',
          name: '严重超标：医务室组织职业健康检查',
          when: { field: 'data.level', op: 'gte', value: 3 },
          tasks: [
            { id: 'health-check', name: '接触人员职业健康检查', assignee: { departmentCode: 'clinic' }, deadline: { hours: 24 },
              form: form(['people', number('检查人数', '人'), true], ['findings', text('检查结果')]) },
          ],
        },
      ],
      escalation: { remindBeforeHours: 1, notifyHeadOnOverdue: true, committeeAfterHours: 4 },
    },
  },
  {
    key: 'abnormal-noise',
    name: '生产线异响处置',
    description:
      '生产线设备异响（一次上报，各部门各做一次）：设备部诊断并制定维修方案，安全环保部评估定级、人事部依证书记录核查资质，' +
      '安全环保部派发整改，设备部完成维修即完成整改，安全环保部验收销号；隐患、维修工单和资质核查随任务一起变化。',
    category: 'collaboration',
    subjectTypes: ['hazard', 'none'],
    keywords: ['异响', '噪声', '轴承', '振动'],
    definition: {
      dataFields: {},
      nodes: [
        { id: 'start', type: 'start', position: at(0, 120) },
        { id: 'diagnose', type: 'task', kind: 'repair.plan', name: '诊断并制定维修方案', assignee: { departmentCode: 'equipment' }, deadline: { hours: 4 },
          form: REPAIR_STEP_FORMS.plan, position: at(160, 120) },
        { id: 'split', type: 'gateway', mode: 'parallel', position: at(340, 120) },
        { id: 'assess', type: 'task', kind: 'hazard.assess', name: '评估定级', assignee: { departmentCode: 'safety' }, deadline: { hours: 2 },
          form: HAZARD_STEP_FORMS.assess, position: at(500, 30) },
        { id: 'qualify', type: 'task', kind: 'qualification.check', name: '资质核查', assignee: { departmentCode: 'hr' }, deadline: { hours: 2 },
          form: QUALIFICATION_STEP_FORMS.check, position: at(500, 210) },
        { id: 'join', type: 'gateway', mode: 'parallel', position: at(660, 120) },
        { id: 'dispatch', type: 'task', kind: 'hazard.dispatch', name: '整改派发', assignee: { departmentCode: 'safety' }, deadline: { hours: 2 },
          form: HAZARD_STEP_FORMS.dispatch, position: at(800, 120) },
        { id: 'fix', type: 'task', kind: 'repair.complete', name: '实施维修并验证', assignee: { departmentCode: 'equipment' }, deadline: { hours: 8 },
          dueFrom: 'rectifyDeadline', form: REPAIR_STEP_FORMS.complete, position: at(960, 120) },
        { id: 'verify', type: 'task', kind: 'hazard.verify', name: '验收', assignee: { departmentCode: 'safety' }, deadline: { hours: 8 },
          form: HAZARD_STEP_FORMS.verify, position: at(1120, 120) },
        { id: 'end', type: 'end', position: at(1280, 120) },
      ],
      edges: [
        { id: 'e1', from: 'start', to: 'diagnose' },
        { id: 'e2', from: 'diagnose', to: 'split' },
        { id: 'e3', from: 'split', to: 'assess' },
        { id: 'e4', from: 'split', to: 'qualify' },
        { id: 'e5', from: 'assess', to: 'join' },
        { id: 'e6', from: 'qualify', to: 'join' },
        { id: 'e7', from: 'join', to: 'dispatch' },
        { id: 'e8', from: 'dispatch', to: 'fix' },
        { id: 'e9', from: 'fix', to: 'verify' },
        { id: 'e10', from: 'verify', to: 'end' },
      ],
      participantRules: [],
      escalation: { remindBeforeHours: 1, notifyHeadOnOverdue: true, committeeAfterHours: 8 },
    },
  },
  {
    key: 'school-wiring',
    name: '教室线路老化整改',
    description: '学校教室线路老化：保卫处评定火灾风险，风险高时教务处调整上课教室，后勤维修制定并实施整改。',
    category: 'school',
    subjectTypes: ['hazard', 'none'],
    keywords: ['线路老化', '电线', '教室', '线路'],
    definition: {
      dataFields: {},
      nodes: [
        { id: 'start', type: 'start', position: at(0, 120) },
        { id: 'rate', type: 'task', name: '评定火灾风险', assignee: { departmentCode: 'security' }, deadline: { workingHours: 4 },
          form: form(['risk', choice('火灾风险等级', ['重大风险', '较大风险', '一般风险', '低风险'])], ['basis', text('评定依据')], ['photos', photos('现场照片')]),
          position: at(160, 120) },
        { id: 'decide', type: 'gateway', mode: 'exclusive', name: '是否调课', position: at(360, 120) },
        { id: 'move', type: 'task', name: '调整上课教室', assignee: { departmentCode: 'academic' }, deadline: { workingHours: 8 },
          form: form(['arrangement', text('调课安排')]), position: at(520, 30) },
        { id: 'plan', type: 'task', name: '制定并实施维修计划', assignee: { departmentCode: 'maintenance' }, deadline: { workingHours: 40 }, review: true,
          form: form(['plan', text('维修计划')], ['result', text('整改结果')], ['photos', photos('整改后照片')]), position: at(700, 120) },
        { id: 'end', type: 'end', position: at(900, 120) },
      ],
      edges: [
        { id: 'e1', from: 'start', to: 'rate' },
        { id: 'e2', from: 'rate', to: 'decide' },
        { id: 'e3', from: 'decide', to: 'move', when: { field: 'outputs.rate.risk', op: 'in', value: ['重大风险', '较大风险'] }, label: '风险较大以上' },
        { id: 'e4', from: 'decide', to: 'plan', label: '其他' },
        { id: 'e5', from: 'move', to: 'plan' },
        { id: 'e6', from: 'plan', to: 'end' },
      ],
      participantRules: [],
    },
  },
  {
    key: 'park-inspection',
    name: '园区安全检查通知',
    description: '园区安委会下发检查通知：各入驻企业提交自查，物业检查公共消防设施，消防部门在线复核整改，无需逐一到场。',
    category: 'park',
    subjectTypes: ['none'],
    keywords: ['检查通知', '自查', '园区'],
    definition: {
      dataFields: {},
      nodes: [
        { id: 'start', type: 'start', position: at(0, 120) },
        { id: 'split', type: 'gateway', mode: 'parallel', position: at(140, 120) },
        { id: 'self-check', type: 'task', name: '企业自查并整改', assignee: { departmentCode: 'production' }, deadline: { workingHours: 24 }, review: true,
          form: form(['findings', text('自查发现的问题')], ['rectified', text('整改情况')], ['photos', photos('整改照片')]), position: at(320, 30) },
        { id: 'fire-equipment', type: 'task', name: '检查公共消防设施', assignee: { departmentCode: 'logistics' }, deadline: { workingHours: 24 },
          form: form(['checked', number('检查设施数', '处')], ['intact', number('完好数', '处')], ['photos', photos('检查照片')]), position: at(320, 210) },
        { id: 'join', type: 'gateway', mode: 'parallel', position: at(520, 120) },
        { id: 'review', type: 'task', name: '消防部门在线复核', assignee: { departmentCode: 'safety' }, deadline: { workingHours: 16 },
          form: form(['conclusion', choice('复核结论', ['通过', '限期整改'])], ['opinion', text('复核意见')], ['sign', signature('复核人签字')]), position: at(680, 120) },
        { id: 'end', type: 'end', position: at(860, 120) },
      ],
      edges: [
        { id: 'e1', from: 'start', to: 'split' },
        { id: 'e2', from: 'split', to: 'self-check' },
        { id: 'e3', from: 'split', to: 'fire-equipment' },
        { id: 'e4', from: 'self-check', to: 'join' },
        { id: 'e5', from: 'fire-equipment', to: 'join' },
        { id: 'e6', from: 'join', to: 'review' },
        { id: 'e7', from: 'review', to: 'end' },
      ],
      participantRules: [],
    },
  },
  {
    key: 'hazard-rectification',
    name: '隐患整改闭环',
    description: '隐患整改：责任部门整改并上传整改后照片，安全环保部验收，退回则重新整改。',
    category: 'hazard',
    subjectTypes: ['hazard'],
    keywords: [],
    definition: {
      dataFields: { grade: { title: '隐患等级', type: 'string', enum: ['general', 'major'] } },
      nodes: [
        { id: 'start', type: 'start', position: at(0, 100) },
        { id: 'rectify', type: 'task', name: '整改', assignee: { departmentCode: 'production' }, deadline: { workingHours: 40 }, review: true,
          form: form(['measures', text('整改措施')], ['photos', photos('整改后照片')]), position: at(180, 100) },
        { id: 'end', type: 'end', position: at(400, 100) },
      ],
      edges: [
        { id: 'e1', from: 'start', to: 'rectify' },
        { id: 'e2', from: 'rectify', to: 'end' },
      ],
      participantRules: [
        {
          id: 'major',
          name: '重大隐患：安全委员会督办',
          when: { field: 'data.grade', op: 'eq', value: 'major' },
          tasks: [{ id: 'supervise', name: '挂牌督办', assignee: { departmentCode: 'committee' }, deadline: { hours: 72 },
            form: form(['opinion', text('督办意见')]) }],
        },
      ],
    },
  },
];
