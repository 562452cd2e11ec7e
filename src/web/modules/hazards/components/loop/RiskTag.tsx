import { LevelTag } from '../../../standards';
import type { HazardAssessment } from '../../types';

/** The assessed risk level in its four-colour regulatory colour (重大风险 red … 低风险 blue). */
export function RiskTag({ assessment }: { assessment: HazardAssessment | null | undefined }) {
  if (!assessment?.riskLevel || !assessment.riskColor) return null;
  return <LevelTag color={assessment.riskColor} label={assessment.riskLevel} testId="hazard-risk" />;
}
