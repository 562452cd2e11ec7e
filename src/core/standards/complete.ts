/**
 * Sections added to the standards after a tenant's version was stored: the one rule for them.
 * A stored version keeps what the tenant decided; a section it does not have (because the rule
 * set did not exist when it was saved) is the national default. Every new rule set gets this by
 * adding its section to StandardsDocument and DEFAULT_STANDARDS — nothing to migrate, no case
 * per section.
 */
import { DEFAULT_STANDARDS } from './defaults.js';
import type { StandardsDocument, StandardsSection } from './types.js';

/** Every section, in the national defaults' order. */
export const STANDARDS_SECTIONS = Object.keys(DEFAULT_STANDARDS) as StandardsSection[];

export interface CompletedStandards {
  doc: StandardsDocument;
  /** Sections the stored document lacks and that therefore follow the national default. */
  defaulted: StandardsSection[];
}

/** Fill the sections a stored (or submitted) document lacks with the national defaults. */
export function completeStandards(stored: Partial<StandardsDocument>): CompletedStandards {
  const defaulted = STANDARDS_SECTIONS.filter((k) => stored[k] === undefined || stored[k] === null);
  if (!defaulted.length) return { doc: stored as StandardsDocument, defaulted };
  const doc = { ...stored } as Record<StandardsSection, unknown>;
  for (const k of defaulted) doc[k] = structuredClone(DEFAULT_STANDARDS[k]);
  // keep the defaults' section order, so documents read the same however they were completed
  const ordered = Object.fromEntries(STANDARDS_SECTIONS.map((k) => [k, doc[k]])) as unknown as StandardsDocument;
  return { doc: ordered, defaulted };
}
