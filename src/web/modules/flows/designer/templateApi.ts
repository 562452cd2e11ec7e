/** Typed calls to /api/v1/flows/templates and /flows/departments, and their query hooks (the designer's own). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../platform/api/client';
import type { FlowTemplate, TemplateCategory, TemplateStep } from '../types';
import type { TemplateSource } from './model';

export const TEMPLATE_CATEGORIES = ['collaboration', 'hazard', 'emergency', 'inspection', 'school', 'park'] as const satisfies readonly TemplateCategory[];
export type { FlowTemplate, TemplateCategory, TemplateStep };

export interface TemplateVersion {
  id: string;
  version: number;
  createdAt: string;
  createdBy: { id: string; displayName: string } | null;
}

export interface FlowDepartment {
  id: string;
  code: string;
  name: string;
}

export interface TemplateDetail extends FlowTemplate {
  versions: TemplateVersion[];
  departments: FlowDepartment[];
}

/** What a save sends: the template's fields and its definition. */
export type TemplateBody = TemplateSource;

export const templateApi = {
  list: (signal?: AbortSignal) => api.get<{ items: FlowTemplate[] }>('/flows/templates', undefined, { signal }),
  get: (id: string, signal?: AbortSignal) => api.get<TemplateDetail>(`/flows/templates/${encodeURIComponent(id)}`, undefined, { signal }),
  create: (body: TemplateBody) => api.post<FlowTemplate>('/flows/templates', body),
  newVersion: (id: string, body: TemplateBody & { baseVersion: number }) =>
    api.post<FlowTemplate>(`/flows/templates/${encodeURIComponent(id)}/versions`, body),
  departments: (signal?: AbortSignal) => api.get<{ items: FlowDepartment[] }>('/flows/departments', undefined, { signal }),
};

export const designerKeys = {
  all: ['flowDesigner'] as const,
  list: () => [...designerKeys.all, 'templates'] as const,
  detail: (id: string) => [...designerKeys.all, 'template', id] as const,
  departments: () => [...designerKeys.all, 'departments'] as const,
};

export function useTemplateList() {
  return useQuery({ queryKey: designerKeys.list(), queryFn: ({ signal }) => templateApi.list(signal) });
}

export function useTemplate(id: string | null) {
  return useQuery({
    queryKey: designerKeys.detail(id ?? ''),
    queryFn: ({ signal }) => templateApi.get(id!, signal),
    enabled: !!id,
    // the designer holds unsaved edits: no refetch behind its back (a refetch of the same
    // version only refreshes the version list; the working copy is made once per version)
    refetchOnWindowFocus: false,
  });
}

export function useFlowDepartments() {
  return useQuery({ queryKey: designerKeys.departments(), queryFn: ({ signal }) => templateApi.departments(signal), staleTime: 10 * 60_000 });
}

/** New template (no id) or the next version of an existing one. */
export function useSaveTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string | null; baseVersion: number | null; body: TemplateBody }) =>
      v.id ? templateApi.newVersion(v.id, { ...v.body, baseVersion: v.baseVersion ?? 0 }) : templateApi.create(v.body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: designerKeys.all });
      // the collaboration pages' own template queries, whatever their keys below 'flows'
      void qc.invalidateQueries({ queryKey: ['flows'] });
    },
  });
}
