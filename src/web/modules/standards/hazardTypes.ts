/**
 * Hazard types for other web modules' forms: the tenant's list and the type suggested from what
 * the reporter types (the same pure suggestHazardType() the server can call). The hazard form
 * shows the suggestion; 评估定级 confirms it.
 */
import { useMemo } from 'react';
import { suggestHazardType, type HazardTypeDef, type HazardTypeSuggestion } from '../../../core/standards';
import { useStandards } from './queries';

/** The tenant's current hazard types (empty while the standards load). */
export function useHazardTypes(): HazardTypeDef[] {
  const standards = useStandards();
  return standards.data?.document.hazardTypes.types ?? [];
}

/** The type suggested for a report's text; null while the standards load or the text is empty. */
export function useSuggestedHazardType(text: string | null | undefined): HazardTypeSuggestion | null {
  const standards = useStandards();
  const section = standards.data?.document.hazardTypes;
  return useMemo(() => (section && text?.trim() ? suggestHazardType(section, text) : null), [section, text]);
}
