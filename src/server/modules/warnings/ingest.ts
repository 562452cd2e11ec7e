import { createHash } from 'node:crypto';
import { systemActor } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import type { Work } from '../../platform/work.js';
import { UnauthenticatedError, ValidationError, type ErrorDetail } from '../../platform/errors.js';
import { colorOf, eventTypeOf, parseCap, primaryInfo, type CapAlert, type CapInfo } from '../../../core/warnings/index.js';
import type { SourceRow, WarningStore } from './store.js';
import type { NewWarning, WarningOps } from './ops.js';

/** The demo source's API key (README): accepted in demo mode only; a real source gets a random key shown once. */
export const DEMO_CAP_KEY = 'demo-cap-key';

export const keyHash = (key: string) => createHash('sha256').update(key).digest('hex');

export interface KeySource {
  tenantId: string;
  sourceId: string;
}

export type Outcome = 'created' | 'updated' | 'cancelled' | 'duplicate';
export interface Accepted {
  ok: true;
  warningId: string;
  identifier: string;
  outcome: Outcome;
  status: string;
  msgType: string;
}
export interface Rejected {
  ok: false;
  code: 'CAP_INVALID' | 'CAP_SENDER_NOT_ALLOWED';
  message: string;
  details: ErrorDetail[];
  quarantineId: string;
}

/**
 * CAP 1.2 messages in (GB/T 35965.1 profile), pushed with a source's API key or fetched by the
 * feed poller; both take this one path. An Alert is a new warning, an Update replaces the content
 * of the warning it references and runs the rules again, a Cancel stands it down. The same
 * message twice is one warning. What cannot be accepted is kept in quarantine with the reason.
 */
export class CapIngest {
  constructor(
    /** Needed by push only (the key lookup and its own unit of work); the demo history ingests inside a given work. */
    private readonly p: Platform | null,
    private readonly store: WarningStore,
    private readonly ops: WarningOps,
  ) {}

  /** The source an API key belongs to (before any tenant is known), or a 401. */
  async authenticate(apiKey: string | undefined): Promise<KeySource> {
    if (!apiKey) throw new UnauthenticatedError('X-Api-Key header required');
    // The documented demo key is a demo integration: outside demo mode it creates nothing.
    if (!this.p!.config.demo && apiKey.trim() === DEMO_CAP_KEY) throw new UnauthenticatedError('the demo API key works only in demo mode');
    const found = await this.store.sourceByKeyHash(this.p!.database.db, keyHash(apiKey.trim()));
    if (!found || !found.enabled) throw new UnauthenticatedError('invalid API key or disabled source');
    return { tenantId: found.tenant_id, sourceId: found.source_id };
  }

  /** POST /warnings/cap: a message from an authenticated source, in that source's tenant. */
  async push(from: KeySource, xml: string): Promise<Omit<Accepted, 'ok'>> {
    const actor = systemActor(from.tenantId, 'warning-source');
    // A rejection is committed (quarantine) and then refused, so it is returned, not thrown, here.
    const result = await this.p!.run(actor, async (w) => {
      const source = (await this.store.source(w.tx, from.sourceId))!;
      return this.ingest(w, source, xml);
    });
    if (!result.ok) throw new ValidationError(result.message, result.details, result.code);
    const { ok: _ok, ...body } = result;
    return body;
  }

