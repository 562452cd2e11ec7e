/** The case's shared data fields a template defines (definition.dataFields), as form items under `data`. */
import { Form, Input, InputNumber, Select, Switch } from 'antd';
import type { FlowDefinition } from '../types';

type DataField = FlowDefinition['dataFields'][string];

function Control({ field, ...rest }: { field: DataField; id?: string; value?: any; onChange?: (v: any) => void }) {
  if (field.enum?.length) {
    return <Select allowClear options={field.enum.map((v) => ({ value: v, label: String(v) }))} style={{ minWidth: 160 }} {...rest} />;
  }
  if (field.type === 'number') return <InputNumber style={{ width: '100%', maxWidth: 240 }} {...rest} />;
  if (field.type === 'boolean') return <Switch checked={!!rest.value} onChange={rest.onChange} id={rest.id} />;
  return <Input maxLength={200} {...rest} />;
}

export function DataFields({ fields, testPrefix = 'flow-data' }: { fields: FlowDefinition['dataFields'] | undefined; testPrefix?: string }) {
  const entries = Object.entries(fields ?? {});
  return (
    <>
      {entries.map(([key, field]) => (
        <Form.Item key={key} name={['data', key]} label={field.title} data-testid={`${testPrefix}-${key}`}>
          <Control field={field} />
        </Form.Item>
      ))}
    </>
  );
}

/** The values to send: only fields the template defines, empty ones left out. */
export function cleanData(fields: FlowDefinition['dataFields'] | undefined, values: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields ?? {})) {
    const v = values?.[key];
    if (v === undefined || v === null || v === '') continue;
    out[key] = field.type === 'string' && typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

/** Suggested or current data, limited to the template's fields (booleans default to false). */
export function dataFor(fields: FlowDefinition['dataFields'] | undefined, source: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields ?? {})) {
    const v = source?.[key];
    out[key] = v ?? (field.type === 'boolean' ? false : undefined);
  }
  return out;
}
