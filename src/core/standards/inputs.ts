/**
 * Checks of evaluation inputs, shared by every kind: each reads one field of the input object,
 * pushes an issue at its path when it does not fit, and returns the typed value (or undefined).
 */
import { parseDate, parseInstant, type CalendarDate } from './dates.js';
import type { FieldIssue } from './types.js';

export type Input = Record<string, unknown>;

function present(obj: Input, key: string, issues: FieldIssue[], path = key): unknown {
  const v = obj[key];
  if (v === undefined || v === null || v === '') {
    issues.push({ path, message: 'required', code: 'required' });
    return undefined;
  }
  return v;
}

/** A number from a fixed set (LEC and LS factor values). */
export function oneOfNumbers(obj: Input, key: string, allowed: { value: number }[], issues: FieldIssue[]): number | undefined {
  const v = present(obj, key, issues);
  if (v === undefined) return undefined;
  const values = allowed.map((x) => x.value);
  if (typeof v !== 'number' || !values.includes(v)) {
    issues.push({ path: key, message: `must be one of ${values.join(', ')}`, code: 'invalid_value' });
    return undefined;
  }
  return v;
}

/** A string from a fixed set (colours, roles, equipment types, hazard types …). */
export function oneOf<T extends string>(obj: Input, key: string, allowed: readonly T[], issues: FieldIssue[], path = key): T | undefined {
  const v = present(obj, key, issues, path);
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    issues.push({ path, message: `must be one of ${allowed.join(', ')}`, code: 'invalid_value' });
    return undefined;
  }
  return v as T;
}

export function count(obj: Input, key: string, issues: FieldIssue[]): number | undefined {
  const v = present(obj, key, issues);
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    issues.push({ path: key, message: 'must be a whole number, 0 or more', code: 'invalid_value' });
    return undefined;
  }
  return v;
}

export function amount(obj: Input, key: string, issues: FieldIssue[]): number | undefined {
  const v = present(obj, key, issues);
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1e15) {
    issues.push({ path: key, message: 'must be an amount in yuan, 0 or more', code: 'invalid_value' });
    return undefined;
  }
  return v;
}

export function bool(obj: Input, key: string, issues: FieldIssue[], optional = false): boolean | undefined {
  if (optional && (obj[key] === undefined || obj[key] === null)) return undefined;
  const v = obj[key];
  if (typeof v !== 'boolean') {
    issues.push(v === undefined || v === null ? { path: key, message: 'required', code: 'required' } : { path: key, message: 'must be true or false', code: 'invalid_value' });
    return undefined;
  }
  return v;
}

/** A real calendar date "YYYY-MM-DD" (not 2025-02-30, not 2025-2-3). */
export function date(obj: Input, key: string, issues: FieldIssue[], path = key): CalendarDate | undefined {
  const v = present(obj, key, issues, path);
  if (v === undefined) return undefined;
  const d = parseDate(v);
  if (!d) issues.push({ path, message: 'must be a real date YYYY-MM-DD (1900–2999)', code: 'invalid_date' });
  return d;
}

export function optionalDate(obj: Input, key: string, issues: FieldIssue[]): CalendarDate | undefined {
  return obj[key] === undefined || obj[key] === null ? undefined : date(obj, key, issues);
}

/** An ISO 8601 time with a zone, as epoch milliseconds. */
export function instant(obj: Input, key: string, issues: FieldIssue[]): number | undefined {
  const v = present(obj, key, issues);
  if (v === undefined) return undefined;
  const t = parseInstant(v);
  if (t === undefined) issues.push({ path: key, message: 'must be an ISO time with a zone, e.g. 2026-03-01T09:30:00+08:00', code: 'invalid_time' });
  return t;
}

export function optionalInstant(obj: Input, key: string, issues: FieldIssue[]): number | undefined {
  return obj[key] === undefined || obj[key] === null ? undefined : instant(obj, key, issues);
}

export function isObject(v: unknown): v is Input {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Fields the kind does not know: named, so a misspelt optional field is not silently ignored. */
export function unknownFields(obj: Input, fields: readonly string[], issues: FieldIssue[], prefix = '') {
  for (const key of Object.keys(obj)) {
    if (!fields.includes(key)) issues.push({ path: prefix + key, message: 'unknown field', code: 'unrecognized_keys' });
  }
}
