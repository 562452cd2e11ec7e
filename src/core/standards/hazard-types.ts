/**
 * Hazard types (电气, 消防, 机械 …) are tenant data; this suggests one from a report's text by the
 * keywords each type lists. The hazard form calls it as the reporter types; 评估定级 confirms.
 */
import { FALLBACK_HAZARD_TYPE, type FieldIssue, type HazardTypeSuggestion, type HazardTypesSection } from './types.js';
import type { Input } from './inputs.js';

/** Longer texts are cut here: a report's title and description fit well within it. */
export const MAX_SUGGESTION_TEXT = 5000;

export function readSuggestionText(obj: Input, issues: FieldIssue[]): string | null {
  const v = obj.text;
  if (typeof v !== 'string') {
    issues.push(v === undefined || v === null ? { path: 'text', message: 'required', code: 'required' } : { path: 'text', message: 'must be text', code: 'invalid_type' });
    return null;
  }
  if (v.length > MAX_SUGGESTION_TEXT) {
    issues.push({ path: 'text', message: `at most ${MAX_SUGGESTION_TEXT} characters`, code: 'too_big' });
    return null;
  }
  return v;
}

/**
 * The type whose keywords cover most of the text: each distinct keyword found counts its
 * length (so 压力容器 outweighs 容器-like fragments); on a tie the type listed first wins. No
 * keyword found: the fallback type `other`. Matching ignores case and white space.
 */
export function suggestHazardType(section: HazardTypesSection, text: string): HazardTypeSuggestion {
  const haystack = normalise(text);
  const scored = section.types
    .map((t, order) => {
      const keywords = [...new Set(t.keywords)].filter((k) => normalise(k) && haystack.includes(normalise(k)));
      return { type: t.type, label: t.label, keywords, score: keywords.reduce((sum, k) => sum + normalise(k).length, 0), order };
    })
    .filter((t) => t.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order);
  const alternatives = scored.slice(1).map(({ type, label, keywords }) => ({ type, label, keywords }));
  if (scored.length) return { type: scored[0].type, label: scored[0].label, keywords: scored[0].keywords, alternatives, basis: section.basis };
  const fallback = section.types.find((t) => t.type === FALLBACK_HAZARD_TYPE);
  return { type: FALLBACK_HAZARD_TYPE, label: fallback?.label ?? '其他', keywords: [], alternatives: [], basis: section.basis };
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/\s+/g, '');
}
