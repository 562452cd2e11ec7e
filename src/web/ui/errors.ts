/** Turning API errors into words and form-field errors. */
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { isApiError } from '../platform/api/client';

/** A user-facing message: our translation for known codes, else the server's message. */
export function errorText(err: unknown, t: TFunction): string {
  if (isApiError(err)) {
    // Validation/conflict messages from the server are specific; keep them when there are no field details.
    const known = t(`errors.${err.code}` as 'errors.NETWORK', { defaultValue: '' });
    if (err.code === 'VALIDATION_FAILED' && err.details.length === 0 && err.message) return err.message;
    return known || err.message;
  }
  if (err instanceof Error && err.message) return err.message;
  return t('common.unexpected');
}

/** "body.title" → "title", "body.photos.3" → "photos", "location.lat" → "location". */
export function fieldOfPath(path: string): string {
  const parts = path.split('.').filter(Boolean);
  if (['body', 'query', 'params'].includes(parts[0] ?? '')) parts.shift();
  return parts[0] ?? '';
}

/**
 * Puts the API's field errors on the form's fields; returns the messages that fit no field.
 * `aliases` maps API field names to form field names where they differ.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, aliases: Record<string, string> = {}): string[] {
  if (!isApiError(err) || err.details.length === 0) return [];
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const byField = new Map<string, string[]>();
  const rest: string[] = [];
  for (const d of err.details) {
    const api = fieldOfPath(d.path);
    const field = aliases[api] ?? api;
    if (field && known.has(field)) byField.set(field, [...(byField.get(field) ?? []), d.message]);
    else rest.push(d.path ? `${d.path}: ${d.message}` : d.message);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  if (byField.size) form.scrollToField([...byField.keys()][0], { block: 'center' });
  return rest;
}
