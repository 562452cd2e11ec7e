import { z } from 'zod';

/**
 * Process templates as data (C5). A template is a directed acyclic graph of nodes — one start,
 * tasks assigned to a department, gateways that split or join, ends — joined by edges that may
 * carry a condition on the case's data. Rework is not a loop in the graph: a task that needs
 * review goes back to its department on rejection, so every graph stays acyclic and every join
 * is well defined (see machine.ts).
 */

const id = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'letters, digits, "-" and "_", starting with a letter');

const position = z.strictObject({ x: z.number().finite(), y: z.number().finite() }).optional();

/** A field path the conditions read: `data.<key>` (the case's data) or `outputs.<taskId>.<key>`. */
const fieldPath = z
  .string()
  .max(200)
  .regex(/^(data\.[A-Za-z0-9_]+|outputs\.[A-Za-z][A-Za-z0-9_-]*\.[A-Za-z0-9_]+)$/, 'data.<key> or outputs.<task>.<key>');

export const COMPARISONS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'exists'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { field: string; op: Comparison; value?: string | number | boolean | (string | number)[] };

const scalar = z.union([z.string().max(200), z.number().finite(), z.boolean()]);

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(ConditionSchema).min(1).max(20) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1).max(20) }),
    z.strictObject({ not: ConditionSchema }),
    z.strictObject({
      field: fieldPath,
      op: z.enum(COMPARISONS),
      value: z.union([scalar, z.array(z.union([z.string().max(200), z.number().finite()])).max(50)]).optional(),
    }),
  ]),
);

/**
 * What a task must hand in: a JSON Schema object whose properties use a small, documented subset
 * (`x-widget` tells the form how to draw each one). File-like widgets hold ids from POST /files.
 */
const title = z.string().trim().min(1).max(100);
const description = z.string().max(500).optional();
export const FormFieldSchema = z.discriminatedUnion('x-widget', [
  z.strictObject({
    'x-widget': z.enum(['text', 'textarea']),
    type: z.literal('string'),
    title,
    description,
    minLength: z.number().int().min(0).max(10000).optional(),
    maxLength: z.number().int().min(1).max(10000).optional(),
  }),
  z.strictObject({ 'x-widget': z.literal('date'), type: z.literal('string'), format: z.literal('date'), title, description }),
  z.strictObject({
    'x-widget': z.literal('choice'),
    type: z.literal('string'),
    title,
    description,
    enum: z.array(z.string().trim().min(1).max(100)).min(1).max(50),
  }),
  z.strictObject({
    'x-widget': z.literal('multichoice'),
    type: z.literal('array'),
    title,
    description,
    items: z.strictObject({ type: z.literal('string'), enum: z.array(z.string().trim().min(1).max(100)).min(1).max(50) }),
    minItems: z.number().int().min(0).max(50).optional(),
  }),
  z.strictObject({
    'x-widget': z.literal('number'),
    type: z.enum(['number', 'integer']),
    title,
    description,
    minimum: z.number().finite().optional(),
    maximum: z.number().finite().optional(),
    'x-unit': z.string().max(20).optional(),
  }),
  z.strictObject({ 'x-widget': z.literal('boolean'), type: z.literal('boolean'), title, description }),
  z.strictObject({
    'x-widget': z.enum(['photos', 'files']),
    type: z.literal('array'),
    title,
    description,
    items: z.strictObject({ type: z.literal('string'), format: z.literal('uuid') }),
    minItems: z.number().int().min(0).max(20).optional(),
    maxItems: z.number().int().min(1).max(20).optional(),
  }),
  z.strictObject({ 'x-widget': z.literal('signature'), type: z.literal('string'), format: z.literal('uuid'), title, description }),
]);
export type FormField = z.infer<typeof FormFieldSchema>;
export type Widget = FormField['x-widget'];

export const FormSchema = z.strictObject({
  type: z.literal('object'),
  properties: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'letters, digits and "_"'), FormFieldSchema),
  required: z.array(z.string()).max(40).default([]),
  additionalProperties: z.literal(false).default(false),
});
export type Form = z.infer<typeof FormSchema>;

/** Working hours count on the tenant's calendar (calendar.ts); plain hours run round the clock. */
export const DeadlineSchema = z.union([
  z.strictObject({ hours: z.number().positive().max(24 * 365) }),
  z.strictObject({ workingHours: z.number().positive().max(8 * 365) }),
]);
export type Deadline = z.infer<typeof DeadlineSchema>;

/**
 * When a task's deadline chases itself: a reminder before it, the department head told at the
 * deadline, the safety committee after a further delay (null: never).
 */
