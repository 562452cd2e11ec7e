/** Routes. Every page is its own lazily loaded chunk; the shell picks the desktop or phone layout. */
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, useLocation } from 'react-router-dom';
import { useAuth } from '../platform/auth/AuthProvider';
import { NotFound, PageLoading } from '../ui/States';
import { RequireAuth, RequirePermission } from './RequireAuth';
import { RouteError } from './RouteError';
import { AppShell } from './layouts/AppShell';
import { HAZARD_LIST_PERMS, PERM } from '../platform/auth/permissions';

const LoginPage = lazy(() => import('../modules/auth/LoginPage'));
const HomePage = lazy(() => import('../modules/home/HomePage'));
const HazardReportPage = lazy(() => import('../modules/hazards/pages/HazardReportPage'));
const HazardListPage = lazy(() => import('../modules/hazards/pages/HazardListPage'));
const HazardDetailPage = lazy(() => import('../modules/hazards/pages/HazardDetailPage'));
const NotificationsPage = lazy(() => import('../modules/notifications/NotificationsPage'));

function Page({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageLoading />}>{children}</Suspense>;
}

/** Logged-in users have no business on the login page. */
function LoginRoute() {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <PageLoading />;
  const from = (location.state as { from?: string } | null)?.from;
  if (me) return <Navigate to={from && from.startsWith('/') && !from.startsWith('//') ? from : '/'} replace />;
  return (
    <Page>
      <LoginPage />
    </Page>
  );
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginRoute />, errorElement: <RouteError /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Page><HomePage /></Page> },
      {
        path: 'hazards/new',
        element: <RequirePermission anyOf={[PERM.report]}><Page><HazardReportPage /></Page></RequirePermission>,
      },
      {
        path: 'hazards',
        element: <RequirePermission anyOf={HAZARD_LIST_PERMS}><Page><HazardListPage /></Page></RequirePermission>,
      },
      { path: 'hazards/:id', element: <Page><HazardDetailPage /></Page> },
      { path: 'notifications', element: <Page><NotificationsPage /></Page> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
