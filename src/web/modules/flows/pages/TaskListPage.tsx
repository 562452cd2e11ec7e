/**
 * 我的任务: the tasks of my department (我的部门待办) and what waits for me as initiator (待我审核:
 * outputs to review, extension requests). Cards on phones — field workers use this page.
 */
import { type HTMLAttributes } from 'react';
import { ReloadOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, Flex, Pagination, Segmented, Skeleton, Table, Tabs, Tag, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorState } from '../../../ui/States';
import { useIsPhone } from '../../../ui/useIsPhone';
import { usePageTitle } from '../../../ui/usePageTitle';
import type { TaskScope } from '../api';
import { TaskStatusTag } from '../components/StatusTags';
import { isLate, TaskDue } from '../components/TaskDue';
import { useTaskList } from '../queries';
import { ACTIVE_TASK_STATUSES, type FlowTask, type TaskStatus } from '../types';

const PAGE_SIZE = 20;
type Filter = 'active' | 'done' | 'all';
const STATUS_OF: Record<Filter, TaskStatus[] | undefined> = { active: ACTIVE_TASK_STATUSES, done: ['done'], all: undefined };

/** What the reviewer is asked for. */
function ReviewHint({ task }: { task: FlowTask }) {
  const { t } = useTranslation();
  if (task.extension && task.can.decideExtension) return <Tag color="orange">{t('flows.tasks.extensionAsk')}</Tag>;
  if (task.status === 'submitted') return <Tag color="purple">{t('flows.tasks.reviewAsk')}</Tag>;
  return null;
}

