/**
 * The designer's working copy of a template and its conversion to and from a FlowDefinition.
 * Nodes and edges live as React Flow nodes/edges (the canvas owns positions and selection); a
 * task's form is kept as an ordered list of rows so a key can be typed without fields merging.
 * Stored positions are node centres (the canvas uses nodeOrigin [0.5, 0.5]).
 */
import type { Edge, Node } from '@xyflow/react';
import {
  DEFAULT_ESCALATION,
  type Condition,
  type Deadline,
  type Escalation,
  type FlowDefinitionInput,
  type FlowNode,
  type Form,
  type FormField,
  type SubjectType,
  type Widget,
} from '../../../../core/flows';
import type { TemplateCategory } from './templateApi';

export interface FieldRow {
  rid: string;
  key: string;
  required: boolean;
  field: FormField;
}

/** A task as edited: the TaskSpec with its form as rows. */
export type TaskDraft = {
  name: string;
  description?: string;
  assignee: { departmentCode: string; role?: string };
  deadline: Deadline;
  review: boolean;
  escalation?: Escalation;
  fields: FieldRow[];
};

export type StartData = { kind: 'start' };
export type EndData = { kind: 'end'; name?: string };
export type GatewayData = { kind: 'gateway'; mode: 'parallel' | 'exclusive'; name?: string };
export type TaskData = { kind: 'task'; task: TaskDraft };
export type StepData = StartData | EndData | GatewayData | TaskData;

export type StartNode = Node<StartData, 'start'>;
export type EndNode = Node<EndData, 'end'>;
export type GatewayNode = Node<GatewayData, 'gateway'>;
export type TaskNodeRF = Node<TaskData, 'task'>;
export type DesignerNode = StartNode | EndNode | GatewayNode | TaskNodeRF;

export type LinkData = { when?: Condition; label?: string };
export type DesignerEdge = Edge<LinkData>;

export interface DataFieldRow {
  rid: string;
  key: string;
  title: string;
  type: 'string' | 'number' | 'boolean';
  enum?: (string | number)[];
}

export interface RuleTaskDraft extends TaskDraft {
  rid: string;
  id: string;
}

export interface RuleDraft {
  rid: string;
  id: string;
  name: string;
  when: Condition;
  tasks: RuleTaskDraft[];
}

export interface TemplateMeta {
  key: string;
  name: string;
  description: string;
  category: TemplateCategory;
  subjectTypes: SubjectType[];
  keywords: string[];
}

export interface DesignerDoc {
  meta: TemplateMeta;
  nodes: DesignerNode[];
  edges: DesignerEdge[];
  dataFields: DataFieldRow[];
  rules: RuleDraft[];
  escalation: Escalation;
}

export type PaletteKind = 'start' | 'task' | 'parallel' | 'exclusive' | 'end';

let ridCounter = 0;
export const rid = () => `r${++ridCounter}`;

export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
export const FIELD_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
export const DATA_KEY_PATTERN = /^[A-Za-z0-9_]+$/;

/** "task" → task1, task2 … whichever is free. */
export function freeId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

// ---- forms -------------------------------------------------------------------------------

export function formToRows(form: Form | undefined): FieldRow[] {
  if (!form) return [];
  const required = new Set(form.required ?? []);
  return Object.entries(form.properties).map(([key, field]) => ({ rid: rid(), key, required: required.has(key), field }));
}

export function rowsToForm(rows: FieldRow[]): Form {
  return {
    type: 'object',
    properties: Object.fromEntries(rows.map((r) => [r.key, r.field])),
    required: rows.filter((r) => r.required).map((r) => r.key),
    additionalProperties: false,
  };
}

/** A new field of a widget, keeping what carries over (title, description, options). */
export function fieldOfWidget(widget: Widget, prev?: FormField): FormField {
  const title = prev?.title ?? '';
  const description = prev?.description;
  const options =
    prev && 'enum' in prev ? prev.enum : prev && prev['x-widget'] === 'multichoice' ? prev.items.enum : ['是', '否'];
  const base = description ? { title, description } : { title };
  switch (widget) {
    case 'text':
    case 'textarea':
      return { 'x-widget': widget, type: 'string', ...base };
    case 'date':
      return { 'x-widget': 'date', type: 'string', format: 'date', ...base };
    case 'choice':
      return { 'x-widget': 'choice', type: 'string', enum: options, ...base };
    case 'multichoice':
      return { 'x-widget': 'multichoice', type: 'array', items: { type: 'string', enum: options }, ...base };
    case 'number':
      return { 'x-widget': 'number', type: 'number', ...base };
    case 'boolean':
      return { 'x-widget': 'boolean', type: 'boolean', ...base };
    case 'photos':
    case 'files':
      return { 'x-widget': widget, type: 'array', items: { type: 'string', format: 'uuid' }, ...base };
    case 'signature':
      return { 'x-widget': 'signature', type: 'string', format: 'uuid', ...base };
  }
}

