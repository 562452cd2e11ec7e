/** 流程模板: the latest version of every template; designers create and edit, others look. */
import { useMemo, useState, type HTMLAttributes } from 'react';
import { EditOutlined, EyeOutlined, HistoryOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, List, Modal, Select, Space, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../../platform/auth/AuthProvider';
import { formatDateTime } from '../../../ui/DateTime';
import { ErrorState } from '../../../ui/States';
import { useIsPhone } from '../../../ui/useIsPhone';
import { usePageTitle } from '../../../ui/usePageTitle';
import { FLOWS_DESIGN } from '../permissions';
import { TEMPLATE_CATEGORIES, useTemplate, useTemplateList, type FlowTemplate, type TemplateCategory, type TemplateVersion } from '../designer/templateApi';

export const CATEGORY_COLOR: Record<TemplateCategory, string> = {
  collaboration: 'blue',
  hazard: 'orange',
  emergency: 'red',
  inspection: 'cyan',
  school: 'purple',
  park: 'green',
};

function VersionsModal({ template, onClose }: { template: FlowTemplate; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useTemplate(template.id);
  const versions = [...(detail.data?.versions ?? [])].sort((a, b) => b.version - a.version);
  const latest = versions[0]?.version ?? template.version;
  return (
    <Modal open title={t('flowDesigner.list.versionsTitle', { name: template.name })} onCancel={onClose} footer={null} width={640} destroyOnHidden>
      {detail.isError ? (
        <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
      ) : (
        <Table<TemplateVersion>
          data-testid="template-versions"
          rowKey="id"
          size="small"
          loading={detail.isLoading}
          dataSource={versions}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            {
              key: 'version',
              title: t('flowDesigner.list.version'),
              width: 140,
              render: (_, v) => (
                <Flex gap={6} align="center">
                  {t('flowDesigner.versionN', { version: v.version })}
                  {v.version === latest && <Tag color="blue">{t('flowDesigner.latest')}</Tag>}
                </Flex>
              ),
            },
            { key: 'at', title: t('flowDesigner.list.savedAt'), width: 170, render: (_, v) => formatDateTime(v.createdAt) },
            { key: 'by', title: t('flowDesigner.list.savedBy'), render: (_, v) => v.createdBy?.displayName ?? t('flowDesigner.list.system') },
            {
              key: 'open',
              title: '',
              width: 80,
              render: (_, v) => (
                <Link to={`/flows/templates/${v.id}`} data-testid={`template-version-${v.version}`}>
                  {t('flowDesigner.list.open')}
                </Link>
              ),
            },
          ]}
        />
      )}
    </Modal>
  );
}

