/**
 * 预警详情 (the board of one warning): the warning under its colour banner, how many departments
 * have answered (闭环 once all have), a card per department with its instruction and answer, and
 * beside them the particulars, the CAP message history, matched rules and the linked flow case.
 * Everything refreshes on `warning.updated`; the user's own department comes first.
 */
import { useMemo, useState } from 'react';
import { CheckCircleFilled, LeftOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Progress, Row, Skeleton, Space, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useAuth, useMe } from '../../../platform/auth/AuthProvider';
import { formatDateTime } from '../../../ui/DateTime';
import { ErrorState } from '../../../ui/States';
import { useIsPhone } from '../../../ui/useIsPhone';
import { usePageTitle } from '../../../ui/usePageTitle';
import { CancelWarningModal } from '../components/CancelWarningModal';
import { Photos, ResponseCard } from '../components/ResponseCard';
import { WarningTimeLeft } from '../components/TimeLeft';
import { answeredCount, ColorBadge, SourceTag, StatusTags } from '../components/WarningBadges';
import { WARNINGS_MANAGE } from '../permissions';
import { useWarning } from '../queries';
import { RecordRoomCard } from '../../comms/components/RecordRoomCard';
import { COLOR_HEX, COLOR_TEXT, type WarningDetail, type WarningResponse } from '../types';

const STATE_ORDER: Record<string, number> = { overdue: 0, instructed: 1, acknowledged: 2, reported: 3, stood_down: 4 };

function Banner({ w }: { w: WarningDetail }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const location = useLocation();
  const { can } = useAuth();
  const [cancelling, setCancelling] = useState(false);
  const canCancel = w.can ? w.can.cancel : can(WARNINGS_MANAGE) && w.state === 'active' && w.sourceKind !== 'cap';
  // a closed loop is not the end of the weather: only a cancelled or expired warning turns grey
  const over = w.state === 'cancelled' || w.state === 'expired';
  return (
    <Card styles={{ body: { padding: 0 } }} style={{ overflow: 'hidden' }} data-testid="warning-banner">
      <div style={{ background: over ? '#8c8c8c' : COLOR_HEX[w.color], color: over ? '#fff' : COLOR_TEXT[w.color], padding: phone ? '12px 14px' : '16px 20px' }}>
        <Flex justify="space-between" align="flex-start" gap={12} wrap>
          <Flex gap={8} align="flex-start" style={{ minWidth: 0, flex: 1 }}>
            {!phone && (
              <Button
                type="text"
                icon={<LeftOutlined />}
                aria-label={t('warnings.board.back')}
                style={{ color: 'inherit' }}
                onClick={() => (location.key === 'default' ? navigate('/warnings') : navigate(-1))}
              />
            )}
            <div style={{ minWidth: 0 }}>
              <div style={{ fontSize: 13, opacity: 0.9 }}>
                {w.event || t(`warnings.event.${w.eventType}`)} · {t('warnings.colorLevel', { color: t(`warnings.color.${w.color}`), level: w.level })}
              </div>
              <Typography.Title level={phone ? 4 : 3} style={{ margin: '2px 0 0', color: 'inherit' }} data-testid="warning-title">
                {w.headline}
              </Typography.Title>
            </div>
          </Flex>
          {canCancel && (
            <Button icon={<StopOutlined />} onClick={() => setCancelling(true)} data-testid="warning-cancel-button">
              {t('warnings.cancel.button')}
            </Button>
          )}
        </Flex>
      </div>
      <Flex vertical gap={12} style={{ padding: phone ? 12 : '16px 20px' }}>
        <Flex gap={6} wrap align="center">
          <ColorBadge color={w.color} />
          <SourceTag kind={w.sourceKind} name={w.sourceName ?? w.senderName} />
          <StatusTags w={w} />
          <WarningTimeLeft w={w} />
        </Flex>
        {w.status !== 'Actual' && (
          <Alert type="warning" showIcon title={t('warnings.board.notActualBanner', { status: t(`warnings.capStatus.${w.status}`) })} data-testid="warning-not-actual" />
        )}
        {w.state === 'cancelled' && (
          <Alert type="info" showIcon title={t('warnings.board.cancelledBanner', { time: formatDateTime(w.cancelledAt) })} description={w.cancelReason ?? undefined} data-testid="warning-cancelled" />
        )}
        {w.state === 'expired' && <Alert type="info" showIcon title={t('warnings.board.expiredBanner', { time: formatDateTime(w.expires) })} />}
        {/* on a phone the department's own card matters most: long texts fold so it is near the top */}
        {w.description && (
          <Typography.Paragraph
            style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 15 }}
            ellipsis={phone ? { rows: 3, expandable: true, symbol: t('warnings.more') } : false}
            data-testid="warning-description"
          >
            {w.description}
          </Typography.Paragraph>
        )}
        {w.instruction && (
          <Alert
            type="info"
            title={t('warnings.field.instruction')}
            description={
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} ellipsis={phone ? { rows: 2, expandable: true, symbol: t('warnings.more') } : false}>
                {w.instruction}
              </Typography.Paragraph>
            }
          />
        )}
        {w.photos && w.photos.length > 0 && <Photos photos={w.photos} />}
      </Flex>
      {canCancel && <CancelWarningModal w={w} open={cancelling} onClose={() => setCancelling(false)} />}
    </Card>
  );
}

