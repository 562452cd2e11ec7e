/** Phone hazard list: one card per hazard, tap to open; simple pager below. */
import type { ReactNode } from 'react';
import { Card, Empty, Flex, Pagination, Skeleton, Tag, Typography } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { Page } from '../../../platform/api/types';
import { RelativeTime } from '../../../ui/DateTime';
import type { HazardListQuery } from '../api';
import type { LoopHazard as Hazard } from '../types';
import { GradeTag, StatusTag } from './HazardTags';
import { RiskTag } from './loop/RiskTag';

interface Props {
  query: HazardListQuery;
  data: Page<Hazard> | undefined;
  loading: boolean;
  fresh: ReadonlySet<string>;
  onChange: (patch: Partial<HazardListQuery>) => void;
  empty?: ReactNode;
}

export function HazardCards({ query, data, loading, fresh, onChange, empty }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  if (!data && loading) return <Skeleton active />;
  if (!data?.items.length) return <div data-testid="hazard-table">{empty ?? <Empty description={t('common.empty')} />}</div>;
  return (
    <div data-testid="hazard-table">
      {data.items.map((h) => (
        <Card
          key={h.id}
          size="small"
          hoverable
          className={fresh.has(h.id) ? 'zhian-hazard-card hazard-row-new' : 'zhian-hazard-card'}
          data-testid={`hazard-row-${h.code}`}
          onClick={() => navigate(`/hazards/${h.id}`)}
        >
          <Flex justify="space-between" align="center" gap={8}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {h.code}
            </Typography.Text>
            <span>
              {fresh.has(h.id) && <Tag color="gold">{t('hazards.list.newTag')}</Tag>}
              {h.overdue && (
                <Tag color="red" data-testid="hazard-overdue">
                  {t('hazards.loop.rectification.overdueShort')}
                </Tag>
              )}
              <StatusTag status={h.status} />
            </span>
          </Flex>
          <Typography.Text strong style={{ display: 'block', margin: '6px 0', fontSize: 15 }} ellipsis>
            {h.title}
          </Typography.Text>
          <Flex justify="space-between" align="center" gap={8} style={{ fontSize: 12 }}>
            <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
              <EnvironmentOutlined /> {h.area?.name ?? h.department?.name}
            </Typography.Text>
            <Flex align="center" gap={4}>
              {h.grade && <GradeTag grade={h.grade} />}
              <RiskTag assessment={h.assessment} />
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                <RelativeTime value={h.reportedAt} />
              </Typography.Text>
            </Flex>
          </Flex>
        </Card>
      ))}
      <Flex justify="center" style={{ marginTop: 8 }}>
        <Pagination
          simple
          current={query.page}
          pageSize={query.pageSize}
          total={data.total}
          onChange={(page) => onChange({ page })}
        />
      </Flex>
    </div>
  );
}
