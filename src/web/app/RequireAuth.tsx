import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useAuth } from '../platform/auth/AuthProvider';
import { ErrorState, Forbidden, PageLoading } from '../ui/States';

/** Sends visitors without a session to /login (and back here afterwards). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loading, error, retry } = useAuth();
  const location = useLocation();
  if (loading) return <PageLoading />;
  if (!me && error) return <ErrorState error={error} onRetry={retry} />;
  if (!me) return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  return <>{children}</>;
}

/** Shows 403 unless the user holds at least one of the permissions. */
export function RequirePermission({ anyOf, children }: { anyOf: string[]; children: ReactNode }) {
  const { can } = useAuth();
  return anyOf.some(can) ? <>{children}</> : <Forbidden />;
}
