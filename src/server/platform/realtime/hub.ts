import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { Database } from '../db/database.js';
import type { Actor } from '../access.js';
import { toStoredEvent, type EventBus, type StoredEvent } from '../events/bus.js';
import { EVENTS_CHANNEL } from '../work.js';

/** One open socket and whether it answered the last ping. */
interface Conn {
  socket: WebSocket;
  alive: boolean;
  /** The session the socket was opened with (ended by logout, disabling, a password reset). */
  sessionHash?: string;
}

/**
 * The sockets of actors that any audience rule answers alike (same user, kind, department and
 * roles — the session's actor as it was when the socket opened): the rule is asked once for all.
 */
interface Listener {
  actor: Actor;
  conns: Set<Conn>;
}

/** What a browser receives: the event's type and ids; it refetches what it may see. */
export interface RealtimeMessage {
  type: 'event';
  event: { id: string; type: string; subjectType: string | null; subjectId: string | null; at: string };
}

/** Time between pings; a socket that has not answered the previous one is dropped. */
const PING_MS = 30_000;
/**
 * A socket whose unsent backlog exceeds this is dropped rather than buffered without limit: the
 * browser reconnects and refetches everything, which is what it would need anyway.
 */
const MAX_BUFFERED_BYTES = 1 << 20;

const listenerKey = (a: Actor) => `${a.kind}\u0000${a.userId ?? ''}\u0000${a.departmentId ?? ''}\u0000${a.roles.join(',')}`;

/**
 * Pushes committed outbox events to this process's WebSocket clients. Every process listens to
 * the same NOTIFY channel, so an event committed through one instance reaches users connected to
 * any other. A slow poll covers notifications lost while the listener reconnected.
 *
 * Fan-out is in memory: each event is serialised once, its audience rule is asked once per
 * listener (not per socket, and never with database work), and the frames are queued on the
 * sockets without waiting for any of them.
 */
export class RealtimeHub {
  /** tenant id → listener key → listener */
  private readonly tenants = new Map<string, Map<string, Listener>>();
  private sockets = 0;
  private readonly pending = new Set<string>();
  private flushing: Promise<void> | null = null;
  private readonly seen = new Set<string>();
  private unlisten?: () => Promise<void>;
  private poller?: NodeJS.Timeout;
  private pinger?: NodeJS.Timeout;
  private lastId = 0n;
  /** The newest event when this process started listening: older ones are never pushed by it. */
  private floorId = 0n;

  constructor(
    private readonly database: Database,
    private readonly bus: EventBus,
    private readonly log: FastifyBaseLogger,
  ) {}

  async start(): Promise<void> {
    this.unlisten = await this.database.listen(EVENTS_CHANNEL, (payload) => this.notified(payload));
    const [row] = await this.database.owner.query<{ id: string | null }>('SELECT max(id)::text AS id FROM events');
    this.lastId = this.floorId = BigInt(row?.id ?? 0);
    this.poller = setInterval(() => this.catchUp().catch(() => {}), 5000);
    this.poller.unref();
    this.pinger = setInterval(() => this.ping(), PING_MS);
    this.pinger.unref();
  }

  async stop(): Promise<void> {
    if (this.poller) clearInterval(this.poller);
    if (this.pinger) clearInterval(this.pinger);
    await this.unlisten?.();
    for (const listeners of this.tenants.values()) {
      for (const l of listeners.values()) {
        for (const c of l.conns) c.socket.close(1001, 'server stopping');
        l.conns.clear(); // their close events find nothing left to count
      }
    }
    this.tenants.clear();
    this.sockets = 0;
  }

  get connectionCount(): number {
    return this.sockets;
  }

  add(socket: WebSocket, actor: Actor): void {
    let listeners = this.tenants.get(actor.tenantId);
    if (!listeners) this.tenants.set(actor.tenantId, (listeners = new Map()));
    const key = listenerKey(actor);
    let listener = listeners.get(key);
    if (!listener) listeners.set(key, (listener = { actor, conns: new Set() }));
    const conn: Conn = { socket, alive: true, sessionHash: actor.sessionHash };
    listener.conns.add(conn);
    this.sockets++;
    socket.on('pong', () => (conn.alive = true));
    socket.once('close', () => {
      if (!listener.conns.delete(conn)) return;
      this.sockets--;
      if (!listener.conns.size && listeners.get(key) === listener) listeners.delete(key);
      if (!listeners.size && this.tenants.get(actor.tenantId) === listeners) this.tenants.delete(actor.tenantId);
    });
    socket.send(JSON.stringify({ type: 'hello', user: actor.username }));
  }

