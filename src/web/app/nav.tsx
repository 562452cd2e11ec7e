/** Navigation by capability: an entry appears only if its page exists and the user may use it. */
import type { ReactNode } from 'react';
import { HAZARD_LIST_PERMS, PERM } from '../platform/auth/permissions';
import { AlertOutlined, BellOutlined, DashboardOutlined, FormOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { SafetyCertificateOutlined, ControlOutlined } from '@ant-design/icons';
import { FlagOutlined } from '@ant-design/icons';
import { STANDARDS_MANAGE } from '../modules/standards/permissions';
import { IdcardOutlined, QrcodeOutlined, ToolOutlined } from '@ant-design/icons';
import { REPAIR_PERMS } from '../modules/repairs/permissions';
import { QUALIFICATIONS_VIEW } from '../modules/qualifications/permissions';
import { QRCODES_PRINT } from '../modules/qrcodes/permissions';
import { EnvironmentOutlined, ProfileOutlined, RadarChartOutlined } from '@ant-design/icons';
import { ApartmentOutlined, CarryOutOutlined, PartitionOutlined, ProjectOutlined } from '@ant-design/icons';
import { FLOWS_DESIGN, FLOWS_LAUNCH } from '../modules/flows/permissions';
import { ThunderboltOutlined, NotificationOutlined, ApiOutlined, SettingOutlined, SendOutlined, LineChartOutlined } from '@ant-design/icons';
import { WARNINGS_MANAGE } from '../modules/warnings/permissions';
import { NOTIFICATIONS_MANAGE } from '../modules/notifications/permissions';
import { MessageOutlined } from '@ant-design/icons';
import { AimOutlined, BarChartOutlined, FilePdfOutlined, FundOutlined, SmileOutlined, TrophyOutlined } from '@ant-design/icons';
import { ANALYTICS_MANAGE, ANALYTICS_VIEW, ANALYTICS_VIEW_ALL } from '../modules/analytics/permissions';

type NavLabel = 'nav.messages' | 'nav.analyticsGroup' | 'nav.analytics' | 'nav.bottlenecks' | 'nav.ranking' | 'nav.reports' | 'nav.targets' | 'nav.surveys' | 'nav.notifyGroup' | 'nav.warningGroup' | 'nav.warnings' | 'nav.warningRules' | 'nav.warningSources' | 'nav.sensors' | 'nav.notifySettings' | 'nav.notifyChannels' | 'nav.flowGroup' | 'nav.flowTasks' | 'nav.flowCases' | 'nav.flowTemplates' | 'nav.riskGroup' | 'nav.riskPoints' | 'nav.riskMap' | 'nav.repairs' | 'nav.qualifications' | 'nav.qrCodes' | 'nav.home' | 'nav.hazardGroup' | 'nav.hazardNew' | 'nav.hazardList' | 'nav.notifications' | 'nav.standardsGroup' | 'nav.standards' | 'nav.hazardMajor';

export interface NavEntry {
  key: string;
  label: NavLabel;
  icon: ReactNode;
  anyOf?: string[];
  children?: NavEntry[];
}

export const NAV: NavEntry[] = [
  { key: '/', label: 'nav.home', icon: <DashboardOutlined /> },
  // 消息 (C6): one-to-one, department channels and the rooms of records
  { key: '/messages', label: 'nav.messages', icon: <MessageOutlined /> },
  {
    key: 'hazards',
    label: 'nav.hazardGroup',
    icon: <AlertOutlined />,
    children: [
      { key: '/hazards/new', label: 'nav.hazardNew', icon: <FormOutlined />, anyOf: [PERM.report] },
      { key: '/hazards', label: 'nav.hazardList', icon: <UnorderedListOutlined />, anyOf: HAZARD_LIST_PERMS },
      { key: '/hazards/major', label: 'nav.hazardMajor', icon: <FlagOutlined />, anyOf: [PERM.viewAll, PERM.viewDepartment] },
    ],
  },
  {
    key: 'standards',
    label: 'nav.standardsGroup',
    icon: <SafetyCertificateOutlined />,
    children: [{ key: '/standards', label: 'nav.standards', icon: <ControlOutlined />, anyOf: [STANDARDS_MANAGE] }],
  },
  // 风险分级管控 (C3): risk points and the four-colour map, for everyone logged in
  {
    key: 'risks',
    label: 'nav.riskGroup',
    icon: <RadarChartOutlined />,
    children: [
      { key: '/risk-points', label: 'nav.riskPoints', icon: <ProfileOutlined /> },
      { key: '/risk-map', label: 'nav.riskMap', icon: <EnvironmentOutlined /> },
    ],
  },
  // 协同 (C4/C5): a department's tasks, the cases across departments, the process templates
  {
    key: 'flows',
    label: 'nav.flowGroup',
    icon: <PartitionOutlined />,
    children: [
      { key: '/flows/tasks', label: 'nav.flowTasks', icon: <CarryOutOutlined /> },
      { key: '/flows/instances', label: 'nav.flowCases', icon: <ProjectOutlined /> },
      { key: '/flows/templates', label: 'nav.flowTemplates', icon: <ApartmentOutlined />, anyOf: [FLOWS_DESIGN, FLOWS_LAUNCH] },
    ],
  },
  // 预警联动 (C7): warnings become department instructions and come back as answers; sensors feed them
  {
    key: 'warnings',
    label: 'nav.warningGroup',
    icon: <ThunderboltOutlined />,
    children: [
      { key: '/warnings', label: 'nav.warnings', icon: <NotificationOutlined /> },
      { key: '/sensors', label: 'nav.sensors', icon: <LineChartOutlined /> },
      { key: '/warnings/rules', label: 'nav.warningRules', icon: <SendOutlined />, anyOf: [WARNINGS_MANAGE] },
      { key: '/warnings/sources', label: 'nav.warningSources', icon: <ApiOutlined />, anyOf: [WARNINGS_MANAGE] },
    ],
  },
  // 统计分析 (C14): KPIs, bottlenecks, department scores, reports; the satisfaction survey is for everyone
  {
    key: 'analytics',
    label: 'nav.analyticsGroup',
    icon: <BarChartOutlined />,
    children: [
      { key: '/analytics', label: 'nav.analytics', icon: <FundOutlined />, anyOf: ANALYTICS_VIEW },
      { key: '/analytics/bottlenecks', label: 'nav.bottlenecks', icon: <PartitionOutlined />, anyOf: [ANALYTICS_VIEW_ALL] },
      { key: '/analytics/ranking', label: 'nav.ranking', icon: <TrophyOutlined />, anyOf: [ANALYTICS_VIEW_ALL] },
      { key: '/analytics/reports', label: 'nav.reports', icon: <FilePdfOutlined />, anyOf: ANALYTICS_VIEW },
      { key: '/analytics/targets', label: 'nav.targets', icon: <AimOutlined />, anyOf: [ANALYTICS_MANAGE] },
      { key: '/surveys', label: 'nav.surveys', icon: <SmileOutlined /> },
    ],
  },
  // Department work on the shared record (C1) and field QR codes (C20)
  { key: '/repairs', label: 'nav.repairs', icon: <ToolOutlined />, anyOf: REPAIR_PERMS },
  { key: '/qualifications', label: 'nav.qualifications', icon: <IdcardOutlined />, anyOf: [QUALIFICATIONS_VIEW] },
  { key: '/qr-codes', label: 'nav.qrCodes', icon: <QrcodeOutlined />, anyOf: [QRCODES_PRINT] },
  {
    key: 'notify',
    label: 'nav.notifyGroup',
    icon: <BellOutlined />,
    children: [
      { key: '/notifications', label: 'nav.notifications', icon: <BellOutlined /> },
      { key: '/notifications/settings', label: 'nav.notifySettings', icon: <SettingOutlined /> },
      { key: '/notifications/channels', label: 'nav.notifyChannels', icon: <ApiOutlined />, anyOf: [NOTIFICATIONS_MANAGE] },
    ],
  },
];

export function visibleNav(entries: NavEntry[], can: (p: string) => boolean): NavEntry[] {
  const out: NavEntry[] = [];
  for (const e of entries) {
    if (e.anyOf && !e.anyOf.some(can)) continue;
    if (e.children) {
      const children = visibleNav(e.children, can);
      if (children.length) out.push({ ...e, children });
    } else out.push(e);
  }
  return out;
}

interface NavHit {
  key: string;
  label: NavLabel;
  group: string | null;
}

/** Every page entry with its group, for matching a path. */
function flatten(entries: NavEntry[], group: string | null = null): NavHit[] {
  return entries.flatMap((e) => (e.children ? flatten(e.children, e.key) : [{ key: e.key, label: e.label, group }]));
}
const PAGES = flatten(NAV);

/**
 * The menu entry a path belongs to: the longest entry key that prefixes it, so
 * /hazards/<id> belongs to /hazards while /hazards/new and /hazards/major are their own.
 */
export function navEntryFor(pathname: string): NavHit | undefined {
  let best: NavHit | undefined;
  for (const p of PAGES) {
    const matches = p.key === '/' ? pathname === '/' : pathname === p.key || pathname.startsWith(p.key + '/');
    if (matches && (!best || p.key.length > best.key.length)) best = p;
  }
  return best;
}

export function selectedNavKey(pathname: string): string {
  return navEntryFor(pathname)?.key ?? '/';
}
