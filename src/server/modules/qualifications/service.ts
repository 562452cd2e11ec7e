import { can, type Actor } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import type { Work } from '../../platform/work.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.js';
import { NotificationService } from '../notifications/service.js';
import { certificateType, EXPIRING_SOON_DAYS } from './certificates.js';
import { certificateStatus, chinaDate, judgeOperator, type HeldCertificate } from './rules.js';
import { currentStandards } from '../standards/index.js';
import { hazardScope, QualificationStore, type CertificateRow, type CheckRow } from './store.js';
import { canConfirmCheck, canViewCertificatesOf, canViewQualifications, presentCertNo } from './policies.js';
import { QUALIFICATION_CREATED, QUALIFICATION_UPDATED, type QualificationEventPayload } from './events.js';

/** One operator's verdict as stored in a check (the snapshot HR confirms). */
export interface OperatorResult {
  userId: string;
  displayName: string;
  position: string | null;
  employeeNo: string | null;
  department: string | null;
  qualified: boolean;
  missing: string[];
  expired: HeldCertificate[];
  expiringSoon: HeldCertificate[];
  certificates: (HeldCertificate & { issuedBy: string })[];
}

export interface CheckResult {
  checkedOn: string;
  /** The tenant's standards at the time: certificates running out within this many days were flagged (absent in older checks). */
  expiringSoonDays?: number;
  equipment: { id: string; code: string; name: string; category: string; area: string | null };
  required: string[];
  operators: OperatorResult[];
  operatorCount: number;
  qualifiedCount: number;
}

const held = (c: CertificateRow): HeldCertificate & { issuedBy: string } => ({
  certType: c.cert_type,
  certNo: c.cert_no,
  issuedOn: c.issued_on,
  expiresOn: c.expires_on,
  issuedBy: c.issued_by,
});

/**
 * The verdict for one piece of equipment: each operator judged against its required certificate
 * types as of `today`. Pure; the service and the demo seed feed it.
 */
export function buildCheckResult(
  equipment: { id: string; code: string; name: string; category: string; area_name: string | null },
  required: string[],
  operators: { id: string; display_name: string; position: string | null; employee_no: string | null; department_name: string | null }[],
  certs: CertificateRow[],
  today: string,
  expiringSoonDays = EXPIRING_SOON_DAYS,
): CheckResult {
  const results: OperatorResult[] = operators.map((o) => {
    const mine = certs.filter((c) => c.user_id === o.id).map(held);
    return {
      userId: o.id,
      displayName: o.display_name,
      position: o.position,
      employeeNo: o.employee_no,
      department: o.department_name,
      ...judgeOperator(required, mine, today, expiringSoonDays),
      certificates: mine,
    };
  });
  return {
    checkedOn: today,
    expiringSoonDays,
    equipment: { id: equipment.id, code: equipment.code, name: equipment.name, category: equipment.category, area: equipment.area_name },
    required,
    operators: results,
    operatorCount: results.length,
    qualifiedCount: results.filter((r) => r.qualified).length,
  };
}

/** How the HR notification and the department view summarise a check. */
export function checkSummary(operatorCount: number, qualifiedCount: number): string {
  return `操作人员 ${operatorCount} 人，${operatorCount - qualifiedCount} 人不符合`;
}

/**
 * Operator qualifications: is everyone who operates a piece of equipment qualified for it? A
 * hazard about equipment gets a check (computed here, confirmed by 人事部).
 */
export class QualificationService {
  readonly store = new QualificationStore();
  private readonly notifications: NotificationService;
  constructor(private readonly p: Platform) {
    this.notifications = new NotificationService(p);
  }

  /** Evaluate every operator of the equipment against its requirements, as of `today`. */
  async evaluate(w: Work, equipmentId: string, today: string): Promise<CheckResult | null> {
    const equipment = await this.store.equipment(w.tx, equipmentId);
    if (!equipment) return null;
    const required = await this.store.requirements(w.tx, equipmentId);
    const operators = await this.store.operators(w.tx, equipmentId);
    const certs = await this.store.certificatesOf(w.tx, operators.map((o) => o.id));
    const { doc } = await currentStandards(w);
    return buildCheckResult(equipment, required, operators, certs, today, doc.certificates.expiringSoonDays);
  }

