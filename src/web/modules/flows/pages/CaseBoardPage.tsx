/**
 * 案件看板: one collaboration case — header (code, title, status, template, subject, initiator,
 * progress), the flow at a glance, a card per department task with its actions, comments and the
 * timeline of every event. Everything refreshes on `flow.updated`.
 */
import { useMemo } from 'react';
import { LeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { formatDateTime } from '../../../ui/DateTime';
import { ErrorState } from '../../../ui/States';
import { useIsPhone } from '../../../ui/useIsPhone';
import { usePageTitle } from '../../../ui/usePageTitle';
import { CaseActions } from '../components/CaseActions';
import { CaseComments } from '../components/CaseComments';
import { CaseProgress } from '../components/CaseProgress';
import { CaseTimeline } from '../components/CaseTimeline';
import { RecordRoomCard } from '../../comms/components/RecordRoomCard';
import { FlowDiagram } from '../components/FlowDiagram';
import { CaseStatusTag } from '../components/StatusTags';
import { TaskCard } from '../components/TaskCard';
import { useFlowCase } from '../queries';
import type { FlowCaseDetail, FlowTask } from '../types';

const ORDER: Record<string, number> = { open: 0, in_progress: 1, submitted: 2, done: 3, cancelled: 4 };

function dataValue(v: unknown, t: (k: 'flows.form.yes' | 'flows.form.no') => string): string {
  if (v === true) return t('flows.form.yes');
  if (v === false) return t('flows.form.no');
  if (v === undefined || v === null || v === '') return '—';
  return Array.isArray(v) ? v.join('、') : String(v);
}

function Header({ flow }: { flow: FlowCaseDetail }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const location = useLocation();
  const fields = flow.definition?.dataFields ?? {};
  const dataKeys = [...new Set([...Object.keys(fields), ...Object.keys(flow.data ?? {})])];
  const subject = flow.subject;
  const subjectLabel = subject ? (
    <>
      <Tag>{t(`flows.subjectType.${subject.type}` as 'flows.subjectType.hazard', { defaultValue: subject.type })}</Tag>
      <Typography.Text type="secondary">{subject.code}</Typography.Text> {subject.title}
      {subject.statusLabel && (
        <Tag color={subject.status === 'closed' ? 'success' : 'processing'} style={{ marginInlineStart: 8 }} data-testid="flow-subject-state" data-status={subject.status}>
          {subject.statusLabel}
        </Tag>
      )}
    </>
  ) : null;
  const subjectLink = subject ? subject.link ?? (subject.type === 'hazard' ? `/hazards/${subject.id}` : null) : null;

  return (
    <Card styles={{ body: phone ? { padding: 12 } : undefined }}>
      <Flex justify="space-between" align="flex-start" gap={12} wrap style={{ marginBottom: 16 }}>
        <Space align="start">
          {!phone && (
            <Button type="text" icon={<LeftOutlined />} aria-label={t('common.back')} onClick={() => (location.key === 'default' ? navigate('/flows/instances') : navigate(-1))} />
          )}
          <div>
            <Typography.Title level={phone ? 5 : 4} style={{ margin: 0 }} data-testid="flow-case-title">
              {flow.title}
            </Typography.Title>
            <Space size={6} style={{ marginTop: 6 }} wrap>
              <Typography.Text type="secondary" data-testid="flow-case-code">
                {flow.code}
              </Typography.Text>
              <CaseStatusTag status={flow.status} testId="flow-case-status" />
              {flow.progress.overdue > 0 && flow.status === 'running' && (
                <Tag color="red" data-testid="flow-case-overdue">
                  {t('flows.overdueCount', { count: flow.progress.overdue })}
                </Tag>
              )}
            </Space>
          </div>
        </Space>
        <CaseActions flow={flow} />
      </Flex>
      {flow.status === 'cancelled' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('flows.board.cancelledAt', { time: formatDateTime(flow.cancelledAt) })}
          description={flow.cancelReason ? t('flows.board.cancelReasonIs', { reason: flow.cancelReason }) : undefined}
        />
      )}
      <Descriptions
        bordered
        size={phone ? 'small' : 'middle'}
        column={{ xs: 1, sm: 1, md: 2, lg: 3, xl: 3, xxl: 3 }}
        styles={{ label: { whiteSpace: 'nowrap' } }}
        items={[
          {
            key: 'template',
            label: t('flows.field.template'),
            children: (
              <span>
                {flow.template.name} <Typography.Text type="secondary">v{flow.template.version}</Typography.Text>
              </span>
            ),
          },
          { key: 'initiator', label: t('flows.field.initiator'), children: flow.initiator ? `${flow.initiator.displayName}${flow.initiator.departmentName ? `（${flow.initiator.departmentName}）` : ''}` : '—' },
          { key: 'progress', label: t('flows.field.progress'), children: <CaseProgress flow={flow} width={160} /> },
          {
            key: 'subject',
            label: t('flows.field.subject'),
            children: subject ? subjectLink ? <Link to={subjectLink} data-testid="flow-subject-link">{subjectLabel}</Link> : subjectLabel : t('flows.noSubject'),
          },
          { key: 'startedAt', label: t('flows.field.startedAt'), children: formatDateTime(flow.startedAt) },
          {
            key: 'completedAt',
            label: flow.status === 'cancelled' ? t('flows.field.cancelledAt') : t('flows.field.completedAt'),
            children: formatDateTime(flow.status === 'cancelled' ? flow.cancelledAt : flow.completedAt) || '—',
          },
          ...dataKeys.map((k) => ({ key: `data-${k}`, label: fields[k]?.title ?? k, children: <span data-testid={`flow-data-value-${k}`}>{dataValue(flow.data?.[k], t)}</span> })),
        ]}
      />
      <div style={{ marginTop: 16 }}>
        <FlowDiagram flow={flow} />
      </div>
    </Card>
  );
}

