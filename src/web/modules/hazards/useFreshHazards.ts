/**
 * Hazards created while the list is open: remembered briefly so their rows can be highlighted,
 * and counted for the "有 N 条新隐患" notice until the user dismisses it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useRealtimeEvents } from '../../platform/realtime/RealtimeProvider';

const HIGHLIGHT_MS = 15_000;

export function useFreshHazards() {
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [count, setCount] = useState(0);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  useRealtimeEvents((event) => {
    if (event.type !== 'hazard.created' || !event.subjectId) return;
    const id = event.subjectId;
    if (timers.current.has(id)) return;
    setCount((n) => n + 1);
    setFresh((s) => new Set(s).add(id));
    timers.current.set(
      id,
      setTimeout(() => {
        timers.current.delete(id);
        setFresh((s) => {
          const next = new Set(s);
          next.delete(id);
          return next;
        });
      }, HIGHLIGHT_MS),
    );
  });

  useEffect(() => {
    const map = timers.current;
    return () => map.forEach((timer) => clearTimeout(timer));
  }, []);

  const dismiss = useCallback(() => setCount(0), []);
  return { fresh, count, dismiss };
}