  async ingest(w: Work, source: SourceRow, xml: string): Promise<Accepted | Rejected> {
    const receivedAt = w.clock.now();
    const reject = async (code: Rejected['code'], reason: string, message: string, details: ErrorDetail[], alert?: CapAlert): Promise<Rejected> => {
      const quarantineId = await this.store.insertQuarantine(w.tx, {
        tenantId: w.tenantId, sourceId: source.id, reason, message, details, raw: xml, sender: alert?.sender ?? null, identifier: alert?.identifier ?? null, receivedAt,
      });
      w.audit({ action: 'warning.quarantine', entityType: 'warning_quarantine', entityId: quarantineId, after: { sourceId: source.id, reason, identifier: alert?.identifier ?? null }, basis: message });
      return { ok: false, code, message, details, quarantineId };
    };

    const parsed = parseCap(xml);
    if (!parsed.ok) return reject('CAP_INVALID', 'invalid', 'the message is not valid CAP 1.2', parsed.errors);
    const alert = parsed.alert;
    const allow = source.sender_allowlist;
    if (!allow.includes('*') && !allow.includes(alert.sender)) {
      return reject('CAP_SENDER_NOT_ALLOWED', 'sender_not_allowed', `sender ${alert.sender} is not on this source's allowlist`, [
        { path: 'alert.sender', message: `not allowed for source ${source.name}` },
      ], alert);
    }
    if (alert.msgType !== 'Alert' && alert.msgType !== 'Update' && alert.msgType !== 'Cancel') {
      return reject('CAP_INVALID', 'unsupported_msg_type', `msgType ${alert.msgType} is not handled`, [{ path: 'alert.msgType', message: 'only Alert, Update and Cancel' }], alert);
    }
    const seen = await this.store.message(w.tx, alert.sender, alert.identifier);
    if (seen?.warning_id) return { ok: true, warningId: seen.warning_id, identifier: alert.identifier, outcome: 'duplicate', status: alert.status, msgType: alert.msgType };

    const target = alert.msgType === 'Alert' ? undefined : await this.store.warningReferenced(w.tx, alert.references);
    const info = primaryInfo(alert) ?? undefined;
    if (alert.msgType === 'Cancel') {
      if (!target?.warning_id) {
        return reject('CAP_INVALID', 'unknown_reference', 'the Cancel refers to no warning received here', [{ path: 'alert.references', message: 'no referenced message is known' }], alert);
      }
      await this.record(w, source, alert, target.warning_id, xml, receivedAt);
      await this.ops.cancel(w, target.warning_id, alert.note ?? info?.headline ?? '发布单位已解除预警');
      await this.ops.changed(w, target.warning_id);
      return { ok: true, warningId: target.warning_id, identifier: alert.identifier, outcome: 'cancelled', status: alert.status, msgType: alert.msgType };
    }
    if (!info) return reject('CAP_INVALID', 'invalid', `an ${alert.msgType} needs an info block`, [{ path: 'alert.info', message: 'required' }], alert);

    const content = contentOf(alert, info);
    if (target?.warning_id) {
      // the warning keeps the identifier of its first message; the update's own is in its messages
      await this.record(w, source, alert, target.warning_id, xml, receivedAt);
      await this.ops.update(w, target.warning_id, content);
      await this.ops.changed(w, target.warning_id);
      return { ok: true, warningId: target.warning_id, identifier: alert.identifier, outcome: 'updated', status: alert.status, msgType: alert.msgType };
    }
    // An Alert, or an Update of a warning we never saw (a feed joined mid-way): a new warning.
    const id = await this.ops.create(w, { ...content, identifier: alert.identifier, source_id: source.id, source_name: source.name });
    const warningId = id ?? (await this.store.warningByIdentifier(w.tx, alert.identifier))!.id;
    await this.record(w, source, alert, warningId, xml, receivedAt);
    if (!id) return { ok: true, warningId, identifier: alert.identifier, outcome: 'duplicate', status: alert.status, msgType: alert.msgType };
    await this.ops.changed(w, warningId);
    return { ok: true, warningId, identifier: alert.identifier, outcome: 'created', status: alert.status, msgType: alert.msgType };
  }

  private async record(w: Work, source: SourceRow, alert: CapAlert, warningId: string, raw: string, receivedAt: Date) {
    await this.store.insertMessage(w.tx, {
      tenantId: w.tenantId, warningId, sourceId: source.id, sender: alert.sender, identifier: alert.identifier, msgType: alert.msgType,
      status: alert.status, sentAt: dateOr(alert.sent, receivedAt), receivedAt, raw,
    });
  }
}

function dateOr(s: string | null | undefined, fallback: Date): Date {
  const d = s ? new Date(s) : null;
  return d && !Number.isNaN(d.getTime()) ? d : fallback;
}

function date(s: string | null | undefined): Date | null {
  const d = s ? new Date(s) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
}

function contentOf(alert: CapAlert, info: CapInfo): Omit<NewWarning, 'identifier' | 'source_id' | 'source_name'> {
  const sent = dateOr(alert.sent, new Date());
  return {
    source_kind: 'cap',
    status: alert.status,
    msg_type: alert.msgType,
    event_type: eventTypeOf(info),
    event: info.event,
    // a message with neither a colour nor a severity we know is treated as the lowest level
    color: colorOf(info) ?? 'blue',
    headline: (info.headline || info.event).slice(0, 500),
    description: info.description,
    instruction: info.instruction,
    sender: alert.sender,
    sender_name: info.senderName,
    area_desc: info.areas.map((a) => a.areaDesc).filter(Boolean).join('、'),
    area_id: null,
    equipment_id: null,
    sensor_id: null,
    neighbour_name: null,
    photos: [],
    references: JSON.stringify(alert.references),
    effective: date(info.effective) ?? date(info.onset) ?? sent,
    expires: date(info.expires),
    sent_at: sent,
    raised_by: null,
  };
}
