/**
 * Demo data of the standards library: version 1 from the national defaults and two department
 * mappings — 设备部's fault report (its own 严重程度: 停机 / 带病运行 / 轻微) and 后勤部's
 * fire-equipment patrol — so the 部门映射 page and the compatibility scan have something to show.
 */
import { DEFAULT_STANDARDS, type IntakeDefinition } from '../../../core/standards/index.js';
import type { Tx } from '../../platform/work.js';
import { StandardsStore } from './store.js';

export const DEMO_MAPPINGS: { department: string; name: string; description: string; definition: IntakeDefinition }[] = [
  {
    department: 'equipment',
    name: '设备故障报修单',
    description: '设备部自有的故障报修表单：严重程度与发生频次按风险矩阵（LS）折算为统一风险等级',
    definition: {
      form: {
        fields: [
          { key: 'summary', label: '故障现象', type: 'text', required: true },
          { key: 'equipment', label: '故障设备', type: 'equipment', required: true },
          { key: 'area', label: '所在区域', type: 'area' },
          { key: 'severity', label: '严重程度', type: 'select', options: ['停机', '带病运行', '轻微'], required: true },
          { key: 'frequency', label: '发生频次', type: 'select', options: ['频繁', '偶发', '首次'], required: true },
          { key: 'fatal', label: '可能导致人员死亡', type: 'select', options: ['是', '否'], required: true },
          { key: 'detail', label: '故障描述', type: 'textarea' },
        ],
      },
      mapping: {
        title: { field: 'summary' },
        description: { field: 'detail' },
        equipment: { field: 'equipment' },
        area: { field: 'area' },
        // 重大隐患 = may cause ≥ 1 death (unified definition); the form asks it directly
        grade: { from: 'map', field: 'fatal', values: { 是: 'major', 否: 'general' } },
        riskLevel: {
          from: 'ls',
          l: { field: 'frequency', values: { 频繁: 4, 偶发: 3, 首次: 2 } },
          s: { field: 'severity', values: { 停机: 4, 带病运行: 3, 轻微: 1 } },
        },
      },
    },
  },
  {
    department: 'logistics',
    name: '消防设施巡检表',
    description: '后勤部消防设施日常巡检：检查结果直接对应四色风险等级，预估损失按重大隐患判定规则定级',
    definition: {
      form: {
        fields: [
          { key: 'item', label: '设施名称', type: 'text', required: true },
          { key: 'category', label: '设施类型', type: 'select', options: ['灭火器', '消火栓', '应急照明', '疏散指示', '防火门'], required: true },
          { key: 'area', label: '所在区域', type: 'area', required: true },
          { key: 'result', label: '检查结果', type: 'select', options: ['完好', '压力不足', '过期', '损坏', '缺失'], required: true },
          { key: 'loss', label: '可能造成的直接损失（元）', type: 'number' },
          { key: 'remark', label: '备注', type: 'textarea' },
        ],
      },
      mapping: {
        title: { field: 'item' },
        description: { field: 'remark' },
        area: { field: 'area' },
        grade: { from: 'rule', potentialDeaths: { value: 0 }, directLossYuan: { field: 'loss' } },
        riskLevel: {
          from: 'map',
          field: 'result',
          values: { 完好: 'low', 压力不足: 'general', 过期: 'general', 损坏: 'significant', 缺失: 'significant' },
        },
      },
    },
  },
];

/**
 * Called by the demo seed inside its transaction (already in the tenant): standards version 1
 * and the two demo mappings. `deptIds` maps department codes to ids.
 */
export async function seedStandards(tx: Tx, tenantId: string, deptIds: Record<string, string>): Promise<void> {
  const store = new StandardsStore();
  await store.insertVersion(tx, { tenantId, version: 1, document: DEFAULT_STANDARDS, note: '国家标准默认值', createdBy: null }, true);
  for (const m of DEMO_MAPPINGS) {
    if (!deptIds[m.department]) continue;
    await store.insertMapping(tx, {
      tenantId,
      departmentId: deptIds[m.department],
      name: m.name,
      description: m.description,
      form: m.definition.form,
      mapping: m.definition.mapping,
      enabled: true,
      standardsVersion: 1,
      createdBy: null,
    });
  }
}
