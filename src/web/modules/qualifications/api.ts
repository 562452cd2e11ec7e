/** Typed calls to /api/v1/qualification-checks and certificates (人事部's lens). */
import { api } from '../../platform/api/client';
import type { Page } from '../../platform/api/types';

export type CheckStatus = 'pending' | 'confirmed';
export const CHECK_STATUSES: CheckStatus[] = ['pending', 'confirmed'];

export interface CertificateTypeRef {
  type: string;
  name: string;
  short: string;
  basis: string;
}

export interface CertificateView {
  type: string;
  name: string;
  short: string;
  certNo: string;
  issuedBy: string;
  issuedOn: string;
  expiresOn: string;
  status: 'valid' | 'expiring' | 'expired';
  required?: boolean;
}

export interface OperatorView {
  user: { id: string; displayName: string; position: string | null; employeeNo: string | null; department: string | null };
  qualified: boolean;
  missing: CertificateTypeRef[];
  expired: CertificateView[];
  expiringSoon: CertificateView[];
  certificates: CertificateView[];
}

export interface CheckResult {
  checkedOn: string;
  equipment: { id: string; code: string; name: string; category: string; area: string | null };
  required: CertificateTypeRef[];
  operatorCount: number;
  qualifiedCount: number;
  operators: OperatorView[];
}

export interface QualificationCheck {
  id: string;
  status: CheckStatus;
  hazard: { id: string; code: string; title: string; status: string };
  equipment: { id: string; code: string; name: string; category: string; area: string | null };
  operatorCount: number;
  qualifiedCount: number;
  summary: string;
  result: CheckResult;
  note: string | null;
  confirmedBy: { id: string; displayName: string } | null;
  confirmedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  can: { confirm: boolean };
}

export interface CheckListQuery {
  status?: CheckStatus;
  page: number;
  pageSize: number;
}

export const qualificationApi = {
  list: (q: CheckListQuery, signal?: AbortSignal) => api.get<Page<QualificationCheck>>('/qualification-checks', { ...q }, { signal }),
  get: (id: string, signal?: AbortSignal) => api.get<QualificationCheck>(`/qualification-checks/${encodeURIComponent(id)}`, undefined, { signal }),
  confirm: (id: string, body: { version: number; note?: string }) =>
    api.post<QualificationCheck>(`/qualification-checks/${encodeURIComponent(id)}/confirm`, body),
};