export const WIDGETS: Widget[] = ['text', 'textarea', 'number', 'date', 'choice', 'multichoice', 'boolean', 'photos', 'files', 'signature'];

/** Options of a choice field (single or multiple). */
export function optionsOf(field: FormField): string[] | null {
  if (field['x-widget'] === 'choice') return field.enum;
  if (field['x-widget'] === 'multichoice') return field.items.enum;
  return null;
}

// ---- tasks -------------------------------------------------------------------------------

type TaskSpecLike = {
  name: string;
  description?: string;
  assignee: { departmentCode: string; role?: string };
  deadline: Deadline;
  form: Form;
  review?: boolean;
  escalation?: Escalation;
};

export function taskToDraft(t: TaskSpecLike): TaskDraft {
  return {
    name: t.name,
    description: t.description,
    assignee: { ...t.assignee },
    deadline: t.deadline,
    review: !!t.review,
    escalation: t.escalation,
    fields: formToRows(t.form),
  };
}

export function draftToTask(d: TaskDraft) {
  const assignee: { departmentCode: string; role?: string } = { departmentCode: d.assignee.departmentCode };
  if (d.assignee.role?.trim()) assignee.role = d.assignee.role.trim();
  return {
    name: d.name,
    ...(d.description?.trim() ? { description: d.description } : {}),
    assignee,
    deadline: d.deadline,
    form: rowsToForm(d.fields),
    review: d.review,
    ...(d.escalation ? { escalation: d.escalation } : {}),
  };
}

export function newTaskDraft(name: string): TaskDraft {
  return { name, assignee: { departmentCode: '' }, deadline: { hours: 24 }, review: false, fields: [] };
}

// ---- nodes -------------------------------------------------------------------------------

export function newNode(kind: PaletteKind, id: string, position: { x: number; y: number }, labels: { task: string }): DesignerNode {
  switch (kind) {
    case 'start':
      return { id, type: 'start', position, data: { kind: 'start' } };
    case 'end':
      return { id, type: 'end', position, data: { kind: 'end' } };
    case 'parallel':
    case 'exclusive':
      return { id, type: 'gateway', position, data: { kind: 'gateway', mode: kind } };
    case 'task':
      return { id, type: 'task', position, data: { kind: 'task', task: newTaskDraft(labels.task) } };
  }
}

export const ID_PREFIX: Record<PaletteKind, string> = { start: 'start', task: 'task', parallel: 'split', exclusive: 'choose', end: 'end' };

function toDesignerNode(n: FlowNode | FlowDefinitionInput['nodes'][number]): DesignerNode {
  const position = n.position ? { ...n.position } : { x: 0, y: 0 };
  switch (n.type) {
    case 'start':
      return { id: n.id, type: 'start', position, data: { kind: 'start' } };
    case 'end':
      return { id: n.id, type: 'end', position, data: { kind: 'end', name: n.name } };
    case 'gateway':
      return { id: n.id, type: 'gateway', position, data: { kind: 'gateway', mode: n.mode, name: n.name } };
    case 'task':
      return { id: n.id, type: 'task', position, data: { kind: 'task', task: taskToDraft(n as TaskSpecLike) } };
  }
}

const round = (p: { x: number; y: number }) => ({ x: Math.round(p.x), y: Math.round(p.y) });

function toDefinitionNode(n: DesignerNode): FlowDefinitionInput['nodes'][number] {
  const position = round(n.position);
  switch (n.type) {
    case 'start':
      return { id: n.id, type: 'start', position };
    case 'end':
      return { id: n.id, type: 'end', ...(n.data.name?.trim() ? { name: n.data.name } : {}), position };
    case 'gateway':
      return { id: n.id, type: 'gateway', mode: n.data.mode, ...(n.data.name?.trim() ? { name: n.data.name } : {}), position };
    case 'task':
      return { id: n.id, type: 'task', ...draftToTask(n.data.task), position };
  }
}

// ---- the whole template -------------------------------------------------------------------

export interface TemplateSource {
  key?: string;
  name: string;
  description?: string;
  category: TemplateCategory;
  subjectTypes: SubjectType[];
  keywords?: string[];
  definition: FlowDefinitionInput;
}

