import { describe, expect, it } from 'vitest';
import { DEFAULT_STANDARDS } from './defaults.js';
import { applyMapping, checkMapping, riskScale, type IntakeDefinition } from './mapping.js';
import type { StandardsDocument } from './types.js';

/** 设备部's fault report: its own 严重程度 and 发生频次 feed the LS matrix. */
const faultReport = (): IntakeDefinition => ({
  form: {
    fields: [
      { key: 'summary', label: '故障现象', type: 'text', required: true },
      { key: 'equipment', label: '设备', type: 'equipment', required: true },
      { key: 'area', label: '所在区域', type: 'area' },
      { key: 'severity', label: '严重程度', type: 'select', options: ['停机', '带病运行', '轻微'], required: true },
      { key: 'frequency', label: '发生频次', type: 'select', options: ['频繁', '偶发', '首次'], required: true },
      { key: 'fatal', label: '可能导致人员死亡', type: 'select', options: ['是', '否'], required: true },
    ],
  },
  mapping: {
    title: { field: 'summary' },
    equipment: { field: 'equipment' },
    area: { field: 'area' },
    grade: { from: 'map', field: 'fatal', values: { 是: 'major', 否: 'general' } },
    riskLevel: {
      from: 'ls',
      l: { field: 'frequency', values: { 频繁: 4, 偶发: 3, 首次: 2 } },
      s: { field: 'severity', values: { 停机: 4, 带病运行: 3, 轻微: 1 } },
    },
  },
});

/** 后勤部's fire-equipment patrol: 检查结果 maps straight onto risk levels; a loss estimate feeds the 重大隐患 rule. */
const firePatrol = (): IntakeDefinition => ({
  form: {
    fields: [
      { key: 'item', label: '设施名称', type: 'text', required: true },
      { key: 'area', label: '区域', type: 'area', required: true },
      { key: 'result', label: '检查结果', type: 'select', options: ['完好', '压力不足', '过期', '损坏', '缺失'], required: true },
      { key: 'loss', label: '可能直接损失（元）', type: 'number' },
      { key: 'remark', label: '备注', type: 'textarea' },
    ],
  },
  mapping: {
    title: { field: 'item' },
    area: { field: 'area' },
    description: { field: 'remark' },
    grade: { from: 'rule', potentialDeaths: { value: 0 }, directLossYuan: { field: 'loss' } },
    riskLevel: { from: 'map', field: 'result', values: { 完好: 'low', 压力不足: 'general', 过期: 'general', 损坏: 'significant', 缺失: 'significant' } },
  },
});

const withoutOrange = (): StandardsDocument => ({
  ...DEFAULT_STANDARDS,
  ls: { ...DEFAULT_STANDARDS.ls, bands: [{ level: 'major', min: 15, max: 25 }, { level: 'general', min: 9, max: 12 }, { level: 'low', min: 1, max: 8 }] },
});

describe('checkMapping', () => {
  it('the demo mappings fit the national defaults', () => {
    expect(checkMapping(faultReport(), DEFAULT_STANDARDS)).toEqual([]);
    expect(checkMapping(firePatrol(), DEFAULT_STANDARDS)).toEqual([]);
  });

  it('a risk level the LS bands no longer produce breaks the mapping', () => {
    const doc = withoutOrange();
    expect(riskScale(doc)).toEqual(['major', 'general', 'low']);
    const issues = checkMapping(firePatrol(), doc);
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['mapping.riskLevel.values.损坏', 'unknown_level'],
      ['mapping.riskLevel.values.缺失', 'unknown_level'],
    ]);
    // the LS-computed mapping still works: R always falls in some band
    expect(checkMapping(faultReport(), doc)).toEqual([]);
  });

  it('a factor value the current value set no longer has breaks the mapping', () => {
    const doc: StandardsDocument = { ...DEFAULT_STANDARDS, ls: { ...DEFAULT_STANDARDS.ls, l: DEFAULT_STANDARDS.ls.l.filter((x) => x.value !== 4) } };
    expect(checkMapping(faultReport(), doc)).toEqual([expect.objectContaining({ path: 'mapping.riskLevel.l.values.频繁', code: 'unknown_value' })]);
  });

  it('every option must map, every key must be an option, every field must exist with the right type', () => {
    const def = faultReport();
    def.form.fields[3].options = ['停机', '带病运行', '轻微', '异响'];
    expect(checkMapping(def, DEFAULT_STANDARDS)).toEqual([expect.objectContaining({ path: 'mapping.riskLevel.s.values', code: 'unmapped_option' })]);

    const stale = faultReport();
    stale.form.fields[5].options = ['是'];
    expect(checkMapping(stale, DEFAULT_STANDARDS)).toEqual([expect.objectContaining({ path: 'mapping.grade.values.否', code: 'unknown_option' })]);

    const missing = faultReport();
    missing.mapping.area = { field: 'location' };
    missing.mapping.equipment = { field: 'summary' };
    expect(checkMapping(missing, DEFAULT_STANDARDS).map((i) => [i.path, i.code])).toEqual([
      ['mapping.area.field', 'missing_field'],
      ['mapping.equipment.field', 'wrong_type'],
    ]);
  });

  it('a mapping that cannot produce a valid record: optional title, nothing graded, bad form', () => {
    const def = faultReport();
    def.form.fields[0].required = false;
    delete def.mapping.grade;
    delete def.mapping.riskLevel;
    def.form.fields.push({ key: 'severity', label: '', type: 'number', options: ['x'] });
    expect(checkMapping(def, DEFAULT_STANDARDS).map((i) => i.path)).toEqual([
      'form.fields.6.key',
      'form.fields.6.label',
      'form.fields.6.options',
      'mapping.title.field',
      'mapping',
    ]);
  });

  it('an option called "constructor" is not mapped by inheritance', () => {
    const def = faultReport();
    def.form.fields[5].options = ['是', '否', 'constructor'];
    expect(checkMapping(def, DEFAULT_STANDARDS)).toEqual([expect.objectContaining({ code: 'unmapped_option' })]);
  });
});

