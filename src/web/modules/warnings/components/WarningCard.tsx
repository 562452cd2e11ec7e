/**
 * One warning as a card (the current warnings, and every list on phones): colour stripe and badge,
 * event, headline, source, status tags, time left, and the departments' states. The whole card
 * opens the board; it is large enough to hit with a thumb.
 */
import { BellFilled } from '@ant-design/icons';
import { Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { RelativeTime } from '../../../ui/DateTime';
import { useIsPhone } from '../../../ui/useIsPhone';
import { COLOR_HEX, PENDING_RESPONSE, type WarningSummary } from '../types';
import { ColorBadge, DepartmentStrip, SourceTag, StatusTags } from './WarningBadges';
import { WarningTimeLeft } from './TimeLeft';

/** Whether the user's department still owes an answer to this warning. */
export function awaitsDepartment(w: Pick<WarningSummary, 'responses'>, departmentId: string | null | undefined): boolean {
  return !!departmentId && w.responses.some((r) => r.departmentId === departmentId && PENDING_RESPONSE.includes(r.state));
}

export function WarningCard({ w, myDepartmentId }: { w: WarningSummary; myDepartmentId?: string | null }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const mine = awaitsDepartment(w, myDepartmentId);
  const over = w.state === 'cancelled' || w.state === 'expired';
  return (
    <Card
      size="small"
      hoverable
      onClick={() => navigate(`/warnings/${w.id}`)}
      data-testid="warning-card"
      data-id={w.id}
      data-state={w.state}
      data-loop={w.loop}
      data-mine={mine ? 'true' : 'false'}
      style={{ borderInlineStart: `6px solid ${COLOR_HEX[w.color]}`, opacity: over ? 0.8 : 1, height: '100%' }}
      styles={{ body: { padding: phone ? 14 : 16 } }}
    >
      <Flex vertical gap={8}>
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Flex gap={6} align="center" wrap>
            <ColorBadge color={w.color} />
            <Typography.Text strong>{w.event || t(`warnings.event.${w.eventType}`)}</Typography.Text>
            <StatusTags w={w} />
          </Flex>
          <SourceTag kind={w.sourceKind} name={w.sourceName} />
        </Flex>
        <Typography.Text strong style={{ fontSize: phone ? 16 : 15, lineHeight: 1.4 }} data-testid="warning-headline">
          {w.headline}
        </Typography.Text>
        <Flex justify="space-between" gap={8} wrap style={{ fontSize: 12 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
            {w.areaDesc ? `${w.areaDesc} · ` : ''}
            <RelativeTime value={w.sentAt} />
          </Typography.Text>
          <WarningTimeLeft w={w} compact />
        </Flex>
        {mine && (
          <div>
            <Tag color="volcano" icon={<BellFilled />} data-testid="warning-mine-tag" style={{ marginInlineEnd: 0 }}>
              {t('warnings.tabs.pending')}
            </Tag>
          </div>
        )}
        <DepartmentStrip responses={w.responses} myDepartmentId={myDepartmentId} />
      </Flex>
    </Card>
  );
}
