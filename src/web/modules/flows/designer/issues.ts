/**
 * Validation for the designer: the shared parseDefinition (schema, then graph checks), the graph
 * checks also while the schema still fails (so "no way to an end" shows before every name is
 * filled), the designer's own checks (duplicate keys, template name), and each issue placed on
 * the step, connection or rule it concerns, in words.
 */
import type { TFunction } from 'i18next';
import { checkDefinition, parseDefinition, type Condition, type FlowDefinition, type FlowDefinitionInput } from '../../../../core/flows';
import { DATA_KEY_PATTERN, FIELD_KEY_PATTERN, kindOf, stepLabel, type DesignerDoc, type DesignerNode } from './model';

export interface Issue {
  path: string;
  message: string;
}

export interface Located extends Issue {
  /** Stable enough for React keys. */
  key: string;
  nodeId?: string;
  edgeId?: string;
  ruleIndex?: number;
  area: 'node' | 'edge' | 'rule' | 'data' | 'meta' | 'template';
  /** The path after the element (e.g. ["assignee", "departmentCode"]). */
  rest: string[];
}

export interface Validation {
  ok: boolean;
  issues: Located[];
  /** Ids of the steps with an issue, for the canvas. */
  badNodes: Set<string>;
  badEdges: Set<string>;
}

/** As the server takes it (POST /flows/templates). */
const KEY_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;

/** The designer's own checks, phrased as i18n keys under flowDesigner.msg (prefixed "@"). */
function localIssues(doc: DesignerDoc): Issue[] {
  const out: Issue[] = [];
  if (!doc.meta.name.trim()) out.push({ path: 'meta.name', message: '@nameRequired' });
  if (doc.meta.key.trim() && !KEY_PATTERN.test(doc.meta.key.trim())) out.push({ path: 'meta.key', message: '@badKey' });
  if (!doc.meta.subjectTypes.length) out.push({ path: 'meta.subjectTypes', message: '@subjectTypesRequired' });
  const checkRows = (rows: { key: string }[], base: string) => {
    const seen = new Set<string>();
    for (const r of rows) {
      if (!FIELD_KEY_PATTERN.test(r.key)) out.push({ path: `${base}.form.properties.${r.key}`, message: r.key ? '@badFieldKey' : '@emptyFieldKey' });
      else if (seen.has(r.key)) out.push({ path: `${base}.form.properties.${r.key}`, message: '@duplicateFieldKey' });
      seen.add(r.key);
    }
  };
  doc.nodes.forEach((n, i) => n.type === 'task' && checkRows(n.data.task.fields, `definition.nodes.${i}`));
  doc.rules.forEach((r, i) => r.tasks.forEach((t, j) => checkRows(t.fields, `definition.participantRules.${i}.tasks.${j}`)));
  // "equals (nothing)" reads as a mistake, though the schema lets a value be left out
  const lacksValue = (c: Condition): boolean => {
    if ('all' in c) return c.all.some(lacksValue);
    if ('any' in c) return c.any.some(lacksValue);
    if ('not' in c) return lacksValue(c.not);
    return c.op !== 'exists' && (c.value === undefined || c.value === '' || (Array.isArray(c.value) && c.value.length === 0));
  };
  doc.edges.forEach((e, i) => e.data?.when && lacksValue(e.data.when) && out.push({ path: `definition.edges.${i}.when`, message: '@conditionValue' }));
  doc.rules.forEach((r, i) => lacksValue(r.when) && out.push({ path: `definition.participantRules.${i}.when`, message: '@conditionValue' }));
  const seen = new Set<string>();
  for (const f of doc.dataFields) {
    if (!DATA_KEY_PATTERN.test(f.key)) out.push({ path: `definition.dataFields.${f.key}`, message: f.key ? '@badDataKey' : '@emptyFieldKey' });
    else if (seen.has(f.key)) out.push({ path: `definition.dataFields.${f.key}`, message: '@duplicateFieldKey' });
    seen.add(f.key);
  }
  return out;
}

