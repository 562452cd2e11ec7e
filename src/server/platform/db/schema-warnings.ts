import type { ColumnType, Generated } from 'kysely';

/** Kysely table types of the warnings module. They mirror its SQL migrations, which are the source of truth. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface WarningsTables {}

export type { Timestamp as _Timestamp, Json as _Json, Generated as _Generated };
