import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { Database } from '../db/database.js';
import type { Actor } from '../access.js';
import { toStoredEvent, type EventBus, type StoredEvent } from '../events/bus.js';
import { enterPlatform, EVENTS_CHANNEL } from '../work.js';

interface Client {
  socket: WebSocket;
  actor: Actor;
}

/** What a browser receives: the event's type and ids; it refetches what it may see. */
export interface RealtimeMessage {
  type: 'event';
  event: { id: string; type: string; subjectType: string | null; subjectId: string | null; at: string };
}

/**
 * Pushes committed outbox events to this process's WebSocket clients. Every process listens to
 * the same NOTIFY channel, so an event committed through one instance reaches users connected to
 * any other. A slow poll covers notifications lost while the listener reconnected.
 */
export class RealtimeHub {
  private readonly clients = new Map<string, Set<Client>>();
  private readonly pending = new Set<string>();
  private flushing: Promise<void> | null = null;
  private readonly seen = new Set<string>();
  private unlisten?: () => Promise<void>;
  private poller?: NodeJS.Timeout;
  private lastId = 0n;

  constructor(
    private readonly database: Database,
    private readonly bus: EventBus,
    private readonly log: FastifyBaseLogger,
  ) {}

  async start(): Promise<void> {
    this.unlisten = await this.database.listen(EVENTS_CHANNEL, (payload) => this.notified(payload));
    const [row] = await this.database.owner.query<{ id: string | null }>('SELECT max(id)::text AS id FROM events');
    this.lastId = BigInt(row?.id ?? 0);
    this.poller = setInterval(() => this.catchUp().catch(() => {}), 5000);
    this.poller.unref();
  }

  async stop(): Promise<void> {
    if (this.poller) clearInterval(this.poller);
    await this.unlisten?.();
    for (const set of this.clients.values()) for (const c of set) c.socket.close(1001, 'server stopping');
    this.clients.clear();
  }

  get connectionCount(): number {
    let n = 0;
    for (const set of this.clients.values()) n += set.size;
    return n;
  }

  add(socket: WebSocket, actor: Actor): void {
    const set = this.clients.get(actor.tenantId) ?? new Set<Client>();
    const client = { socket, actor };
    set.add(client);
    this.clients.set(actor.tenantId, set);
    let alive = true;
    socket.on('pong', () => (alive = true));
    const ping = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, 30_000);
    ping.unref();
    socket.on('close', () => {
      clearInterval(ping);
      set.delete(client);
    });
    socket.send(JSON.stringify({ type: 'hello', user: actor.username }));
  }

  /**
   * One NOTIFY per committed event: with nobody connected there is nothing to fetch; otherwise the
   * ids arriving together are fetched in one query (a burst of job work makes thousands).
   */
  private notified(payload: string): void {
    if (!/^\d+$/.test(payload)) return;
    if (!this.connectionCount) {
      const n = BigInt(payload);
      if (n > this.lastId) this.lastId = n;
      return;
    }
    this.pending.add(payload);
    this.flush();
  }

  private flush(): void {
    if (this.flushing) return;
    this.flushing = new Promise<void>((resolve) => setImmediate(resolve))
      .then(async () => {
        while (this.pending.size) {
          const ids = [...this.pending].slice(0, 1000);
          for (const id of ids) this.pending.delete(id);
          await this.fetchAndDeliver(ids);
        }
      })
      .catch((err) => this.log.warn({ err }, 'realtime delivery failed'))
      .finally(() => {
        this.flushing = null;
        if (this.pending.size) this.flush(); // arrived after the loop ended
      });
  }

  private async catchUp(): Promise<void> {
    if (!this.connectionCount) return;
    const rows = await this.database.owner.query<{ id: string }>(
      `SELECT id::text FROM events WHERE id > $1 ORDER BY id LIMIT 500`,
      [String(this.lastId > 1000n ? this.lastId - 1000n : 0n)],
    );
    const missing = rows.map((r) => r.id).filter((id) => !this.seen.has(id));
    if (missing.length) await this.fetchAndDeliver(missing);
  }

  private async fetchAndDeliver(ids: string[]): Promise<void> {
    const fresh = ids.filter((id) => /^\d+$/.test(id) && !this.seen.has(id));
    if (!fresh.length) return;
    const rows = await this.database.db.transaction().execute(async (tx) => {
      await enterPlatform(tx);
      return tx.selectFrom('events').selectAll().where('id', 'in', fresh).execute();
    });
    for (const row of rows) this.deliver(toStoredEvent(row));
  }

  deliver(event: StoredEvent): void {
    if (this.seen.has(event.id)) return;
    this.remember(event.id);
    const audience = this.bus.audienceOf(event.type);
    const set = this.clients.get(event.tenantId);
    if (!audience || !set?.size) return;
    const message: RealtimeMessage = {
      type: 'event',
      event: {
        id: event.id,
        type: event.type,
        subjectType: event.subjectType,
        subjectId: event.subjectId,
        at: event.createdAt.toISOString(),
      },
    };
    const text = JSON.stringify(message);
    for (const c of set) {
      if (c.socket.readyState === 1 && audience(event, c.actor)) c.socket.send(text);
    }
  }

  private remember(id: string): void {
    this.seen.add(id);
    const n = BigInt(id);
    if (n > this.lastId) this.lastId = n;
    if (this.seen.size > 20_000) {
      const drop = [...this.seen].slice(0, 10_000);
      for (const d of drop) this.seen.delete(d);
    }
  }
}
