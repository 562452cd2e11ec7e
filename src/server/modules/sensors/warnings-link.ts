import type { Platform } from '../../platform/platform.js';
import type { Work } from '../../platform/work.js';
import { WarningService } from '../warnings/service.js';
import type { ThresholdColor } from '../../../core/sensors/threshold.js';

export interface SensorWarning {
  sourceKind: 'sensor';
  identifier: string;
  eventType: 'equipment';
  color: ThresholdColor;
  title: string;
  description?: string;
  areaId: string | null;
  equipmentId: string | null;
  sensorId: string;
}

/**
 * What the sensors module needs of the warnings module (C7): one warning per excursion of a sensor,
 * its colour raised when a higher threshold is crossed, cleared when the excursion ends.
 */
export interface WarningLink {
  raise(work: Work, input: SensorWarning): Promise<unknown>;
  rise(work: Work, input: SensorWarning & { at: Date; value: number }): Promise<unknown>;
  markCleared(work: Work, identifier: string): Promise<void>;
}

/** Through the warnings module's service, inside the ingestion's unit of work (one transaction). */
export function warningLink(p: Platform): WarningLink {
  const service = new WarningService(p);
  return {
    raise: (work, input) => service.raise(work, input),
    rise: (work, input) => service.riseColor(work, input.identifier, { color: input.color, title: input.title, description: input.description, at: input.at, value: input.value }),
    markCleared: (work, identifier) => service.markCleared(work, identifier),
  };
}
