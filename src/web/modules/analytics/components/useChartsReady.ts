/**
 * Whether every chart of a page has drawn its data: each chart reports its first 'finished' event
 * by name. The page root carries the answer as data-ready (what the browser test and the P8 bench
 * wait for).
 */
import { useCallback, useMemo, useState } from 'react';
import type { echarts } from '../../../ui/charts/echarts';

export function useChartsReady(names: readonly string[]) {
  const [done, setDone] = useState<ReadonlySet<string>>(() => new Set());
  const finished = useMemo(
    () => Object.fromEntries(names.map((n) => [n, (_c: echarts.ECharts) => setDone((s) => (s.has(n) ? s : new Set(s).add(n)))])) as Record<string, (c: echarts.ECharts) => void>,
    [names.join()],
  );
  const allDone = names.every((n) => done.has(n));
  return { finished, allDone, reset: useCallback(() => setDone(new Set()), []) };
}
