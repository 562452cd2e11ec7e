/**
 * One indicator: its value ("—" when there is nothing to compute, with the reason), the change
 * against the previous period coloured by whether higher is better, its target and whether it is
 * met, and the formula behind a (?) icon. The card opens the records behind the number.
 */
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { Card, Flex, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { drillHref } from '../period';
import { formatKpi, KPIS, meetsTarget, type KpiValueView } from '../types';
import { COLORS } from '../../../ui/charts/echarts';
import { formatDelta, kpiFormula, kpiName, langOf } from './kpiText';

function Change({ kpi }: { kpi: KpiValueView }) {
  const { t } = useTranslation();
  if (kpi.value === null || kpi.previous === null) {
    return <Typography.Text type="secondary">{t('analytics.kpi.noPrevious')}</Typography.Text>;
  }
  const delta = kpi.value - kpi.previous;
  // a change too small to show in the value's precision is no change
  if (formatKpi(kpi.unit, Math.abs(delta)) === formatKpi(kpi.unit, 0)) {
    return (
      <Typography.Text type="secondary">
        <MinusOutlined /> {t('analytics.kpi.unchanged')}
      </Typography.Text>
    );
  }
  const good = delta > 0 === KPIS[kpi.key].higherIsBetter;
  const text = formatDelta(kpi.unit, delta, t);
  return (
    <span style={{ color: good ? COLORS.good : COLORS.bad }} data-testid="kpi-change" data-good={good}>
      {delta > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {delta > 0 ? t('analytics.kpi.pointsUp', { value: text }) : t('analytics.kpi.pointsDown', { value: text })}
    </span>
  );
}

function TargetLine({ kpi }: { kpi: KpiValueView }) {
  const { t } = useTranslation();
  if (kpi.target === null) return <Typography.Text type="secondary">{t('analytics.kpi.noTarget')}</Typography.Text>;
  const op = KPIS[kpi.key].higherIsBetter ? '≥' : '≤';
  const met = meetsTarget(kpi.key, kpi.value, kpi.target);
  return (
    <Flex gap={6} align="center" wrap>
      <Typography.Text type="secondary">{t('analytics.kpi.target', { op, value: formatKpi(kpi.unit, kpi.target) })}</Typography.Text>
      {met !== null && (
        <Tag color={met ? 'success' : 'error'} style={{ marginInlineEnd: 0 }} data-testid="kpi-met" data-met={met}>
          {met ? t('analytics.kpi.met') : t('analytics.kpi.notMet')}
        </Tag>
      )}
    </Flex>
  );
}

export function KpiCard({ kpi, filterActive }: { kpi: KpiValueView; filterActive: boolean }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const lang = langOf(i18n.language);
  const def = KPIS[kpi.key];
  const drill = kpi.drill;
  const open = drill ? () => navigate(drillHref(drill)) : undefined;
  const valueText = formatKpi(kpi.unit, kpi.value);

  return (
    <Card
      size="small"
      hoverable={!!open}
      onClick={open}
      style={{ height: '100%' }}
      styles={{ body: { padding: '14px 16px' } }}
      data-testid="kpi-card"
      data-kpi={kpi.key}
      data-value={kpi.value ?? ''}
      role={open ? 'link' : undefined}
      aria-label={open ? `${kpiName(kpi.key, lang)} · ${t('analytics.kpi.open')}` : undefined}
    >
      <Flex justify="space-between" align="start" gap={8}>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {kpiName(kpi.key, lang)}
        </Typography.Text>
        <Tooltip
          title={
            <>
              <div style={{ fontWeight: 600, marginBottom: 4 }}>{t('analytics.kpi.formula')}</div>
              {kpiFormula(kpi.key, lang)}
            </>
          }
        >
          <QuestionCircleOutlined style={{ color: COLORS.muted }} onClick={(e) => e.stopPropagation()} data-testid="kpi-formula" aria-label={t('analytics.kpi.formula')} />
        </Tooltip>
      </Flex>
      <Flex align="baseline" gap={8} style={{ margin: '6px 0 4px' }}>
        <span style={{ fontSize: 28, fontWeight: 600, lineHeight: 1.2, color: kpi.value === null ? COLORS.muted : 'rgba(0,0,0,0.88)' }} data-testid="kpi-value">
          {valueText}
        </span>
        {kpi.value !== null && kpi.numerator !== null && kpi.denominator !== null && def.unit === 'percent' && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('analytics.kpi.basis', { num: kpi.numerator, den: kpi.denominator })}
          </Typography.Text>
        )}
      </Flex>
      <Flex vertical gap={2} style={{ fontSize: 12 }}>
        {!kpi.available ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('analytics.kpi.unavailable')}
          </Typography.Text>
        ) : kpi.value === null ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('analytics.kpi.noData')}
          </Typography.Text>
        ) : (
          <Change kpi={kpi} />
        )}
        {kpi.available && <TargetLine kpi={kpi} />}
        {filterActive && !kpi.filtered && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('analytics.kpi.notFiltered')}
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}