export function validate(doc: DesignerDoc, definition: FlowDefinitionInput, server: Issue[] = []): Validation {
  const local = localIssues(doc);
  const parsed = parseDefinition(definition);
  let found: Issue[] = parsed.ok ? [] : parsed.errors;
  if (!parsed.ok) {
    // The designer always builds well-shaped definitions, so the graph checks can run on them
    // even when a value is out of range; whatever they add is shown too.
    try {
      const graph = checkDefinition({ dataFields: {}, participantRules: [], ...definition } as FlowDefinition).map((e) => ({
        path: e.path ? `definition.${e.path}` : 'definition',
        message: e.message,
      }));
      // the graph's message about a property ("no department") says more than the schema's ("too small")
      const graphPaths = new Set(graph.map((g) => g.path));
      found = [...found.filter((f) => !graphPaths.has(f.path)), ...graph];
    } catch {
      // a half-built shape: the schema errors say enough
    }
  }
  // "no incoming connection" already says it cannot be reached; "no outgoing" that it has no way to an end
  const says = (path: string, re: RegExp) => found.some((f) => f.path === path && re.test(f.message));
  found = found.filter(
    (f) =>
      !(/cannot be reached from the start$/.test(f.message) && says(f.path, /has no incoming connection$/)) &&
      !(/has no way to an end$/.test(f.message) && says(f.path, /has no outgoing connection$/)),
  );
  const all: Issue[] = [];
  const seen = new Set<string>();
  for (const i of [...local, ...found, ...server.map((s) => ({ path: s.path.replace(/^body\./, ''), message: s.message }))]) {
    const k = `${i.path}|${i.message}`;
    if (!seen.has(k)) (seen.add(k), all.push(i));
  }
  // keys and fields the record refuses: the designer's own message is the clearer one
  const issues = all.map((i, n) => locate(i, doc, n)).filter((i) => !(i.message === 'Invalid key in record' && all.some((o) => o.message.startsWith('@'))));
  const badNodes = new Set(issues.map((i) => i.nodeId).filter((x): x is string => !!x));
  const badEdges = new Set(issues.map((i) => i.edgeId).filter((x): x is string => !!x));
  return { ok: parsed.ok && local.length === 0 && server.length === 0, issues, badNodes, badEdges };
}

export function locate(issue: Issue, doc: DesignerDoc, n = 0): Located {
  const parts = issue.path.split('.').filter(Boolean);
  const key = `${n}:${issue.path}:${issue.message}`;
  if (parts[0] === 'meta') return { ...issue, key, area: 'meta', rest: parts.slice(1) };
  if (parts[0] === 'definition') parts.shift();
  const [head, index, ...rest] = parts;
  const i = Number(index);
  if (head === 'nodes' && Number.isInteger(i) && doc.nodes[i]) return { ...issue, key, area: 'node', nodeId: doc.nodes[i].id, rest };
  if (head === 'edges' && Number.isInteger(i) && doc.edges[i]) return { ...issue, key, area: 'edge', edgeId: doc.edges[i].id, rest };
  if (head === 'participantRules' && Number.isInteger(i)) return { ...issue, key, area: 'rule', ruleIndex: i, rest };
  if (head === 'dataFields') return { ...issue, key, area: 'data', rest: index !== undefined ? [index, ...rest] : [] };
  if (['name', 'key', 'description', 'category', 'subjectTypes', 'keywords'].includes(head ?? '')) return { ...issue, key, area: 'meta', rest: parts };
  return { ...issue, key, area: 'template', rest: parts.slice(1) };
}

// ---- words ---------------------------------------------------------------------------------

/** English messages from the shared validator and zod, to keys under flowDesigner.msg. */
const PATTERNS: [RegExp, string, string[]][] = [
  [/^duplicate step id "(.*)"$/, 'duplicateStep', ['a']],
  [/^a template has exactly one start \(found (\d+)\)$/, 'oneStart', ['n']],
  [/^a template needs an end$/, 'needEnd', []],
  [/^duplicate connection id "(.*)"$/, 'duplicateEdge', ['a']],
  [/^no step "(.*)"$/, 'noStep', ['a']],
  [/^a step cannot lead to itself$/, 'selfLoop', []],
  [/^"(.*)" is already connected to "(.*)"$/, 'alreadyConnected', ['a', 'b']],
  [/^nothing may lead into the start$/, 'intoStart', []],
  [/^step "(.*)" has no incoming connection$/, 'noIncoming', ['a']],
  [/^an end leads nowhere$/, 'outOfEnd', []],
  [/^step "(.*)" has no outgoing connection$/, 'noOutgoing', ['a']],
  [/^every branch after "(.*)" has a condition/, 'noDefault', ['a']],
  [/^an exclusive gateway has one default branch \(found (\d+)\)$/, 'manyDefaults', ['n']],
  [/^step "(.*)" has no department$/, 'noDepartment', ['a']],
  [/^the steps form a cycle/, 'cycle', []],
  [/^step "(.*)" cannot be reached from the start$/, 'unreachable', ['a']],
  [/^step "(.*)" has no way to an end$/, 'noWayToEnd', ['a']],
  [/^unknown case field "(.*)"$/, 'unknownDataField', ['a']],
  [/^no task "(.*)"$/, 'noTask', ['a']],
  [/^task "(.*)" has no output "(.*)"$/, 'noOutput', ['a', 'b']],
  [/^the output of "(.*)" is not known yet/, 'outputTooEarly', ['a']],
  [/^no field "(.*)"$/, 'noRequiredField', ['a']],
  [/^minimum above maximum$/, 'minAboveMax', []],
  [/^minLength above maxLength$/, 'minAboveMax', []],
  [/^minItems above maxItems$/, 'minItemsAboveMax', []],
  [/^Too small: expected string to have >=1 characters?$/, 'empty', []],
  [/^Too small: expected string to have >=(\d+) characters?$/, 'minChars', ['n']],
  [/^Too big: expected string to have <=(\d+) characters?$/, 'maxChars', ['n']],
  [/^Too small: expected number to be >(\d+(?:\.\d+)?)$/, 'gt', ['n']],
  [/^Too small: expected number to be >=(-?\d+(?:\.\d+)?)$/, 'gte', ['n']],
  [/^Too big: expected number to be <=(-?\d+(?:\.\d+)?)$/, 'lte', ['n']],
  [/^Too small: expected array to have >=(\d+) items?$/, 'minItems', ['n']],
  [/^Too big: expected array to have <=(\d+) items?$/, 'maxItems', ['n']],
  [/^Invalid key in record$/, 'badKeyInRecord', []],
  [/^letters, digits, "-" and "_", starting with a letter$/, 'badId', []],
  [/^letters, digits and "_"$/, 'badFieldKey', []],
  [/^already used$/, 'keyUsed', []],
  [/^data\.<key> or outputs\.<task>\.<key>$/, 'badFieldPath', []],
];

