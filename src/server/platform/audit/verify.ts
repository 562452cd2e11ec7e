import type { SqlRunner } from '../db/database.js';
import { auditHash, GENESIS_HASH } from './chain.js';
import type { AuditSigner } from '../secrets/master-key.js';

export interface AuditProblem {
  tenantId: string;
  seq: number | null;
  problem: string;
}

export interface AuditReport {
  tenants: number;
  entries: number;
  problems: AuditProblem[];
}

interface Row {
  tenant_id: string;
  seq: string;
  at: Date;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  basis: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
  sig: string | null;
}

/**
 * Recompute every tenant's chain as the owner. A changed row fails its own hash; a deleted or
 * reordered row breaks the sequence or the link to its predecessor; a deleted tail no longer
 * matches the chain head. With the installation's signer, every entry from the first signed one
 * on must carry a valid signature: the database role can compute a chain-valid hash, but not the
 * signature, so an entry it appended on its own is found.
 */
export async function verifyAudit(owner: SqlRunner, o: { batch?: number; signer?: AuditSigner } = {}): Promise<AuditReport> {
  const batch = o.batch ?? 5000;
  const problems: AuditProblem[] = [];
  const heads = await owner.query<{ tenant_id: string; seq: string; hash: string }>(
    `SELECT t.id AS tenant_id, coalesce(h.seq, 0)::text AS seq, coalesce(h.hash, '${GENESIS_HASH}') AS hash
     FROM tenants t LEFT JOIN audit_heads h ON h.tenant_id = t.id ORDER BY t.created_at`,
  );
  let entries = 0;
  for (const head of heads) {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let lastSeq = 0;
    let signing = false;
    for (;;) {
      const rows = await owner.query<Row>(
        'SELECT * FROM audit_log WHERE tenant_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3',
        [head.tenant_id, expectedSeq, batch],
      );
      for (const r of rows) {
        entries++;
        const seq = Number(r.seq);
        if (seq !== expectedSeq) problems.push({ tenantId: head.tenant_id, seq, problem: `missing entries ${expectedSeq}–${seq - 1}` });
        if (r.prev_hash !== prevHash) problems.push({ tenantId: head.tenant_id, seq, problem: 'does not link to the previous entry' });
        const recomputed = auditHash({
          tenantId: r.tenant_id,
          seq,
          at: new Date(r.at).toISOString(),
          actorId: r.actor_id,
          actorName: r.actor_name,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          before: r.before ?? null,
          after: r.after ?? null,
          basis: r.basis,
          ip: r.ip,
          prevHash: r.prev_hash,
        });
        if (recomputed !== r.hash) problems.push({ tenantId: head.tenant_id, seq, problem: 'content does not match its hash (changed)' });
        if (o.signer) {
          if (r.sig) {
            signing = true;
            if (!o.signer.verify(r.hash, r.sig)) problems.push({ tenantId: head.tenant_id, seq, problem: 'signature does not match (written without the installation key: forged?)' });
          } else if (signing) {
            problems.push({ tenantId: head.tenant_id, seq, problem: 'unsigned entry after signed ones (written without the installation key: forged?)' });
          }
        }
        prevHash = r.hash;
        expectedSeq = seq + 1;
        lastSeq = seq;
      }
      if (rows.length < batch) break;
    }
    if (lastSeq !== Number(head.seq) || prevHash !== head.hash) {
      problems.push({ tenantId: head.tenant_id, seq: lastSeq, problem: `chain ends at ${lastSeq} but its head says ${head.seq} (entries removed at the end?)` });
    }
  }
  return { tenants: heads.length, entries, problems };
}
