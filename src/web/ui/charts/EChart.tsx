/**
 * One ECharts instance in a div: created on mount, resized with its box, disposed on unmount.
 * `onFinished` fires once the chart has drawn the current option (animations included), which is
 * how the page knows it is fully drawn. `onReady` hands out the instance (e.g. for pixel positions).
 */
import { useEffect, useRef } from 'react';
import { echarts, type EChartsOption } from './echarts';

export interface EChartProps {
  option: EChartsOption | null;
  height: number;
  testId: string;
  onClick?: (params: echarts.ECElementEvent) => void;
  /** A click anywhere on the chart, in pixels of the chart (e.g. a whole category band). */
  onPixelClick?: (chart: echarts.ECharts, x: number, y: number) => void;
  onFinished?: (chart: echarts.ECharts) => void;
  /** Number of data points shown (a data attribute, for tests and for "is there anything"). */
  points?: number;
}

export function EChart({ option, height, testId, onClick, onPixelClick, onFinished, points }: EChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const handlers = useRef({ onClick, onPixelClick, onFinished });
  handlers.current = { onClick, onPixelClick, onFinished };
  const pending = useRef(false);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => handlers.current.onClick?.(p as echarts.ECElementEvent));
    c.getZr().on('click', (e) => handlers.current.onPixelClick?.(c, e.offsetX, e.offsetY));
    c.on('finished', () => {
      if (!pending.current) return;
      pending.current = false;
      handlers.current.onFinished?.(c);
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c || !option) return;
    pending.current = true;
    c.setOption(option, true);
  }, [option]);

  return (
    <div
      ref={el}
      style={{ width: '100%', height, cursor: onClick || onPixelClick ? 'pointer' : undefined }}
      data-testid={testId}
      data-points={points ?? 0}
    />
  );
}