export default function TemplateListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const phone = useIsPhone();
  // templates are designed on a computer; a phone shows them
  const canDesign = useAuth().can(FLOWS_DESIGN) && !phone;
  const list = useTemplateList();
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState<TemplateCategory | undefined>();
  const [versionsOf, setVersionsOf] = useState<FlowTemplate | null>(null);
  usePageTitle(t('flowDesigner.list.title'));

  const items = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (list.data?.items ?? [])
      .filter((x) => !category || x.category === category)
      .filter((x) => !q || x.name.toLowerCase().includes(q) || x.key.toLowerCase().includes(q) || x.keywords.some((k) => k.toLowerCase().includes(q)));
  }, [list.data, search, category]);

  if (list.isError && !list.data) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;

  const columns: TableProps<FlowTemplate>['columns'] = [
    {
      key: 'name',
      title: t('flowDesigner.list.name'),
      render: (_, x) => (
        <Flex vertical gap={2} style={{ minWidth: 0 }}>
          <Flex gap={6} align="center" wrap>
            <Link to={`/flows/templates/${x.id}`}>{x.name}</Link>
            {x.builtin ? (
              <Tag color="geekblue" style={{ marginInlineEnd: 0 }} data-testid="template-builtin">
                {t('flowDesigner.builtin')}
              </Tag>
            ) : null}
          </Flex>
          {x.description && (
            <Typography.Text type="secondary" ellipsis={{ tooltip: x.description }} style={{ fontSize: 12, maxWidth: 320 }}>
              {x.description}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'key',
      title: t('flowDesigner.list.key'),
      width: 160,
      render: (_, x) => (
        <Typography.Text code style={{ fontSize: 12 }}>
          {x.key}
        </Typography.Text>
      ),
    },
    {
      key: 'category',
      title: t('flowDesigner.list.category'),
      width: 100,
      render: (_, x) => <Tag color={CATEGORY_COLOR[x.category] ?? 'default'}>{t(`flowDesigner.category.${x.category}`, { defaultValue: x.category })}</Tag>,
    },
    { key: 'version', title: t('flowDesigner.list.version'), width: 64, render: (_, x) => `v${x.version}` },
    { key: 'steps', title: t('flowDesigner.list.steps'), width: 64, align: 'right', render: (_, x) => x.steps.length },
    {
      key: 'departments',
      title: t('flowDesigner.list.departments'),
      width: 230,
      render: (_, x) => {
        // a code this organisation lacks (a school's 保卫处 in a factory) is chosen at launch
        const seen = new Map<string, boolean>();
        // never a code: the department's name, or the kind of department this organisation lacks
        for (const s of x.steps) seen.set(s.departmentName ?? s.departmentNeeded ?? s.departmentCode, !s.departmentName);
        return (
          <Flex gap={4} wrap>
            {[...seen].map(([n, missing]) =>
              missing ? (
                <Tooltip key={n} title={t('flowDesigner.list.missingDepartment')}>
                  <Tag style={{ marginInlineEnd: 0 }} color="warning">
                    {n}
                  </Tag>
                </Tooltip>
              ) : (
                <Tag key={n} style={{ marginInlineEnd: 0 }}>
                  {n}
                </Tag>
              ),
            )}
          </Flex>
        );
      },
    },
    {
      key: 'updated',
      title: t('flowDesigner.list.updated'),
      width: 150,
      render: (_, x) => (
        <Flex vertical>
          <span>{formatDateTime(x.createdAt)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {x.createdBy?.displayName ?? t('flowDesigner.list.system')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'actions',
      title: t('flowDesigner.list.actions'),
      width: 176,
      fixed: 'right',
      render: (_, x) => (
        <Space size={4}>
          <Button
            size="small"
            type="link"
            icon={canDesign ? <EditOutlined /> : <EyeOutlined />}
            onClick={() => navigate(`/flows/templates/${x.id}`)}
            data-testid={`template-design-${x.key}`}
          >
            {canDesign ? t('flowDesigner.list.design') : t('flowDesigner.list.view')}
          </Button>
          <Button size="small" type="link" icon={<HistoryOutlined />} onClick={() => setVersionsOf(x)} data-testid={`template-versions-${x.key}`}>
            {t('flowDesigner.list.versions')}
          </Button>
        </Space>
      ),
    },
  ];

  if (phone) {
    return (
      <div data-testid="template-list-page">
        <List
          dataSource={items}
          loading={list.isFetching && !list.data}
          locale={{ emptyText: <Empty description={t('flowDesigner.list.empty')} /> }}
          renderItem={(x) => (
            <Card size="small" style={{ marginBottom: 12 }} onClick={() => navigate(`/flows/templates/${x.id}`)} data-testid={`template-row-${x.key}`}>
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text strong ellipsis>
                  {x.name}
                </Typography.Text>
                <Tag color={CATEGORY_COLOR[x.category] ?? 'default'} style={{ marginInlineEnd: 0 }}>
                  {t(`flowDesigner.category.${x.category}`, { defaultValue: x.category })}
                </Tag>
              </Flex>
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '6px 0' }}>
                {x.description}
              </Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                v{x.version} · {[...new Set(x.steps.map((s) => s.departmentName ?? s.departmentNeeded ?? s.departmentCode))].join('、')}
              </Typography.Text>
            </Card>
          )}
        />
      </div>
    );
  }

  return (
    <Card data-testid="template-list-page">
      <Flex className="zhian-page-title" justify="space-between" align="center">
        <Flex align="center" gap={10}>
          <Typography.Title level={4}>{t('flowDesigner.list.title')}</Typography.Title>
          {!canDesign && <Tag color="orange">{t('flowDesigner.readOnly')}</Tag>}
        </Flex>
        <Flex gap={8}>
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching} aria-label={t('common.refresh')} />
          {canDesign && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/flows/templates/new')} data-testid="template-new">
              {t('flowDesigner.list.new')}
            </Button>
          )}
        </Flex>
      </Flex>
      <Typography.Paragraph type="secondary">{t('flowDesigner.list.intro')}</Typography.Paragraph>
      <Flex gap={8} style={{ marginBottom: 16 }} wrap>
        <Input.Search allowClear placeholder={t('flowDesigner.list.searchPlaceholder')} style={{ width: 280 }} value={search} onChange={(e) => setSearch(e.target.value)} />
        <Select
          allowClear
          placeholder={t('flowDesigner.list.allCategories')}
          style={{ width: 160 }}
          value={category}
          onChange={setCategory}
          options={TEMPLATE_CATEGORIES.map((c) => ({ value: c, label: t(`flowDesigner.category.${c}`) }))}
        />
      </Flex>
      <Table<FlowTemplate>
        data-testid="template-list"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={list.isFetching && !list.data}
        scroll={{ x: 1140 }}
        locale={{ emptyText: <Empty description={t('flowDesigner.list.empty')} /> }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { count: total }) }}
        onRow={(x) => ({ 'data-testid': `template-row-${x.key}` }) as HTMLAttributes<HTMLElement>}
      />
      {versionsOf && <VersionsModal template={versionsOf} onClose={() => setVersionsOf(null)} />}
    </Card>
  );
}
