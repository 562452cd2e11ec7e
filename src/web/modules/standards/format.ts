/** Presentation of standards data: colours, ranges and amounts. */
import type { Color, LecBand, LsBand } from '../../../core/standards';

/** The four colours as drawn on risk maps and matrices. */
export const COLOR_HEX: Record<Color, string> = {
  red: '#e8363b',
  orange: '#f5862a',
  yellow: '#f7d528',
  blue: '#2f74e8',
};

/** Readable text on a colour: dark on yellow, white elsewhere. */
export function textOn(color: Color): string {
  return color === 'yellow' ? 'rgba(0, 0, 0, 0.85)' : '#fff';
}

export function lecRange(b: Pick<LecBand, 'gt' | 'lte'>): string {
  if (b.gt === null && b.lte === null) return 'D';
  if (b.gt === null) return `D ≤ ${b.lte}`;
  if (b.lte === null) return `D > ${b.gt}`;
  return `${b.gt} < D ≤ ${b.lte}`;
}

export function lsRange(b: Pick<LsBand, 'min' | 'max'>): string {
  return b.min === b.max ? String(b.min) : `${b.min}–${b.max}`;
}

/** 500000 → "50 万元", 100000000 → "1 亿元" (zh); "CNY 500,000" (en). */
export function formatYuan(n: number, locale: string): string {
  if (!locale.startsWith('zh')) return `CNY ${n.toLocaleString('en-US')}`;
  if (n >= 1e8 && n % 1e6 === 0) return `${n / 1e8} 亿元`;
  if (n >= 1e4 && n % 100 === 0) return `${n / 1e4} 万元`;
  return `${n.toLocaleString('zh-CN')} 元`;
}
