/** Typed calls to /api/v1/warnings (warnings, department responses, linkage rules, sources, quarantine). */
import { api, request } from '../../platform/api/client';
import type { Items, Page } from '../../platform/api/types';
import type {
  LinkagePreview,
  LinkagePreviewQuery,
  LinkageRule,
  QuarantineItem,
  RaiseBody,
  NewSourceBody,
  RuleBody,
  SourcePatchBody,
  WarningDetail,
  WarningListQuery,
  WarningSource,
  WarningSummary,
} from './types';

const enc = encodeURIComponent;

export const warningApi = {
  list: (q: WarningListQuery, signal?: AbortSignal) => api.get<Pick<Page<WarningSummary>, 'items' | 'total'>>('/warnings', { ...q }, { signal }),
  get: (id: string, signal?: AbortSignal) => api.get<WarningDetail>(`/warnings/${enc(id)}`, undefined, { signal }),
  raise: (body: RaiseBody, idempotencyKey: string) => api.post<WarningDetail>('/warnings', body, { headers: { 'Idempotency-Key': idempotencyKey } }),
  preview: (q: LinkagePreviewQuery, signal?: AbortSignal) => api.get<LinkagePreview>('/warnings/linkage-preview', { ...q }, { signal }),
  acknowledge: (id: string, responseId: string, body: { version: number }) =>
    api.post<WarningDetail>(`/warnings/${enc(id)}/responses/${enc(responseId)}/acknowledge`, body),
  measures: (id: string, responseId: string, body: { version: number; measures: string; photos?: string[] }) =>
    api.post<WarningDetail>(`/warnings/${enc(id)}/responses/${enc(responseId)}/measures`, body),
  cancel: (id: string, body: { version: number; reason: string }) => api.post<WarningDetail>(`/warnings/${enc(id)}/cancel`, body),

  rules: (signal?: AbortSignal) => api.get<Items<LinkageRule>>('/warnings/rules', undefined, { signal }).then((r) => r.items),
  createRule: (body: RuleBody) => api.post<LinkageRule>('/warnings/rules', body),
  updateRule: (id: string, body: RuleBody) => request<LinkageRule>('PUT', `/warnings/rules/${enc(id)}`, { body }),
  deleteRule: (id: string, version?: number) =>
    request<void>('DELETE', `/warnings/rules/${enc(id)}`, { query: version === undefined ? undefined : { version } }),

  sources: (signal?: AbortSignal) => api.get<Items<WarningSource>>('/warnings/sources', undefined, { signal }).then((r) => r.items),
  createSource: (body: NewSourceBody) => api.post<WarningSource>('/warnings/sources', body),
  updateSource: (id: string, body: SourcePatchBody) => api.patch<WarningSource>(`/warnings/sources/${enc(id)}`, body),
  /** The key is in this answer only (the server keeps its hash). */
  issueKey: (id: string) => api.post<{ key: string; keyPrefix: string; source: WarningSource }>(`/warnings/sources/${enc(id)}/keys`, {}),
  quarantine: (q: { page: number; pageSize: number }, signal?: AbortSignal) => api.get<Page<QuarantineItem>>('/warnings/quarantine', { ...q }, { signal }),
};
