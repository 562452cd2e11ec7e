/** The satisfaction score of the period with a link to the surveys. */
import { SmileOutlined } from '@ant-design/icons';
import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatKpi, type KpiValueView } from '../types';
import { COLORS } from '../../../ui/charts/echarts';

export function SatisfactionCard({ kpi }: { kpi: KpiValueView | undefined }) {
  const { t } = useTranslation();
  const value = kpi?.value ?? null;
  return (
    <Card size="small" title={t('analytics.satisfaction.title')} style={{ height: '100%' }} data-testid="satisfaction-card">
      <Flex vertical align="center" gap={8} style={{ padding: '16px 0' }}>
        <SmileOutlined style={{ fontSize: 36, color: value === null ? COLORS.muted : COLORS.primary }} />
        <span style={{ fontSize: 36, fontWeight: 600 }} data-testid="satisfaction-value">
          {formatKpi('score', value)}
        </span>
        <Typography.Text type="secondary">{value === null ? t('analytics.satisfaction.none') : t('analytics.satisfaction.scale')}</Typography.Text>
        <Link to="/surveys">{t('analytics.satisfaction.link')}</Link>
      </Flex>
    </Card>
  );
}
