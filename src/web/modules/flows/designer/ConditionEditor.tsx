/**
 * Edits a condition as a list of comparisons joined by "all" or "any" (what the designer draws);
 * a condition nested deeper (not, any inside all …) is edited as JSON.
 */
import { useEffect, useState } from 'react';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Input, InputNumber, Radio, Segmented, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ConditionSchema, type Comparison, type Condition } from '../../../../core/flows';
import { optionsOf, type DataFieldRow, type DesignerNode } from './model';

type Simple = Extract<Condition, { field: string }>;
type ValueType = 'string' | 'number' | 'boolean' | 'array';

export interface FieldOption {
  value: string;
  label: string;
  group: 'data' | 'output';
  type: ValueType;
  options?: (string | number)[];
}

const OPS: Record<ValueType, Comparison[]> = {
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'exists'],
  string: ['eq', 'ne', 'in', 'exists'],
  boolean: ['eq', 'ne', 'exists'],
  array: ['exists'],
};

/** The fields a condition may read: the case's data and the outputs of the given tasks. */
export function fieldOptions(dataFields: DataFieldRow[], tasks: DesignerNode[]): FieldOption[] {
  const data: FieldOption[] = dataFields
    .filter((f) => f.key)
    .map((f) => ({ value: `data.${f.key}`, label: f.title || f.key, group: 'data', type: f.type, options: f.enum }));
  const outputs: FieldOption[] = tasks.flatMap((n) =>
    n.type !== 'task'
      ? []
      : n.data.task.fields
          .filter((r) => r.key)
          .map((r): FieldOption => {
            const w = r.field['x-widget'];
            const type: ValueType =
              w === 'number' ? 'number' : w === 'boolean' ? 'boolean' : w === 'multichoice' || w === 'photos' || w === 'files' ? 'array' : 'string';
            const opts = w === 'choice' ? (optionsOf(r.field) ?? undefined) : undefined;
            return { value: `outputs.${n.id}.${r.key}`, label: `${n.data.task.name || n.id} · ${r.field.title || r.key}`, group: 'output', type, options: opts };
          }),
  );
  return [...data, ...outputs];
}

function shapeOf(c: Condition | undefined): { mode: 'all' | 'any'; clauses: Simple[] } | null | 'complex' {
  if (!c) return null;
  if ('field' in c) return { mode: 'all', clauses: [c] };
  if ('all' in c && c.all.every((x) => 'field' in x)) return { mode: 'all', clauses: c.all as Simple[] };
  if ('any' in c && c.any.every((x) => 'field' in x)) return { mode: 'any', clauses: c.any as Simple[] };
  return 'complex';
}

function build(mode: 'all' | 'any', clauses: Simple[]): Condition {
  if (clauses.length === 1) return clauses[0];
  return mode === 'all' ? { all: clauses } : { any: clauses };
}

