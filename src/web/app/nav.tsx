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

type NavLabel = 'nav.riskGroup' | 'nav.riskPoints' | 'nav.riskMap' | 'nav.repairs' | 'nav.qualifications' | 'nav.qrCodes' | 'nav.home' | 'nav.hazardGroup' | 'nav.hazardNew' | 'nav.hazardList' | 'nav.notifications' | 'nav.standardsGroup' | 'nav.standards' | 'nav.hazardMajor';

export interface NavEntry {
  key: string;
  label: NavLabel;
  icon: ReactNode;
  anyOf?: string[];
  children?: NavEntry[];
}

export const NAV: NavEntry[] = [
  { key: '/', label: 'nav.home', icon: <DashboardOutlined /> },
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
  // Department work on the shared record (C1) and field QR codes (C20)
  { key: '/repairs', label: 'nav.repairs', icon: <ToolOutlined />, anyOf: REPAIR_PERMS },
  { key: '/qualifications', label: 'nav.qualifications', icon: <IdcardOutlined />, anyOf: [QUALIFICATIONS_VIEW] },
  { key: '/qr-codes', label: 'nav.qrCodes', icon: <QrcodeOutlined />, anyOf: [QRCODES_PRINT] },
  { key: '/notifications', label: 'nav.notifications', icon: <BellOutlined /> },
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

/** The menu key for a path: the hazard detail page belongs to the list. */
export function selectedNavKey(pathname: string): string {
  if (pathname === '/hazards/new') return pathname;
  if (pathname === '/hazards/major') return pathname;
  if (pathname.startsWith('/hazards')) return '/hazards';
  if (pathname.startsWith('/notifications')) return '/notifications';
  if (pathname.startsWith('/repairs')) return '/repairs';
  if (pathname.startsWith('/qualifications')) return '/qualifications';
  if (pathname.startsWith('/qr-codes')) return '/qr-codes';
  if (pathname.startsWith('/standards')) return '/standards';
  if (pathname.startsWith('/risk-points')) return '/risk-points';
  if (pathname.startsWith('/risk-map')) return '/risk-map';
  return '/';
}
