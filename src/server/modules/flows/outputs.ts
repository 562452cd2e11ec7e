import { Ajv, type ValidateFunction } from 'ajv';
import type { Form } from '../../../core/flows/index.js';
import type { ErrorDetail } from '../../platform/errors.js';
import type { Tx } from '../../platform/work.js';
import type { FlowStore } from './store.js';

/**
 * A task's outputs checked against its form, which is JSON Schema: Ajv does the schema part
 * (our `x-widget` / `x-unit` annotations are declared as keywords), then file-like fields are
 * checked to name uploaded files, photos being images.
 */
const ajv = new Ajv({ allErrors: true, strict: true });
ajv.addKeyword({ keyword: 'x-widget' });
ajv.addKeyword({ keyword: 'x-unit' });
ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);

const compiled = new Map<string, ValidateFunction>();

function validatorFor(form: Form): ValidateFunction {
  const key = JSON.stringify(form);
  let v = compiled.get(key);
  if (!v) {
    v = ajv.compile(form);
    if (compiled.size > 500) compiled.clear();
    compiled.set(key, v);
  }
  return v;
}

/** Text fields are trimmed first, so "   " does not pass a minLength of 1. */
function normalise(form: Form, outputs: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(outputs)) {
    if (typeof v === 'string') {
      const t = v.trim();
      if (t !== '') out[k] = t;
    } else if (v !== null && v !== undefined) out[k] = v;
  }
  void form;
  return out;
}

export async function checkOutputs(tx: Tx, store: FlowStore, form: Form, raw: Record<string, unknown>, pathPrefix = 'body.outputs') {
  const outputs = normalise(form, raw);
  const details: ErrorDetail[] = [];
  const validate = validatorFor(form);
  if (!validate(outputs)) {
    for (const e of validate.errors ?? []) {
      const field = e.keyword === 'required' ? `/${String(e.params.missingProperty)}` : e.keyword === 'additionalProperties' ? `/${String(e.params.additionalProperty)}` : e.instancePath;
      const path = `${pathPrefix}${field.replace(/\//g, '.')}`;
      const message = e.keyword === 'required' ? 'required' : e.keyword === 'additionalProperties' ? 'not a field of this form' : (e.message ?? 'invalid');
      if (!details.some((d) => d.path === path)) details.push({ path, message });
    }
    return { outputs, details, fileIds: [] as string[] };
  }
  const wanted: { key: string; index: number | null; id: string; image: boolean }[] = [];
  for (const [key, f] of Object.entries(form.properties)) {
    const v = outputs[key];
    if (v === undefined) continue;
    if (f['x-widget'] === 'photos' || f['x-widget'] === 'files') (v as string[]).forEach((id, index) => wanted.push({ key, index, id, image: f['x-widget'] === 'photos' }));
    if (f['x-widget'] === 'signature') wanted.push({ key, index: null, id: v as string, image: true });
  }
  const found = new Map((await store.files(tx, [...new Set(wanted.map((x) => x.id))])).map((f) => [f.id, f]));
  for (const x of wanted) {
    const f = found.get(x.id);
    const path = `${pathPrefix}.${x.key}${x.index === null ? '' : `.${x.index}`}`;
    if (!f) details.push({ path, message: 'no such file; upload it with POST /files first' });
    else if (x.image && !f.mime.startsWith('image/')) details.push({ path, message: 'must be an image' });
  }
  return { outputs, details, fileIds: wanted.map((x) => x.id) };
}

/** Every file id an output object refers to (for presenting). */
export function outputFileIds(form: Form, outputs: Record<string, unknown> | null): string[] {
  if (!outputs) return [];
  const ids: string[] = [];
  for (const [key, f] of Object.entries(form.properties)) {
    const v = outputs[key];
    if ((f['x-widget'] === 'photos' || f['x-widget'] === 'files') && Array.isArray(v)) ids.push(...v.filter((x): x is string => typeof x === 'string'));
    if (f['x-widget'] === 'signature' && typeof v === 'string') ids.push(v);
  }
  return ids;
}
