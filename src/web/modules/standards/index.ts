/**
 * What other web modules use from the standards library: the live risk preview for their forms
 * and the tenant's current standards. (The 统一标准 page itself is loaded lazily by the router.)
 */
export { RiskEvaluator, evaluateRisk, type RiskEvaluatorProps, type RiskMethod, type RiskValue } from './components/RiskEvaluator';
export { LevelTag } from './components/LevelTag';
export { useStandards, standardsKeys } from './queries';
export { useHazardTypes, useSuggestedHazardType } from './hazardTypes';
export { STANDARDS_MANAGE } from './permissions';