export const EscalationSchema = z.strictObject({
  remindBeforeHours: z.number().min(0).max(24 * 30),
  notifyHeadOnOverdue: z.boolean(),
  committeeAfterHours: z.number().min(0).max(24 * 60).nullable(),
});
export type Escalation = z.infer<typeof EscalationSchema>;

export const DEFAULT_ESCALATION: Escalation = { remindBeforeHours: 2, notifyHeadOnOverdue: true, committeeAfterHours: 24 };

/** Who does a task: a department by its code (resolved per tenant at launch, adjustable), optionally a role in it. */
export const AssigneeSchema = z.strictObject({
  departmentCode: z.string().trim().min(1).max(40),
  role: z.string().max(40).optional(),
});

const taskFields = {
  name: z.string().trim().min(1).max(100),
  description: z.string().max(1000).optional(),
  assignee: AssigneeSchema,
  deadline: DeadlineSchema,
  form: FormSchema,
  /** The initiator reviews the outputs; a rejection sends the task back with a reason. */
  review: z.boolean().default(false),
  escalation: EscalationSchema.optional(),
  /**
   * A step kind a module registered (e.g. `hazard.assess`): its form, who may do it and what
   * completing it does to the record the case concerns come from the module (step kinds on the
   * server). Without a kind the task is a plain task whose outputs are only kept with the case.
   */
  kind: z
    .string()
    .regex(/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/, '<module>.<step>, e.g. hazard.assess')
    .optional(),
  /**
   * A case data field holding an absolute deadline chosen at an earlier step (e.g. the rectification
   * deadline set at 整改派发): when it holds a time, the task is due then; otherwise `deadline` applies.
   */
  dueFrom: z.string().regex(/^[A-Za-z0-9_]+$/).optional(),
};

export const TaskSpecSchema = z.strictObject(taskFields);
export type TaskSpec = z.infer<typeof TaskSpecSchema>;

export const NodeSchema = z.discriminatedUnion('type', [
  z.strictObject({ id, type: z.literal('start'), position }),
  z.strictObject({ id, type: z.literal('end'), name: z.string().max(100).optional(), position }),
  z.strictObject({
    id,
    type: z.literal('gateway'),
    /** parallel: every edge whose condition holds; exclusive: the first that holds, else the default. */
    mode: z.enum(['parallel', 'exclusive']),
    name: z.string().max(100).optional(),
    position,
  }),
  z.strictObject({ id, type: z.literal('task'), ...taskFields, position }),
]);
export type FlowNode = z.infer<typeof NodeSchema>;
export type TaskNode = Extract<FlowNode, { type: 'task' }>;

export const EdgeSchema = z.strictObject({
  id,
  from: id,
  to: id,
  when: ConditionSchema.optional(),
  label: z.string().max(100).optional(),
});
export type FlowEdge = z.infer<typeof EdgeSchema>;

/** Departments added while a case runs, when its data comes to match (e.g. the level rises). */
export const ParticipantRuleSchema = z.strictObject({
  id,
  name: z.string().trim().min(1).max(100),
  when: ConditionSchema,
  tasks: z.array(TaskSpecSchema.extend({ id })).min(1).max(10),
});
export type ParticipantRule = z.infer<typeof ParticipantRuleSchema>;

/** A field of the case's shared data that conditions may read (filled from the subject at launch). */
export const DataFieldSchema = z.strictObject({
  title: z.string().trim().min(1).max(100),
  type: z.enum(['string', 'number', 'boolean']),
  enum: z.array(z.union([z.string().max(100), z.number()])).max(50).optional(),
});

export const FlowDefinitionSchema = z.strictObject({
  nodes: z.array(NodeSchema).min(2).max(200),
  edges: z.array(EdgeSchema).max(400),
  dataFields: z.record(z.string().regex(/^[A-Za-z0-9_]+$/), DataFieldSchema).default({}),
  participantRules: z.array(ParticipantRuleSchema).max(20).default([]),
  escalation: EscalationSchema.default(DEFAULT_ESCALATION),
});
export type FlowDefinition = z.infer<typeof FlowDefinitionSchema>;
export type FlowDefinitionInput = z.input<typeof FlowDefinitionSchema>;

export const SUBJECT_TYPES = ['hazard', 'warning', 'incident', 'none'] as const;
/** Step kinds are named `<module>.<step>`; the module part says which module registered it. */
export function stepKindModule(kind: string): string {
  return kind.split('.')[0];
}
export type SubjectType = (typeof SUBJECT_TYPES)[number];
