/** Template-level settings, shown when nothing is selected: basics, case data, participant rules, escalation. */
import { useState } from 'react';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Collapse, Drawer, Empty, Flex, Form, Input, Popconfirm, Select, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SUBJECT_TYPES } from '../../../../core/flows';
import { ConditionEditor, conditionSummary, fieldOptions } from './ConditionEditor';
import { DATA_KEY_PATTERN, freeId, ID_PATTERN, newTaskDraft, rid, takenIds, type DataFieldRow, type DesignerDoc, type RuleDraft, type TemplateMeta } from './model';
import { EscalationFields, TaskFields } from './TaskFields';
import { TEMPLATE_CATEGORIES, type FlowDepartment } from './templateApi';

function DataFieldsEditor({ rows, onChange, disabled }: { rows: DataFieldRow[]; onChange: (rows: DataFieldRow[]) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const counts = new Map<string, number>();
  rows.forEach((r) => counts.set(r.key, (counts.get(r.key) ?? 0) + 1));
  const set = (r: DataFieldRow) => onChange(rows.map((x) => (x.rid === r.rid ? r : x)));
  return (
    <div data-testid="data-fields-editor">
      <Typography.Paragraph type="secondary">{t('flowDesigner.data.help')}</Typography.Paragraph>
      {!rows.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('flowDesigner.data.empty')} />}
      {rows.map((r) => (
        <div key={r.rid} className="fd-field-row">
          <Flex gap={6}>
            <Input
              size="small"
              disabled={disabled}
              value={r.key}
              status={!DATA_KEY_PATTERN.test(r.key) || (counts.get(r.key) ?? 0) > 1 ? 'error' : undefined}
              placeholder={t('flowDesigner.field.key')}
              style={{ width: 108, flex: 'none', fontFamily: 'monospace' }}
              onChange={(e) => set({ ...r, key: e.target.value.trim() })}
            />
            <Input
              size="small"
              disabled={disabled}
              value={r.title}
              status={!r.title.trim() ? 'error' : undefined}
              placeholder={t('flowDesigner.field.title')}
              onChange={(e) => set({ ...r, title: e.target.value })}
            />
            {!disabled && (
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('flowDesigner.remove')} onClick={() => onChange(rows.filter((x) => x.rid !== r.rid))} />
            )}
          </Flex>
          <Flex gap={6} style={{ marginTop: 6 }}>
            <Select
              size="small"
              disabled={disabled}
              value={r.type}
              style={{ width: 108, flex: 'none' }}
              options={(['string', 'number', 'boolean'] as const).map((x) => ({ value: x, label: t(`flowDesigner.data.type.${x}`) }))}
              onChange={(type: DataFieldRow['type']) => set({ ...r, type, enum: type === 'boolean' ? undefined : r.enum?.filter((v) => (type === 'number' ? typeof v === 'number' : true)).map((v) => (type === 'string' ? String(v) : v)) })}
            />
            {r.type !== 'boolean' && (
              <Select
                size="small"
                mode="tags"
                disabled={disabled}
                open={false}
                suffixIcon={null}
                style={{ flex: 1, minWidth: 0 }}
                placeholder={t('flowDesigner.data.enumPlaceholder')}
                value={(r.enum ?? []).map(String)}
                tokenSeparators={[',', '，', '、']}
                onChange={(vs: string[]) => {
                  const values = r.type === 'number' ? vs.map(Number).filter((n) => Number.isFinite(n)) : vs.map((v) => v.trim()).filter(Boolean);
                  set({ ...r, enum: values.length ? [...new Set<string | number>(values)] : undefined });
                }}
              />
            )}
          </Flex>
        </div>
      ))}
      {!disabled && (
        <Button
          type="dashed"
          size="small"
          block
          icon={<PlusOutlined />}
          onClick={() => onChange([...rows, { rid: rid(), key: freeId('field', rows.map((r) => r.key)), title: '', type: 'number' }])}
          data-testid="data-field-add"
        >
          {t('flowDesigner.data.add')}
        </Button>
      )}
    </div>
  );
}

