import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fieldsOf, holds, readField, type ConditionScope } from './conditions.js';
import { ConditionSchema, type Condition } from './template.js';

const scope: ConditionScope = {
  data: { level: 3, name: 'boiler', flag: true, off: false, zero: 0, empty: '', list: [], tags: ['a'], nothing: null },
  outputs: { inspect: { score: 7, result: 'pass', ok: false } },
};
const on = (c: Condition, s: ConditionScope = scope) => holds(c, s);
const T: Condition = { field: 'data.flag', op: 'eq', value: true };
const F: Condition = { field: 'data.flag', op: 'eq', value: false };

describe('readField', () => {
  it('reads data and task outputs, anything else is undefined', () => {
    expect(readField(scope, 'data.level')).toBe(3);
    expect(readField(scope, 'outputs.inspect.score')).toBe(7);
    expect(readField(scope, 'outputs.inspect.missing')).toBeUndefined();
    expect(readField(scope, 'outputs.nobody.score')).toBeUndefined();
    expect(readField(scope, 'data.missing')).toBeUndefined();
    expect(readField(scope, 'other.level')).toBeUndefined();
  });
});

describe('comparisons', () => {
  it('eq compares strictly', () => {
    expect(on({ field: 'data.level', op: 'eq', value: 3 })).toBe(true);
    expect(on({ field: 'data.level', op: 'eq', value: 4 })).toBe(false);
    expect(on({ field: 'data.name', op: 'eq', value: 'boiler' })).toBe(true);
    expect(on({ field: 'data.flag', op: 'eq', value: true })).toBe(true);
    expect(on({ field: 'data.off', op: 'eq', value: false })).toBe(true);
    expect(on({ field: 'outputs.inspect.result', op: 'eq', value: 'pass' })).toBe(true);
    // type mismatch: "3" is not 3, 0 is not false
    expect(on({ field: 'data.level', op: 'eq', value: '3' })).toBe(false);
    expect(on({ field: 'data.zero', op: 'eq', value: false })).toBe(false);
    expect(on({ field: 'data.level', op: 'eq', value: [3] })).toBe(false);
  });

  it('ne is true for a different value of the same type', () => {
    expect(on({ field: 'data.level', op: 'ne', value: 4 })).toBe(true);
    expect(on({ field: 'data.level', op: 'ne', value: 3 })).toBe(false);
    expect(on({ field: 'data.name', op: 'ne', value: 'pump' })).toBe(true);
    expect(on({ field: 'data.flag', op: 'ne', value: false })).toBe(true);
  });

  it('gt, gte, lt, lte compare numbers', () => {
    expect(on({ field: 'data.level', op: 'gt', value: 2 })).toBe(true);
    expect(on({ field: 'data.level', op: 'gt', value: 3 })).toBe(false);
    expect(on({ field: 'data.level', op: 'gte', value: 3 })).toBe(true);
    expect(on({ field: 'data.level', op: 'gte', value: 4 })).toBe(false);
    expect(on({ field: 'data.level', op: 'lt', value: 4 })).toBe(true);
    expect(on({ field: 'data.level', op: 'lt', value: 3 })).toBe(false);
    expect(on({ field: 'data.level', op: 'lte', value: 3 })).toBe(true);
    expect(on({ field: 'data.level', op: 'lte', value: 2 })).toBe(false);
    expect(on({ field: 'outputs.inspect.score', op: 'gte', value: 6.5 })).toBe(true);
    expect(on({ field: 'data.zero', op: 'lt', value: 1 })).toBe(true);
  });

  it('gt, gte, lt, lte are false on anything but two numbers', () => {
    for (const op of ['gt', 'gte', 'lt', 'lte'] as const) {
      expect(on({ field: 'data.name', op, value: 1 })).toBe(false);
      expect(on({ field: 'data.level', op, value: '3' })).toBe(false);
      expect(on({ field: 'data.flag', op, value: 0 })).toBe(false);
      expect(on({ field: 'data.nothing', op, value: 0 })).toBe(false);
      expect(on({ field: 'data.missing', op, value: 0 })).toBe(false);
      expect(on({ field: 'data.level', op })).toBe(false);
      expect(on({ field: 'data.level', op, value: [1, 2, 3, 4, 5] })).toBe(false);
      // a numeric string is not a number
      expect(on({ field: 'data.n', op, value: 1 }, { data: { n: '5' }, outputs: {} })).toBe(false);
    }
  });

  it('in: a string or number among the listed values', () => {
    expect(on({ field: 'data.level', op: 'in', value: [1, 3] })).toBe(true);
    expect(on({ field: 'data.level', op: 'in', value: [1, 2] })).toBe(false);
    expect(on({ field: 'data.name', op: 'in', value: ['pump', 'boiler'] })).toBe(true);
    expect(on({ field: 'data.level', op: 'in', value: ['3'] })).toBe(false);
    expect(on({ field: 'data.level', op: 'in', value: [] })).toBe(false);
    // a scalar value is not a list
    expect(on({ field: 'data.level', op: 'in', value: 3 })).toBe(false);
    expect(on({ field: 'data.name', op: 'in', value: 'boiler' })).toBe(false);
    // only strings and numbers can be in a list
    expect(on({ field: 'data.flag', op: 'in', value: ['true'] })).toBe(false);
    expect(on({ field: 'data.tags', op: 'in', value: ['a'] })).toBe(false);
    expect(on({ field: 'data.missing', op: 'in', value: [1] })).toBe(false);
    expect(on({ field: 'data.nothing', op: 'in', value: [1] })).toBe(false);
  });

  it('exists: present and not empty', () => {
    expect(on({ field: 'data.level', op: 'exists' })).toBe(true);
    expect(on({ field: 'data.zero', op: 'exists' })).toBe(true);
    expect(on({ field: 'data.off', op: 'exists' })).toBe(true);
    expect(on({ field: 'data.tags', op: 'exists' })).toBe(true);
    expect(on({ field: 'outputs.inspect.ok', op: 'exists' })).toBe(true);
    expect(on({ field: 'data.missing', op: 'exists' })).toBe(false);
    expect(on({ field: 'data.nothing', op: 'exists' })).toBe(false);
    expect(on({ field: 'data.empty', op: 'exists' })).toBe(false);
    expect(on({ field: 'data.list', op: 'exists' })).toBe(false);
    expect(on({ field: 'outputs.other.ok', op: 'exists' })).toBe(false);
  });
});