  /**
   * Handler body for hazard.created/updated: a hazard about equipment gets its check once, and
   * 人事部 hears of it. Nothing happens for hazards without equipment or with a check already.
   */
  async checkForHazard(w: Work, hazardId: string): Promise<string | null> {
    const hazard = await this.store.hazard(w.tx, hazardId);
    if (!hazard?.equipment_id || hazard.status === 'closed') return null;
    if (await this.store.byHazard(w.tx, hazardId)) return null;
    const result = await this.evaluate(w, hazard.equipment_id, chinaDate(this.p.clock.now()));
    if (!result) return null;
    const id = await this.store.insertCheck(w.tx, {
      tenantId: w.tenantId,
      hazardId,
      equipmentId: hazard.equipment_id,
      result,
      operatorCount: result.operatorCount,
      qualifiedCount: result.qualifiedCount,
    });
    if (!id) return null;
    const unqualified = result.operators.filter((o) => !o.qualified);
    w.audit({
      action: 'qualification.check',
      entityType: 'qualification_check',
      entityId: id,
      after: {
        hazardId,
        equipmentId: hazard.equipment_id,
        required: result.required,
        operatorCount: result.operatorCount,
        qualifiedCount: result.qualifiedCount,
        unqualified: unqualified.map((o) => ({ userId: o.userId, missing: o.missing, expired: o.expired.map((c) => c.certType) })),
      },
      basis: `隐患 ${hazard.code} 涉及设备 ${result.equipment.code}：核查操作人员资质（${result.required.map((t) => certificateType(t).short).join('、') || '无持证要求'}）`,
    });
    const payload: QualificationEventPayload = { hazardId, hazard: hazardScope(hazard), action: 'created' };
    w.emit({ type: QUALIFICATION_CREATED, subjectType: 'qualification_check', subjectId: id, payload });
    const names = unqualified.map((o) => o.displayName).join('、');
    await this.notifications.notify(w, await this.store.hrRecipients(w.tx), {
      kind: 'qualification.check',
      title: `资质核查：${result.equipment.code} ${result.equipment.name} ${checkSummary(result.operatorCount, result.qualifiedCount)}`,
      body: `${hazard.code} ${hazard.title}${names ? `；不符合：${names}` : ''}`,
      link: `/qualifications?check=${id}`,
      subjectType: 'qualification_check',
      subjectId: id,
      dedupeKey: `qualification.check:${id}`,
    });
    return id;
  }

  list(actor: Actor, f: { status?: string; hazardId?: string }, page: number, pageSize: number) {
    this.requireView(actor);
    return this.p.run(actor, async (w) => {
      const { rows, total } = await this.store.list(w.tx, f, pageSize, (page - 1) * pageSize);
      return { items: rows.map((r) => this.present(actor, r)), total, page, pageSize };
    });
  }

  get(actor: Actor, id: string) {
    this.requireView(actor);
    return this.p.run(actor, async (w) => this.present(actor, await this.visible(w, id)));
  }

  /** 人事部 confirms after verifying; the stale version or a confirmed check is a 409. */
  confirm(actor: Actor, id: string, input: { version: number; note?: string }) {
    this.requireView(actor);
    return this.p.run(actor, async (w) => this.present(actor, await this.confirmIn(w, actor, id, input)));
  }

  /** `viaCase`: a case's 资质核查 step — the case lock orders steps, so the current version is taken. */
  async confirmIn(w: Work, actor: Actor, id: string, input: { version: number; note?: string }, viaCase = false) {
    {
      const row = await this.visible(w, id);
      if (!can(actor, 'qualifications.manage')) throw new ForbiddenError('only 人事部 confirms qualification checks');
      if (row.status !== 'pending') throw new ConflictError('the check is already confirmed', 'INVALID_STATE');
      if (viaCase) input = { ...input, version: row.version };
      if (row.version !== input.version) throw versionConflict(row.version);
      const note = input.note?.trim() || null;
      const ok = await this.store.confirm(w.tx, id, input.version, { note, by: actor.userId, at: this.p.clock.now() });
      if (!ok) throw versionConflict(row.version);
      const after = (await this.store.get(w.tx, id))!;
      w.audit({
        action: 'qualification.confirm',
        entityType: 'qualification_check',
        entityId: id,
        before: { status: row.status, version: row.version },
        after: { status: after.status, note, version: after.version },
        basis: note,
      });
      const hazard = await this.store.hazard(w.tx, row.hazard_id);
      const payload: QualificationEventPayload = { hazardId: row.hazard_id, hazard: hazardScope(hazard!), action: 'confirmed' };
      w.emit({ type: QUALIFICATION_UPDATED, subjectType: 'qualification_check', subjectId: id, payload });
      return after;
    }
  }

