import { Flex, Typography } from 'antd';
import { LevelTag } from '../../standards';
import type { RiskAssessment } from '../api';
import { scoreText } from '../format';

/** 一般风险 on yellow, with the score and the method's own band label underneath. */
export function RiskLevel({ assessment, compact }: { assessment: RiskAssessment; compact?: boolean }) {
  return (
    <Flex vertical={!compact} gap={compact ? 8 : 2} align={compact ? 'center' : 'flex-start'}>
      <LevelTag color={assessment.color} label={assessment.riskLevelLabel} testId="risk-point-level" />
      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
        {scoreText(assessment.method, assessment.score)}
        {assessment.label !== assessment.riskLevelLabel ? ` · ${assessment.label}` : ''}
      </Typography.Text>
    </Flex>
  );
}
