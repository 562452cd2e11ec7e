import type { OutboundGuard } from '../../platform/net/outbound.js';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { requirePermission, type Actor } from '../../platform/access.js';
import type { Platform } from '../../platform/platform.js';
import type { Work } from '../../platform/work.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import type { ChannelKind, RobotKind } from './categories.js';
import { DELIVER_JOB } from './routing.js';
import { absolute, errorText } from './delivery.js';
import { sendEmail, sendRobot, type EmailConfig, type RobotConfig } from './senders.js';

export type DeliveryState = 'pending' | 'sent' | 'failed' | 'dead';

/** Config as the API takes it: secrets are write-only (absent = keep, '' = clear). */
export interface ChannelConfigInput {
  host?: string;
  port?: number;
  secure?: boolean;
  user?: string;
  password?: string;
  from?: string;
  webhookUrl?: string;
  secret?: string;
}

export interface ChannelInput {
  name: string;
  departmentId: string | null;
  categories: string[];
  enabled: boolean;
  config: ChannelConfigInput;
}

type Row = {
  id: string;
  kind: ChannelKind;
  name: string;
  department_id: string | null;
  department_name: string | null;
  config: unknown;
  categories: string[];
  enabled: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
  failed: string | number;
  dead: string | number;
  last_sent_at: Date | null;
};

const SECRET_FIELDS = ['password', 'secret'] as const;

/**
 * Channels (the tenant's SMTP server, group robots) and the deliveries they carry, for the
 * administrator: configure, send a test now, see failures and send them again.
 */
export class ChannelService {
  constructor(private readonly p: Platform) {}

  list(actor: Actor) {
    requirePermission(actor, 'notifications.manage');
    return this.p.run(actor, async (w) => {
      const items = (await this.rows(w)).map(view);
      const counts = await this.stateCounts(w);
      return { items, failures: { failed: counts.failed ?? 0, dead: counts.dead ?? 0 } };
    });
  }

  get(actor: Actor, id: string) {
    requirePermission(actor, 'notifications.manage');
    return this.p.run(actor, async (w) => view(await this.row(w, id)));
  }