function RuleDrawer({
  rule,
  doc,
  departments,
  readOnly,
  onChange,
  onClose,
}: {
  rule: RuleDraft;
  doc: DesignerDoc;
  departments: FlowDepartment[];
  readOnly: boolean;
  onChange: (r: RuleDraft) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const fields = fieldOptions(doc.dataFields, doc.nodes);
  const others = takenIds(doc).filter((id) => !rule.tasks.some((x) => x.id === id));
  const addTask = () => {
    const id = freeId(`${rule.id}-task`, [...others, ...rule.tasks.map((x) => x.id)]);
    onChange({ ...rule, tasks: [...rule.tasks, { rid: rid(), id, ...newTaskDraft(t('flowDesigner.rule.newTask')) }] });
  };
  return (
    <Drawer open size={560} title={t('flowDesigner.rule.drawerTitle')} onClose={onClose} destroyOnHidden data-testid="rule-drawer">
      <Form layout="vertical" className="fd-form" disabled={readOnly}>
        <Form.Item label={t('flowDesigner.rule.name')} required validateStatus={!rule.name.trim() ? 'error' : undefined}>
          <Input value={rule.name} maxLength={100} onChange={(e) => onChange({ ...rule, name: e.target.value })} placeholder={t('flowDesigner.rule.namePlaceholder')} data-testid="rule-name" />
        </Form.Item>
        <Form.Item label={t('flowDesigner.rule.when')} required tooltip={t('flowDesigner.rule.whenHelp')}>
          <ConditionEditor value={rule.when} onChange={(when) => when && onChange({ ...rule, when })} fields={fields} allowNone={false} disabled={readOnly} />
        </Form.Item>
      </Form>
      <Typography.Title level={5}>{t('flowDesigner.rule.tasks')}</Typography.Title>
      <Collapse
        size="small"
        defaultActiveKey={rule.tasks.length === 1 ? [rule.tasks[0].rid] : []}
        items={rule.tasks.map((task, i) => ({
          key: task.rid,
          label: (
            <Flex gap={8} align="center">
              <span>{task.name || task.id}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {departments.find((d) => d.code === task.assignee.departmentCode)?.name ?? task.assignee.departmentCode}
              </Typography.Text>
            </Flex>
          ),
          extra: !readOnly && rule.tasks.length > 1 && (
            <Button
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('flowDesigner.remove')}
              onClick={(e) => {
                e.stopPropagation();
                onChange({ ...rule, tasks: rule.tasks.filter((x) => x.rid !== task.rid) });
              }}
            />
          ),
          children: (
            <Form layout="vertical" className="fd-form" disabled={readOnly}>
              <Form.Item
                label={t('flowDesigner.prop.id')}
                validateStatus={!ID_PATTERN.test(task.id) || others.includes(task.id) || rule.tasks.some((x, j) => j !== i && x.id === task.id) ? 'error' : undefined}
              >
                <Input
                  value={task.id}
                  style={{ fontFamily: 'monospace' }}
                  onChange={(e) => onChange({ ...rule, tasks: rule.tasks.map((x) => (x.rid === task.rid ? { ...x, id: e.target.value.trim() } : x)) })}
                />
              </Form.Item>
              <TaskFields
                task={task}
                departments={departments}
                disabled={readOnly}
                defaultEscalation={doc.escalation}
                testPrefix="rule-task"
                onChange={(next) => onChange({ ...rule, tasks: rule.tasks.map((x) => (x.rid === task.rid ? { ...x, ...next } : x)) })}
              />
            </Form>
          ),
        }))}
      />
      {!readOnly && (
        <Button type="dashed" block icon={<PlusOutlined />} style={{ marginTop: 12 }} onClick={addTask}>
          {t('flowDesigner.rule.addTask')}
        </Button>
      )}
    </Drawer>
  );
}

