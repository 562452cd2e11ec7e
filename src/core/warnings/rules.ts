/**
 * Linkage rules: which warnings instruct which departments, with what text and deadline.
 * Pure; the warnings module stores the rules and turns the result into responses and timers.
 */
import { EVENT_LABELS } from './events.js';
import { COLOR_LABELS, colorAtLeast, levelOfColor, type EventType, type SourceKind, type WarningColor } from './levels.js';

export interface LinkageRuleDef {
  id: string;
  name: string;
  enabled: boolean;
  when: {
    sourceKinds: SourceKind[]; // empty = any
    eventTypes: EventType[]; // empty = any
    minColor: WarningColor;
    areaIds: string[]; // empty = any
  };
  /** instruction: template with {{event}} {{color}} {{level}} {{headline}} {{area}} {{expires}} */
  instruct: { departmentId: string; instruction: string }[];
  responseHours: number;
  escalateAfterHours: number;
  raiseHazard: boolean;
  flowTemplateKey: string | null;
}

export interface WarningFacts {
  sourceKind: SourceKind;
  eventType: EventType;
  color: WarningColor;
  /** null = not tied to one area of the site (a CAP warning for the whole region). */
  areaId: string | null;
  /** The event as the source named it (暴雨); empty falls back to the event type's label. */
  event: string;
  headline: string;
  areaDesc: string;
  expires: string | null;
}

export interface DepartmentInstruction {
  departmentId: string;
  instruction: string;
  ruleIds: string[];
  responseHours: number;
  escalateAfterHours: number;
}

/**
 * A warning without an area (areaId null) covers the whole site, so it also meets rules limited to
 * particular areas: a city-wide rainstorm warning concerns the warehouse area too. A warning in one
 * area meets only rules that list that area or no area at all.
 */
function areaMatches(ruleAreas: string[], areaId: string | null): boolean {
  return ruleAreas.length === 0 || areaId === null || ruleAreas.includes(areaId);
}

export function ruleMatches(rule: LinkageRuleDef, w: WarningFacts): boolean {
  const c = rule.when;
  return (
    rule.enabled &&
    (c.sourceKinds.length === 0 || c.sourceKinds.includes(w.sourceKind)) &&
    (c.eventTypes.length === 0 || c.eventTypes.includes(w.eventType)) &&
    colorAtLeast(w.color, c.minColor) &&
    areaMatches(c.areaIds, w.areaId)
  );
}

/** The enabled rules this warning meets, in the order given. */
export function matchRules(rules: LinkageRuleDef[], w: WarningFacts): LinkageRuleDef[] {
  return rules.filter((r) => ruleMatches(r, w));
}

/**
 * One instruction per department. A department named by several matching rules gets one response
 * whose text joins the rules' texts (identical texts once) and whose deadlines are the shortest of
 * them: the strictest rule decides how fast the department must answer and when it is escalated.
 */
export function instructionsFor(rules: LinkageRuleDef[], w: WarningFacts): DepartmentInstruction[] {
  const byDept = new Map<string, DepartmentInstruction & { texts: string[] }>();
  for (const rule of matchRules(rules, w)) {
    for (const step of rule.instruct) {
      const text = renderInstruction(step.instruction, w).trim();
      const d = byDept.get(step.departmentId);
      if (!d) {
        byDept.set(step.departmentId, {
          departmentId: step.departmentId,
          instruction: '',
          texts: text ? [text] : [],
          ruleIds: [rule.id],
          responseHours: rule.responseHours,
          escalateAfterHours: rule.escalateAfterHours,
        });
        continue;
      }
      if (text && !d.texts.includes(text)) d.texts.push(text);
      if (!d.ruleIds.includes(rule.id)) d.ruleIds.push(rule.id);
      d.responseHours = Math.min(d.responseHours, rule.responseHours);
      d.escalateAfterHours = Math.min(d.escalateAfterHours, rule.escalateAfterHours);
    }
  }
  return [...byDept.values()].map(({ texts, ...d }) => ({ ...d, instruction: texts.join('\n') }));
}

/** Placeholders a template may use. */
export const TEMPLATE_FIELDS = ['event', 'color', 'level', 'headline', 'area', 'expires'] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

const PLACEHOLDER = /\{\{\s*([A-Za-z_]+)\s*\}\}/g;

/** Placeholders in a template that would not be filled, for rule validation ("{{colour}}" is a typo). */
export function unknownPlaceholders(template: string): string[] {
  const out = new Set<string>();
  for (const m of template.matchAll(PLACEHOLDER)) if (!(TEMPLATE_FIELDS as readonly string[]).includes(m[1])) out.add(m[1]);
  return [...out];
}

/** "2026-07-21T20:00:00+08:00" → "2026-07-21 20:00": the sender's local time, as it wrote it. */
export function formatExpires(iso: string | null): string {
  if (!iso) return '未定';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]}` : iso;
}

/**
 * Fills {{event}} (暴雨), {{color}} (红色), {{level}} (I), {{headline}}, {{area}}, {{expires}}.
 * Unknown placeholders stay as written so a typo shows in the instruction instead of vanishing.
 */
export function renderInstruction(template: string, w: WarningFacts): string {
  const values: Record<TemplateField, string> = {
    event: w.event || EVENT_LABELS[w.eventType],
    color: COLOR_LABELS[w.color],
    level: levelOfColor(w.color),
    headline: w.headline,
    area: w.areaDesc,
    expires: formatExpires(w.expires),
  };
  return template.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(values, name) ? values[name as TemplateField] : whole));
}

/**
 * What a department chosen by hand (when raising a warning) is told, and how fast it must answer.
 * Not a regulatory number: the same two hours the demo's rules give for orange and red warnings,
 * so a department added by hand is chased like one a rule named.
 */
export const CHOSEN_DEPARTMENT_INSTRUCTION = '{{event}}{{color}}预警：{{headline}}。请核实对本部门的影响，落实防范措施并反馈。';
export const CHOSEN_DEPARTMENT_HOURS = { responseHours: 2, escalateAfterHours: 2 } as const;

/**
 * The rules' instructions plus one for each department chosen by hand that no rule already
 * instructs (a rule's text is more specific, so it wins for a department both name).
 */
export function withChosenDepartments(instructions: DepartmentInstruction[], chosen: readonly string[], w: WarningFacts): DepartmentInstruction[] {
  const out = [...instructions];
  for (const departmentId of chosen) {
    if (out.some((i) => i.departmentId === departmentId)) continue;
    out.push({ departmentId, instruction: renderInstruction(CHOSEN_DEPARTMENT_INSTRUCTION, w), ruleIds: [], ...CHOSEN_DEPARTMENT_HOURS });
  }
  return out;
}
