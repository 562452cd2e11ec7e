/** The outputs a task hands in: one row per field (key, title, widget, required and the widget's limits). */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Empty, Flex, Input, InputNumber, Select, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormField, Widget } from '../../../../core/flows';
import { FIELD_KEY_PATTERN, fieldOfWidget, freeId, optionsOf, rid, WIDGETS, type FieldRow } from './model';

type Limits = Partial<Record<'minimum' | 'maximum' | 'minLength' | 'maxLength' | 'minItems' | 'maxItems', number>>;

/** Sets or clears a numeric limit on a field (undefined removes the key). */
function withLimit(field: FormField, key: keyof Limits, value: number | null): FormField {
  const next = { ...field } as FormField & Limits;
  if (value === null || value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

function num(field: FormField, key: keyof Limits): number | null {
  const v = (field as Limits)[key];
  return typeof v === 'number' ? v : null;
}

function FieldEditor({ row, onChange, disabled, badKey }: { row: FieldRow; onChange: (r: FieldRow) => void; disabled: boolean; badKey: boolean }) {
  const { t } = useTranslation();
  const f = row.field;
  const w = f['x-widget'];
  const setField = (field: FormField) => onChange({ ...row, field });
  const options = optionsOf(f);
  const limit = (key: keyof Limits, label: string, min = 0) => (
    <InputNumber
      size="small"
      disabled={disabled}
      min={min}
      value={num(f, key)}
      placeholder={label}
      style={{ width: '100%' }}
      onChange={(v) => setField(withLimit(f, key, typeof v === 'number' ? v : null))}
      data-testid={`field-${key}`}
    />
  );
  return (
    <>
      <Flex gap={6}>
        <Tooltip title={t('flowDesigner.field.keyHelp')}>
          <Input
            size="small"
            disabled={disabled}
            status={badKey ? 'error' : undefined}
            value={row.key}
            placeholder={t('flowDesigner.field.key')}
            style={{ width: 108, flex: 'none', fontFamily: 'monospace' }}
            onChange={(e) => onChange({ ...row, key: e.target.value.trim() })}
            data-testid="field-key"
          />
        </Tooltip>
        <Input
          size="small"
          disabled={disabled}
          status={!f.title.trim() ? 'error' : undefined}
          value={f.title}
          placeholder={t('flowDesigner.field.title')}
          onChange={(e) => setField({ ...f, title: e.target.value })}
          data-testid="field-title"
        />
      </Flex>
      <Flex gap={6} align="center" style={{ marginTop: 6 }}>
        <Select
          size="small"
          disabled={disabled}
          value={w}
          style={{ width: 108, flex: 'none' }}
          options={WIDGETS.map((x) => ({ value: x, label: t(`flowDesigner.widget.${x}`) }))}
          onChange={(x: Widget) => setField(fieldOfWidget(x, f))}
          data-testid="field-widget"
        />
        <Checkbox disabled={disabled} checked={row.required} onChange={(e) => onChange({ ...row, required: e.target.checked })} data-testid="field-required">
          {t('flowDesigner.field.required')}
        </Checkbox>
      </Flex>
      {options && (
        <Select
          size="small"
          mode="tags"
          disabled={disabled}
          value={options}
          status={!options.length ? 'error' : undefined}
          placeholder={t('flowDesigner.field.options')}
          style={{ width: '100%', marginTop: 6 }}
          open={false}
          suffixIcon={null}
          tokenSeparators={[',', '，', '、']}
          onChange={(vs: string[]) => {
            const clean = [...new Set(vs.map((v) => v.trim()).filter(Boolean))];
            setField(f['x-widget'] === 'multichoice' ? { ...f, items: { ...f.items, enum: clean } } : { ...(f as Extract<FormField, { enum: string[] }>), enum: clean });
          }}
          data-testid="field-options"
        />
      )}
      {w === 'number' && (
        <Flex gap={6} style={{ marginTop: 6 }}>
          {limit('minimum', t('flowDesigner.field.min'), -Infinity)}
          {limit('maximum', t('flowDesigner.field.max'), -Infinity)}
          <Input
            size="small"
            disabled={disabled}
            value={'x-unit' in f ? (f['x-unit'] ?? '') : ''}
            placeholder={t('flowDesigner.field.unit')}
            onChange={(e) => {
              const next = { ...f } as Extract<FormField, { 'x-widget': 'number' }>;
              if (e.target.value) next['x-unit'] = e.target.value;
              else delete next['x-unit'];
              setField(next);
            }}
          />
          <Checkbox
            disabled={disabled}
            checked={f.type === 'integer'}
            onChange={(e) => setField({ ...(f as Extract<FormField, { 'x-widget': 'number' }>), type: e.target.checked ? 'integer' : 'number' })}
            style={{ whiteSpace: 'nowrap' }}
          >
            {t('flowDesigner.field.integer')}
          </Checkbox>
        </Flex>
      )}
      {(w === 'photos' || w === 'files') && (
        <Flex gap={6} style={{ marginTop: 6 }} align="center">
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
            {t('flowDesigner.field.count')}
          </Typography.Text>
          {limit('minItems', t('flowDesigner.field.minItems'))}
          {limit('maxItems', t('flowDesigner.field.maxItems'), 1)}
        </Flex>
      )}
      {w === 'multichoice' && (
        <Flex gap={6} style={{ marginTop: 6 }} align="center">
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
            {t('flowDesigner.field.minChoices')}
          </Typography.Text>
          {limit('minItems', t('flowDesigner.field.minItems'))}
        </Flex>
      )}
      {(w === 'text' || w === 'textarea') && (
        <Flex gap={6} style={{ marginTop: 6 }} align="center">
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
            {t('flowDesigner.field.length')}
          </Typography.Text>
          {limit('minLength', t('flowDesigner.field.min'))}
          {limit('maxLength', t('flowDesigner.field.max'), 1)}
        </Flex>
      )}
    </>
  );
}

export function FormFieldsEditor({ rows, onChange, disabled = false }: { rows: FieldRow[]; onChange: (rows: FieldRow[]) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const counts = new Map<string, number>();
  rows.forEach((r) => counts.set(r.key, (counts.get(r.key) ?? 0) + 1));
  const move = (i: number, d: number) => {
    const next = [...rows];
    const [r] = next.splice(i, 1);
    next.splice(i + d, 0, r);
    onChange(next);
  };
  const add = () =>
    onChange([
      ...rows,
      { rid: rid(), key: freeId('field', rows.map((r) => r.key)), required: true, field: { ...fieldOfWidget('textarea'), title: t('flowDesigner.field.newTitle') } },
    ]);
  return (
    <div data-testid="form-fields-editor">
      {!rows.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('flowDesigner.field.empty')} style={{ margin: '8px 0' }} />}
      {rows.map((row, i) => (
        <div key={row.rid} className="fd-field-row" data-testid={`form-field-${i}`}>
          <Flex justify="space-between" align="center" style={{ marginBottom: 6 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('flowDesigner.field.n', { n: i + 1 })}
            </Typography.Text>
            {!disabled && (
              <Flex gap={2}>
                <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('flowDesigner.moveUp')} />
                <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={i === rows.length - 1} onClick={() => move(i, 1)} aria-label={t('flowDesigner.moveDown')} />
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => onChange(rows.filter((r) => r.rid !== row.rid))}
                  aria-label={t('flowDesigner.remove')}
                  data-testid="field-remove"
                />
              </Flex>
            )}
          </Flex>
          <FieldEditor
            row={row}
            disabled={disabled}
            badKey={!FIELD_KEY_PATTERN.test(row.key) || (counts.get(row.key) ?? 0) > 1}
            onChange={(r) => onChange(rows.map((x) => (x.rid === row.rid ? r : x)))}
          />
        </div>
      ))}
      {!disabled && (
        <Button type="dashed" size="small" block icon={<PlusOutlined />} onClick={add} data-testid="field-add">
          {t('flowDesigner.field.add')}
        </Button>
      )}
    </div>
  );
}