  create(actor: Actor, kind: ChannelKind, input: ChannelInput) {
    requirePermission(actor, 'notifications.manage');
    return this.p.run(actor, async (w) => {
      const config = checkConfig(kind, mergeConfig({}, input.config), this.p.outbound);
      await this.checkDepartment(w, input.departmentId);
      const now = this.p.clock.now();
      const { id } = await w.tx
        .insertInto('notification_channels')
        .values({
          tenant_id: w.tenantId, kind, name: input.name, department_id: input.departmentId, config: JSON.stringify(config),
          categories: input.categories, enabled: input.enabled, created_at: now, updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const created = await this.row(w, id);
      w.audit({ action: 'notification_channel.create', entityType: 'notification_channel', entityId: id, after: view(created) });
      return view(created);
    });
  }

  update(actor: Actor, id: string, version: number, patch: Partial<ChannelInput>) {
    requirePermission(actor, 'notifications.manage');
    return this.p.run(actor, async (w) => {
      const before = await this.row(w, id, true);
      if (before.version !== version) throw stale();
      const config = patch.config ? checkConfig(before.kind, mergeConfig(before.config as Record<string, unknown>, patch.config), this.p.outbound) : null;
      if (patch.departmentId !== undefined) await this.checkDepartment(w, patch.departmentId);
      await w.tx
        .updateTable('notification_channels')
        .set({
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.departmentId !== undefined ? { department_id: patch.departmentId } : {}),
          ...(patch.categories !== undefined ? { categories: patch.categories } : {}),
          ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
          ...(config ? { config: JSON.stringify(config) } : {}),
          version: before.version + 1,
          updated_at: this.p.clock.now(),
        })
        .where('id', '=', id)
        .execute();
      const after = await this.row(w, id);
      w.audit({ action: 'notification_channel.update', entityType: 'notification_channel', entityId: id, before: view(before), after: view(after) });
      return view(after);
    });
  }

  remove(actor: Actor, id: string) {
    requirePermission(actor, 'notifications.manage');
    return this.p.run(actor, async (w) => {
      const before = await this.row(w, id, true);
      // its deliveries go with it (ON DELETE CASCADE); the audit entry keeps what it was
      await w.tx.deleteFrom('notification_channels').where('id', '=', id).execute();
      w.audit({ action: 'notification_channel.delete', entityType: 'notification_channel', entityId: id, before: view(before) });
    });
  }

  /** Send a test message now, in the request (that is its point), and say what happened. */
  async test(actor: Actor, id: string, to: string | undefined) {
    requirePermission(actor, 'notifications.manage');
    const { row, address } = await this.p.run(actor, async (w) => {
      const row = await this.row(w, id);
      let address: string | null = null;
      if (row.kind === 'email') {
        address =
          to ?? (await w.tx.selectFrom('users').select('email').where('id', '=', actor.userId ?? randomUUID()).executeTakeFirst())?.email ?? null;
        if (!address) throw new ValidationError('no address to send the test to', [{ path: 'body.to', message: 'give an e-mail address' }]);
      }
      return { row, address };
    });
    const message = {
      id: randomUUID(),
      title: '智安通知渠道测试',
      body: `这是一条来自「${row.name}」的测试消息，收到即表示渠道配置正确。`,
      url: absolute(this.p.config.publicOrigins[0] ?? null, '/notifications/channels'),
      urgent: false,
    };
    const at = this.p.clock.now().toISOString();
    try {
      if (row.kind === 'email') await sendEmail(row.config as EmailConfig, address!, message);
      else await sendRobot(this.p.outbound, row.kind as RobotKind, row.config as RobotConfig, message);
      return { ok: true, error: null, recipient: address ?? row.kind, at };
    } catch (err) {
      return { ok: false, error: errorText(err), recipient: address ?? row.kind, at };
    }
  }

  deliveries(actor: Actor, q: { states?: DeliveryState[]; channelId?: string; page: number; pageSize: number }) {
    requirePermission(actor, 'notifications.manage');
    return this.p.run(actor, async (w) => {
      let base = w.tx.selectFrom('notification_deliveries as d').innerJoin('notification_channels as c', 'c.id', 'd.channel_id');
      if (q.states?.length) base = base.where('d.state', 'in', q.states);
      if (q.channelId) base = base.where('d.channel_id', '=', q.channelId);
      const total = await base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
      const rows = await base
        .select([
          'd.id', 'd.channel_id', 'c.name as channel_name', 'c.kind as channel_kind', 'd.recipient', 'd.kind', 'd.category', 'd.title',
          'd.urgent', 'd.state', 'd.attempts', 'd.next_attempt_at', 'd.last_error', 'd.sent_at', 'd.created_at', 'd.updated_at',
        ])
        .orderBy('d.created_at', 'desc')
        .orderBy('d.id')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute();
      return {
        total: Number(total.n),
        counts: await this.stateCounts(w),
        items: rows.map((r) => ({
          id: r.id,
          channel: { id: r.channel_id, name: r.channel_name, kind: r.channel_kind },
          recipient: r.recipient,
          kind: r.kind,
          category: r.category,
          title: r.title,
          urgent: r.urgent,
          state: r.state,
          attempts: r.attempts,
          nextAttemptAt: r.state === 'pending' || r.state === 'failed' ? iso(r.next_attempt_at) : null,
          lastError: r.last_error,
          sentAt: r.sent_at ? iso(r.sent_at) : null,
          createdAt: iso(r.created_at),
          updatedAt: iso(r.updated_at),
        })),
      };
    });
  }

  /** Back to pending, due now, with a fresh round of attempts (after the cause was fixed). */
  retry(actor: Actor, id: string) {
    requirePermission(actor, 'notifications.manage');
    return this.p.run(actor, async (w) => {
      const now = this.p.clock.now();
      const d = await w.tx.selectFrom('notification_deliveries').select(['id', 'state']).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!d) throw new NotFoundError('delivery', id);
      if (d.state === 'sent') throw new ConflictError('this message was already sent', 'INVALID_STATE', [{ path: 'state', message: 'sent' }]);
      await w.tx
        .updateTable('notification_deliveries')
        .set({ state: 'pending', attempts: 0, next_attempt_at: now, updated_at: now })
        .where('id', '=', id)
        .execute();
      await w.schedule({ name: DELIVER_JOB, runAt: now, singletonKey: `notify:deliver:${randomUUID()}` });
      w.audit({ action: 'notification_delivery.retry', entityType: 'notification_delivery', entityId: id, before: { state: d.state } });
      return { id, state: 'pending' as const };
    });
  }

  private async stateCounts(w: Work): Promise<Partial<Record<DeliveryState, number>>> {
    const rows = await w.tx
      .selectFrom('notification_deliveries')
      .select(['state', sql<string>`count(*)`.as('n')])
      .where('state', 'in', ['failed', 'dead', 'pending'])
      .groupBy('state')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }

  private rows(w: Work, id?: string, lock = false) {
    let q = w.tx
      .selectFrom('notification_channels as c')
      .leftJoin('departments as dep', 'dep.id', 'c.department_id')
      .select([
        'c.id', 'c.kind', 'c.name', 'c.department_id', 'dep.name as department_name', 'c.config', 'c.categories', 'c.enabled', 'c.version',
        'c.created_at', 'c.updated_at',
        sql<string>`(SELECT count(*) FROM notification_deliveries d WHERE d.channel_id = c.id AND d.state = 'failed')`.as('failed'),
        sql<string>`(SELECT count(*) FROM notification_deliveries d WHERE d.channel_id = c.id AND d.state = 'dead')`.as('dead'),
        sql<Date | null>`(SELECT max(sent_at) FROM notification_deliveries d WHERE d.channel_id = c.id)`.as('last_sent_at'),
      ])
      .orderBy('c.created_at')
      .orderBy('c.id');
    if (id) q = q.where('c.id', '=', id);
    if (lock) q = q.forUpdate('c');
    return q.execute() as Promise<Row[]>;
  }

  private async row(w: Work, id: string, lock = false): Promise<Row> {
    const [row] = await this.rows(w, id, lock);
    if (!row) throw new NotFoundError('notification channel', id);
    return row;
  }

  private async checkDepartment(w: Work, departmentId: string | null) {
    if (!departmentId) return;
    const d = await w.tx.selectFrom('departments').select('id').where('id', '=', departmentId).executeTakeFirst();
    if (!d) throw new ValidationError('no such department', [{ path: 'body.departmentId', message: 'unknown department' }]);
  }
}

/** What the API shows of a channel: never the SMTP password or the robot secret, and the webhook token only in part. */
function view(r: Row) {
  const c = (r.config ?? {}) as Record<string, unknown>;
  const config =
    r.kind === 'email'
      ? { host: c.host ?? '', port: c.port ?? 25, secure: c.secure === true, user: c.user ?? '', from: c.from ?? '', passwordSet: !!c.password }
      : { webhookUrl: maskUrl(String(c.webhookUrl ?? '')), secretSet: !!c.secret };
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    department: r.department_id ? { id: r.department_id, name: r.department_name ?? '' } : null,
    categories: r.categories,
    enabled: r.enabled,
    config,
    stats: { failed: Number(r.failed), dead: Number(r.dead), lastSentAt: r.last_sent_at ? iso(r.last_sent_at) : null },
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/** A webhook URL is a credential (the access token is in it): show where it goes, not the token. */
export function maskUrl(raw: string): string {
  if (!raw) return '';
  try {
    const u = new URL(raw);
    const hide = (s: string) => (s.length > 6 ? `${s.slice(0, 4)}****` : '****');
    const segments = u.pathname.split('/');
    if (segments.length > 1 && segments[segments.length - 1].length > 12) segments[segments.length - 1] = hide(segments[segments.length - 1]);
    const params = [...u.searchParams.entries()].map(([k, v]) => `${k}=${hide(v)}`);
    return `${u.protocol}//${u.host}${segments.join('/')}${params.length ? `?${params.join('&')}` : ''}`;
  } catch {
    return '****';
  }
}

function mergeConfig(current: Record<string, unknown>, patch: ChannelConfigInput): Record<string, unknown> {
  const next: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    if ((SECRET_FIELDS as readonly string[]).includes(k) && v === '') delete next[k];
    else next[k] = v;
  }
  return next;
}

function checkConfig(kind: ChannelKind, c: Record<string, unknown>, outbound: OutboundGuard): Record<string, unknown> {
  const missing = (path: string) => new ValidationError(`config.${path} is required`, [{ path: `body.config.${path}`, message: 'required' }]);
  if (kind === 'email') {
    if (!c.host) throw missing('host');
    if (!c.from) throw missing('from');
    return { host: c.host, port: c.port ?? (c.secure ? 465 : 25), secure: c.secure === true, user: c.user || undefined, password: c.password, from: c.from };
  }
  if (!c.webhookUrl) throw missing('webhookUrl');
  const refused = outbound.refusal(String(c.webhookUrl));
  if (refused) throw new ValidationError('the webhook URL may not point into the internal network', [{ path: 'body.config.webhookUrl', message: refused, code: 'outbound_refused' }]);
  return { webhookUrl: c.webhookUrl, secret: kind === 'wecom' ? undefined : c.secret };
}

const iso = (d: Date | string) => new Date(d).toISOString();
const stale = () => new ConflictError('the channel was changed by someone else; reload and try again', 'VERSION_CONFLICT', [{ path: 'body.version', message: 'stale' }]);
