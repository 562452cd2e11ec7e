/**
 * The rule list shows each instruction as a department will read it: the template filled with an
 * example warning the rule would match (its first event type, its lowest colour, its first area).
 * The placeholders themselves are only for the editor.
 */
import { EVENT_LABELS } from '../../../core/warnings/events';
import { COLOR_LABELS } from '../../../core/warnings/levels';
import { renderInstruction, type WarningFacts } from '../../../core/warnings/rules';
import type { LinkageRule } from './types';

/** Tomorrow 20:00 China time, as a CAP sender would write an expiry. */
function exampleExpiry(now: Date): string {
  const day = new Date(now.getTime() + 8 * 3_600_000 + 24 * 3_600_000).toISOString().slice(0, 10);
  return `${day}T20:00:00+08:00`;
}

export function exampleFacts(rule: LinkageRule, areaName: (id: string) => string | undefined, now = new Date()): WarningFacts {
  const eventType = rule.when.eventTypes[0] ?? 'rainstorm';
  const sourceKind = rule.when.sourceKinds[0] ?? 'cap';
  const event = EVENT_LABELS[eventType];
  const color = COLOR_LABELS[rule.when.minColor];
  const area = rule.when.areaIds.map(areaName).find(Boolean);
  const headline =
    sourceKind === 'sensor'
      ? `${area ?? '1号车间'} 1号除尘器 粉尘浓度超限 12.3 mg/m³ (限值 10)`
      : sourceKind === 'cap'
        ? `市气象台发布${event}${color}预警信号`
        : `${area ?? '厂区'}${event}${color}预警`;
  return { sourceKind, eventType, color: rule.when.minColor, areaId: rule.when.areaIds[0] ?? null, event, headline, areaDesc: area ?? '全厂', expires: exampleExpiry(now) };
}

export function exampleInstruction(template: string, rule: LinkageRule, areaName: (id: string) => string | undefined): string {
  return renderInstruction(template, exampleFacts(rule, areaName));
}
