/**
 * Thresholds of the rainstorm signal, 气象灾害预警信号及防御指南 (中国气象局令第16号, 2007), 暴雨预警信号:
 * 蓝色 50 mm in 12 h, 黄色 50 mm in 6 h, 橙色 50 mm in 3 h, 红色 100 mm in 3 h (forecast to reach, or
 * already reached with rain continuing). Kept as data so a sensor rule and the docs quote the same numbers.
 */
import type { WarningColor } from './levels.js';

export interface RainThreshold {
  color: WarningColor;
  mm: number;
  hours: number;
}

/** Most severe first. */
export const RAINSTORM_THRESHOLDS: readonly RainThreshold[] = [
  { color: 'red', mm: 100, hours: 3 },
  { color: 'orange', mm: 50, hours: 3 },
  { color: 'yellow', mm: 50, hours: 6 },
  { color: 'blue', mm: 50, hours: 12 },
];

/**
 * The signal an observed rainfall reaches: `mm` fell within `hours`. Rain measured over a window no
 * longer than a threshold's meets it when the amount reaches the threshold's millimetres.
 */
export function rainstormColorFor(mm: number, hours: number): WarningColor | null {
  if (!(mm >= 0) || !(hours > 0)) return null;
  return RAINSTORM_THRESHOLDS.find((t) => hours <= t.hours && mm >= t.mm)?.color ?? null;
}
