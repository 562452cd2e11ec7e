/** Navigation by capability: an entry appears only if its page exists and the user may use it. */
import type { ReactNode } from 'react';
import { HAZARD_LIST_PERMS, PERM } from '../platform/auth/permissions';
import { AlertOutlined, BellOutlined, DashboardOutlined, FormOutlined, UnorderedListOutlined } from '@ant-design/icons';

type NavLabel = 'nav.home' | 'nav.hazardGroup' | 'nav.hazardNew' | 'nav.hazardList' | 'nav.notifications';

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
    ],
  },
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
  if (pathname.startsWith('/hazards')) return '/hazards';
  if (pathname.startsWith('/notifications')) return '/notifications';
  return '/';
}