/** n of m departments answered; 闭环 in green once the loop is closed. */
function LoopProgress({ w }: { w: WarningDetail }) {
  const { t } = useTranslation();
  const { done, total } = answeredCount(w.responses);
  if (w.loop === 'closed') {
    return (
      <Flex align="center" gap={12} data-testid="warning-loop" data-loop="closed">
        <CheckCircleFilled style={{ fontSize: 32, color: '#52c41a' }} />
        <div>
          <Typography.Title level={4} style={{ margin: 0, color: '#389e0d' }}>
            {t('warnings.board.loopClosed')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('warnings.board.loopOpen', { done, total })}
            {w.closedAt ? ` · ${formatDateTime(w.closedAt)}` : ''}
          </Typography.Text>
        </div>
      </Flex>
    );
  }
  if (!total) {
    return (
      <Typography.Text type="secondary" data-testid="warning-loop" data-loop={w.loop}>
        {t('warnings.board.noResponses')}
      </Typography.Text>
    );
  }
  return (
    <Flex vertical gap={4} data-testid="warning-loop" data-loop={w.loop}>
      <Typography.Text strong>{t('warnings.board.loopOpen', { done, total })}</Typography.Text>
      <Progress percent={Math.round((done / total) * 100)} format={() => `${done}/${total}`} status={w.state === 'active' ? 'active' : 'normal'} />
    </Flex>
  );
}

function Particulars({ w }: { w: WarningDetail }) {
  const { t } = useTranslation();
  const item = (key: string, label: string, value: React.ReactNode) => (value ? [{ key, label, children: value }] : []);
  return (
    <Card size="small" title={t('warnings.detailTitle')}>
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { whiteSpace: 'nowrap' } }}
        items={[
          ...item('area', t('warnings.field.area'), w.areaDesc || w.areaName),
          ...item('sentAt', t('warnings.field.sentAt'), formatDateTime(w.sentAt)),
          ...item('effective', t('warnings.field.effective'), formatDateTime(w.effective)),
          ...item('expires', t('warnings.field.expires'), formatDateTime(w.expires) || t('warnings.noExpiry')),
          ...item('sender', t('warnings.field.sender'), w.senderName ?? w.sender),
          ...item('neighbour', t('warnings.field.neighbour'), w.neighbourName),
          ...item('identifier', t('warnings.field.identifier'), <Typography.Text copyable style={{ fontSize: 12, wordBreak: 'break-all' }}>{w.identifier}</Typography.Text>),
        ]}
      />
    </Card>
  );
}