describe('applyMapping', () => {
  it('设备部: 停机 + 频繁 → R = 16 较大风险; 可能致死 → 重大隐患', () => {
    const r = applyMapping(faultReport(), { summary: '主轴异响', equipment: 'eq-1', severity: '停机', frequency: '频繁', fatal: '是' }, DEFAULT_STANDARDS);
    expect(r).toEqual({
      ok: true,
      fields: {
        title: '主轴异响',
        description: '',
        areaId: null,
        equipmentId: 'eq-1',
        grade: { level: 'major', label: '重大隐患', color: 'red' },
        risk: { level: 'significant', label: '较大风险', color: 'orange', method: 'ls', score: 16 },
      },
    });
  });

  it('后勤部: 压力不足 → 一般风险; the loss estimate decides the grade at 500,000', () => {
    const base = { item: '2号楼灭火器', area: 'area-1', result: '压力不足' };
    const small = applyMapping(firePatrol(), { ...base, loss: 499_999 }, DEFAULT_STANDARDS);
    expect(small).toMatchObject({ ok: true, fields: { grade: { level: 'general' }, risk: { level: 'general', color: 'yellow', method: 'map' } } });
    const big = applyMapping(firePatrol(), { ...base, loss: 500_000 }, DEFAULT_STANDARDS);
    expect(big).toMatchObject({ ok: true, fields: { grade: { level: 'major' } } });
    // the loss is optional: no figure, no grade
    expect(applyMapping(firePatrol(), base, DEFAULT_STANDARDS)).toMatchObject({ ok: true, fields: { grade: null, areaId: 'area-1' } });
  });

  it('LEC mappings report the LEC term beside the four-colour level', () => {
    const def = faultReport();
    def.mapping.riskLevel = { from: 'lec', l: { value: 3 }, e: { value: 6 }, c: { field: 'severity', values: { 停机: 15, 带病运行: 7, 轻微: 1 } } };
    const r = applyMapping(def, { summary: 'x', equipment: 'e', severity: '停机', frequency: '首次', fatal: '否' }, DEFAULT_STANDARDS);
    expect(r).toMatchObject({ ok: true, fields: { risk: { level: 'significant', label: '较大风险', method: 'lec', score: 270, methodLabel: '高度危险' } } });
  });

  it('form values are checked against the form: required, options, numbers, unknown keys', () => {
    const r = applyMapping(firePatrol(), { item: '', area: 'a', result: '丢失', loss: -1, extra: 1 }, DEFAULT_STANDARDS);
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual(['extra', 'item', 'result', 'loss']);
  });

  it('a mapping broken by the standards cannot be applied', () => {
    const r = applyMapping(firePatrol(), { item: 'x', area: 'a', result: '缺失' }, withoutOrange());
    expect(r).toMatchObject({ ok: false, issues: [{ code: 'unknown_level' }, { code: 'unknown_level' }] });
  });
});
