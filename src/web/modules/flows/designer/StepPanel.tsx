/** The right-hand panel for a selected step or connection. */
import { useEffect, useState } from 'react';
import { DeleteOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, List, Popconfirm, Radio, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Condition } from '../../../../core/flows';
import { ConditionEditor, conditionSummary, fieldOptions } from './ConditionEditor';
import { ancestorsOf, ID_PATTERN, kindOf, stepLabel, type DesignerDoc, type DesignerEdge, type DesignerNode, type TaskDraft } from './model';
import { TaskFields } from './TaskFields';
import type { FlowDepartment } from './templateApi';

/** A step id, applied on blur or Enter when it is valid and free. */
function IdInput({ id, taken, onRename, disabled }: { id: string; taken: string[]; onRename: (to: string) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState(id);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(id);
    setError(null);
  }, [id]);
  const apply = () => {
    const v = text.trim();
    if (v === id) return setError(null);
    if (!ID_PATTERN.test(v) || v.length > 64) return setError(t('flowDesigner.msg.badId'));
    if (taken.includes(v)) return setError(t('flowDesigner.msg.duplicateStep', { a: v }));
    setError(null);
    onRename(v);
  };
  return (
    <Form.Item label={t('flowDesigner.prop.id')} tooltip={t('flowDesigner.step.idHelp')} validateStatus={error ? 'error' : undefined} help={error}>
      <Input
        disabled={disabled}
        value={text}
        style={{ fontFamily: 'monospace' }}
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        onPressEnter={apply}
        data-testid="step-id"
      />
    </Form.Item>
  );
}

