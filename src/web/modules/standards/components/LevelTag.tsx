import { Tag } from 'antd';
import type { Color } from '../../../../core/standards';
import { COLOR_HEX, textOn } from '../format';

/** A level in its regulatory colour: 重大风险 on red, 一般风险 on yellow … */
export function LevelTag({ color, label, testId }: { color: Color; label: string; testId?: string }) {
  return (
    <Tag
      data-testid={testId}
      data-color={color}
      style={{ background: COLOR_HEX[color], color: textOn(color), borderColor: COLOR_HEX[color], fontWeight: 500, marginInlineEnd: 0 }}
    >
      {label}
    </Tag>
  );
}

/** A small colour swatch with its name. */
export function ColorSwatch({ color, label }: { color: Color; label: string }) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      <span style={{ width: 14, height: 14, borderRadius: 3, background: COLOR_HEX[color], display: 'inline-block' }} />
      {label}
    </span>
  );
}
