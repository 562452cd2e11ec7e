/** Typed calls to /api/v1/standards. */
import { api, request } from '../../platform/api/client';
import type { EvaluationKind, EvaluationOutputs, FieldIssue, IntakeForm, IntakeMapping, StandardsDocument, StandardsSection } from '../../../core/standards';
import type { Ref } from '../../platform/api/types';

export interface StandardsView {
  version: number;
  current: boolean;
  currentVersion: number;
  document: StandardsDocument;
  /** Sections this version was stored without: they follow the national defaults. */
  defaultedSections: StandardsSection[];
  note: string;
  createdAt: string;
  createdBy: { id: string; displayName: string } | null;
  can: { manage: boolean };
}

export interface BrokenMapping {
  id: string;
  name: string;
  department: Ref;
  issues: FieldIssue[];
}

export interface SavedStandards extends StandardsView {
  compatibility: { broken: BrokenMapping[] };
}

export interface VersionItem {
  version: number;
  note: string;
  createdAt: string;
  createdBy: { id: string; displayName: string } | null;
  current: boolean;
}

export interface MappingView {
  id: string;
  department: Ref;
  name: string;
  description: string;
  form: IntakeForm;
  mapping: IntakeMapping;
  enabled: boolean;
  standardsVersion: number;
  compatible: boolean;
  issues: FieldIssue[];
  createdAt: string;
  updatedAt: string;
  version: number;
  can: { manage: boolean };
}

export interface CompatibilityItem {
  mappingId: string;
  name: string;
  department: Ref;
  standardsVersion: number;
  compatible: boolean;
  issues: FieldIssue[];
}

export interface CompatibilityReport {
  standardsVersion: number;
  checkedAt: string;
  broken: number;
  items: CompatibilityItem[];
}

export const standardsApi = {
  current: (signal?: AbortSignal) => api.get<StandardsView>('/standards', undefined, { signal }),
  version: (version: number, signal?: AbortSignal) => api.get<StandardsView>(`/standards/versions/${version}`, undefined, { signal }),
  versions: (signal?: AbortSignal) => api.get<{ current: number; items: VersionItem[] }>('/standards/versions', undefined, { signal }),
  save: (body: { version: number; document: StandardsDocument; note?: string }) => request<SavedStandards>('PUT', '/standards', { body }),
  evaluate: <K extends EvaluationKind>(kind: K, input: Record<string, unknown>) =>
    api.post<EvaluationOutputs[K] & { version: number }>('/standards/evaluate', { kind, input }),
  mappings: (signal?: AbortSignal) => api.get<{ standardsVersion: number; items: MappingView[] }>('/standards/mappings', undefined, { signal }),
  editMapping: (id: string, patch: { version: number; enabled?: boolean }) => api.patch<MappingView>(`/standards/mappings/${encodeURIComponent(id)}`, patch),
  compatibility: (signal?: AbortSignal) => api.get<CompatibilityReport>('/standards/compatibility', undefined, { signal }),
};
