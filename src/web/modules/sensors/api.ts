/** Typed calls to /api/v1/sensors (equipment monitoring). */
import { api, request } from '../../platform/api/client';

export type SensorState = 'normal' | 'pending' | 'breached';
export type ThresholdColor = 'blue' | 'yellow' | 'orange' | 'red';

export interface Threshold {
  id: string;
  direction: 'above' | 'below';
  limit: number;
  clearAt: number;
  holdSeconds: number;
  color: ThresholdColor;
  enabled: boolean;
  state: SensorState;
  since: string | null;
}

export interface Sensor {
  id: string;
  code: string;
  name: string;
  equipment: { id: string; code: string; name: string } | null;
  area: { id: string; name: string } | null;
  parameter: string;
  unit: string;
  enabled: boolean;
  lastValue: number | null;
  lastAt: string | null;
  state: SensorState;
  thresholds: Threshold[];
  version: number;
  updatedAt: string;
}

export interface Bucket {
  t: string;
  min: number;
  avg: number;
  max: number;
  n: number;
}

export interface Series {
  from: string;
  to: string;
  bucketSeconds: number;
  buckets: Bucket[];
}

export type ThresholdInput = Omit<Threshold, 'id' | 'state' | 'since'> & { id?: string };

export const sensorApi = {
  list: (signal?: AbortSignal) => api.get<{ items: Sensor[] }>('/sensors', undefined, { signal }),
  get: (id: string, signal?: AbortSignal) => api.get<Sensor>(`/sensors/${encodeURIComponent(id)}`, undefined, { signal }),
  readings: (id: string, q: { from: string; to: string; buckets: number }, signal?: AbortSignal) =>
    api.get<Series>(`/sensors/${encodeURIComponent(id)}/readings`, q, { signal }),
  create: (body: { code: string; name: string; equipmentId: string | null; parameter: string; unit: string }) =>
    request<Sensor>('POST', '/sensors', { body }),
  setThresholds: (id: string, body: { version: number; thresholds: ThresholdInput[] }) =>
    request<Sensor>('PUT', `/sensors/${encodeURIComponent(id)}/thresholds`, { body }),
};