function TaskCards({ items, scope, onOpen }: { items: FlowTask[]; scope: TaskScope; onOpen: (t: FlowTask) => void }) {
  const { t } = useTranslation();
  return (
    <>
      {items.map((x) => (
        <Card
          key={x.id}
          size="small"
          hoverable
          className="zhian-hazard-card"
          style={isLate(x) ? { borderColor: '#ffa39e' } : undefined}
          onClick={() => onOpen(x)}
          data-testid={`task-row-${x.key}`}
          data-status={x.status}
        >
          <Flex justify="space-between" align="center" gap={8}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
              {x.case?.code}
            </Typography.Text>
            <Flex gap={4} align="center">
              {scope === 'review' && <ReviewHint task={x} />}
              <TaskStatusTag status={x.status} />
            </Flex>
          </Flex>
          <Typography.Text strong style={{ display: 'block', margin: '6px 0 2px', fontSize: 15 }} ellipsis>
            {x.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }} ellipsis>
            {x.case?.title}
          </Typography.Text>
          <Flex justify="space-between" align="flex-end" gap={8} style={{ marginTop: 6 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
              {x.department.name}
            </Typography.Text>
            <TaskDue task={x} compact />
          </Flex>
        </Card>
      ))}
    </>
  );
}

export default function TaskListPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const scope: TaskScope = params.get('scope') === 'review' ? 'review' : 'mine';
  const filter: Filter = (['active', 'done', 'all'] as const).find((f) => f === params.get('status')) ?? 'active';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useTaskList({ scope, status: scope === 'review' ? undefined : STATUS_OF[filter], page, pageSize: PAGE_SIZE });
  // the count on the other tab, so a reviewer sees there is something waiting
  const review = useTaskList({ scope: 'review', page: 1, pageSize: 1 });
  const mine = useTaskList({ scope: 'mine', status: ACTIVE_TASK_STATUSES, page: 1, pageSize: 1 });
  usePageTitle(t('flows.tasksTitle'));

  const update = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '' || (k === 'page' && v === 1) || (k === 'scope' && v === 'mine') || (k === 'status' && v === 'active')) next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };
  const open = (x: FlowTask) => navigate(`/flows/instances/${x.case?.id ?? x.caseId}`);

  const tabs = (
    <Tabs
      activeKey={scope}
      onChange={(k) => update({ scope: k, page: 1, status: undefined })}
      items={[
        { key: 'mine', label: <Badge count={mine.data?.total ?? 0} size="small" offset={[8, -2]} color="blue">{t('flows.scope.mine')}</Badge> },
        { key: 'review', label: <Badge count={review.data?.total ?? 0} size="small" offset={[8, -2]}>{t('flows.scope.review')}</Badge> },
      ]}
      data-testid="task-scope-tabs"
      style={{ marginBottom: scope === 'mine' ? 8 : 0 }}
    />
  );
  const statusFilter =
    scope === 'mine' ? (
      <Segmented
        value={filter}
        onChange={(v) => update({ status: String(v), page: 1 })}
        options={(['active', 'done', 'all'] as const).map((f) => ({ value: f, label: t(`flows.taskFilter.${f}`) }))}
        style={{ marginBottom: 12 }}
        data-testid="task-status-filter"
      />
    ) : null;
  const empty = <Empty description={scope === 'review' ? t('flows.reviewEmpty') : t('flows.tasksEmpty')} />;

  if (list.isError && !list.data) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;

  if (phone) {
    const items = list.data?.items ?? [];
    return (
      <div data-testid="task-list">
        {tabs}
        {statusFilter}
        {!list.data && list.isFetching ? (
          <Skeleton active />
        ) : items.length ? (
          <>
            <TaskCards items={items} scope={scope} onOpen={open} />
            {(list.data?.total ?? 0) > PAGE_SIZE && (
              <Flex justify="center" style={{ marginTop: 8 }}>
                <Pagination simple current={page} pageSize={PAGE_SIZE} total={list.data?.total} onChange={(p) => update({ page: p })} />
              </Flex>
            )}
          </>
        ) : (
          empty
        )}
      </div>
    );
  }

  const columns: TableProps<FlowTask>['columns'] = [
    {
      key: 'case',
      title: t('flows.field.case'),
      ellipsis: true,
      render: (_, x) => (
        <Link to={`/flows/instances/${x.case?.id ?? x.caseId}`} title={x.case?.title}>
          <Typography.Text type="secondary">{x.case?.code}</Typography.Text> {x.case?.title}
        </Link>
      ),
    },
    {
      key: 'task',
      title: t('flows.field.task'),
      ellipsis: true,
      render: (_, x) => (
        <>
          {x.name}
          {scope === 'review' && (
            <span style={{ marginInlineStart: 6 }}>
              <ReviewHint task={x} />
            </span>
          )}
        </>
      ),
    },
    { key: 'department', title: t('flows.field.department'), width: 130, ellipsis: true, render: (_, x) => x.department.name },
    { key: 'status', title: t('flows.field.status'), width: 100, render: (_, x) => <TaskStatusTag status={x.status} /> },
    { key: 'due', title: t('flows.field.dueAt'), width: 220, render: (_, x) => <TaskDue task={x} compact /> },
  ];

  return (
    <Card>
      <Flex className="zhian-page-title" justify="space-between" align="center">
        <Typography.Title level={4}>{t('flows.tasksTitle')}</Typography.Title>
        <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching} aria-label={t('common.refresh')} />
      </Flex>
      <Typography.Paragraph type="secondary">{t('flows.tasksIntro')}</Typography.Paragraph>
      {tabs}
      {statusFilter}
      <div data-testid="task-list">
        <Table<FlowTask>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 900 }}
          locale={{ emptyText: empty }}
          rowClassName={() => 'zhian-clickable-row'}
          onRow={(x) =>
            ({
              'data-testid': `task-row-${x.key}`,
              'data-status': x.status,
              onClick: (e) => {
                if ((e.target as HTMLElement).closest('a,button')) return;
                open(x);
              },
            }) as HTMLAttributes<HTMLElement>
          }
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            onChange: (p) => update({ page: p }),
            showTotal: (total) => t('common.total', { count: total }),
            hideOnSinglePage: true,
          }}
        />
      </div>
    </Card>
  );
}
