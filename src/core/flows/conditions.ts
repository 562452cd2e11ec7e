import type { Condition } from './template.js';

/** The data a condition reads: the case's shared data and the outputs handed in so far. */
export interface ConditionScope {
  data: Record<string, unknown>;
  outputs: Record<string, Record<string, unknown>>;
}

export function readField(scope: ConditionScope, path: string): unknown {
  const [root, a, b] = path.split('.');
  // own properties only: "data.constructor" is not a field
  if (root === 'data') return Object.hasOwn(scope.data, a) ? scope.data[a] : undefined;
  if (root === 'outputs') return Object.hasOwn(scope.outputs, a) && Object.hasOwn(scope.outputs[a], b) ? scope.outputs[a][b] : undefined;
  return undefined;
}

/** Conditions are total: a missing field or a type mismatch is simply false, never an error. */
export function holds(c: Condition, scope: ConditionScope): boolean {
  if ('all' in c) return c.all.every((x) => holds(x, scope));
  if ('any' in c) return c.any.some((x) => holds(x, scope));
  if ('not' in c) return !holds(c.not, scope);
  const v = readField(scope, c.field);
  switch (c.op) {
    case 'exists':
      return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
    case 'eq':
      return v !== undefined && v === c.value;
    case 'ne':
      return (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && typeof v === typeof c.value && v !== c.value;
    case 'in':
      return Array.isArray(c.value) && (typeof v === 'string' || typeof v === 'number') && c.value.includes(v);
    default: {
      if (typeof v !== 'number' || typeof c.value !== 'number') return false;
      if (c.op === 'gt') return v > c.value;
      if (c.op === 'gte') return v >= c.value;
      if (c.op === 'lt') return v < c.value;
      return v <= c.value;
    }
  }
}

/** Every field path a condition reads (the validator checks they name known fields and tasks). */
export function fieldsOf(c: Condition): string[] {
  if ('all' in c) return c.all.flatMap(fieldsOf);
  if ('any' in c) return c.any.flatMap(fieldsOf);
  if ('not' in c) return fieldsOf(c.not);
  return [c.field];
}
