/** Shapes of the warning-linkage (C7) resources as /api/v1/warnings/* sends them (issue-5 contract). */

import { EVENT_TYPES, LEVEL_OF_COLOR, SOURCE_KINDS, WARNING_COLORS, type EventType, type SourceKind, type WarningColor, type WarningLevel } from '../../../core/warnings/levels';

// the shared vocabulary (pure data, no parser): colours IV→I, event types, where a warning came from
export { EVENT_TYPES, SOURCE_KINDS, WARNING_COLORS };
export type { EventType, SourceKind, WarningColor, WarningLevel };
export const LEVEL_OF: Record<WarningColor, WarningLevel> = LEVEL_OF_COLOR;
/** Display colours of the four warning signals (the national colours, readable on white). */
export const COLOR_HEX: Record<WarningColor, string> = { red: '#e53935', orange: '#fb8c00', yellow: '#f9c80e', blue: '#1e88e5' };
/** Text colour on the signal colour: yellow needs dark text. */
export const COLOR_TEXT: Record<WarningColor, string> = { red: '#fff', orange: '#fff', yellow: '#3d3300', blue: '#fff' };

export const CAP_STATUSES = ['Actual', 'Exercise', 'Test', 'System', 'Draft'] as const;
export type CapStatus = (typeof CAP_STATUSES)[number];
export type MsgType = 'Alert' | 'Update' | 'Cancel';

export const WARNING_STATES = ['active', 'cancelled', 'closed', 'expired'] as const;
export type WarningState = (typeof WARNING_STATES)[number];
export type LoopState = 'none' | 'open' | 'closed';

export const RESPONSE_STATES = ['instructed', 'acknowledged', 'reported', 'overdue', 'stood_down'] as const;
export type ResponseState = (typeof RESPONSE_STATES)[number];
/** Response states in which the department still owes an answer. */
export const PENDING_RESPONSE: ResponseState[] = ['instructed', 'acknowledged', 'overdue'];

export interface PersonRef {
  id: string;
  name: string;
}

export interface WarningPhoto {
  id: string;
  name: string;
  url: string;
  thumbUrl?: string | null;
  mime?: string;
}

export interface WarningResponseSummary {
  departmentId: string;
  departmentName: string;
  state: ResponseState;
}

export interface WarningResponse extends WarningResponseSummary {
  id: string;
  instruction: string;
  instructedAt?: string;
  dueAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: PersonRef | null;
  reportedAt: string | null;
  reportedBy: PersonRef | null;
  measures: string | null;
  photos: WarningPhoto[];
  overdueAt: string | null;
  escalatedAt: string | null;
  canAct: boolean;
  version: number;
}

export interface WarningSummary {
  id: string;
  identifier: string;
  sourceKind: SourceKind;
  sourceName: string | null;
  status: CapStatus;
  msgType: MsgType;
  eventType: EventType;
  /** The event as the source words it, e.g. 暴雨. */
  event: string;
  color: WarningColor;
  level: WarningLevel;
  headline: string;
  areaDesc: string | null;
  effective: string | null;
  expires: string | null;
  sentAt: string;
  state: WarningState;
  loop: LoopState;
  responses: WarningResponseSummary[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface WarningMessage {
  identifier: string;
  msgType: MsgType | 'Ack' | 'Error';
  status: CapStatus;
  sentAt: string;
  receivedAt: string;
}

export interface WarningDetail extends Omit<WarningSummary, 'responses'> {
  description: string | null;
  instruction: string | null;
  sender: string | null;
  senderName: string | null;
  areaId: string | null;
  equipmentId: string | null;
  sensorId: string | null;
  neighbourName: string | null;
  references: string | null;
  messages: WarningMessage[];
  responses: WarningResponse[];
  matchedRules: { id: string; name: string }[];
  flowInstanceId: string | null;
  closedAt: string | null;
  cancelledAt: string | null;
  areaName?: string | null;
  photos?: WarningPhoto[];
  hazardId?: string | null;
  clearedAt?: string | null;
  /** Each rise of a sensor warning's colour during its excursion. */
  colorRises?: { from: WarningColor; to: WarningColor; at: string; value: number }[];
  cancelReason?: string | null;
  /** What the user may do (the server decides; absent → the pages fall back to the permission). */
  can?: { cancel: boolean };
}

export interface WarningListQuery {
  state?: WarningState;
  sourceKind?: SourceKind;
  status?: CapStatus;
  /** ISO instants: sent at or after `from`, before `to`. */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export interface RaiseBody {
  sourceKind: 'manual' | 'neighbour';
  eventType: EventType;
  color: WarningColor;
  title: string;
  description?: string;
  areaId?: string;
  neighbourName?: string;
  photos?: string[];
  /** Departments to instruct besides those the rules name. */
  departmentIds?: string[];
}

/** What the linkage rules would do with a warning about to be raised. */
export interface LinkagePreview {
  rules: { id: string; name: string }[];
  departments: { departmentId: string; departmentName: string | null; instruction: string; responseHours: number; rules: string[] }[];
}
export type LinkagePreviewQuery = Pick<RaiseBody, 'sourceKind' | 'eventType' | 'color' | 'areaId'>;

/** A linkage rule (core LinkageRuleDef) as stored: edits carry the version they read. */
export interface LinkageRule {
  id: string;
  name: string;
  enabled: boolean;
  when: { sourceKinds: SourceKind[]; eventTypes: EventType[]; minColor: WarningColor; areaIds: string[] };
  instruct: { departmentId: string; instruction: string; departmentName?: string | null }[];
  responseHours: number;
  escalateAfterHours: number;
  raiseHazard: boolean;
  flowTemplateKey: string | null;
  version?: number;
  updatedAt?: string;
}
export type RuleBody = Omit<LinkageRule, 'id' | 'updatedAt'>;

/** Where CAP messages come from: pushed with an API key, or polled from a feed URL. */
export const SOURCE_RECORD_KINDS = ['cap', 'neighbour'] as const;
export type SourceRecordKind = (typeof SOURCE_RECORD_KINDS)[number];

export interface WarningSource {
  id: string;
  kind: SourceRecordKind;
  name: string;
  hasKey: boolean;
  keyPrefix: string | null;
  keyIssuedAt: string | null;
  senderAllowlist: string[];
  feedUrl: string | null;
  pollSeconds: number;
  enabled: boolean;
  lastPolledAt: string | null;
  lastPollError: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}
export interface SourceFields {
  name: string;
  senderAllowlist: string[];
  feedUrl: string | null;
  pollSeconds: number;
  enabled: boolean;
}
export type NewSourceBody = SourceFields & { kind: SourceRecordKind };
export type SourcePatchBody = Partial<SourceFields> & { version: number };

/** A refused message (malformed, sender not allowed …), kept with its raw text. */
export interface QuarantineItem {
  id: string;
  sourceId: string | null;
  sourceName: string | null;
  /** The error code, e.g. CAP_INVALID, CAP_SENDER_NOT_ALLOWED. */
  reason: string;
  message: string;
  details: { path: string; message: string }[] | null;
  identifier: string | null;
  sender: string | null;
  raw: string;
  receivedAt: string;
}
