/** A sensor's state changed (normal ↔ pending, breach cleared): browsers refresh its row and chart. */
export const SENSOR_UPDATED = 'sensor.updated';
/** A threshold of the sensor was breached (the warning itself comes as warning.updated). */
export const SENSOR_BREACH = 'sensor.breach';

export interface SensorEventPayload {
  code: string;
  phase: 'normal' | 'pending' | 'breached';
  value: number | null;
}