function RulesEditor({ doc, departments, readOnly, onChange }: { doc: DesignerDoc; departments: FlowDepartment[]; readOnly: boolean; onChange: (rules: RuleDraft[]) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const fields = fieldOptions(doc.dataFields, doc.nodes);
  const rule = doc.rules.find((r) => r.rid === open);
  const add = () => {
    const id = freeId('rule', [...doc.rules.map((r) => r.id), ...takenIds(doc)]);
    const first = fields[0];
    const r: RuleDraft = {
      rid: rid(),
      id,
      name: '',
      when: first ? { field: first.value, op: first.type === 'number' ? 'gte' : first.type === 'array' ? 'exists' : 'eq' } : { field: '', op: 'eq' },
      tasks: [{ rid: rid(), id: freeId(`${id}-task`, takenIds(doc)), ...newTaskDraft(t('flowDesigner.rule.newTask')) }],
    };
    onChange([...doc.rules, r]);
    setOpen(r.rid);
  };
  return (
    <div data-testid="rules-editor">
      <Typography.Paragraph type="secondary">{t('flowDesigner.rule.help')}</Typography.Paragraph>
      {!doc.rules.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('flowDesigner.rule.empty')} />}
      {doc.rules.map((r) => (
        <Card
          key={r.rid}
          size="small"
          style={{ marginBottom: 8 }}
          title={<Typography.Text ellipsis>{r.name || <span className="fd-muted">{t('flowDesigner.rule.unnamed')}</span>}</Typography.Text>}
          extra={
            <Flex gap={2}>
              <Button size="small" type="text" icon={<EditOutlined />} onClick={() => setOpen(r.rid)} aria-label={t('common.edit')} />
              {!readOnly && (
                <Popconfirm title={t('flowDesigner.rule.deleteConfirm')} onConfirm={() => onChange(doc.rules.filter((x) => x.rid !== r.rid))}>
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('flowDesigner.remove')} />
                </Popconfirm>
              )}
            </Flex>
          }
        >
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('flowDesigner.rule.whenShort')}
            {conditionSummary(r.when, fields, t as (k: string) => string)}
          </Typography.Text>
          <Flex gap={4} wrap style={{ marginTop: 6 }}>
            {r.tasks.map((x) => (
              <Tag key={x.rid}>
                {departments.find((d) => d.code === x.assignee.departmentCode)?.name ?? (x.assignee.departmentCode || '?')} · {x.name}
              </Tag>
            ))}
          </Flex>
        </Card>
      ))}
      {!readOnly && (
        <Button type="dashed" size="small" block icon={<PlusOutlined />} onClick={add} data-testid="rule-add">
          {t('flowDesigner.rule.add')}
        </Button>
      )}
      {rule && (
        <RuleDrawer
          rule={rule}
          doc={doc}
          departments={departments}
          readOnly={readOnly}
          onClose={() => setOpen(null)}
          onChange={(next) => onChange(doc.rules.map((x) => (x.rid === next.rid ? next : x)))}
        />
      )}
    </div>
  );
}

