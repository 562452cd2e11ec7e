import { describe, expect, it } from 'vitest';
import { DEFAULT_STANDARDS as doc } from './defaults.js';
import { evaluate, tryEvaluate } from './evaluate.js';
import { suggestHazardType } from './hazard-types.js';

const suggest = (text: string) => suggestHazardType(doc.hazardTypes, text);

describe('hazard types and the suggestion from a report’s text', () => {
  it('the national list has the types the product names, and other as the fallback', () => {
    expect(doc.hazardTypes.types.map((t) => t.label)).toEqual(expect.arrayContaining(['电气', '消防', '机械', '化学品', '高处作业', '特种设备', '职业卫生', '环境', '其他']));
  });

  it('suggests by keywords', () => {
    expect(suggest('二号车间配电箱门未关闭，电线裸露')).toMatchObject({ type: 'electrical', label: '电气', keywords: ['电线', '配电', '电箱'] });
    expect(suggest('仓库灭火器压力不足，安全出口堆放杂物')).toMatchObject({ type: 'fire', label: '消防' });
    expect(suggest('冲压线皮带防护罩缺失')).toMatchObject({ type: 'mechanical' });
    expect(suggest('叉车倒车报警器损坏')).toMatchObject({ type: 'special_equipment' });
    expect(suggest('打磨工位粉尘超标，员工未戴防尘口罩')).toMatchObject({ type: 'occupational_health' });
    expect(suggest('脚手架护栏松动')).toMatchObject({ type: 'work_at_height' });
    expect(suggest('MSDS 未张贴，稀释剂敞口存放')).toMatchObject({ type: 'chemical' });
  });

  it('the type covering more of the text wins; others are listed as alternatives', () => {
    const r = suggest('行车控制线路老化，电缆破皮');
    expect(r.type).toBe('electrical');
    expect(r.alternatives).toEqual([{ type: 'special_equipment', label: '特种设备', keywords: ['行车'] }]);
  });

  it('nothing recognised: 其他, with no keywords', () => {
    expect(suggest('办公室门把手松了')).toEqual({ type: 'other', label: '其他', keywords: [], alternatives: [], basis: doc.hazardTypes.basis });
    expect(suggest('')).toMatchObject({ type: 'other' });
  });

  it('keywords are the tenant’s and ignore case and spaces', () => {
    const mine = { ...doc.hazardTypes, types: [{ type: 'lab', label: '实验室', keywords: ['通风 橱', 'PPE'] }, ...doc.hazardTypes.types] };
    expect(suggestHazardType(mine, '实验室通风橱风速不足').type).toBe('lab');
    expect(suggestHazardType(mine, 'no ppe worn').type).toBe('lab');
  });

  it('is the hazard-type kind of evaluate, with a bounded text', () => {
    expect(evaluate('hazard-type', { text: '电梯困人' }, doc)).toMatchObject({ type: 'special_equipment' });
    expect(tryEvaluate('hazard-type', { text: 'x'.repeat(5001) }, doc)).toMatchObject({ ok: false, issues: [{ path: 'text' }] });
    expect(tryEvaluate('hazard-type', { text: 5 }, doc)).toMatchObject({ ok: false, issues: [{ path: 'text' }] });
    expect(tryEvaluate('hazard-type', {}, doc)).toMatchObject({ ok: false, issues: [{ path: 'text', message: 'required' }] });
  });
});
