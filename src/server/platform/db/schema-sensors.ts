import type { ColumnType, Generated } from 'kysely';

/** Kysely table types of the sensors module. They mirror its SQL migrations, which are the source of truth. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface SensorsTable {
  tenant_id: string;
  id: Generated<string>;
  code: string;
  name: string;
  equipment_id: string | null;
  area_id: string | null;
  parameter: string;
  unit: Generated<string>;
  enabled: Generated<boolean>;
  last_value: number | null;
  last_at: NullableTimestamp;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SensorThresholdsTable {
  tenant_id: string;
  id: Generated<string>;
  sensor_id: string;
  direction: 'above' | 'below';
  limit: number;
  clear_at: number;
  hold_seconds: Generated<number>;
  color: 'blue' | 'yellow' | 'orange' | 'red';
  enabled: Generated<boolean>;
  sort: Generated<number>;
}

export interface SensorStatesTable {
  tenant_id: string;
  threshold_id: string;
  sensor_id: string;
  phase: Generated<'normal' | 'pending' | 'breached'>;
  since: NullableTimestamp;
  last_value: number | null;
  last_at: NullableTimestamp;
  warning_identifier: string | null;
  changed_at: Timestamp;
}

export interface SensorReadingsTable {
  tenant_id: string;
  sensor_id: string;
  at: Timestamp;
  value: number;
}

export interface SensorsTables {
  sensors: SensorsTable;
  sensor_thresholds: SensorThresholdsTable;
  sensor_states: SensorStatesTable;
  sensor_readings: SensorReadingsTable;
}
