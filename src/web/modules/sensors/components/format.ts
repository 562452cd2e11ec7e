import type { TFunction } from 'i18next';
import type { Sensor, Threshold } from '../api';

/** Readings keep the digits they came with; long fractions are cut to what a display shows. */
export function fmtValue(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return String(Math.round(v * 1000) / 1000);
}

/** The parameters the pages name, with the unit a new sensor of that kind usually reports in. */
export const PARAMETER_UNITS: Record<string, string> = {
  dust_mg_m3: 'mg/m³', temperature: '°C', vibration_mm_s: 'mm/s', noise_db: 'dB(A)', gas_lel: '%LEL', pressure_mpa: 'MPa', humidity: '%RH', current_a: 'A',
};

export function parameterName(t: TFunction, s: Pick<Sensor, 'parameter'>): string {
  return t(`sensors.parameter.${s.parameter}` as 'sensors.parameter.temperature', { defaultValue: s.parameter });
}

export function thresholdText(t: TFunction, s: Pick<Sensor, 'unit'>, th: Threshold): string {
  return t('sensors.thresholdText', {
    direction: t(`sensors.direction.${th.direction}`),
    limit: fmtValue(th.limit),
    unit: s.unit,
    color: t(`sensors.color.${th.color}`),
  });
}

/** The colour antd tags and chart lines use for a warning colour. */
/** antd preset tag colours for the four warning colours (readable text on a tinted background). */
export const COLOR_TAG: Record<Threshold['color'], string> = { blue: 'blue', yellow: 'gold', orange: 'orange', red: 'red' };
export const COLOR_HEX: Record<Threshold['color'], string> = { blue: '#1677ff', yellow: '#d4b106', orange: '#fa8c16', red: '#f5222d' };
