/** Typed calls to the risk API: risk points, site plan, area outlines, the four-colour map. */
import { api, request, uuid } from '../../platform/api/client';
import type { Page, Ref } from '../../platform/api/types';
import type { AccidentType, ControlKind, ManagementLevel, Point, RiskPointKind } from '../../../core/risks';
import type { Color } from '../../../core/standards';

export interface RiskAssessment {
  method: 'lec' | 'ls';
  input: Record<string, number>;
  score: number;
  level: string;
  label: string;
  color: Color;
  riskLevel: string;
  riskLevelLabel: string;
  standardsVersion: number;
  assessedBy: { id: string; displayName: string } | null;
  assessedAt: string;
}

export interface RiskPoint {
  id: string;
  code: string;
  name: string;
  kind: RiskPointKind;
  area: Ref & { code: string };
  equipment: { id: string; code: string; name: string } | null;
  hazardFactors: string;
  accidentTypes: AccidentType[];
  assessment: RiskAssessment;
  controls: Record<ControlKind, string>;
  managementLevel: ManagementLevel;
  department: Ref;
  responsibleUser: { id: string; displayName: string; position: string | null } | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  can: { edit: boolean };
}

export type RiskPointList = Page<RiskPoint> & { can: { manage: boolean } };

export type RiskSort = 'code' | '-code' | 'score' | '-score' | 'updatedAt' | '-updatedAt';

export interface RiskListQuery {
  page?: number;
  pageSize?: number;
  areaId?: string;
  departmentId?: string;
  /** comma separated */
  color?: string;
  kind?: RiskPointKind;
  managementLevel?: ManagementLevel;
  q?: string;
  sort?: RiskSort;
}

export interface AssessmentBody {
  method: 'lec' | 'ls';
  l?: number;
  e?: number;
  c?: number;
  s?: number;
}

export interface RiskPointBody {
  name: string;
  kind: RiskPointKind;
  areaId?: string;
  equipmentId?: string | null;
  hazardFactors?: string;
  accidentTypes?: AccidentType[];
  assessment: AssessmentBody;
  controls?: Partial<Record<ControlKind, string>>;
  managementLevel?: ManagementLevel;
  departmentId: string;
  responsibleUserId?: string | null;
}

export type RiskPointPatch = Partial<RiskPointBody> & { version: number };

export interface SitePlan {
  fileId: string;
  url: string;
  width: number;
  height: number;
  name: string;
  updatedAt: string;
  updatedBy: { id: string; displayName: string } | null;
}

export interface MapHazard {
  id: string;
  code: string;
  title: string;
  grade: 'general' | 'major' | null;
  status: string;
  position: Point | null;
}

export interface MapArea {
  id: string;
  code: string;
  name: string;
  kind: string;
  polygon: Point[] | null;
  color: Color | null;
  colorLabel: string | null;
  riskPoints: number;
  counts: Record<Color, number>;
  openHazards: MapHazard[];
}

export interface RiskMap {
  sitePlan: { url: string; width: number; height: number } | null;
  legend: { color: Color; level: string; label: string }[];
  standardsVersion: number;
  areas: MapArea[];
  hazardsWithoutArea: number;
  hazardsTruncated: boolean;
  can: { manage: boolean };
}

export interface StaffMember {
  id: string;
  displayName: string;
  departmentId: string | null;
  position: string | null;
}

export const riskApi = {
  list: (q: RiskListQuery, signal?: AbortSignal) => api.get<RiskPointList>('/risk-points', { ...q }, { signal }),
  get: (id: string, signal?: AbortSignal) => api.get<RiskPoint>(`/risk-points/${encodeURIComponent(id)}`, undefined, { signal }),
  create: (body: RiskPointBody) => api.post<RiskPoint>('/risk-points', body, { headers: { 'Idempotency-Key': uuid() } }),
  update: (id: string, patch: RiskPointPatch) => api.patch<RiskPoint>(`/risk-points/${encodeURIComponent(id)}`, patch),
  qrUrl: (id: string) => `/api/v1/risk-points/${encodeURIComponent(id)}/qr.svg`,
  map: (signal?: AbortSignal) => api.get<RiskMap>('/risk-map', undefined, { signal }),
  sitePlan: (signal?: AbortSignal) => api.get<{ sitePlan: SitePlan | null; can: { manage: boolean } }>('/site-plan', undefined, { signal }),
  setSitePlan: (fileId: string) => request<{ sitePlan: SitePlan; rescaledAreas: number }>('PUT', '/site-plan', { body: { fileId } }),
  setPolygon: (areaId: string, points: Point[] | null) =>
    request<{ id: string; polygon: Point[] | null }>('PUT', `/areas/${encodeURIComponent(areaId)}/polygon`, { body: { points } }),
  staff: (departmentId: string, signal?: AbortSignal) =>
    api.get<{ items: StaffMember[] }>('/users', { departmentId }, { signal }).then((r) => r.items),
};