function ValueInput({ clause, field, onChange, disabled }: { clause: Simple; field?: FieldOption; onChange: (v: Simple['value']) => void; disabled: boolean }) {
  const { t } = useTranslation();
  if (clause.op === 'exists') return null;
  const type = field?.type ?? 'string';
  const common = { disabled, style: { flex: 1, minWidth: 0 }, 'data-testid': 'condition-value' };
  if (clause.op === 'in') {
    const value = Array.isArray(clause.value) ? clause.value.map(String) : [];
    return (
      <Select
        {...common}
        mode="tags"
        value={value}
        placeholder={t('flowDesigner.condition.valuesPlaceholder')}
        options={(field?.options ?? []).map((o) => ({ value: String(o), label: String(o) }))}
        onChange={(vs: string[]) => onChange(type === 'number' ? vs.map(Number).filter((n) => Number.isFinite(n)) : vs)}
      />
    );
  }
  if (type === 'boolean') {
    return (
      <Select
        {...common}
        value={typeof clause.value === 'boolean' ? clause.value : undefined}
        placeholder={t('flowDesigner.condition.valuePlaceholder')}
        options={[
          { value: true, label: t('flowDesigner.condition.yes') },
          { value: false, label: t('flowDesigner.condition.no') },
        ]}
        onChange={(v: boolean) => onChange(v)}
      />
    );
  }
  if (field?.options?.length) {
    return (
      <Select
        {...common}
        value={clause.value === undefined ? undefined : String(clause.value)}
        placeholder={t('flowDesigner.condition.valuePlaceholder')}
        options={field.options.map((o) => ({ value: String(o), label: String(o) }))}
        onChange={(v: string) => onChange(type === 'number' ? Number(v) : v)}
      />
    );
  }
  if (type === 'number') {
    return <InputNumber {...common} value={typeof clause.value === 'number' ? clause.value : null} onChange={(v) => onChange(v ?? undefined)} />;
  }
  return (
    <Input
      {...common}
      value={typeof clause.value === 'string' ? clause.value : clause.value === undefined ? '' : String(clause.value)}
      placeholder={t('flowDesigner.condition.valuePlaceholder')}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

function JsonCondition({ value, onChange, disabled }: { value: Condition | undefined; onChange: (c: Condition | undefined) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => JSON.stringify(value ?? {}, null, 2));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(JSON.stringify(value ?? {}, null, 2)), [value]);
  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('flowDesigner.condition.complex')} />
      <Input.TextArea
        value={text}
        disabled={disabled}
        autoSize={{ minRows: 4, maxRows: 14 }}
        style={{ fontFamily: 'monospace', fontSize: 12 }}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          try {
            const parsed = ConditionSchema.safeParse(JSON.parse(text));
            if (!parsed.success) return setError(t('flowDesigner.condition.jsonInvalid'));
            setError(null);
            onChange(parsed.data);
          } catch {
            setError(t('flowDesigner.condition.jsonInvalid'));
          }
        }}
      />
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </>
  );
}

