import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Positions, one-time links (migration 0004). */
export interface PositionsTable {
  tenant_id: string;
  id: Generated<string>;
  name: string;
  department_id: string | null;
  retired_at: Timestamp | null;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface AuthLinksTable {
  token_hash: string;
  purpose: 'setup' | 'activation';
  tenant_id: string | null;
  user_id: string | null;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface AccountsTables {
  positions: PositionsTable;
  auth_links: AuthLinksTable;
}
