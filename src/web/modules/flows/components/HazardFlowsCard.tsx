/** 协同处置 on a hazard: the collaboration cases launched from it, with their progress. */
import { Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { RelativeTime } from '../../../ui/DateTime';
import { useIsPhone } from '../../../ui/useIsPhone';
import { useCaseList } from '../queries';
import { CaseProgress } from './CaseProgress';
import { CaseStatusTag } from './StatusTags';

export function HazardFlowsCard({ hazardId }: { hazardId: string }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const list = useCaseList({ subjectType: 'hazard', subjectId: hazardId, page: 1, pageSize: 20 });
  const items = list.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Card size="small" title={t('flows.hazardCard.title')} data-testid="hazard-flows">
      <Flex vertical gap={10}>
        {items.map((c, i) => (
          <Flex
            key={c.id}
            vertical={phone}
            justify="space-between"
            align={phone ? 'stretch' : 'center'}
            gap={phone ? 6 : 12}
            style={i ? { borderTop: '1px solid #f0f0f0', paddingTop: 10 } : undefined}
            data-testid={`hazard-flow-${c.code}`}
          >
            <div style={{ minWidth: 0, flex: 1 }}>
              <Link to={`/flows/instances/${c.id}`} style={{ display: 'block' }}>
                <Typography.Text strong ellipsis style={{ color: 'inherit', maxWidth: '100%' }}>
                  {c.title}
                </Typography.Text>
              </Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {c.code} · {c.template.name} · {c.initiator?.displayName ?? '—'} · <RelativeTime value={c.startedAt} />
              </Typography.Text>
            </div>
            <Flex align="center" gap={8} justify={phone ? 'space-between' : undefined}>
              {c.progress.overdue > 0 && c.status === 'running' && <Tag color="red">{t('flows.overdueCount', { count: c.progress.overdue })}</Tag>}
              <CaseProgress flow={c} width={phone ? '100%' : 140} />
              <CaseStatusTag status={c.status} />
            </Flex>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