export function ConditionEditor({
  value,
  onChange,
  fields,
  allowNone,
  disabled = false,
}: {
  value: Condition | undefined;
  onChange: (c: Condition | undefined) => void;
  fields: FieldOption[];
  allowNone: boolean;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const shape = shapeOf(value);
  const byValue = new Map(fields.map((f) => [f.value, f]));
  const newClause = (): Simple => {
    const f = fields[0];
    return f ? { field: f.value, op: OPS[f.type][0] } : { field: '', op: 'eq' };
  };

  if (shape === 'complex') return <JsonCondition value={value} onChange={onChange} disabled={disabled} />;

  const head = allowNone ? (
    <Radio.Group
      disabled={disabled}
      value={shape ? 'when' : 'none'}
      onChange={(e) => onChange(e.target.value === 'none' ? undefined : newClause())}
      data-testid="condition-mode"
      options={[
        { value: 'none', label: t('flowDesigner.condition.none') },
        { value: 'when', label: t('flowDesigner.condition.when') },
      ]}
    />
  ) : null;
  if (!shape) {
    return (
      <Flex vertical gap={6}>
        {head}
        {allowNone && <Typography.Text type="secondary">{t('flowDesigner.condition.noneHelp')}</Typography.Text>}
      </Flex>
    );
  }

  const { mode, clauses } = shape;
  const setClause = (i: number, c: Simple) => onChange(build(mode, clauses.map((x, j) => (j === i ? c : x))));
  const fieldSelectOptions = [
    { label: t('flowDesigner.condition.dataGroup'), options: fields.filter((f) => f.group === 'data').map((f) => ({ value: f.value, label: f.label })) },
    { label: t('flowDesigner.condition.outputGroup'), options: fields.filter((f) => f.group === 'output').map((f) => ({ value: f.value, label: f.label })) },
  ].filter((g) => g.options.length);

  return (
    <Flex vertical gap={8}>
      {head}
      {clauses.length > 1 && (
        <Segmented
          size="small"
          disabled={disabled}
          value={mode}
          onChange={(m) => onChange(build(m as 'all' | 'any', clauses))}
          options={[
            { value: 'all', label: t('flowDesigner.condition.all') },
            { value: 'any', label: t('flowDesigner.condition.any') },
          ]}
        />
      )}
      {clauses.map((c, i) => {
        const f = byValue.get(c.field);
        const ops = OPS[f?.type ?? 'string'];
        const unknown = c.field && !f;
        return (
          <div key={i} className="fd-clause">
            <Flex gap={6}>
              <Select
                disabled={disabled}
                style={{ flex: 1, minWidth: 0 }}
                value={c.field || undefined}
                placeholder={t('flowDesigner.condition.fieldPlaceholder')}
                options={unknown ? [...fieldSelectOptions, { label: t('flowDesigner.condition.unknownGroup'), options: [{ value: c.field, label: c.field }] }] : fieldSelectOptions}
                onChange={(v: string) => {
                  const nf = byValue.get(v);
                  const op = nf && OPS[nf.type].includes(c.op) ? c.op : OPS[nf?.type ?? 'string'][0];
                  setClause(i, { field: v, op });
                }}
                data-testid="condition-field"
                notFoundContent={t('flowDesigner.condition.noFields')}
              />
              {clauses.length > 1 && (
                <Button
                  disabled={disabled}
                  icon={<DeleteOutlined />}
                  aria-label={t('flowDesigner.remove')}
                  onClick={() => onChange(build(mode, clauses.filter((_, j) => j !== i)))}
                />
              )}
            </Flex>
            <Flex gap={6} style={{ marginTop: 6 }}>
              <Select
                disabled={disabled}
                style={{ width: 112, flex: 'none' }}
                value={c.op}
                options={(ops.includes(c.op) ? ops : [...ops, c.op]).map((o) => ({ value: o, label: t(`flowDesigner.op.${o}`) }))}
                onChange={(op: Comparison) => setClause(i, op === 'exists' ? { field: c.field, op } : { ...c, op, value: op === 'in' ? [] : Array.isArray(c.value) ? undefined : c.value })}
                data-testid="condition-op"
              />
              <ValueInput clause={c} field={f} disabled={disabled} onChange={(v) => setClause(i, { ...c, value: v })} />
            </Flex>
          </div>
        );
      })}
      {!fields.length && <Typography.Text type="warning">{t('flowDesigner.condition.noFieldsHelp')}</Typography.Text>}
      <Button size="small" type="dashed" icon={<PlusOutlined />} disabled={disabled} onClick={() => onChange(build(mode, [...clauses, newClause()]))}>
        {t('flowDesigner.condition.add')}
      </Button>
    </Flex>
  );
}

/** A short reading of a condition for edge labels: "复测结论 = 合格". */
export function conditionSummary(c: Condition, fields: FieldOption[], t: (k: string) => string): string {
  const label = (path: string) => fields.find((f) => f.value === path)?.label.split(' · ').pop() ?? path.split('.').pop() ?? path;
  const one = (x: Condition): string => {
    if ('all' in x) return x.all.map(one).join(` ${t('flowDesigner.condition.and')} `);
    if ('any' in x) return x.any.map(one).join(` ${t('flowDesigner.condition.or')} `);
    if ('not' in x) return `${t('flowDesigner.condition.not')}(${one(x.not)})`;
    const v = Array.isArray(x.value) ? x.value.join('、') : x.value === true ? t('flowDesigner.condition.yes') : x.value === false ? t('flowDesigner.condition.no') : (x.value ?? '');
    return x.op === 'exists' ? `${label(x.field)} ${t('flowDesigner.opSymbol.exists')}` : `${label(x.field)} ${t(`flowDesigner.opSymbol.${x.op}`)} ${v}`;
  };
  return one(c);
}
