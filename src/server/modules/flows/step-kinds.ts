import type { Actor } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import type { Work } from '../../platform/work.js';
import { ForbiddenError } from '../../platform/errors.js';
import { dutyViolation, type DutyFacts, type Form } from '../../../core/flows/index.js';
import type { DepartmentFunction } from '../../../core/org/functions.js';

/** The record a case is about (its subject), as the case stores it. */
export interface CaseSubject {
  type: string;
  id: string;
}

/** What a step kind sees when its task is submitted or completed. */
export interface StepContext {
  w: Work;
  actor: Actor;
  /** The record this step acts on (found by the kind from the case's subject). */
  recordId: string;
  subject: CaseSubject;
  caseId: string;
  caseCode: string;
  task: { key: string; name: string; departmentId: string; submittedBy: string | null };
  outputs: Record<string, unknown>;
  data: Record<string, unknown>;
  /** Every task of the case's template with its kind and department (dispatch finds who rectifies). */
  steps: { key: string; kind: string | null; departmentId: string | null }[];
}

/** What completing a step did: case data for later steps (an absolute deadline), a line for the timeline. */
export interface StepOutcome {
  data?: Record<string, unknown>;
  note?: string;
  /** The step did not pass (验收 驳回): send the work back to the latest finished step of these kinds. */
  sendBack?: { kinds: string[]; reason: string };
}

/**
 * A step kind (C5): a module's step that acts on its record. It declares its form, the department
 * function that does it by default, who may do it (and who may not: separation of duties, as data
 * in core/flows/duties.ts), and what completing it does to the record — applied in the same
 * transaction as the task's completion, so the record and the case never disagree.
 */
export interface StepKind {
  /** `<module>.<step>`, e.g. `hazard.assess`. */
  id: string;
  name: string;
  description: string;
  /** Subject types of cases whose record this kind can find (a repair step works on a hazard's repair order). */
  subjectTypes: string[];
  /** Who does it by default (the designer proposes this department). */
  departmentFunction: DepartmentFunction;
  form: Form;
  /** The record this step acts on in a case about `subject`; null: none, and the step is done as a plain task. */
  record(w: Work, subject: CaseSubject): Promise<string | null>;
  /** Before the outputs are accepted: may this person do it now (403/409/422 otherwise). */
  check(ctx: StepContext): Promise<void>;
  /** Completing the task: the change to the record. */
  complete(ctx: StepContext): Promise<StepOutcome | void>;
  /** The record's current state in words, for the case board (one state, shown in both places). */
  describe?(w: Work, recordId: string): Promise<{ code: string; label: string; link: string } | null>;
}

/**
 * A record's own page took a step a case may be waiting for (safety graded the hazard on its page):
 * the case hears of it and completes its task of that kind, so both show one state.
 */
export type RecordStepListener = (w: Work, actor: Actor, subject: CaseSubject, kind: string, facts: unknown) => Promise<void>;

const registries = new WeakMap<Platform, Map<string, StepKind>>();
const listeners = new WeakMap<Platform, RecordStepListener[]>();

export function followRecordSteps(p: Platform, listener: RecordStepListener) {
  listeners.set(p, [...(listeners.get(p) ?? []), listener]);
}

export async function recordStepDone(p: Platform, w: Work, actor: Actor, subject: CaseSubject, kind: string, facts: unknown) {
  for (const l of listeners.get(p) ?? []) await l(w, actor, subject, kind, facts);
}

function registry(p: Platform): Map<string, StepKind> {
  let r = registries.get(p);
  if (!r) registries.set(p, (r = new Map()));
  return r;
}

/** Called by a module in its register(): its step kinds become available to every template. */
export function registerStepKinds(p: Platform, kinds: StepKind[]) {
  for (const k of kinds) registry(p).set(k.id, k);
}

export function stepKind(p: Platform, id: string | null | undefined): StepKind | null {
  return id ? (registry(p).get(id) ?? null) : null;
}

export function stepKinds(p: Platform): StepKind[] {
  return [...registry(p).values()];
}

/** Refuse a step the rules of separation of duties forbid this person, naming the rule. */
export function enforceDuties(step: string, actor: Actor, facts: DutyFacts) {
  const broken = dutyViolation(step, { userId: actor.userId, departmentId: actor.departmentId }, facts);
  if (broken) throw new ForbiddenError(`${broken.message}（${broken.id}）`, 'SEPARATION_OF_DUTIES');
}

/** The public description the designer and the board use. */
export function presentStepKind(k: StepKind) {
  return { id: k.id, name: k.name, description: k.description, subjectTypes: k.subjectTypes, departmentFunction: k.departmentFunction, form: k.form };
}
