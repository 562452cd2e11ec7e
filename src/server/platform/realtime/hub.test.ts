import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import type { FastifyBaseLogger } from 'fastify';
import { userActor, type Actor } from '../access.js';
import { EventBus, type StoredEvent } from '../events/bus.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Database } from '../db/database.js';
import { RealtimeHub } from './hub.js';

/** Just enough of a `ws` socket for the hub. */
class FakeSocket extends EventEmitter {
  readyState = 1;
  bufferedAmount = 0;
  sent: { data: string; binary: boolean | undefined }[] = [];
  terminated = false;
  send(data: string | Buffer, opts?: { binary?: boolean }) {
    this.sent.push({ data: String(data), binary: opts?.binary });
  }
  terminate() {
    this.terminated = true;
    this.readyState = 3;
    this.emit('close');
  }
  close() {
    this.terminate();
  }
  ping() {}
  events() {
    return this.sent.map((s) => JSON.parse(s.data)).filter((m) => m.type === 'event');
  }
}

const TENANT = '00000000-0000-4000-8000-000000000001';
const actor = (userId: string, roles: string[], departmentId: string | null = null): Actor =>
  userActor({ tenantId: TENANT, userId, username: userId, displayName: userId, departmentId, roles, locale: 'zh-CN' });

function hub() {
  const bus = new EventBus({ register() {} } as unknown as JobQueue);
  const log = { warn: vi.fn() } as unknown as FastifyBaseLogger;
  const h = new RealtimeHub({} as Database, bus, log);
  const connect = (a: Actor) => {
    const s = new FakeSocket();
    h.add(s as unknown as WebSocket, a);
    return s;
  };
  return { h, bus, log, connect };
}

let nextId = 1;
const event = (type: string, payload: Record<string, unknown> = {}, tenantId = TENANT): StoredEvent => ({
  id: String(nextId++),
  tenantId,
  type,
  subjectType: 'thing',
  subjectId: 'abc',
  actorId: null,
  payload,
  createdAt: new Date('2026-01-01T00:00:00Z'),
});

describe('realtime hub fan-out', () => {
  it('asks the audience rule once per user, not per socket, and sends every admitted socket the same text frame', () => {
    const { h, bus, connect } = hub();
    const rule = vi.fn((_e: StoredEvent, a: Actor) => a.permissions.has('hazard.view_all'));
    bus.pushTo('thing.changed', rule);
    const safety = [connect(actor('u1', ['safety_officer'])), connect(actor('u1', ['safety_officer'])), connect(actor('u1', ['safety_officer']))];
    const worker = [connect(actor('u2', ['worker'])), connect(actor('u2', ['worker']))];
    expect(h.connectionCount).toBe(5);
    h.deliver(event('thing.changed'));
    expect(rule).toHaveBeenCalledTimes(2);
    for (const s of safety) {
      expect(s.events()).toEqual([{ type: 'event', event: expect.objectContaining({ type: 'thing.changed', subjectId: 'abc' }) }]);
      expect(s.sent.at(-1)!.binary).toBe(false);
    }
    for (const s of worker) expect(s.events()).toEqual([]);
  });

  it('keeps actors whose roles or department differ apart, forgets closed sockets, and stays within the tenant', () => {
    const { h, bus, connect } = hub();
    bus.pushTo('note', (e, a) => e.payload.departmentId === a.departmentId);
    const before = connect(actor('u1', ['worker'], 'd1'));
    const after = connect(actor('u1', ['worker'], 'd2')); // moved department, new session
    const elsewhere = new FakeSocket();
    h.add(elsewhere as unknown as WebSocket, { ...actor('u9', ['worker'], 'd2'), tenantId: 'other' });
    h.deliver(event('note', { departmentId: 'd2' }));
    expect(before.events()).toHaveLength(0);
    expect(after.events()).toHaveLength(1);
    expect(elsewhere.events()).toHaveLength(0);
    after.emit('close');
    expect(h.connectionCount).toBe(2);
    h.deliver(event('note', { departmentId: 'd2' }));
    expect(after.events()).toHaveLength(1);
  });

  it('a failing rule or a socket that stopped reading does not hold up the others; each event goes out once', () => {
    const { h, bus, log, connect } = hub();
    bus.pushTo('x', (_e, a) => {
      if (a.userId === 'bad') throw new Error('boom');
      return true;
    });
    const bad = connect(actor('bad', ['worker']));
    const slow = connect(actor('u1', ['worker']));
    const fine = connect(actor('u1', ['worker']));
    slow.bufferedAmount = 10 << 20;
    const e = event('x');
    h.deliver(e);
    h.deliver(e);
    expect(bad.events()).toHaveLength(0);
    expect(log.warn).toHaveBeenCalled();
    expect(slow.terminated).toBe(true);
    expect(fine.events()).toHaveLength(1);
    expect(h.connectionCount).toBe(2);
  });
});
