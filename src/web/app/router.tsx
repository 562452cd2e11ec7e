/**
 * Routes. Every page is its own lazily loaded chunk, and so is the logged-in shell (it picks the
 * desktop or phone layout): the login page loads neither. A module's new pages are added the same way.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, useLocation } from 'react-router-dom';
import { useAuth } from '../platform/auth/AuthProvider';
import { NotFound, PageLoading } from '../ui/States';
import { RequireAuth, RequirePermission } from './RequireAuth';
import { RouteError } from './RouteError';
// The logged-in frame (menus, layouts, real time) is not part of the login page's download.
const AppShell = lazy(() => import('./layouts/AppShell').then((m) => ({ default: m.AppShell })));
import { HAZARD_LIST_PERMS, PERM } from '../platform/auth/permissions';
import { STANDARDS_MANAGE } from '../modules/standards/permissions';
import { REPAIR_PERMS } from '../modules/repairs/permissions';
import { QUALIFICATIONS_VIEW } from '../modules/qualifications/permissions';
import { QRCODES_PRINT } from '../modules/qrcodes/permissions';
import { FLOWS_DESIGN, FLOWS_LAUNCH } from '../modules/flows/permissions';
import { WARNINGS_MANAGE } from '../modules/warnings/permissions';
import { NOTIFICATIONS_MANAGE } from '../modules/notifications/permissions';
import { ANALYTICS_MANAGE, ANALYTICS_VIEW, ANALYTICS_VIEW_ALL } from '../modules/analytics/permissions';

const LoginPage = lazy(() => import('../modules/auth/LoginPage'));
const HomePage = lazy(() => import('../modules/home/HomePage'));
const HazardReportPage = lazy(() => import('../modules/hazards/pages/HazardReportPage'));
const HazardListPage = lazy(() => import('../modules/hazards/pages/HazardListPage'));
const HazardDetailPage = lazy(() => import('../modules/hazards/pages/HazardDetailPage'));
const MajorRegisterPage = lazy(() => import('../modules/hazards/pages/MajorRegisterPage'));
const NotificationsPage = lazy(() => import('../modules/notifications/NotificationsPage'));
const StandardsPage = lazy(() => import('../modules/standards/pages/StandardsPage'));
const RepairListPage = lazy(() => import('../modules/repairs/pages/RepairListPage'));
const RepairDetailPage = lazy(() => import('../modules/repairs/pages/RepairDetailPage'));
const QualificationChecksPage = lazy(() => import('../modules/qualifications/QualificationChecksPage'));
const QrCodesPage = lazy(() => import('../modules/qrcodes/QrCodesPage'));
const RiskPointListPage = lazy(() => import('../modules/risks/pages/RiskPointListPage'));
const RiskCardPage = lazy(() => import('../modules/risks/pages/RiskCardPage'));
// Leaflet comes with this page only
const RiskMapPage = lazy(() => import('../modules/risks/pages/RiskMapPage'));
// 协同 (C4/C5): tasks, cases and their board; templates and their designer
const TaskListPage = lazy(() => import('../modules/flows/pages/TaskListPage'));
const CaseListPage = lazy(() => import('../modules/flows/pages/CaseListPage'));
const CaseBoardPage = lazy(() => import('../modules/flows/pages/CaseBoardPage'));
const TemplateListPage = lazy(() => import('../modules/flows/pages/TemplateListPage'));
const TemplateDesignerPage = lazy(() => import('../modules/flows/pages/TemplateDesignerPage'));
// 统计分析 (C14): ECharts comes with these pages only
const DashboardPage = lazy(() => import('../modules/analytics/pages/DashboardPage'));
const BottleneckPage = lazy(() => import('../modules/analytics/pages/BottleneckPage'));
const RankingPage = lazy(() => import('../modules/analytics/pages/RankingPage'));
const ReportsPage = lazy(() => import('../modules/analytics/pages/ReportsPage'));
const TargetsPage = lazy(() => import('../modules/analytics/pages/TargetsPage'));
const SurveyPage = lazy(() => import('../modules/surveys/pages/SurveyPage'));

// 预警联动 (C7): the board, linkage rules and sources; equipment sensors; notification settings (C8)
const WarningListPage = lazy(() => import('../modules/warnings/pages/WarningListPage'));
const WarningBoardPage = lazy(() => import('../modules/warnings/pages/WarningBoardPage'));
const WarningRulesPage = lazy(() => import('../modules/warnings/pages/WarningRulesPage'));
const WarningSourcesPage = lazy(() => import('../modules/warnings/pages/WarningSourcesPage'));
const SensorListPage = lazy(() => import('../modules/sensors/pages/SensorListPage'));
const SensorDetailPage = lazy(() => import('../modules/sensors/pages/SensorDetailPage'));
const NotificationSettingsPage = lazy(() => import('../modules/notifications/NotificationSettingsPage'));
const NotificationChannelsPage = lazy(() => import('../modules/notifications/NotificationChannelsPage'));
// 消息 (C6): chat for everyone logged in; the server decides who sees which conversation
const MessagesPage = lazy(() => import('../modules/comms/pages/MessagesPage'));
const MeetingPage = lazy(() => import('../modules/comms/meetings/MeetingPage'));

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
        <Page>
          <AppShell />
        </Page>
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
      {
        path: 'hazards/major',
        element: <RequirePermission anyOf={[PERM.viewAll, PERM.viewDepartment]}><Page><MajorRegisterPage /></Page></RequirePermission>,
      },
      { path: 'hazards/:id', element: <Page><HazardDetailPage /></Page> },
      { path: 'notifications', element: <Page><NotificationsPage /></Page> },
      { path: 'messages', element: <Page><MessagesPage /></Page> },
      { path: 'messages/:id', element: <Page><MessagesPage /></Page> },
      { path: 'meetings/:id', element: <Page><MeetingPage /></Page> },
      { path: 'notifications/settings', element: <Page><NotificationSettingsPage /></Page> },
      {
        path: 'notifications/channels',
        element: <RequirePermission anyOf={[NOTIFICATIONS_MANAGE]}><Page><NotificationChannelsPage /></Page></RequirePermission>,
      },
      // 预警: every logged-in user sees warnings and answers for their department; rules and sources are managed
      { path: 'warnings', element: <Page><WarningListPage /></Page> },
      { path: 'warnings/rules', element: <RequirePermission anyOf={[WARNINGS_MANAGE]}><Page><WarningRulesPage /></Page></RequirePermission> },
      { path: 'warnings/sources', element: <RequirePermission anyOf={[WARNINGS_MANAGE]}><Page><WarningSourcesPage /></Page></RequirePermission> },
      { path: 'warnings/:id', element: <Page><WarningBoardPage /></Page> },
      { path: 'sensors', element: <Page><SensorListPage /></Page> },
      { path: 'sensors/:id', element: <Page><SensorDetailPage /></Page> },
      {
        path: 'standards',
        element: <RequirePermission anyOf={[STANDARDS_MANAGE]}><Page><StandardsPage /></Page></RequirePermission>,
      },
      { path: 'repairs', element: <RequirePermission anyOf={REPAIR_PERMS}><Page><RepairListPage /></Page></RequirePermission> },
      // the reporter may follow one order from the hazard; the server decides who sees it
      { path: 'repairs/:id', element: <Page><RepairDetailPage /></Page> },
      {
        path: 'qualifications',
        element: <RequirePermission anyOf={[QUALIFICATIONS_VIEW]}><Page><QualificationChecksPage /></Page></RequirePermission>,
      },
      { path: 'qr-codes', element: <RequirePermission anyOf={[QRCODES_PRINT]}><Page><QrCodesPage /></Page></RequirePermission> },
      // 风险分级管控 (C3): every logged-in user reads; editing controls follow 'risks.manage'
      { path: 'risk-points', element: <Page><RiskPointListPage /></Page> },
      { path: 'risk-points/:id/card', element: <Page><RiskCardPage /></Page> },
      { path: 'risk-map', element: <Page><RiskMapPage /></Page> },
      // 协同: every logged-in user works their department's tasks; the server decides who sees a case
      { path: 'flows/tasks', element: <Page><TaskListPage /></Page> },
      { path: 'flows/instances', element: <Page><CaseListPage /></Page> },
      { path: 'flows/instances/:id', element: <Page><CaseBoardPage /></Page> },
      {
        path: 'flows/templates',
        element: <RequirePermission anyOf={[FLOWS_DESIGN, FLOWS_LAUNCH]}><Page><TemplateListPage /></Page></RequirePermission>,
      },
      {
        path: 'flows/templates/new',
        element: <RequirePermission anyOf={[FLOWS_DESIGN]}><Page><TemplateDesignerPage /></Page></RequirePermission>,
      },
      {
        path: 'flows/templates/:id',
        element: <RequirePermission anyOf={[FLOWS_DESIGN, FLOWS_LAUNCH]}><Page><TemplateDesignerPage /></Page></RequirePermission>,
      },
      { path: 'analytics', element: <RequirePermission anyOf={ANALYTICS_VIEW}><Page><DashboardPage /></Page></RequirePermission> },
      { path: 'analytics/bottlenecks', element: <RequirePermission anyOf={[ANALYTICS_VIEW_ALL]}><Page><BottleneckPage /></Page></RequirePermission> },
      { path: 'analytics/ranking', element: <RequirePermission anyOf={[ANALYTICS_VIEW_ALL]}><Page><RankingPage /></Page></RequirePermission> },
      { path: 'analytics/reports', element: <RequirePermission anyOf={ANALYTICS_VIEW}><Page><ReportsPage /></Page></RequirePermission> },
      { path: 'analytics/targets', element: <RequirePermission anyOf={[ANALYTICS_MANAGE]}><Page><TargetsPage /></Page></RequirePermission> },
      { path: 'surveys', element: <Page><SurveyPage /></Page> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
