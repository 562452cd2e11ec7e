/** Desktop hazard table: server-side paging and sorting; new rows (realtime) highlighted. */
import type { HTMLAttributes } from 'react';
import { Table, Tag, Typography, type TableColumnType, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { Page } from '../../../platform/api/types';
import { RelativeTime } from '../../../ui/DateTime';
import type { HazardListQuery, HazardSort } from '../api';
import { PAGE_SIZES } from '../listParams';
import type { LoopHazard } from '../types';
import { GradeTag, StatusTag } from './HazardTags';
import { Deadline } from './loop/Deadline';
import { RiskTag } from './loop/RiskTag';

type Hazard = LoopHazard;

interface Props {
  query: HazardListQuery;
  data: Page<Hazard> | undefined;
  loading: boolean;
  fresh: ReadonlySet<string>;
  onChange: (patch: Partial<HazardListQuery>) => void;
}

type SortOrder = TableColumnType<Hazard>['sortOrder'];

function orderOf(sort: HazardSort | undefined, field: string): SortOrder {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}

export function HazardTable({ query, data, loading, fresh, onChange }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();

  const columns: TableProps<Hazard>['columns'] = [
    {
      key: 'code',
      dataIndex: 'code',
      title: t('hazards.field.code'),
      width: 136,
      sorter: true,
      sortOrder: orderOf(query.sort, 'code'),
      render: (code: string, h) => <Link to={`/hazards/${h.id}`}>{code}</Link>,
    },
    {
      key: 'title',
      dataIndex: 'title',
      title: t('hazards.field.title'),
      ellipsis: true,
      render: (title: string, h) => (
        <>
          {fresh.has(h.id) && (
            <Tag color="gold" data-testid="hazard-new-tag">
              {t('hazards.list.newTag')}
            </Tag>
          )}
          <Link to={`/hazards/${h.id}`}>{title}</Link>
        </>
      ),
    },
    {
      key: 'status',
      dataIndex: 'status',
      title: t('hazards.field.status'),
      width: 88,
      sorter: true,
      sortOrder: orderOf(query.sort, 'status'),
      render: (s: Hazard['status']) => <StatusTag status={s} />,
    },
    { key: 'grade', dataIndex: 'grade', title: t('hazards.field.grade'), width: 90, render: (g: Hazard['grade']) => <GradeTag grade={g} /> },
    {
      key: 'risk',
      title: t('hazards.list.risk'),
      width: 92,
      render: (_, h) => (h.assessment?.riskLevel ? <RiskTag assessment={h.assessment} /> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      key: 'deadline',
      title: t('hazards.list.deadline'),
      width: 168,
      render: (_, h) => <Deadline deadline={h.deadline} overdue={h.overdue} status={h.status} compact />,
    },
    { key: 'area', title: t('hazards.field.area'), width: 116, ellipsis: true, render: (_, h) => h.area?.name ?? '—' },
    { key: 'department', title: t('hazards.field.department'), width: 100, ellipsis: true, render: (_, h) => h.department?.name },
    {
      key: 'reporter',
      title: t('hazards.field.reporter'),
      width: 86,
      ellipsis: true,
      render: (_, h) => h.reporter?.displayName ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      key: 'reportedAt',
      dataIndex: 'reportedAt',
      title: t('hazards.field.reportedAt'),
      width: 110,
      sorter: true,
      sortOrder: orderOf(query.sort, 'reportedAt'),
      render: (v: string) => <RelativeTime value={v} />,
    },
  ];

  const onTableChange: TableProps<Hazard>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const field = String(s?.columnKey ?? '');
      const sort = (s?.order === 'ascend' ? field : s?.order === 'descend' ? `-${field}` : undefined) as HazardSort | undefined;
      onChange({ sort: sort || undefined });
      return;
    }
    onChange({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? query.pageSize });
  };

  return (
    <div data-testid="hazard-table">
      <Table<Hazard>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={loading}
        onChange={onTableChange}
        scroll={{ x: 1180 }}
        rowClassName={(h) => (fresh.has(h.id) ? 'hazard-row-new zhian-clickable-row' : 'zhian-clickable-row')}
        onRow={(h) =>
          ({
            'data-testid': `hazard-row-${h.code}`,
            onClick: (e) => {
              if ((e.target as HTMLElement).closest('a,button')) return;
              navigate(`/hazards/${h.id}`);
            },
          }) as HTMLAttributes<HTMLElement>
        }
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (total) => (data?.totalExact === false ? t('common.totalAtLeast', { count: total }) : t('common.total', { count: total })),
        }}
      />
    </div>
  );
}
