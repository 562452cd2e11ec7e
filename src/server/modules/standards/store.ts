import { sql, type ColumnType, type Generated } from 'kysely';
import { completeStandards, type StandardsDocument, type StandardsSection, type IntakeForm, type IntakeMapping } from '../../../core/standards/index.js';
import type { Tx } from '../../platform/work.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

/** This module's tables (migrations/0200_standards.sql), typed here so the shared schema stays untouched. */
type StandardsTables = {
  standards_versions: {
    tenant_id: string;
    id: Generated<string>;
    version: number;
    /** As saved: versions stored before a section existed lack it. */
    document: Json<Partial<StandardsDocument>>;
    note: Generated<string>;
    created_by: string | null;
    created_at: Timestamp;
  };
  intake_mappings: {
    tenant_id: string;
    id: Generated<string>;
    department_id: string;
    name: string;
    description: Generated<string>;
    form: Json<IntakeForm>;
    mapping: Json<IntakeMapping>;
    enabled: Generated<boolean>;
    standards_version: number;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
    version: Generated<number>;
  };
};

const db = (tx: Tx) => tx.withTables<StandardsTables>();

export interface VersionRow {
  version: number;
  /** Complete: sections the stored version lacks are the national defaults (see `defaulted`). */
  document: StandardsDocument;
  /** Sections the stored version does not have (added to the standards after it was saved). */
  defaulted: StandardsSection[];
  note: string;
  created_at: Date;
  created_by: string | null;
  created_by_name: string | null;
}

export interface MappingRow {
  id: string;
  department_id: string;
  department_name: string;
  name: string;
  description: string;
  form: IntakeForm;
  mapping: IntakeMapping;
  enabled: boolean;
  standards_version: number;
  created_at: Date;
  updated_at: Date;
  version: number;
}

/** Unique violation: two writers raced for the same key. */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string })?.code === '23505';
}

export class StandardsStore {
  /**
   * The highest version, or a given one, with its author's name. The one place stored documents
   * are read: sections a version lacks are completed with the national defaults here.
   */
  async version(tx: Tx, version?: number): Promise<VersionRow | undefined> {
    let q = db(tx)
      .selectFrom('standards_versions as v')
      .leftJoin('users as u', 'u.id', 'v.created_by')
      .select(['v.version', 'v.document', 'v.note', 'v.created_at', 'v.created_by', 'u.display_name as created_by_name']);
    q = version === undefined ? q.orderBy('v.version', 'desc').limit(1) : q.where('v.version', '=', version);
    const row = await q.executeTakeFirst();
    if (!row) return undefined;
    const { doc, defaulted } = completeStandards(row.document);
    return { ...row, document: doc, defaulted };
  }

  /** The current version number (0 when none is stored yet). */
  async currentVersion(tx: Tx): Promise<number> {
    const row = await db(tx).selectFrom('standards_versions').select(sql<number>`coalesce(max(version), 0)::int`.as('v')).executeTakeFirstOrThrow();
    return Number(row.v);
  }

  async versions(tx: Tx) {
    return db(tx)
      .selectFrom('standards_versions as v')
      .leftJoin('users as u', 'u.id', 'v.created_by')
      .select(['v.version', 'v.note', 'v.created_at', 'v.created_by', 'u.display_name as created_by_name'])
      .orderBy('v.version', 'desc')
      .execute();
  }

  /**
   * Insert a version. `ifAbsent` makes a concurrent identical insert a no-op (the lazy first
   * version); otherwise a taken version number raises a unique violation.
   */
  async insertVersion(
    tx: Tx,
    v: { tenantId: string; version: number; document: StandardsDocument; note: string; createdBy: string | null },
    ifAbsent = false,
  ): Promise<boolean> {
    const q = db(tx)
      .insertInto('standards_versions')
      .values({
        tenant_id: v.tenantId,
        version: v.version,
        document: JSON.stringify(v.document),
        note: v.note,
        created_by: v.createdBy,
      });
    const r = await (ifAbsent ? q.onConflict((oc) => oc.columns(['tenant_id', 'version']).doNothing()) : q).returning('id').executeTakeFirst();
    return !!r;
  }

  private mappingQuery(tx: Tx) {
    return db(tx)
      .selectFrom('intake_mappings as m')
      .innerJoin('departments as d', 'd.id', 'm.department_id')
      .select([
        'm.id',
        'm.department_id',
        'd.name as department_name',
        'm.name',
        'm.description',
        'm.form',
        'm.mapping',
        'm.enabled',
        'm.standards_version',
        'm.created_at',
        'm.updated_at',
        'm.version',
      ]);
  }

  async mappings(tx: Tx, f: { enabled?: boolean; departmentId?: string } = {}): Promise<MappingRow[]> {
    let q = this.mappingQuery(tx);
    if (f.enabled !== undefined) q = q.where('m.enabled', '=', f.enabled);
    if (f.departmentId) q = q.where('m.department_id', '=', f.departmentId);
    return q.orderBy('d.sort').orderBy('m.name').orderBy('m.id').execute();
  }

  mapping(tx: Tx, id: string): Promise<MappingRow | undefined> {
    return this.mappingQuery(tx).where('m.id', '=', id).executeTakeFirst();
  }

  async insertMapping(
    tx: Tx,
    m: {
      tenantId: string;
      departmentId: string;
      name: string;
      description: string;
      form: IntakeForm;
      mapping: IntakeMapping;
      enabled: boolean;
      standardsVersion: number;
      createdBy: string | null;
    },
  ): Promise<string> {
    const row = await db(tx)
      .insertInto('intake_mappings')
      .values({
        tenant_id: m.tenantId,
        department_id: m.departmentId,
        name: m.name,
        description: m.description,
        form: JSON.stringify(m.form),
        mapping: JSON.stringify(m.mapping),
        enabled: m.enabled,
        standards_version: m.standardsVersion,
        created_by: m.createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Update only if nobody changed it since `version`; false when the version is stale. */
  async updateMapping(
    tx: Tx,
    id: string,
    version: number,
    patch: Partial<{
      department_id: string;
      name: string;
      description: string;
      form: IntakeForm;
      mapping: IntakeMapping;
      enabled: boolean;
      standards_version: number;
    }>,
    now: Date,
  ): Promise<boolean> {
    const { form, mapping, ...rest } = patch;
    const r = await db(tx)
      .updateTable('intake_mappings')
      .set({
        ...rest,
        ...(form !== undefined && { form: JSON.stringify(form) }),
        ...(mapping !== undefined && { mapping: JSON.stringify(mapping) }),
        updated_at: now,
        version: sql`version + 1`,
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async departmentExists(tx: Tx, id: string): Promise<boolean> {
    return !!(await tx.selectFrom('departments').select('id').where('id', '=', id).executeTakeFirst());
  }
}
