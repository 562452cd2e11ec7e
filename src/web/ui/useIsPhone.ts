import { useSyncExternalStore } from 'react';

/** Phones (and narrow windows) get the field layout: below antd's `md` breakpoint (768 px). */
const QUERY = '(max-width: 767.98px)';

function subscribe(onChange: () => void): () => void {
  const mq = window.matchMedia(QUERY);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

export function useIsPhone(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(QUERY).matches, () => false);
}