describe('missing fields and type mismatches are false', () => {
  const ops = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'exists'] as const;
  const values: (string | number | boolean | (string | number)[] | undefined)[] = [
    undefined,
    1,
    0,
    '',
    'x',
    true,
    false,
    [1],
    ['x'],
  ];

  it('every operator, on a missing data field, a missing task and a missing output', () => {
    for (const field of ['data.missing', 'outputs.nobody.x', 'outputs.inspect.missing']) {
      for (const op of ops) {
        for (const value of values) {
          expect(on({ field, op, value }), `${field} ${op} ${JSON.stringify(value)}`).toBe(false);
        }
      }
    }
  });

  it('every operator but exists on a null field', () => {
    for (const op of ops) for (const value of values) expect(on({ field: 'data.nothing', op, value }), `${op} ${JSON.stringify(value)}`).toBe(false);
  });

  it('eq and ne on a value of another type', () => {
    const mismatches: [string, string | number | boolean][] = [
      ['data.level', '3'],
      ['data.level', true],
      ['data.name', 1],
      ['data.flag', 'true'],
      ['data.flag', 1],
      ['data.zero', false],
      ['data.empty', 0],
    ];
    for (const [field, value] of mismatches) {
      expect(on({ field, op: 'eq', value }), `${field} eq ${JSON.stringify(value)}`).toBe(false);
      expect(on({ field, op: 'ne', value }), `${field} ne ${JSON.stringify(value)}`).toBe(false);
    }
  });

  it('never throws, whatever the data holds', () => {
    const anyCondition: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
      c: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.record({
          field: fc.constantFrom('data.a', 'data.b', 'outputs.t.a', 'outputs.u.b'),
          op: fc.constantFrom(...ops),
          value: fc.option(fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.array(fc.oneof(fc.string(), fc.integer()))), { nil: undefined }),
        }, { requiredKeys: ['field', 'op'] }),
        fc.record({ all: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }),
        fc.record({ any: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }),
        fc.record({ not: tie('c') }),
      ) as fc.Arbitrary<Condition>,
    })).c;
    const data = fc.dictionary(fc.constantFrom('a', 'b'), fc.anything({ maxDepth: 1, maxKeys: 3 }));
    fc.assert(
      fc.property(anyCondition, data, fc.dictionary(fc.constantFrom('t', 'u'), data), (c, d, o) => {
        expect(typeof holds(c, { data: d, outputs: o })).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  });
});