  /** Operators of a piece of equipment with their certificates and today's verdict. */
  operators(actor: Actor, equipmentId: string) {
    this.requireView(actor);
    return this.p.run(actor, async (w) => {
      const result = await this.evaluate(w, equipmentId, chinaDate(this.p.clock.now()));
      if (!result) throw new NotFoundError('equipment', equipmentId);
      return this.presentResult(actor, result);
    });
  }

  /** One person's certificates, each with its status as of today, and what they operate. */
  certificates(actor: Actor, userId: string) {
    if (!canViewCertificatesOf(actor, userId)) throw new ForbiddenError('you may not view these certificates');
    return this.p.run(actor, async (w) => {
      const user = await this.store.user(w.tx, userId);
      if (!user) throw new NotFoundError('user', userId);
      const today = chinaDate(this.p.clock.now());
      const certs = await this.store.certificatesOf(w.tx, [userId]);
      const equipment = await this.store.operatedBy(w.tx, userId);
      const { doc } = await currentStandards(w);
      return {
        user: { id: user.id, displayName: user.display_name, position: user.position, employeeNo: user.employee_no, department: user.department_name },
        today,
        items: certs.map((c) => this.presentCertificate(actor, held(c), today, doc.certificates.expiringSoonDays)),
        operates: equipment.map((e) => ({ id: e.id, code: e.code, name: e.name, category: e.category })),
      };
    });
  }

  private requireView(actor: Actor) {
    if (!canViewQualifications(actor)) throw new ForbiddenError('qualification checks are for 人事部, the safety department and administrators');
  }

  private async visible(w: Work, id: string): Promise<CheckRow> {
    const row = await this.store.get(w.tx, id);
    if (!row) throw new NotFoundError('qualification check', id);
    return row;
  }

  private presentCertificate(actor: Actor, c: HeldCertificate & { issuedBy?: string }, today: string, soonDays: number) {
    const type = certificateType(c.certType);
    return {
      type: c.certType,
      name: type.name,
      short: type.short,
      certNo: presentCertNo(actor, c.certNo),
      issuedBy: c.issuedBy ?? '',
      issuedOn: c.issuedOn,
      expiresOn: c.expiresOn,
      status: certificateStatus(c, today, soonDays),
    };
  }

  presentResult(actor: Actor, r: CheckResult) {
    const typeRef = (code: string) => {
      const t = certificateType(code);
      return { type: code, name: t.name, short: t.short, basis: t.basis };
    };
    const soonDays = r.expiringSoonDays ?? EXPIRING_SOON_DAYS;
    return {
      checkedOn: r.checkedOn,
      equipment: r.equipment,
      required: r.required.map(typeRef),
      operatorCount: r.operatorCount,
      qualifiedCount: r.qualifiedCount,
      operators: r.operators.map((o) => ({
        user: { id: o.userId, displayName: o.displayName, position: o.position, employeeNo: o.employeeNo, department: o.department },
        qualified: o.qualified,
        missing: o.missing.map(typeRef),
        expired: o.expired.map((c) => this.presentCertificate(actor, c, r.checkedOn, soonDays)),
        expiringSoon: o.expiringSoon.map((c) => this.presentCertificate(actor, c, r.checkedOn, soonDays)),
        certificates: o.certificates.map((c) => ({ ...this.presentCertificate(actor, c, r.checkedOn, soonDays), required: r.required.includes(c.certType) })),
      })),
    };
  }

  present(actor: Actor, r: CheckRow) {
    return {
      id: r.id,
      status: r.status as 'pending' | 'confirmed',
      hazard: { id: r.hazard_id, code: r.hazard_code, title: r.hazard_title, status: r.hazard_status },
      equipment: { id: r.equipment_id, code: r.equipment_code, name: r.equipment_name, category: r.equipment_category, area: r.area_name },
      operatorCount: r.operator_count,
      qualifiedCount: r.qualified_count,
      summary: checkSummary(r.operator_count, r.qualified_count),
      result: this.presentResult(actor, r.result as CheckResult),
      note: r.note,
      confirmedBy: r.confirmed_by ? { id: r.confirmed_by, displayName: r.confirmed_by_name ?? '' } : null,
      confirmedAt: r.confirmed_at ? new Date(r.confirmed_at).toISOString() : null,
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
      version: r.version,
      can: { confirm: canConfirmCheck(actor, r) },
    };
  }
}

export function versionConflict(current: number) {
  return new ConflictError('the check was changed by someone else; reload and try again', 'VERSION_CONFLICT', [
    { path: 'body.version', message: `current version is ${current}` },
  ]);
}
