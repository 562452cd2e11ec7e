/**
 * 联动规则 (warnings.manage): which warnings send which instructions to which departments, with
 * what deadline, and whether they also report a hazard or launch a flow. Edited in a drawer.
 */
import { useMemo, useState } from 'react';
import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Popconfirm, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../ui/errors';
import { ErrorState } from '../../../ui/States';
import { useIsPhone } from '../../../ui/useIsPhone';
import { usePageTitle } from '../../../ui/usePageTitle';
import { useFlowDepartments, useFlowTemplates } from '../../flows/queries';
import { useAreas } from '../../org/queries';
import { ColorChip, RuleEditor } from '../components/RuleEditor';
import { useDeleteRule, useRules } from '../queries';
import type { LinkageRule } from '../types';
import { exampleInstruction } from '../ruleExample';

function Conditions({ rule, areaName }: { rule: LinkageRule; areaName: (id: string) => string }) {
  const { t } = useTranslation();
  const any = t('warnings.rules.anyValue');
  const list = (values: string[], label: (v: string) => string) => (values.length ? values.map(label).join('、') : any);
  return (
    <Flex vertical gap={2} style={{ fontSize: 13 }}>
      <span>
        <ColorChip color={rule.when.minColor} label={t('warnings.rules.minColorHint', { color: t(`warnings.color.${rule.when.minColor}`) })} />
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('warnings.rules.sourceKinds')}：{list(rule.when.sourceKinds, (s) => t(`warnings.source.${s}` as 'warnings.source.cap'))}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('warnings.rules.eventTypes')}：{list(rule.when.eventTypes, (e) => t(`warnings.event.${e}` as 'warnings.event.other'))}
      </Typography.Text>
      {rule.when.areaIds.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('warnings.rules.areas')}：{list(rule.when.areaIds, areaName)}
        </Typography.Text>
      )}
    </Flex>
  );
}

export default function WarningRulesPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const { message } = App.useApp();
  const rules = useRules();
  const departments = useFlowDepartments();
  const templates = useFlowTemplates();
  const areas = useAreas();
  const remove = useDeleteRule();
  const [editing, setEditing] = useState<{ rule: LinkageRule | null } | null>(null);
  usePageTitle(t('warnings.rules.title'));

  const deptName = useMemo(() => new Map((departments.data ?? []).map((d) => [d.id, d.name])), [departments.data]);
  const areaNames = useMemo(() => new Map((areas.data ?? []).map((a) => [a.id, a.name])), [areas.data]);
  const templateName = useMemo(() => new Map((templates.data ?? []).map((x) => [x.key, x.name])), [templates.data]);

  if (rules.isError && !rules.data) return <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />;

  const onDelete = async (rule: LinkageRule) => {
    try {
      await remove.mutateAsync({ id: rule.id, version: rule.version });
      message.success(t('warnings.rules.deleted'));
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

  const columns: TableProps<LinkageRule>['columns'] = [
    {
      key: 'name',
      title: t('warnings.rules.name'),
      width: 200,
      render: (_, r) => (
        <Flex vertical gap={4}>
          <Typography.Text strong>{r.name}</Typography.Text>
          <span>{r.enabled ? <Tag color="green">{t('warnings.rules.enabled')}</Tag> : <Tag>{t('warnings.rules.disabled')}</Tag>}</span>
        </Flex>
      ),
    },
    { key: 'when', title: t('warnings.rules.conditions'), width: 240, render: (_, r) => <Conditions rule={r} areaName={(id) => areaNames.get(id) ?? id} /> },
    {
      key: 'instruct',
      title: t('warnings.rules.instructionsExample'),
      render: (_, r) => (
        <Flex vertical gap={4} style={{ minWidth: 0 }}>
          {r.instruct.map((i) => {
            // as the department will read it, filled with an example warning; the placeholders are the editor's
            const text = exampleInstruction(i.instruction, r, (id) => areaNames.get(id));
            return (
              <Flex key={i.departmentId} gap={4} align="center" style={{ minWidth: 0 }}>
                <Tag color="blue" style={{ flex: 'none', marginInlineEnd: 0 }}>
                  {i.departmentName ?? deptName.get(i.departmentId) ?? '…'}
                </Tag>
                {/* one line per department; the whole text on hover */}
                <Typography.Text type="secondary" ellipsis={{ tooltip: text }} style={{ flex: 1, minWidth: 0, fontSize: 12 }} data-testid="warning-rule-instruction">
                  {text}
                </Typography.Text>
              </Flex>
            );
          })}
        </Flex>
      ),
    },
    {
      key: 'deadline',
      title: t('warnings.rules.responseHours'),
      width: 150,
      render: (_, r) => (
        <Flex vertical style={{ fontSize: 12 }}>
          <span>{t('warnings.rules.hours', { count: r.responseHours })}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            ↑ {t('warnings.rules.hours', { count: r.escalateAfterHours })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'actions',
      title: t('warnings.rules.actions'),
      width: 170,
      render: (_, r) => (
        <Flex vertical gap={4} align="flex-start">
          {r.raiseHazard && <Tag color="orange">{t('warnings.rules.raiseHazard')}</Tag>}
          {r.flowTemplateKey && <Tag color="purple">{templateName.get(r.flowTemplateKey) ?? r.flowTemplateKey}</Tag>}
          {!r.raiseHazard && !r.flowTemplateKey && <Typography.Text type="secondary">—</Typography.Text>}
        </Flex>
      ),
    },
    {
      key: 'ops',
      width: 100,
      fixed: 'right',
      render: (_, r) => (
        <Space>
          <Button type="text" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing({ rule: r })} data-testid="warning-rule-edit" />
          <Popconfirm title={t('warnings.rules.deleteConfirm', { name: r.name })} onConfirm={() => onDelete(r)} okButtonProps={{ danger: true }}>
            <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('warnings.rules.delete')} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card styles={{ body: phone ? { padding: 12 } : undefined }}>
      <Flex className="zhian-page-title" justify="space-between" align="center" gap={8}>
        <Typography.Title level={phone ? 5 : 4}>{t('warnings.rules.title')}</Typography.Title>
        <Flex gap={8}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ rule: null })} data-testid="warning-rule-add">
            {t('warnings.rules.add')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => void rules.refetch()} loading={rules.isFetching} aria-label={t('common.refresh')} />
        </Flex>
      </Flex>
      <Typography.Paragraph type="secondary">{t('warnings.rules.intro')}</Typography.Paragraph>
      <div data-testid="warning-rules">
        <Table<LinkageRule>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rules.data}
          loading={rules.isFetching}
          scroll={{ x: 1100 }}
          pagination={false}
          locale={{ emptyText: <Empty description={t('warnings.rules.empty')} /> }}
          onRow={(r) => ({ 'data-testid': 'warning-rule-row', 'data-name': r.name }) as React.HTMLAttributes<HTMLElement>}
        />
      </div>
      <RuleEditor rule={editing?.rule ?? null} open={!!editing} onClose={() => setEditing(null)} />
    </Card>
  );
}
