/** Shapes of the /api/v1 resources the web uses (mirrors the server's response schemas). */

export type Locale = 'zh-CN' | 'en-US';

export interface Ref {
  id: string;
  name: string;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  tenant: { id: string; code: string; name: string };
  department: Ref | null;
  roles: string[];
  permissions: string[];
  locale: Locale | string;
}

export interface Department {
  id: string;
  code: string;
  name: string;
  kind: 'department' | 'committee';
  /** What the department does (core/org/functions.ts), e.g. ['safety', 'environment']. */
  functions: string[];
}

export interface Area {
  id: string;
  code: string;
  name: string;
  kind: string;
  departmentId: string | null;
}

export interface Equipment {
  id: string;
  code: string;
  name: string;
  category: string;
  areaId: string | null;
  departmentId: string | null;
  specialType: string | null;
}

export interface StoredFile {
  id: string;
  mime: string;
  size: number;
  name: string;
  width: number | null;
  height: number | null;
  url: string;
  thumbUrl: string | null;
}

export interface GeoLocation {
  lat: number;
  lng: number;
  accuracy?: number;
}

export type HazardStatus = 'reported' | 'assessed' | 'rectifying' | 'verifying' | 'closed';
export type HazardGrade = 'general' | 'major';

export interface Hazard {
  id: string;
  code: string;
  title: string;
  description: string;
  status: HazardStatus;
  grade: HazardGrade | null;
  source: string;
  area: Ref | null;
  equipment: { id: string; code: string; name: string } | null;
  department: Ref;
  reporter: { id: string; displayName: string } | null;
  reporterDepartment: Ref | null;
  photos: StoredFile[];
  location: GeoLocation | null;
  reportedAt: string;
  updatedAt: string;
  version: number;
  can: { edit: boolean; assess: boolean };
}

export interface HazardHistoryItem {
  seq: number;
  at: string;
  /** The person's name ('系统' for jobs); the login name is actorLogin. */
  actorName: string | null;
  actorLogin?: string | null;
  actorDepartment?: string | null;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  basis: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  /** false when the server stopped counting at a cap: there are at least `total`. */
  totalExact?: boolean;
  page: number;
  pageSize: number;
}

export interface Items<T> {
  items: T[];
}

export interface AppNotification {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationList {
  items: AppNotification[];
  unread: number;
}

/** A realtime message pushed over /api/v1/ws. */
export type RealtimeMessage =
  | { type: 'hello' }
  | { type: 'event'; event: RealtimeEvent };

export interface RealtimeEvent {
  id: string;
  type: string;
  subjectType: string | null;
  subjectId: string | null;
  at: string;
}
