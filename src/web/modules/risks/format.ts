/** Presentation of risk data: map colours, labels of the fixed vocabularies. */
import type { Color } from '../../../core/standards';
import { COLOR_HEX } from '../standards/format';

/** Areas without an assessed risk point. */
export const GREY = '#aab2bd';

/** The four colours of 安委办〔2016〕11号 as drawn everywhere in the app; grey for none. */
export function mapColor(color: Color | null | undefined): string {
  return color ? COLOR_HEX[color] : GREY;
}

export { COLOR_HEX };

/** "LEC D = 126" / "LS R = 12". */
export function scoreText(method: 'lec' | 'ls', score: number): string {
  return method === 'lec' ? `LEC D = ${score}` : `LS R = ${score}`;
}

/** "L3 × E6 × C7" / "L3 × S4". */
export function factorsText(method: 'lec' | 'ls', input: Record<string, number>): string {
  const keys = method === 'lec' ? ['l', 'e', 'c'] : ['l', 's'];
  return keys.map((k) => `${k.toUpperCase()}${input[k]}`).join(' × ');
}
