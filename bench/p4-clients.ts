// P4's WebSocket clients, in a child process of the bench (started with an IPC channel) so that
// receiving thousands of messages does not share a thread with anything measured.
//
// Each receipt is stamped with `performance.timeOrigin + performance.now()` (milliseconds since the
// epoch, sub-millisecond resolution), the same clock the bench and the raw servers use.
//
// Requests (parent → child, each with a numeric `id`; the answer carries the same `id`):
//   { cmd: 'connect', url, headers, count, concurrency, hello }  open `count` sockets (waiting for
//        the first message when `hello`) → { connected, failed, errors }
//   { cmd: 'wait', type, subjectId?, n, timeoutMs }  until an event of that type (and subject) has
//        reached `n` sockets, or the time is up → { count }
//   { cmd: 'listen', url, channel }  LISTEN on PostgreSQL too, stamping each NOTIFY payload on arrival
//        (a second, independent witness of when events were committed) → {}
//   { cmd: 'take' }  every receipt and NOTIFY recorded so far, then forget them
//        → { events: Receipts[], notified: [payload, time][] }
//   { cmd: 'stats' } → { open }
//   { cmd: 'close' } close every socket → {}
import pg from 'pg';
import WebSocket from 'ws';

const now = () => performance.timeOrigin + performance.now();

/** The receipts of one message sent to many sockets (app: one outbox event; raw: one broadcast). */
export interface Receipts {
  /** The outbox event id, or `raw:<n>` for the raw baseline. */
  key: string;
  type: string;
  subjectId: string | null;
  /** Raw baseline only: when its server started the send loop. */
  sentAt: number | null;
  /** Size of the message in bytes. */
  bytes: number;
  times: number[];
}

type Request =
  | { id: number; cmd: 'connect'; url: string; headers: Record<string, string>; count: number; concurrency: number; hello: boolean }
  | { id: number; cmd: 'wait'; type: string; subjectId?: string; n: number; timeoutMs: number }
  | { id: number; cmd: 'listen'; url: string; channel: string }
  | { id: number; cmd: 'take' }
  | { id: number; cmd: 'stats' }
  | { id: number; cmd: 'close' };

const sockets = new Set<WebSocket>();
let received = new Map<string, Receipts>();
let notified = new Map<string, number>();
let listener: pg.Client | undefined;
let waiters: { type: string; subjectId?: string; n: number; done: (count: number) => void }[] = [];

function countOf(type: string, subjectId?: string): number {
  let best = 0;
  for (const r of received.values()) {
    if (r.type === type && (subjectId === undefined || r.subjectId === subjectId) && r.times.length > best) best = r.times.length;
  }
  return best;
}

function onMessage(data: WebSocket.RawData): void {
  const t = now();
  const text = String(data);
  let m: any;
  try {
    m = JSON.parse(text);
  } catch {
    return;
  }
  let key: string;
  let r: Receipts | undefined;
  if (m.type === 'event') {
    key = String(m.event.id);
    r = received.get(key);
    if (!r) {
      r = { key, type: m.event.type, subjectId: m.event.subjectId ?? null, sentAt: null, bytes: Buffer.byteLength(text), times: [] };
      received.set(key, r);
    }
  } else if (m.type === 'raw') {
    key = `raw:${m.n}`;
    r = received.get(key);
    if (!r) {
      r = { key, type: 'raw', subjectId: null, sentAt: m.sentAt, bytes: Buffer.byteLength(text), times: [] };
      received.set(key, r);
    }
    if (m.sentAt < r.sentAt!) r.sentAt = m.sentAt; // several raw servers: the earliest loop start
  } else {
    return;
  }
  r.times.push(t);
  if (waiters.length) {
    const n = r.times.length;
    waiters = waiters.filter((w) => {
      if (w.type === r.type && (w.subjectId === undefined || w.subjectId === r.subjectId) && n >= w.n) {
        w.done(n);
        return false;
      }
      return true;
    });
  }
}

function open(url: string, headers: Record<string, string>, hello: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, perMessageDeflate: false });
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      ws.terminate();
      reject(err);
    };
    const timer = setTimeout(() => fail(new Error('no answer within 30 s')), 30_000);
    ws.once('unexpected-response', (_req, res) => fail(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', fail);
    const ready = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => {});
      ws.on('message', onMessage);
      resolve();
    };
    if (hello) ws.once('message', () => ready());
    else ws.once('open', ready);
  });
}

async function connect(req: Extract<Request, { cmd: 'connect' }>) {
  let next = 0;
  let connected = 0;
  const errors = new Map<string, number>();
  const lane = async () => {
    while (next < req.count) {
      next++;
      try {
        await open(req.url, req.headers, req.hello);
        connected++;
      } catch (err) {
        const msg = (err as Error).message;
        errors.set(msg, (errors.get(msg) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, req.concurrency) }, lane));
  return { connected, failed: req.count - connected, errors: [...errors].map(([m, n]) => `${n} × ${m}`) };
}

async function handle(req: Request): Promise<object> {
  switch (req.cmd) {
    case 'connect':
      return connect(req);
    case 'wait': {
      const have = countOf(req.type, req.subjectId);
      if (have >= req.n) return { count: have };
      return new Promise((resolve) => {
        const w = { type: req.type, subjectId: req.subjectId, n: req.n, done: (count: number) => resolve({ count }) };
        waiters.push(w);
        setTimeout(() => {
          if (!waiters.includes(w)) return;
          waiters = waiters.filter((x) => x !== w);
          resolve({ count: countOf(req.type, req.subjectId) });
        }, req.timeoutMs);
      });
    }
    case 'listen': {
      listener = new pg.Client({ connectionString: req.url });
      await listener.connect();
      listener.on('notification', (n) => {
        if (n.channel === req.channel && n.payload && !notified.has(n.payload)) notified.set(n.payload, now());
      });
      await listener.query(`LISTEN ${pg.escapeIdentifier(req.channel)}`);
      return {};
    }
    case 'take': {
      const events = [...received.values()];
      const notes = [...notified];
      received = new Map();
      notified = new Map();
      return { events, notified: notes };
    }
    case 'stats':
      return { open: sockets.size };
    case 'close': {
      await listener?.end().catch(() => {});
      const closing = [...sockets].map((ws) => new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.close();
        setTimeout(() => {
          ws.terminate();
          resolve();
        }, 2000).unref();
      }));
      await Promise.all(closing);
      return {};
    }
  }
}

process.on('message', (req: Request) => {
  handle(req).then(
    (res) => process.send!({ id: req.id, ...res }),
    (err) => process.send!({ id: req.id, error: (err as Error).message }),
  );
});
process.on('disconnect', () => process.exit(0));
process.send!({ ready: true });
