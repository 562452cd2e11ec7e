/**
 * One WebSocket per logged-in tab (/api/v1/ws, cookie auth). Events carry only type and ids:
 * the app invalidates the matching TanStack queries and refetches what the user may see.
 * Reconnects with capped exponential backoff; after a reconnect everything is refetched once,
 * since events may have been missed meanwhile.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { RealtimeEvent, RealtimeMessage } from '../api/types';

export type RealtimeState = 'connecting' | 'open' | 'closed';
export type RealtimeListener = (event: RealtimeEvent) => void;
export type RealtimeEventHandler = (event: RealtimeEvent, qc: QueryClient) => void;

interface RealtimeContextValue {
  state: RealtimeState;
  subscribe(listener: RealtimeListener): () => void;
}

const RealtimeContext = createContext<RealtimeContextValue>({ state: 'closed', subscribe: () => () => undefined });

const MAX_DELAY_MS = 30_000;

export function realtimeUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/ws`;
}

interface Props {
  /** Maps an event to query invalidations (wired by the app from each module's key factory). */
  onEvent: RealtimeEventHandler;
  /** Called when the socket drops, e.g. to re-check the session. */
  onDisconnect?: (qc: QueryClient) => void;
  children: ReactNode;
}

export function RealtimeProvider({ onEvent, onDisconnect, children }: Props) {
  const qc = useQueryClient();
  const [state, setState] = useState<RealtimeState>('connecting');
  const listeners = useRef(new Set<RealtimeListener>());
  const handlers = useRef({ onEvent, onDisconnect });
  handlers.current = { onEvent, onDisconnect };

  useEffect(() => {
    let socket: WebSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let missedSome = false;
    let stopped = false;

    const connect = () => {
      clearTimeout(timer);
      if (stopped || socket) return;
      setState('connecting');
      const ws = new WebSocket(realtimeUrl());
      socket = ws;
      ws.onopen = () => {
        attempt = 0;
        setState('open');
        if (missedSome) void qc.invalidateQueries();
        missedSome = false;
      };
      ws.onmessage = (msg) => {
        let data: RealtimeMessage;
        try {
          data = JSON.parse(String(msg.data)) as RealtimeMessage;
        } catch {
          return;
        }
        if (data.type !== 'event' || !data.event) return;
        handlers.current.onEvent(data.event, qc);
        for (const l of listeners.current) l(data.event);
      };
      ws.onclose = () => {
        if (socket === ws) socket = null;
        if (stopped) return;
        missedSome = true;
        setState('closed');
        if (attempt > 0) handlers.current.onDisconnect?.(qc);
        const base = Math.min(MAX_DELAY_MS, 1000 * 2 ** attempt);
        attempt += 1;
        timer = setTimeout(connect, base / 2 + Math.random() * (base / 2));
      };
    };

    // Coming back online or to the tab: try at once instead of waiting for the backoff.
    const retryNow = () => {
      if (!socket && !stopped && document.visibilityState === 'visible') connect();
    };
    window.addEventListener('online', retryNow);
    document.addEventListener('visibilitychange', retryNow);
    // Deferred: a mount that is immediately undone (StrictMode) then opens no socket at all.
    timer = setTimeout(connect, 0);

    return () => {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener('online', retryNow);
      document.removeEventListener('visibilitychange', retryNow);
      socket?.close(1000, 'bye');
      socket = null;
    };
  }, [qc]);

  const subscribe = useCallback((listener: RealtimeListener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const value = useMemo<RealtimeContextValue>(() => ({ state, subscribe }), [state, subscribe]);

  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}

export function useRealtimeState(): RealtimeState {
  return useContext(RealtimeContext).state;
}

/** Calls `listener` for every realtime event while the component is mounted. */
export function useRealtimeEvents(listener: RealtimeListener): void {
  const { subscribe } = useContext(RealtimeContext);
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => subscribe((e) => ref.current(e)), [subscribe]);
}
