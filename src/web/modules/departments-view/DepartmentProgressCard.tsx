/**
 * 各部门进展: the same hazard record as each department works on it — 上报 (reporting department),
 * 评估整改 (安全环保部), 设备维修 (设备部), 资质核查 (人事部). Updates live.
 */
import { CheckCircleFilled, ClockCircleFilled, RightOutlined, SyncOutlined } from '@ant-design/icons';
import { Card, Col, Flex, Row, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { RelativeTime } from '../../ui/DateTime';
import { errorText } from '../../ui/errors';
import type { DepartmentProgress } from './api';
import { useDepartmentsView } from './queries';

/** Not started yet (waiting for that department) vs. under way. */
const WAITING = new Set(['reported', 'open', 'pending']);

function stateOf(item: DepartmentProgress): 'done' | 'waiting' | 'active' {
  if (item.done) return 'done';
  if (item.role !== 'reporter' && WAITING.has(item.status)) return 'waiting';
  return 'active';
}

const ICON = {
  done: <CheckCircleFilled style={{ color: '#52c41a' }} />,
  waiting: <ClockCircleFilled style={{ color: '#fa8c16' }} />,
  active: <SyncOutlined style={{ color: '#1677ff' }} />,
};
const COLOR = { done: 'success', waiting: 'warning', active: 'processing' } as const;
const ACCENT = { done: '#52c41a', waiting: '#fa8c16', active: '#1677ff' };

const box = (state: keyof typeof ACCENT) => ({
  height: '100%',
  boxSizing: 'border-box' as const,
  padding: '10px 12px',
  border: '1px solid #f0f0f0',
  borderTop: `3px solid ${ACCENT[state]}`,
  borderRadius: 8,
  background: '#fff',
});

function Item({ item }: { item: DepartmentProgress }) {
  const { t } = useTranslation();
  const state = stateOf(item);
  const label = t(`departmentsView.status.${item.role}.${item.status}` as 'departmentsView.status.repair.open', { defaultValue: item.statusLabel });
  return (
    <div style={box(state)} data-testid={`dept-progress-${item.role}`} data-status={item.status}>
      <Flex align="center" gap={8} wrap>
        <span style={{ fontSize: 18, lineHeight: 1 }}>{ICON[state]}</span>
        <Typography.Text strong style={{ fontSize: 15 }}>
          {item.department?.name ?? t(`departmentsView.role.${item.role}`)}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(`departmentsView.role.${item.role}`)}
        </Typography.Text>
      </Flex>
      <div style={{ margin: '8px 0 6px' }}>
        <Tag color={COLOR[state]} data-testid="dept-progress-status" style={{ marginInlineEnd: 0 }}>
          {label}
        </Tag>
      </div>
      <Typography.Paragraph style={{ margin: 0, fontSize: 13 }} ellipsis={{ rows: 3, tooltip: item.summary }}>
        {item.summary}
      </Typography.Paragraph>
      <Flex justify="space-between" align="center" style={{ marginTop: 8, fontSize: 12 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <RelativeTime value={item.updatedAt} />
        </Typography.Text>
        {item.link && (
          <Link to={item.link} data-testid={`dept-progress-${item.role}-link`}>
            {t('departmentsView.open')} <RightOutlined style={{ fontSize: 10 }} />
          </Link>
        )}
      </Flex>
    </div>
  );
}

export function DepartmentProgressCard({ hazardId }: { hazardId: string }) {
  const { t } = useTranslation();
  const query = useDepartmentsView(hazardId);
  const items = query.data?.items ?? [];
  const done = items.filter((i) => i.done).length;
  return (
    <Card
      size="small"
      title={t('departmentsView.title')}
      extra={
        query.data && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('departmentsView.doneCount', { done, total: items.length })}
          </Typography.Text>
        )
      }
      data-testid="dept-progress"
    >
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : query.isError ? (
        <Typography.Text type="danger">{errorText(query.error, t)}</Typography.Text>
      ) : (
        <Row gutter={[12, 12]}>
          {items.map((item) => (
            <Col key={item.role} xs={24} sm={12} xl={6}>
              <Item item={item} />
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}