export function messageText(message: string, t: TFunction): string {
  const tr = t as unknown as (key: string, options?: Record<string, string>) => string;
  if (message.startsWith('@')) return tr(`flowDesigner.msg.${message.slice(1)}`);
  for (const [re, k, names] of PATTERNS) {
    const m = re.exec(message);
    if (m) return tr(`flowDesigner.msg.${k}`, Object.fromEntries(names.map((name, i) => [name, m[i + 1]])));
  }
  if (/^Invalid/.test(message)) return t('flowDesigner.msg.invalid');
  return message;
}

/** "停机 · 责任部门" — which element and which of its properties. */
export function whereText(issue: Located, doc: DesignerDoc, t: TFunction): string {
  const name = (n: DesignerNode | undefined) => stepLabel(n, (x) => t(`flowDesigner.kind.${kindOf(x)}` as 'flowDesigner.kind.start'));
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  let where: string;
  switch (issue.area) {
    case 'node':
      where = t('flowDesigner.where.step', { name: name(byId.get(issue.nodeId!)) });
      break;
    case 'edge': {
      const e = doc.edges.find((x) => x.id === issue.edgeId);
      where = t('flowDesigner.where.edge', { from: name(byId.get(e?.source ?? '')) || e?.source, to: name(byId.get(e?.target ?? '')) || e?.target });
      break;
    }
    case 'rule': {
      const r = doc.rules[issue.ruleIndex!];
      where = t('flowDesigner.where.rule', { name: r?.name || `#${issue.ruleIndex! + 1}` });
      if (issue.rest[0] === 'tasks' && r?.tasks[Number(issue.rest[1])]) {
        where += ` · ${r.tasks[Number(issue.rest[1])].name || r.tasks[Number(issue.rest[1])].id}`;
        return appendProp(where, issue.rest.slice(2), t);
      }
      break;
    }
    case 'data':
      where = t('flowDesigner.where.data');
      return issue.rest[0] ? `${where} · ${issue.rest[0]}` : where;
    case 'meta':
      where = t('flowDesigner.where.meta');
      break;
    default:
      where = t('flowDesigner.where.template');
  }
  return appendProp(where, issue.rest, t);
}

const PROPS: Record<string, string> = {
  name: 'name',
  id: 'id',
  description: 'description',
  'assignee.departmentCode': 'department',
  'assignee.role': 'role',
  'deadline.hours': 'deadline',
  'deadline.workingHours': 'deadline',
  deadline: 'deadline',
  'escalation.remindBeforeHours': 'remindBefore',
  'escalation.committeeAfterHours': 'committeeAfter',
  when: 'condition',
  'when.field': 'condition',
  'when.value': 'condition',
  label: 'label',
  key: 'key',
  subjectTypes: 'subjectTypes',
  tasks: 'tasks',
};

function appendProp(where: string, rest: string[], t: TFunction): string {
  if (!rest.length) return where;
  if (rest[0] === 'form') {
    const field = rest[1] === 'properties' && rest[2] !== undefined ? rest[2] : null;
    const part = field !== null ? t('flowDesigner.where.field', { key: field || '—' }) : t('flowDesigner.where.form');
    return `${where} · ${part}`;
  }
  const joined = rest.join('.');
  const prop = PROPS[joined] ?? PROPS[rest[0]];
  return prop ? `${where} · ${t(`flowDesigner.prop.${prop}` as 'flowDesigner.prop.name')}` : where;
}
