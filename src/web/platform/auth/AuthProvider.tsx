/**
 * Who is logged in (GET /me), login/logout, permission checks and the user's language.
 * The user's locale lives on the server (PATCH /me) so it follows them across devices.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, isApiError, setUnauthorizedHandler } from '../api/client';
import type { Locale, Me } from '../api/types';
import { changeLocale, currentLocale, normalizeLocale } from '../i18n';

export const meKey = ['me'] as const;

export interface AuthContextValue {
  me: Me | null;
  /** True until the first GET /me has answered. */
  loading: boolean;
  /** Why /me could not be answered (server unreachable …), when nobody is known yet. */
  error: unknown;
  retry(): void;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  setLocale(locale: Locale): Promise<void>;
  can(permission: string): boolean;
  hasRole(role: string): boolean;
}

const AuthContext = createContext<AuthContextValue | null>(null);

async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/me', undefined, { skipUnauthorizedHandler: true });
  } catch (err) {
    if (isApiError(err) && err.status === 401) return null;
    throw err;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation();
  // A language picked on the login page, to be saved for the user once they are logged in.
  const chosenBeforeLogin = useRef<Locale | null>(null);

  const meQuery = useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000, retry: 1 });
  const me = meQuery.data ?? null;

  // Drops every cached answer except `me` itself (an observer stays attached to that query).
  const forgetData = useCallback(() => qc.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] }), [qc]);

  // Any 401 from the API while logged in: the session has ended → back to the login page.
  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (!qc.getQueryData(meKey)) return;
      forgetData();
      qc.setQueryData(meKey, null);
      message.warning({ content: t('auth.sessionExpired'), key: 'session-expired' });
    });
    return () => setUnauthorizedHandler(null);
  }, [qc, message, t, forgetData]);

  // The user's saved language wins once we know who they are.
  useEffect(() => {
    if (me && normalizeLocale(me.locale) !== currentLocale()) void changeLocale(normalizeLocale(me.locale));
  }, [me?.id, me?.locale]); // eslint-disable-line react-hooks/exhaustive-deps

  const login = useCallback(
    async (username: string, password: string) => {
      let user = await api.post<Me>('/auth/login', { username, password }, { skipUnauthorizedHandler: true });
      forgetData();
      const chosen = chosenBeforeLogin.current;
      chosenBeforeLogin.current = null;
      if (chosen && chosen !== normalizeLocale(user.locale)) {
        user = await api.patch<Me>('/me', { locale: chosen }).catch(() => user);
      }
      qc.setQueryData(meKey, user);
      return user;
    },
    [qc, forgetData],
  );

  // Forget the user first, so answers still in flight (401 once the session is gone) are not
  // mistaken for an expired session.
  const logout = useCallback(async () => {
    await qc.cancelQueries();
    forgetData();
    qc.setQueryData(meKey, null);
    await api.post('/auth/logout', {}, { skipUnauthorizedHandler: true }).catch(() => undefined);
  }, [qc, forgetData]);

  const setLocale = useCallback(
    async (locale: Locale) => {
      await changeLocale(locale);
      if (!qc.getQueryData(meKey)) {
        chosenBeforeLogin.current = locale;
        return;
      }
      const updated = await api.patch<Me>('/me', { locale });
      qc.setQueryData(meKey, updated);
    },
    [qc],
  );

  const value = useMemo<AuthContextValue>(
    () => ({
      me,
      loading: meQuery.isPending,
      error: meQuery.data === undefined ? meQuery.error : null,
      retry: () => void meQuery.refetch(),
      login,
      logout,
      setLocale,
      can: (permission) => !!me?.permissions.includes(permission),
      hasRole: (role) => !!me?.roles.includes(role),
    }),
    [me, meQuery.isPending, meQuery.data, meQuery.error, meQuery.refetch, login, logout, setLocale],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside <AuthProvider>');
  return ctx;
}

/** The logged-in user; only for pages behind <RequireAuth>. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a logged-in user');
  return me;
}
