import type { Work } from '../work.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Actor } from '../access.js';

export interface StoredEvent {
  id: string;
  tenantId: string;
  type: string;
  subjectType: string | null;
  subjectId: string | null;
  actorId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export type EventHandler = (work: Work, event: StoredEvent) => Promise<void>;

/**
 * Decides whether a connected user should hear about an event (ids only go to the browser).
 * Runs in memory on every instance for each event and must stay cheap and synchronous: no
 * database work. The hub asks it once per user (with that user's kind, department and roles),
 * not once per socket, so it may read the event and those actor fields, never e.g. the IP.
 */
export type Audience = (event: StoredEvent, actor: Actor) => boolean;

/**
 * Subscriptions to outbox events. Each handler becomes a durable job per event
 * (`event:<handler>`), so it runs once per committed event, with retries, on any instance.
 */
export class EventBus {
  private readonly byType = new Map<string, string[]>();
  private readonly audiences = new Map<string, Audience>();

  constructor(private readonly jobs: JobQueue) {}

  on(type: string, handlerName: string, handler: EventHandler): void {
    const list = this.byType.get(type) ?? [];
    list.push(handlerName);
    this.byType.set(type, list);
    this.jobs.register(`event:${handlerName}`, async (work, payload) => {
      const row = await work.tx
        .selectFrom('events')
        .selectAll()
        .where('id', '=', String(payload.eventId))
        .executeTakeFirst();
      if (!row) return; // pruned long ago; nothing to do
      await handler(work, toStoredEvent(row));
    });
  }

  subscribers = (type: string): string[] => this.byType.get(type) ?? [];

  /** Events of this type are pushed over WebSocket to the users the rule admits. */
  pushTo(type: string, audience: Audience): void {
    this.audiences.set(type, audience);
  }

  audienceOf(type: string): Audience | undefined {
    return this.audiences.get(type);
  }
}

export function toStoredEvent(row: {
  id: string;
  tenant_id: string;
  type: string;
  subject_type: string | null;
  subject_id: string | null;
  actor_id: string | null;
  payload: unknown;
  created_at: Date;
}): StoredEvent {
  return {
    id: String(row.id),
    tenantId: row.tenant_id,
    type: row.type,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    actorId: row.actor_id,
    payload: (row.payload ?? {}) as Record<string, unknown>,
    createdAt: row.created_at,
  };
}