function Board({ flow }: { flow: FlowCaseDetail }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  // my department's work first, then by state (work in hand before finished work)
  const tasks = useMemo(() => {
    const mine = (x: FlowTask) => (Object.values(x.can).some(Boolean) ? 0 : 1);
    return [...flow.tasks].sort((a, b) => mine(a) - mine(b) || (ORDER[a.status] ?? 9) - (ORDER[b.status] ?? 9));
  }, [flow.tasks]);
  const taskNames = useMemo(() => Object.fromEntries(flow.tasks.map((x) => [x.key, x.name])), [flow.tasks]);

  const timeline = (
    <Card size="small" title={t('flows.board.timeline')}>
      <CaseTimeline events={flow.timeline ?? []} taskNames={taskNames} />
    </Card>
  );
  return (
    <Flex vertical gap={16} data-testid="flow-board" data-version={flow.version} data-status={flow.status}>
      <Header flow={flow} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('flows.board.tasks')} styles={{ body: { padding: phone ? 8 : 16 } }}>
              {tasks.length ? (
                <Row gutter={[12, 12]}>
                  {tasks.map((x) => (
                    <Col key={x.id} xs={24} md={12}>
                      <TaskCard task={x} />
                    </Col>
                  ))}
                </Row>
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('flows.tasksEmpty')} />
              )}
            </Card>
            <Card size="small" title={t('flows.board.comments')}>
              <CaseComments flow={flow} />
            </Card>
            <RecordRoomCard type="flow_instance" id={flow.id} />
            {phone && timeline}
          </Flex>
        </Col>
        {!phone && (
          <Col xs={24} xl={8}>
            {timeline}
          </Col>
        )}
      </Row>
    </Flex>
  );
}

export default function CaseBoardPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useFlowCase(id);
  usePageTitle(query.data ? `${query.data.code} ${query.data.title}` : t('flows.boardTitle'));
  if (query.isPending) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  // a failed background refetch keeps showing what was loaded
  if (query.isError && !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <Board flow={query.data} />;
}