export function StepPanel({
  node,
  doc,
  departments,
  readOnly,
  onChangeNode,
  onRename,
  onDelete,
  onSelectEdge,
}: {
  node: DesignerNode;
  doc: DesignerDoc;
  departments: FlowDepartment[];
  readOnly: boolean;
  onChangeNode: (n: DesignerNode) => void;
  onRename: (from: string, to: string) => void;
  onDelete: () => void;
  onSelectEdge: (id: string) => void;
}) {
  const { t } = useTranslation();
  const kindLabel = t(
    node.type === 'gateway'
      ? node.data.mode === 'parallel'
        ? 'flowDesigner.kind.parallel'
        : 'flowDesigner.kind.exclusive'
      : (`flowDesigner.kind.${node.type}` as 'flowDesigner.kind.task'),
  );
  const taken = doc.nodes.filter((n) => n.id !== node.id).map((n) => n.id).concat(doc.rules.flatMap((r) => r.tasks.map((x) => x.id)));
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const name = (n: DesignerNode | undefined) => stepLabel(n, (x) => t(`flowDesigner.kind.${kindOf(x)}` as 'flowDesigner.kind.start'));
  const outgoing = doc.edges.filter((e) => e.source === node.id);
  const fields = fieldOptions(doc.dataFields, doc.nodes);

  return (
    <div data-testid="designer-step-panel" data-step={node.id}>
      <Flex justify="space-between" align="center" className="fd-panel-head">
        <Flex align="center" gap={8} style={{ minWidth: 0 }}>
          <Tag color={node.type === 'task' ? 'blue' : node.type === 'gateway' ? 'purple' : node.type === 'start' ? 'green' : 'default'}>{kindLabel}</Tag>
          <Typography.Text strong ellipsis>
            {name(node)}
          </Typography.Text>
        </Flex>
        {!readOnly && (
          <Popconfirm title={t('flowDesigner.step.deleteConfirm')} onConfirm={onDelete} okText={t('common.ok')} cancelText={t('common.cancel')}>
            <Button size="small" danger type="text" icon={<DeleteOutlined />} data-testid="step-delete">
              {t('flowDesigner.remove')}
            </Button>
          </Popconfirm>
        )}
      </Flex>
      <Form layout="vertical" size="middle" className="fd-form" disabled={readOnly}>
        <IdInput id={node.id} taken={taken} disabled={readOnly} onRename={(to) => onRename(node.id, to)} />
        {node.type === 'start' && <Typography.Paragraph type="secondary">{t('flowDesigner.step.startHelp')}</Typography.Paragraph>}
        {node.type === 'end' && (
          <Form.Item label={t('flowDesigner.prop.name')}>
            <Input
              value={node.data.name ?? ''}
              maxLength={100}
              placeholder={t('flowDesigner.kind.end')}
              onChange={(e) => onChangeNode({ ...node, data: { ...node.data, name: e.target.value } })}
            />
          </Form.Item>
        )}
        {node.type === 'gateway' && (
          <>
            <Form.Item label={t('flowDesigner.prop.name')}>
              <Input
                value={node.data.name ?? ''}
                maxLength={100}
                placeholder={kindLabel}
                onChange={(e) => onChangeNode({ ...node, data: { ...node.data, name: e.target.value } })}
                data-testid="gateway-name"
              />
            </Form.Item>
            <Form.Item label={t('flowDesigner.step.mode')}>
              <Radio.Group
                value={node.data.mode}
                onChange={(e) => onChangeNode({ ...node, data: { ...node.data, mode: e.target.value } })}
                options={[
                  { value: 'parallel', label: t('flowDesigner.kind.parallel') },
                  { value: 'exclusive', label: t('flowDesigner.kind.exclusive') },
                ]}
              />
            </Form.Item>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t(node.data.mode === 'parallel' ? 'flowDesigner.step.parallelHelp' : 'flowDesigner.step.exclusiveHelp')} />
          </>
        )}
        {node.type === 'task' && (
          <TaskFields
            task={node.data.task}
            departments={departments}
            disabled={readOnly}
            defaultEscalation={doc.escalation}
            onChange={(task: TaskDraft) => onChangeNode({ ...node, data: { kind: 'task', task } })}
          />
        )}
      </Form>
      {outgoing.length > 0 && node.type !== 'start' && (
        <>
          <Typography.Text type="secondary" style={{ display: 'block', margin: '12px 0 4px' }}>
            {t('flowDesigner.step.branches')}
          </Typography.Text>
          <List
            size="small"
            bordered
            dataSource={outgoing}
            renderItem={(e) => (
              <List.Item style={{ cursor: 'pointer' }} onClick={() => onSelectEdge(e.id)}>
                <Flex vertical style={{ minWidth: 0 }}>
                  <Typography.Text ellipsis>→ {name(byId.get(e.target)) || e.target}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                    {e.data?.when ? conditionSummary(e.data.when, fields, t as (k: string) => string) : t('flowDesigner.edge.default')}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        </>
      )}
    </div>
  );
}

export function EdgePanel({
  edge,
  doc,
  readOnly,
  onChange,
  onDelete,
}: {
  edge: DesignerEdge;
  doc: DesignerDoc;
  readOnly: boolean;
  onChange: (e: DesignerEdge) => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const name = (n: DesignerNode | undefined) => stepLabel(n, (x) => t(`flowDesigner.kind.${kindOf(x)}` as 'flowDesigner.kind.start'));
  const before = ancestorsOf(edge.source, doc.edges);
  const fields = fieldOptions(
    doc.dataFields,
    doc.nodes.filter((n) => before.has(n.id)),
  );
  const siblings = doc.edges.filter((e) => e.source === edge.source);
  const source = byId.get(edge.source);
  const setWhen = (when: Condition | undefined) => onChange({ ...edge, data: { ...edge.data, when } });
  return (
    <div data-testid="designer-edge-panel" data-edge={edge.id}>
      <Flex justify="space-between" align="center" className="fd-panel-head">
        <Flex align="center" gap={8} style={{ minWidth: 0 }}>
          <Tag color="cyan">{t('flowDesigner.edge.title')}</Tag>
          <Typography.Text strong ellipsis>
            {name(source) || edge.source} → {name(byId.get(edge.target)) || edge.target}
          </Typography.Text>
        </Flex>
        {!readOnly && (
          <Button size="small" danger type="text" icon={<DeleteOutlined />} onClick={onDelete} data-testid="edge-delete">
            {t('flowDesigner.remove')}
          </Button>
        )}
      </Flex>
      <Form layout="vertical" className="fd-form" disabled={readOnly}>
        <Form.Item label={t('flowDesigner.prop.label')}>
          <Input
            value={edge.data?.label ?? ''}
            maxLength={100}
            placeholder={t('flowDesigner.edge.labelPlaceholder')}
            onChange={(e) => onChange({ ...edge, data: { ...edge.data, label: e.target.value } })}
            data-testid="edge-label"
          />
        </Form.Item>
        <Form.Item label={t('flowDesigner.prop.condition')}>
          {source?.type === 'gateway' && source.data.mode === 'parallel' ? (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('flowDesigner.edge.parallelHelp')}
            </Typography.Paragraph>
          ) : null}
          <ConditionEditor value={edge.data?.when} onChange={setWhen} fields={fields} allowNone disabled={readOnly} />
        </Form.Item>
      </Form>
      {siblings.length > 1 && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('flowDesigner.edge.siblings', { n: siblings.length, defaults: siblings.filter((e) => !e.data?.when).length })}
        </Typography.Paragraph>
      )}
    </div>
  );
}

