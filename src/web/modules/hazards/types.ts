/**
 * The closed-loop parts of a hazard (评估定级 → 整改派发 → 整改 → 验收 → 销号) as the server sends
 * them with GET /hazards/:id, the list and the major-hazard register.
 */
import type { Hazard, Ref, StoredFile } from '../../platform/api/types';

export type RiskColor = 'red' | 'orange' | 'yellow' | 'blue';
export type RiskMethod = 'lec' | 'ls';
export type LoopAction = 'assess' | 'dispatch' | 'submit' | 'pass' | 'reject';

export interface UserRef {
  id: string;
  displayName: string;
}

export interface HazardAssessment {
  grade: 'general' | 'major';
  potentialDeaths: number | null;
  directLossYuan: number | null;
  riskMethod: RiskMethod | null;
  riskInput: Record<string, number> | null;
  riskScore: number | null;
  riskLevel: string | null;
  riskColor: RiskColor | null;
  standardsVersion: number | null;
  basis: string | null;
  at: string | null;
}

export interface HazardRectification {
  responsibleUser: UserRef | null;
  measures: string | null;
  budgetYuan: number | null;
  supervisor: UserRef | null;
  dispatchedAt: string;
  note: string | null;
  afterPhotos: StoredFile[];
  rectifiedAt: string | null;
  rejectCount: number;
}

export interface TimelineEntry {
  action: LoopAction | string;
  from: string | null;
  to: string | null;
  actorName: string | null;
  at: string;
  basis: string | null;
  data: unknown;
}

export interface HazardCan {
  edit: boolean;
  assess: boolean;
  dispatch: boolean;
  submit: boolean;
  verify: boolean;
}

/** A hazard with its loop state; list items and register rows come without photos and timeline. */
export interface LoopHazard extends Hazard {
  responsibleDepartment: Ref | null;
  deadline: string | null;
  overdue: boolean;
  assessment: HazardAssessment | null;
  rectification: HazardRectification | null;
  timeline: TimelineEntry[];
  assessedAt: string | null;
  closedAt: string | null;
  can: HazardCan;
}

/** GET /users?departmentId=: people to make responsible or supervising. */
export interface StaffMember {
  id: string;
  displayName: string;
  departmentId: string | null;
  position: string | null;
  roles: string[];
}

export type RiskInput = { method: 'lec'; l: number; e: number; c: number } | { method: 'ls'; l: number; s: number };

export interface AssessBody {
  version: number;
  grade?: 'general' | 'major';
  potentialDeaths?: number;
  directLossYuan?: number;
  risk?: RiskInput;
  basis: string;
}

export interface DispatchBody {
  version: number;
  responsibleDepartmentId: string;
  responsibleUserId: string;
  deadline: string;
  measures: string;
  budgetYuan?: number;
  supervisorId?: string;
}

export interface SubmitBody {
  version: number;
  note: string;
  afterPhotos: string[];
}

export interface VerifyBody {
  version: number;
  result: 'pass' | 'reject';
  comment?: string;
}