function MetaForm({ meta, onChange, readOnly, isNew }: { meta: TemplateMeta; onChange: (m: TemplateMeta) => void; readOnly: boolean; isNew: boolean }) {
  const { t } = useTranslation();
  const set = (patch: Partial<TemplateMeta>) => onChange({ ...meta, ...patch });
  return (
    <Form layout="vertical" className="fd-form" disabled={readOnly}>
      <Form.Item label={t('flowDesigner.meta.name')} required validateStatus={!meta.name.trim() ? 'error' : undefined}>
        <Input value={meta.name} maxLength={100} onChange={(e) => set({ name: e.target.value })} placeholder={t('flowDesigner.meta.namePlaceholder')} data-testid="template-name" />
      </Form.Item>
      <Form.Item label={t('flowDesigner.meta.key')} tooltip={t('flowDesigner.meta.keyHelp')}>
        <Input
          value={meta.key}
          maxLength={64}
          disabled={readOnly || !isNew}
          style={{ fontFamily: 'monospace' }}
          onChange={(e) => set({ key: e.target.value.trim().toLowerCase() })}
          placeholder={t('flowDesigner.meta.keyPlaceholder')}
          data-testid="template-key"
        />
      </Form.Item>
      <Form.Item label={t('flowDesigner.meta.category')} required>
        <Select
          value={meta.category}
          options={TEMPLATE_CATEGORIES.map((c) => ({ value: c, label: t(`flowDesigner.category.${c}`) }))}
          onChange={(category) => set({ category })}
          data-testid="template-category"
        />
      </Form.Item>
      <Form.Item label={t('flowDesigner.meta.subjectTypes')} required tooltip={t('flowDesigner.meta.subjectTypesHelp')}>
        <Select
          mode="multiple"
          value={meta.subjectTypes}
          status={!meta.subjectTypes.length ? 'error' : undefined}
          options={SUBJECT_TYPES.map((s) => ({ value: s, label: t(`flowDesigner.subject.${s}`) }))}
          onChange={(subjectTypes) => set({ subjectTypes })}
        />
      </Form.Item>
      <Form.Item label={t('flowDesigner.meta.keywords')} tooltip={t('flowDesigner.meta.keywordsHelp')}>
        <Select
          mode="tags"
          open={false}
          suffixIcon={null}
          value={meta.keywords}
          tokenSeparators={[',', '，', '、', ' ']}
          placeholder={t('flowDesigner.meta.keywordsPlaceholder')}
          onChange={(vs: string[]) => set({ keywords: [...new Set(vs.map((v) => v.trim()).filter(Boolean))] })}
        />
      </Form.Item>
      <Form.Item label={t('flowDesigner.meta.description')}>
        <Input.TextArea value={meta.description} maxLength={1000} autoSize={{ minRows: 3, maxRows: 8 }} onChange={(e) => set({ description: e.target.value })} />
      </Form.Item>
    </Form>
  );
}

export type TemplateTab = 'basic' | 'data' | 'rules' | 'escalation';

export function TemplatePanel({
  doc,
  departments,
  readOnly,
  isNew,
  tab,
  onTab,
  onChange,
}: {
  doc: DesignerDoc;
  departments: FlowDepartment[];
  readOnly: boolean;
  isNew: boolean;
  tab: TemplateTab;
  onTab: (t: TemplateTab) => void;
  onChange: (d: DesignerDoc) => void;
}) {
  const { t } = useTranslation();
  return (
    <div data-testid="designer-template-panel">
      <div className="fd-panel-head">
        <Typography.Text strong>{t('flowDesigner.meta.title')}</Typography.Text>
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {t('flowDesigner.meta.hint')}
        </Typography.Text>
      </div>
      <Tabs
        size="small"
        tabBarGutter={18}
        activeKey={tab}
        onChange={(k) => onTab(k as TemplateTab)}
        items={[
          { key: 'basic', label: t('flowDesigner.meta.tabBasic'), children: <MetaForm meta={doc.meta} readOnly={readOnly} isNew={isNew} onChange={(meta) => onChange({ ...doc, meta })} /> },
          {
            key: 'data',
            label: (
              <span>
                {t('flowDesigner.meta.tabData')}
                {doc.dataFields.length > 0 && <span className="fd-count">{doc.dataFields.length}</span>}
              </span>
            ),
            children: <DataFieldsEditor rows={doc.dataFields} disabled={readOnly} onChange={(dataFields) => onChange({ ...doc, dataFields })} />,
          },
          {
            key: 'rules',
            label: (
              <span>
                {t('flowDesigner.meta.tabRules')}
                {doc.rules.length > 0 && <span className="fd-count">{doc.rules.length}</span>}
              </span>
            ),
            children: <RulesEditor doc={doc} departments={departments} readOnly={readOnly} onChange={(rules) => onChange({ ...doc, rules })} />,
          },
          {
            key: 'escalation',
            label: t('flowDesigner.meta.tabEscalation'),
            children: (
              <Form layout="vertical" className="fd-form" disabled={readOnly}>
                <Typography.Paragraph type="secondary">{t('flowDesigner.escalation.help')}</Typography.Paragraph>
                <EscalationFields value={doc.escalation} disabled={readOnly} onChange={(escalation) => onChange({ ...doc, escalation })} />
              </Form>
            ),
          },
        ]}
      />
    </div>
  );
}
