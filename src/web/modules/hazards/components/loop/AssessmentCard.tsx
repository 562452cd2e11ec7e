/** 评估结果: grade, consequence figures, risk level and score, standards version and basis. */
import { Card, Descriptions, Typography, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../ui/DateTime';
import { useIsPhone } from '../../../../ui/useIsPhone';
import type { HazardAssessment } from '../../types';
import { GradeTag } from '../HazardTags';
import { RiskTag } from './RiskTag';

/** "L=6 × E=3 × C=7" from the stored factors, in the method's order. */
function factors(a: HazardAssessment): string {
  const input = a.riskInput ?? {};
  const keys = a.riskMethod === 'lec' ? ['l', 'e', 'c'] : ['l', 's'];
  return keys
    .filter((k) => input[k] !== undefined)
    .map((k) => `${k.toUpperCase()}=${input[k]}`)
    .join(' × ');
}

export function AssessmentCard({ assessment: a }: { assessment: HazardAssessment }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const items: DescriptionsProps['items'] = [
    { key: 'grade', label: t('hazards.loop.assessment.grade'), children: <GradeTag grade={a.grade} /> },
    {
      key: 'risk',
      label: t('hazards.loop.assessment.riskLevel'),
      children: a.riskLevel ? <RiskTag assessment={a} /> : <Typography.Text type="secondary">{t('hazards.loop.assessment.noRisk')}</Typography.Text>,
    },
  ];
  if (a.riskScore !== null && a.riskMethod) {
    items.push({
      key: 'score',
      label: t('hazards.loop.assessment.riskScore'),
      children: (
        <span data-testid="hazard-risk-score">
          {t(`hazards.loop.assessment.methods.${a.riskMethod}`)} {a.riskMethod === 'lec' ? 'D' : 'R'} = {a.riskScore}
          <Typography.Text type="secondary"> （{factors(a)}）</Typography.Text>
        </span>
      ),
    });
  }
  if (a.potentialDeaths !== null || a.directLossYuan !== null) {
    items.push({
      key: 'figures',
      label: t('hazards.loop.assessment.figures'),
      children: [
        a.potentialDeaths !== null && t('hazards.loop.assessment.figuresDeaths', { deaths: a.potentialDeaths }),
        a.directLossYuan !== null && t('hazards.loop.assessment.figuresLoss', { loss: a.directLossYuan.toLocaleString() }),
      ]
        .filter(Boolean)
        .join(t('hazards.loop.assessment.separator')),
    });
  }
  items.push(
    {
      key: 'version',
      label: t('hazards.loop.assessment.standardsVersion'),
      children: (
        <span data-testid="hazard-standards-version">
          {a.standardsVersion !== null ? t('hazards.loop.assessment.versionN', { version: a.standardsVersion }) : '—'}
        </span>
      ),
    },
    { key: 'at', label: t('hazards.loop.assessment.at'), children: formatDateTime(a.at) || '—' },
    {
      key: 'basis',
      label: t('hazards.loop.assessment.basis'),
      span: 'filled',
      children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{a.basis || '—'}</Typography.Paragraph>,
    },
  );

  return (
    <Card title={t('hazards.loop.assessment.title')} size="small" data-testid="hazard-assessment" data-grade={a.grade} data-risk-color={a.riskColor ?? ''}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
        styles={{ label: { whiteSpace: 'nowrap', width: phone ? 96 : undefined } }}
        bordered={!phone}
        items={items}
      />
    </Card>
  );
}