function Messages({ w }: { w: WarningDetail }) {
  const { t } = useTranslation();
  if (!w.messages.length) return null;
  const color = { Alert: 'blue', Update: 'orange', Cancel: 'gray' } as Record<string, string>;
  return (
    <Card size="small" title={t('warnings.board.messages')} data-testid="warning-messages">
      <Timeline
        items={w.messages.map((m) => ({
          key: `${m.identifier}-${m.receivedAt}`,
          color: color[m.msgType] ?? 'blue',
          content: (
            <div data-testid="warning-message" data-msgtype={m.msgType}>
              <Space size={6} wrap>
                <Typography.Text strong>{t(`warnings.msgType.${m.msgType}`, { defaultValue: m.msgType })}</Typography.Text>
                {m.status !== 'Actual' && <Typography.Text type="warning">{t(`warnings.capStatus.${m.status}`, { defaultValue: m.status })}</Typography.Text>}
                <Typography.Text type="secondary">{formatDateTime(m.sentAt)}</Typography.Text>
              </Space>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                  {m.identifier} · {t('warnings.board.received', { time: formatDateTime(m.receivedAt) })}
                </Typography.Text>
              </div>
            </div>
          ),
        }))}
      />
    </Card>
  );
}

function Linkage({ w }: { w: WarningDetail }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('warnings.board.matchedRules')} data-testid="warning-linkage">
      <Flex vertical gap={8}>
        {w.matchedRules.length ? (
          <Flex wrap gap={6}>
            {w.matchedRules.map((r) => (
              <Typography.Text key={r.id} code>
                {r.name}
              </Typography.Text>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('warnings.board.noRules')}</Typography.Text>
        )}
        {!!w.colorRises?.length && (
          <Flex vertical gap={2} data-testid="warning-color-rises">
            <Typography.Text type="secondary">{t('warnings.board.colorRises')}</Typography.Text>
            {w.colorRises.map((r) => (
              <Typography.Text key={r.at} data-testid="warning-color-rise">
                {t('warnings.board.colorRise', { from: t(`warnings.color.${r.from}`), to: t(`warnings.color.${r.to}`), value: r.value, time: formatDateTime(r.at) })}
              </Typography.Text>
            ))}
          </Flex>
        )}
        {w.flowInstanceId && (
          <Link to={`/flows/instances/${w.flowInstanceId}`} data-testid="warning-flow-link">
            {t('warnings.board.openFlow')}
          </Link>
        )}
      </Flex>
    </Card>
  );
}

function Board({ w }: { w: WarningDetail }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const me = useMe();
  const myDept = me.department?.id;
  // what the user can act on first, then by state (late before waiting before answered)
  const responses = useMemo(() => {
    const first = (r: WarningResponse) => (r.canAct && r.state !== 'reported' ? 0 : r.departmentId === myDept ? 1 : 2);
    return [...w.responses].sort((a, b) => first(a) - first(b) || (STATE_ORDER[a.state] ?? 9) - (STATE_ORDER[b.state] ?? 9));
  }, [w.responses, myDept]);
  const side = (
    <Flex vertical gap={16}>
      <Particulars w={w} />
      <Linkage w={w} />
      <Messages w={w} />
      <RecordRoomCard type="warning" id={w.id} />
    </Flex>
  );
  return (
    <Flex vertical gap={16} data-testid="warning-board" data-id={w.id} data-version={w.version} data-loop={w.loop} data-state={w.state}>
      <Banner w={w} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('warnings.board.responses')} styles={{ body: { padding: phone ? 10 : 16 } }}>
            <Flex vertical gap={16}>
              <LoopProgress w={w} />
              {responses.length ? (
                <Row gutter={[12, 12]}>
                  {responses.map((r) => (
                    <Col key={r.id} xs={24} md={12}>
                      <ResponseCard warningId={w.id} r={r} mine={r.departmentId === myDept} />
                    </Col>
                  ))}
                </Row>
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('warnings.board.noResponses')} />
              )}
            </Flex>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          {side}
        </Col>
      </Row>
    </Flex>
  );
}

export default function WarningBoardPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useWarning(id);
  usePageTitle(query.data ? query.data.headline : t('warnings.detailTitle'));
  if (query.isPending) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  // a failed background refetch keeps showing what was loaded
  if (query.isError && !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <Board w={query.data} />;
}
