/** 风险点清单: URL-driven filters (area, colours, department …), a table with colour tags, create/edit drawer. */
import { useCallback, useMemo, useState } from 'react';
import { EnvironmentOutlined, PlusOutlined, ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Table, Tag, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { COLORS, type Color } from '../../../../core/standards';
import { MANAGEMENT_LEVELS, RISK_POINT_KINDS, type ManagementLevel, type RiskPointKind } from '../../../../core/risks';
import { useAuth } from '../../../platform/auth/AuthProvider';
import { ErrorState } from '../../../ui/States';
import { usePageTitle } from '../../../ui/usePageTitle';
import { useAreas, useDepartments } from '../../org/queries';
import { LevelTag } from '../../standards';
import type { RiskListQuery, RiskPoint, RiskSort } from '../api';
import { RiskLevel } from '../components/RiskLevel';
import { RiskPointDrawer } from '../components/RiskPointDrawer';
import { RISKS_MANAGE } from '../permissions';
import { useRiskPoints, useRiskRealtime } from '../queries';

const SORTS: RiskSort[] = ['code', '-code', 'score', '-score', 'updatedAt', '-updatedAt'];
const PAGE_SIZES = [20, 50, 100];

function parse(sp: URLSearchParams): RiskListQuery {
  const n = (k: string, d: number) => {
    const v = Number(sp.get(k));
    return Number.isInteger(v) && v > 0 ? v : d;
  };
  const sort = sp.get('sort') as RiskSort | null;
  const colors = (sp.get('color') ?? '').split(',').filter((c) => (COLORS as readonly string[]).includes(c));
  const kind = sp.get('kind') as RiskPointKind | null;
  const level = sp.get('managementLevel') as ManagementLevel | null;
  return {
    page: n('page', 1),
    pageSize: PAGE_SIZES.includes(n('pageSize', 50)) ? n('pageSize', 50) : 50,
    areaId: sp.get('areaId') || undefined,
    departmentId: sp.get('departmentId') || undefined,
    color: colors.length ? colors.join(',') : undefined,
    kind: kind && RISK_POINT_KINDS.includes(kind) ? kind : undefined,
    managementLevel: level && MANAGEMENT_LEVELS.includes(level) ? level : undefined,
    q: sp.get('q') || undefined,
    sort: sort && SORTS.includes(sort) ? sort : '-score',
  };
}

function useListQuery(): [RiskListQuery, (patch: Partial<RiskListQuery>) => void] {
  const [sp, setSp] = useSearchParams();
  const query = useMemo(() => parse(sp), [sp]);
  const update = useCallback(
    (patch: Partial<RiskListQuery>) => {
      const next: RiskListQuery = { ...query, ...patch };
      if (!('page' in patch)) next.page = 1;
      const out = new URLSearchParams();
      for (const [k, v] of Object.entries(next)) {
        if (v === undefined || v === null || v === '') continue;
        if ((k === 'page' && v === 1) || (k === 'pageSize' && v === 50) || (k === 'sort' && v === '-score')) continue;
        out.set(k, String(v));
      }
      setSp(out);
    },
    [query, setSp],
  );
  return [query, update];
}

export default function RiskPointListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const manage = can(RISKS_MANAGE);
  const [query, update] = useListQuery();
  const list = useRiskPoints(query);
  const areas = useAreas();
  const departments = useDepartments();
  const [editing, setEditing] = useState<RiskPoint | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [search, setSearch] = useState(query.q ?? '');
  useRiskRealtime();
  usePageTitle(t('risks.list.pageTitle'));

  if (list.isError && !list.data) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;

  const openDrawer = (p: RiskPoint | null) => {
    setEditing(p);
    setDrawerOpen(true);
  };

  const sortOrder = (field: string) => (query.sort === field ? 'ascend' : query.sort === `-${field}` ? 'descend' : null);
  const columns: TableProps<RiskPoint>['columns'] = [
    { key: 'code', dataIndex: 'code', title: t('risks.field.code'), width: 100, sorter: true, sortOrder: sortOrder('code') },
    {
      key: 'name',
      title: t('risks.field.name'),
      render: (_: unknown, p) => (
        <Flex vertical gap={2}>
          <Link to={`/risk-points/${p.id}/card`} data-testid={`risk-point-${p.code}`}>
            {p.name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`risks.kind.${p.kind}`)}
            {p.equipment ? ` · ${p.equipment.code} ${p.equipment.name}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'area', title: t('risks.field.area'), width: 150, render: (_: unknown, p) => p.area.name },
    {
      key: 'score',
      title: t('risks.field.level'),
      width: 190,
      sorter: true,
      sortOrder: sortOrder('score'),
      render: (_: unknown, p) => <RiskLevel assessment={p.assessment} />,
    },
    { key: 'managementLevel', title: t('risks.field.managementLevel'), width: 96, render: (_: unknown, p) => <Tag>{t(`risks.managementLevel.${p.managementLevel}`)}</Tag> },
    {
      key: 'responsible',
      title: t('risks.field.responsibility'),
      width: 150,
      render: (_: unknown, p) => (
        <Flex vertical gap={2}>
          <span>{p.department.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.responsibleUser?.displayName ?? '—'}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'actions',
      title: t('risks.field.actions'),
      width: manage ? 140 : 90,
      render: (_: unknown, p) => (
        <Flex gap={4}>
          <Link to={`/risk-points/${p.id}/card`}>
            <Button size="small" type="link" icon={<SafetyCertificateOutlined />}>
              {t('risks.list.card')}
            </Button>
          </Link>
          {p.can.edit && (
            <Button size="small" type="link" onClick={() => openDrawer(p)} data-testid={`risk-edit-${p.code}`}>
              {t('common.edit')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  const colours = query.color ? (query.color.split(',') as Color[]) : [];
  const fourColours = [
    { color: 'red', label: t('risks.colour.red') },
    { color: 'orange', label: t('risks.colour.orange') },
    { color: 'yellow', label: t('risks.colour.yellow') },
    { color: 'blue', label: t('risks.colour.blue') },
  ] as const;

  return (
    <Card>
      <Flex className="zhian-page-title" justify="space-between" align="center" wrap>
        <Typography.Title level={4}>{t('risks.list.pageTitle')}</Typography.Title>
        <Flex gap={8}>
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching} aria-label={t('common.refresh')} />
          <Link to="/risk-map">
            <Button icon={<EnvironmentOutlined />}>{t('risks.list.map')}</Button>
          </Link>
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => openDrawer(null)} data-testid="risk-create">
              {t('risks.list.create')}
            </Button>
          )}
        </Flex>
      </Flex>
      <Flex gap={8} wrap style={{ marginBottom: 12 }} data-testid="risk-filters">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 200 }}
          placeholder={t('risks.list.filterArea')}
          value={query.areaId}
          onChange={(v) => update({ areaId: v })}
          options={(areas.data ?? []).map((a) => ({ value: a.id, label: `${a.code} ${a.name}` }))}
          data-testid="risk-filter-area"
        />
        <Select
          mode="multiple"
          allowClear
          style={{ minWidth: 200 }}
          placeholder={t('risks.list.filterColor')}
          value={colours}
          onChange={(v: Color[]) => update({ color: v.length ? v.join(',') : undefined })}
          options={fourColours.map((c) => ({ value: c.color, label: c.label }))}
          optionRender={(o) => <LevelTag color={o.value as Color} label={String(o.label)} />}
          tagRender={(p) => (
            <span style={{ marginInlineEnd: 4 }}>
              <LevelTag color={p.value as Color} label={String(p.label)} />
            </span>
          )}
          data-testid="risk-filter-color"
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('risks.list.filterDepartment')}
          value={query.departmentId}
          onChange={(v) => update({ departmentId: v })}
          options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
        />
        <Select
          allowClear
          style={{ width: 130 }}
          placeholder={t('risks.list.filterKind')}
          value={query.kind}
          onChange={(v) => update({ kind: v })}
          options={RISK_POINT_KINDS.map((k) => ({ value: k, label: t(`risks.kind.${k}`) }))}
        />
        <Select
          allowClear
          style={{ width: 130 }}
          placeholder={t('risks.list.filterLevel')}
          value={query.managementLevel}
          onChange={(v) => update({ managementLevel: v })}
          options={MANAGEMENT_LEVELS.map((k) => ({ value: k, label: t(`risks.managementLevel.${k}`) }))}
        />
        <Input.Search
          allowClear
          style={{ width: 260 }}
          placeholder={t('risks.list.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => update({ q: v.trim() || undefined })}
        />
      </Flex>
      <Table<RiskPoint>
        rowKey="id"
        size="middle"
        data-testid="risk-table"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 960 }}
        locale={{ emptyText: t('risks.list.empty') }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { count: n }),
        }}
        onChange={(pagination, _filters, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const field = s?.columnKey === 'code' ? 'code' : s?.columnKey === 'score' ? 'score' : null;
          const sort: RiskSort = field && s.order ? ((s.order === 'ascend' ? field : `-${field}`) as RiskSort) : '-score';
          if (sort !== query.sort) return update({ sort });
          update({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? 50 });
        }}
      />
      <RiskPointDrawer open={drawerOpen} point={editing} areaId={query.areaId} onClose={() => setDrawerOpen(false)} onReload={() => list.refetch()} />
    </Card>
  );
}
