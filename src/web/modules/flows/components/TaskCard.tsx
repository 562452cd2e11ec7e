/**
 * One department's task on the case board: who, what, state, deadline, the outputs handed in,
 * a rejection or extension request — and the actions the server's `can` allows.
 */
import { useState } from 'react';
import {
  CheckOutlined,
  ClockCircleOutlined,
  FieldTimeOutlined,
  PlayCircleOutlined,
  RollbackOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Flex, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../ui/DateTime';
import { useIsPhone } from '../../../ui/useIsPhone';
import type { FlowTask } from '../types';
import { OutputFormModal } from './OutputFormModal';
import { OutputsView } from './OutputsView';
import { TaskStatusTag } from './StatusTags';
import { isLate, TaskDue } from './TaskDue';
import { DecideExtensionModal, ExtensionModal, RejectModal } from './TaskDialogs';
import { useTaskStep } from './useTaskStep';

type Dialog = 'submit' | 'reject' | 'extension' | 'decide' | null;

function TaskActions({ task }: { task: FlowTask }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [open, setOpen] = useState<Dialog>(null);
  const close = () => setOpen(null);
  const start = useTaskStep(task, 'start');
  const approve = useTaskStep(task, 'approve');
  const can = task.can;
  const id = (a: string) => `flow-task-action-${a}-${task.key}`;
  const buttons = [
    can.start && (
      <Button key="start" type="primary" icon={<PlayCircleOutlined />} loading={start.pending} onClick={() => void start.run({}, t('flows.dialogs.started'))} data-testid={id('start')} block={phone}>
        {t('flows.actions.start')}
      </Button>
    ),
    can.submit && (
      <Button key="submit" type="primary" icon={<UploadOutlined />} onClick={() => setOpen('submit')} data-testid={id('submit')} block={phone}>
        {task.rejections > 0 ? t('flows.actions.resubmit') : t('flows.actions.submit')}
      </Button>
    ),
    can.approve && (
      <Button key="approve" type="primary" icon={<CheckOutlined />} loading={approve.pending} onClick={() => void approve.run({}, t('flows.dialogs.approved'))} data-testid={id('approve')} block={phone}>
        {t('flows.actions.approve')}
      </Button>
    ),
    can.reject && (
      <Button key="reject" danger icon={<RollbackOutlined />} onClick={() => setOpen('reject')} data-testid={id('reject')} block={phone}>
        {t('flows.actions.reject')}
      </Button>
    ),
    can.decideExtension && (
      <Button key="decide" type="primary" ghost icon={<FieldTimeOutlined />} onClick={() => setOpen('decide')} data-testid={id('decide')} block={phone}>
        {t('flows.actions.decide')}
      </Button>
    ),
    can.requestExtension && (
      <Button key="extension" icon={<ClockCircleOutlined />} onClick={() => setOpen('extension')} data-testid={id('extension')} block={phone}>
        {t('flows.actions.extension')}
      </Button>
    ),
  ].filter(Boolean);
  if (!buttons.length) return null;
  return (
    <>
      <Flex gap={8} wrap vertical={phone} data-testid={`flow-task-actions-${task.key}`}>
        {buttons}
      </Flex>
      {can.submit && <OutputFormModal task={task} open={open === 'submit'} onClose={close} />}
      {can.reject && <RejectModal task={task} open={open === 'reject'} onClose={close} />}
      {can.requestExtension && <ExtensionModal task={task} open={open === 'extension'} onClose={close} />}
      {can.decideExtension && <DecideExtensionModal task={task} open={open === 'decide'} onClose={close} />}
    </>
  );
}

export function TaskCard({ task }: { task: FlowTask }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const late = isLate(task);
  const mine = Object.values(task.can).some(Boolean);
  const showOutputs = task.outputs && Object.keys(task.outputs).length > 0;
  return (
    <Card
      size="small"
      data-testid={`flow-task-card-${task.key}`}
      data-status={task.status}
      style={{
        height: '100%',
        borderColor: late ? '#ffa39e' : mine ? '#91caff' : undefined,
        background: task.status === 'cancelled' ? '#fafafa' : undefined,
      }}
      styles={{ body: { padding: phone ? 12 : 16 } }}
      title={
        <Flex vertical gap={2} style={{ padding: '8px 0', whiteSpace: 'normal' }}>
          <Flex align="center" gap={8} wrap>
            <Typography.Text strong style={{ fontSize: 15 }}>
              {task.department.name}
            </Typography.Text>
            <TaskStatusTag status={task.status} testId={`flow-task-status-${task.key}`} />
            {task.ruleId && <Tag color="magenta">{t('flows.task.addedByRule', { name: task.ruleName ?? task.ruleId })}</Tag>}
            {task.review && <Tag>{t('flows.task.review')}</Tag>}
            {task.kindName && (
              <Tooltip title={t('flows.task.kindHint')}>
                <Tag color="geekblue" data-testid={`flow-task-kind-${task.key}`}>
                  {task.kindName}
                </Tag>
              </Tooltip>
            )}
          </Flex>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {task.name}
            {task.role ? ` · ${task.role}` : ''}
          </Typography.Text>
        </Flex>
      }
    >
      <Flex vertical gap={10}>
        <TaskDue task={task} />
        {task.description && (
          <Typography.Paragraph type="secondary" style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 3, expandable: true, symbol: t('flows.more') }}>
            {task.description}
          </Typography.Paragraph>
        )}
        {task.lastRejection && task.status !== 'done' && task.status !== 'cancelled' && (
          <Alert type="warning" showIcon title={t('flows.task.rejected', { count: task.rejections, reason: task.lastRejection })} data-testid={`flow-task-rejection-${task.key}`} />
        )}
        {task.extension && (
          <Alert
            type="info"
            showIcon
            icon={<FieldTimeOutlined />}
            title={t('flows.task.extensionRequested', { until: formatDateTime(task.extension.until) })}
            description={<span style={{ whiteSpace: 'pre-wrap' }}>{task.extension.reason}</span>}
            data-testid={`flow-task-extension-${task.key}`}
          />
        )}
        {showOutputs && (
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 4 }}>
              {task.submittedBy && task.timestamps.submittedAt
                ? t('flows.task.submittedBy', { name: task.submittedBy.displayName, time: formatDateTime(task.timestamps.submittedAt) })
                : t('flows.task.outputs')}
            </Typography.Text>
            <OutputsView task={task} />
          </div>
        )}
        <TaskActions task={task} />
      </Flex>
    </Card>
  );
}