  /**
   * A session ended or its user changed (`session:<hash>`, `user:<id>`, as announced on every
   * server): close the sockets opened with it. A changed user's browser reconnects with its new
   * roles; an ended session's cannot.
   */
  endSessions(what: string): number {
    const sessionHash = what.startsWith('session:') ? what.slice(8) : null;
    const userId = what.startsWith('user:') ? what.slice(5) : null;
    if (!sessionHash && !userId) return 0;
    let closed = 0;
    for (const listeners of this.tenants.values()) {
      for (const l of listeners.values()) {
        if (userId && l.actor.userId !== userId) continue;
        for (const c of l.conns) {
          if (sessionHash && c.sessionHash !== sessionHash) continue;
          c.socket.close(4001, 'session ended');
          closed++;
        }
      }
    }
    return closed;
  }

  /** One timer for all sockets: drop those that missed the last ping, ping the rest. */
  private ping(): void {
    for (const listeners of this.tenants.values()) {
      for (const l of listeners.values()) {
        for (const c of l.conns) {
          if (!c.alive) {
            c.socket.terminate();
            continue;
          }
          c.alive = false;
          if (c.socket.readyState === 1) c.socket.ping();
        }
      }
    }
  }

  /**
   * One NOTIFY per committed event: with nobody connected there is nothing to fetch; otherwise the
   * ids arriving together are fetched in one query (a burst of job work makes thousands).
   */
  private notified(payload: string): void {
    if (!/^\d+$/.test(payload)) return;
    if (!this.sockets) {
      this.remember(payload); // nobody to tell now; the catch-up poll must not replay it later
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
    if (!this.sockets) return;
    // The last 1,000 ids at most (one sequence for all tenants, so no LIMIT cuts off the newest),
    // and none from before this process listened: a restarted instance must not replay history
    // to the browsers that reconnect to it (they refetch everything anyway).
    const from = this.lastId - 1000n > this.floorId ? this.lastId - 1000n : this.floorId;
    const rows = await this.database.owner.query<{ id: string }>(`SELECT id::text FROM events WHERE id > $1 ORDER BY id`, [String(from)]);
    const missing = rows.map((r) => r.id).filter((id) => !this.seen.has(id));
    if (missing.length) await this.fetchAndDeliver(missing);
  }

  private async fetchAndDeliver(ids: string[]): Promise<void> {
    const fresh = ids.filter((id) => /^\d+$/.test(id) && !this.seen.has(id));
    if (!fresh.length) return;
    // One statement, no transaction: `events` is a platform table without row-level security, and
    // on a loaded database every extra round trip (BEGIN, role, COMMIT) delays the whole fan-out.
    const rows = await this.database.db.selectFrom('events').selectAll().where('id', 'in', fresh).orderBy('id').execute();
    for (const row of rows) this.deliver(toStoredEvent(row));
  }

  deliver(event: StoredEvent): void {
    if (this.seen.has(event.id)) return;
    this.remember(event.id);
    const audience = this.bus.audienceOf(event.type);
    const listeners = this.tenants.get(event.tenantId);
    if (!audience || !listeners?.size) return;
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
    // Encoded once; each socket gets a text frame around the same bytes.
    const frame = Buffer.from(JSON.stringify(message));
    for (const l of listeners.values()) {
      let admitted: boolean;
      try {
        admitted = audience(event, l.actor);
      } catch (err) {
        this.log.warn({ err, eventType: event.type }, 'realtime audience rule failed');
        admitted = false;
      }
      if (!admitted) continue;
      for (const c of l.conns) {
        const socket = c.socket;
        if (socket.readyState !== 1) continue;
        if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
          socket.terminate(); // not reading: it reconnects and refetches
          continue;
        }
        socket.send(frame, { binary: false });
      }
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