export function toDoc(src: TemplateSource): { doc: DesignerDoc; needsLayout: boolean } {
  const d = src.definition;
  const needsLayout = d.nodes.some((n) => !n.position);
  const nodes = d.nodes.map(toDesignerNode);
  const edges: DesignerEdge[] = d.edges.map((e) => ({
    id: e.id,
    source: e.from,
    target: e.to,
    data: { ...(e.when ? { when: e.when as Condition } : {}), ...(e.label ? { label: e.label } : {}) },
  }));
  const dataFields: DataFieldRow[] = Object.entries(d.dataFields ?? {}).map(([key, f]) => ({
    rid: rid(),
    key,
    title: f.title,
    type: f.type,
    ...(f.enum ? { enum: f.enum } : {}),
  }));
  const rules: RuleDraft[] = (d.participantRules ?? []).map((r) => ({
    rid: rid(),
    id: r.id,
    name: r.name,
    when: r.when as Condition,
    tasks: r.tasks.map((t) => ({ rid: rid(), id: t.id, ...taskToDraft(t as TaskSpecLike) })),
  }));
  return {
    needsLayout,
    doc: {
      meta: {
        key: src.key ?? '',
        name: src.name,
        description: src.description ?? '',
        category: src.category,
        subjectTypes: [...src.subjectTypes],
        keywords: [...(src.keywords ?? [])],
      },
      nodes,
      edges,
      dataFields,
      rules,
      escalation: d.escalation ?? { ...DEFAULT_ESCALATION },
    },
  };
}

export function toDefinition(doc: DesignerDoc): FlowDefinitionInput {
  return {
    nodes: doc.nodes.map(toDefinitionNode),
    edges: doc.edges.map((e) => ({
      id: e.id,
      from: e.source,
      to: e.target,
      ...(e.data?.when ? { when: e.data.when } : {}),
      ...(e.data?.label?.trim() ? { label: e.data.label } : {}),
    })),
    dataFields: Object.fromEntries(
      doc.dataFields.map((f) => [f.key, { title: f.title, type: f.type, ...(f.enum && f.enum.length ? { enum: f.enum } : {}) }]),
    ),
    participantRules: doc.rules.map((r) => ({
      id: r.id,
      name: r.name,
      when: r.when,
      tasks: r.tasks.map((t) => ({ id: t.id, ...draftToTask(t) })),
    })),
    escalation: doc.escalation,
  };
}

/** A blank template: a start joined to an end. */
export function blankDoc(): DesignerDoc {
  return {
    meta: { key: '', name: '', description: '', category: 'collaboration', subjectTypes: ['none'], keywords: [] },
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: { kind: 'start' } },
      { id: 'end', type: 'end', position: { x: 320, y: 0 }, data: { kind: 'end' } },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'end', data: {} }],
    dataFields: [],
    rules: [],
    escalation: { ...DEFAULT_ESCALATION },
  };
}

/** Every id a new step or rule task must not take. */
export function takenIds(doc: DesignerDoc): string[] {
  return [...doc.nodes.map((n) => n.id), ...doc.rules.flatMap((r) => r.tasks.map((t) => t.id))];
}

// ---- conditions --------------------------------------------------------------------------

/** Renames `outputs.<from>.` in a condition to `outputs.<to>.` (a task's id changed). */
export function renameInCondition(c: Condition, from: string, to: string): Condition {
  if ('all' in c) return { all: c.all.map((x) => renameInCondition(x, from, to)) };
  if ('any' in c) return { any: c.any.map((x) => renameInCondition(x, from, to)) };
  if ('not' in c) return { not: renameInCondition(c.not, from, to) };
  const prefix = `outputs.${from}.`;
  return c.field.startsWith(prefix) ? { ...c, field: `outputs.${to}.${c.field.slice(prefix.length)}` } : c;
}

/** Gives a step a new id: its connections and the conditions reading its outputs follow. */
export function renameStep(doc: DesignerDoc, from: string, to: string): DesignerDoc {
  const edges = doc.edges.map((e) => {
    const source = e.source === from ? to : e.source;
    const target = e.target === from ? to : e.target;
    const when = e.data?.when ? renameInCondition(e.data.when, from, to) : undefined;
    return { ...e, source, target, data: { ...e.data, when } };
  });
  return {
    ...doc,
    nodes: doc.nodes.map((n) => (n.id === from ? ({ ...n, id: to } as DesignerNode) : n)),
    edges,
    rules: doc.rules.map((r) => ({ ...r, when: renameInCondition(r.when, from, to) })),
  };
}

/** Steps on some path before `id` (itself included): their outputs are known when `id` decides. */
export function ancestorsOf(id: string, edges: DesignerEdge[]): Set<string> {
  const seen = new Set([id]);
  const stack = [id];
  while (stack.length) {
    const x = stack.pop()!;
    for (const e of edges) if (e.target === x && !seen.has(e.source)) (seen.add(e.source), stack.push(e.source));
  }
  return seen;
}

/** The palette kind of a step (gateways by their mode). */
export function kindOf(n: DesignerNode): PaletteKind {
  return n.type === 'gateway' ? n.data.mode : n.type;
}

export function stepLabel(n: DesignerNode | undefined, fallback: (n: DesignerNode) => string): string {
  if (!n) return '';
  if (n.type === 'task') return n.data.task.name || n.id;
  if ((n.type === 'end' || n.type === 'gateway') && n.data.name) return n.data.name;
  return fallback(n);
}