describe('all, any, not', () => {
  it('all holds when every part holds', () => {
    expect(on({ all: [T] })).toBe(true);
    expect(on({ all: [T, T] })).toBe(true);
    expect(on({ all: [T, F] })).toBe(false);
    expect(on({ all: [F, T] })).toBe(false);
    expect(on({ all: [] })).toBe(true); // vacuous; the schema refuses an empty list
  });

  it('any holds when some part holds', () => {
    expect(on({ any: [F, T] })).toBe(true);
    expect(on({ any: [F] })).toBe(false);
    expect(on({ any: [F, F] })).toBe(false);
    expect(on({ any: [] })).toBe(false);
  });

  it('not negates, so a negated missing field is true', () => {
    expect(on({ not: T })).toBe(false);
    expect(on({ not: F })).toBe(true);
    expect(on({ not: { not: T } })).toBe(true);
    expect(on({ not: { field: 'data.missing', op: 'eq', value: 1 } })).toBe(true);
  });

  it('nests', () => {
    const c: Condition = {
      any: [
        { all: [{ field: 'data.level', op: 'gte', value: 3 }, { not: { field: 'outputs.inspect.ok', op: 'eq', value: true } }] },
        { field: 'data.missing', op: 'exists' },
      ],
    };
    expect(on(c)).toBe(true);
    expect(on(c, { ...scope, data: { ...scope.data, level: 2 } })).toBe(false);
    expect(on(c, { ...scope, outputs: { inspect: { ok: true } } })).toBe(false);
  });

  it('agree with boolean logic (property)', () => {
    const leaf = fc.constantFrom(T, F);
    const ev = (c: Condition): boolean =>
      'all' in c ? c.all.every(ev) : 'any' in c ? c.any.some(ev) : 'not' in c ? !ev(c.not) : c.value === true;
    const tree: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
      c: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.record({ all: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }),
        fc.record({ any: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }),
        fc.record({ not: tie('c') }),
      ) as fc.Arbitrary<Condition>,
    })).c;
    fc.assert(fc.property(tree, (c) => on(c) === ev(c)), { numRuns: 300 });
  });
});

describe('fieldsOf', () => {
  it('lists every field a condition reads, in order', () => {
    expect(fieldsOf({ field: 'data.a', op: 'exists' })).toEqual(['data.a']);
    expect(
      fieldsOf({
        all: [{ field: 'data.a', op: 'eq', value: 1 }, { any: [{ not: { field: 'outputs.t.x', op: 'exists' } }, { field: 'data.b', op: 'in', value: [1] }] }],
      }),
    ).toEqual(['data.a', 'outputs.t.x', 'data.b']);
  });
});

describe('ConditionSchema', () => {
  it('accepts the documented forms', () => {
    expect(ConditionSchema.safeParse({ field: 'data.level', op: 'gte', value: 3 }).success).toBe(true);
    expect(ConditionSchema.safeParse({ field: 'outputs.inspect-1.ok', op: 'eq', value: true }).success).toBe(true);
    expect(ConditionSchema.safeParse({ all: [{ not: { field: 'data.a', op: 'exists' } }] }).success).toBe(true);
    expect(ConditionSchema.safeParse({ field: 'data.level', op: 'in', value: [1, 'a'] }).success).toBe(true);
  });

  it('refuses unknown operators, other roots, empty lists and extra keys', () => {
    expect(ConditionSchema.safeParse({ field: 'data.level', op: 'like', value: 3 }).success).toBe(false);
    expect(ConditionSchema.safeParse({ field: 'subject.level', op: 'eq', value: 3 }).success).toBe(false);
    expect(ConditionSchema.safeParse({ field: 'outputs.inspect', op: 'exists' }).success).toBe(false);
    expect(ConditionSchema.safeParse({ all: [] }).success).toBe(false);
    expect(ConditionSchema.safeParse({ any: [] }).success).toBe(false);
    expect(ConditionSchema.safeParse({ field: 'data.a', op: 'exists', extra: 1 }).success).toBe(false);
    expect(ConditionSchema.safeParse({ field: 'data.a', op: 'eq', value: Infinity }).success).toBe(false);
  });
});
