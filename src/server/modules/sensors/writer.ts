import type { FastifyBaseLogger } from 'fastify';
import type { IncomingReading, IngestResult, SensorIngest } from './ingest.js';
import { isDatabaseUnavailable, reconnectDelayMs } from '../../platform/db/connection-errors.js';

export interface WriterOptions {
  /** Flush at the latest this long after the first buffered reading. */
  flushMs?: number;
  /** Flush as soon as this many readings are buffered. */
  maxRows?: number;
  /** Beyond this many buffered readings, fire-and-forget input (MQTT) is dropped and counted. */
  maxBuffered?: number;
}

export interface WriterStats {
  received: number;
  stored: number;
  unknown: number;
  disabled: number;
  dropped: number;
  breaches: number;
  clears: number;
  flushes: number;
  failedBatches: number;
  /** Time spent in flushes (ms), and the longest one. */
  flushMs: number;
  maxFlushMs: number;
}

interface Pending {
  items: IncomingReading[];
  waiters: { resolve(r: IngestResult): void; reject(e: unknown): void }[];
}

/**
 * Buffers readings and writes them in batches: one transaction per tenant per flush, every
 * ~100 ms or every `maxRows` readings. Row-at-a-time writes could not keep up with thousands of
 * readings a second; a batch costs about what one row does. One flush runs at a time, so batches
 * of one process reach the database in arrival order.
 */
export class ReadingWriter {
  readonly stats: WriterStats = { received: 0, stored: 0, unknown: 0, disabled: 0, dropped: 0, breaches: 0, clears: 0, flushes: 0, failedBatches: 0, flushMs: 0, maxFlushMs: 0 };
  private reported = { at: Date.now(), stored: 0, flushes: 0, flushMs: 0 };
  private buffers = new Map<string, Pending>();
  private buffered = 0;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private closed = false;
  private readonly flushMs: number;
  private readonly maxRows: number;
  private readonly maxBuffered: number;

  constructor(
    private readonly ingest: SensorIngest,
    private readonly log: FastifyBaseLogger,
    o: WriterOptions = {},
  ) {
    this.flushMs = o.flushMs ?? 100;
    this.maxRows = o.maxRows ?? 5000;
    this.maxBuffered = o.maxBuffered ?? 200_000;
  }

  /** Fire and forget (MQTT): false when the buffer is full and the readings were dropped. */
  offer(tenantId: string, items: IncomingReading[]): boolean {
    if (this.closed || this.buffered + items.length > this.maxBuffered) {
      this.stats.dropped += items.length;
      return false;
    }
    this.push(tenantId, items);
    return true;
  }

  /** Buffered like the rest; resolves once the batch holding them is committed (HTTP answers after storing). */
  add(tenantId: string, items: IncomingReading[]): Promise<IngestResult> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('sensor reading writer closed'));
      const p = this.push(tenantId, items);
      p.waiters.push({ resolve, reject });
    });
  }

  private push(tenantId: string, items: IncomingReading[]): Pending {
    let p = this.buffers.get(tenantId);
    if (!p) this.buffers.set(tenantId, (p = { items: [], waiters: [] }));
    for (const i of items) p.items.push(i);
    this.buffered += items.length;
    this.stats.received += items.length;
    if (this.buffered >= this.maxRows) this.kick();
    else if (!this.timer && !this.flushing) this.timer = setTimeout(() => this.kick(), this.flushMs);
    return p;
  }

  private kick(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.flushing) return; // the running flush looks again when it ends
    this.flushing = this.flushAll().finally(() => {
      this.flushing = null;
      if (this.buffered >= this.maxRows) this.kick();
      else if (this.buffered > 0 && !this.timer) this.timer = setTimeout(() => this.kick(), this.flushMs);
    });
  }

  private async flushAll(): Promise<void> {
    const batches = this.buffers;
    this.buffers = new Map();
    this.buffered = 0;
    for (const [tenantId, p] of batches) {
      const started = performance.now();
      try {
        const r = await this.withRetry(() => this.ingest.ingest(tenantId, p.items));
        const ms = performance.now() - started;
        this.stats.flushMs += ms;
        this.stats.maxFlushMs = Math.max(this.stats.maxFlushMs, ms);
        this.stats.flushes++;
        this.stats.stored += r.stored;
        this.stats.unknown += r.unknown;
        this.stats.disabled += r.disabled;
        this.stats.breaches += r.breaches;
        this.stats.clears += r.clears;
        for (const w of p.waiters) w.resolve(r);
      } catch (err) {
        this.stats.failedBatches++;
        this.log.error({ err, tenantId, readings: p.items.length }, 'sensor readings batch failed');
        for (const w of p.waiters) w.reject(err);
      }
    }
    this.report();
  }

  /** At most every 10 s while readings flow: what was written and how long the batches took. */
  private report(): void {
    const now = Date.now();
    if (now - this.reported.at < 10_000) return;
    const s = this.stats;
    const r = this.reported;
    const flushes = s.flushes - r.flushes;
    if (flushes) {
      this.log.info(
        {
          readingsPerSecond: Math.round((s.stored - r.stored) / ((now - r.at) / 1000)),
          flushes,
          rowsPerFlush: Math.round((s.stored - r.stored) / flushes),
          msPerFlush: Math.round((s.flushMs - r.flushMs) / flushes),
          maxFlushMs: Math.round(s.maxFlushMs),
          dropped: s.dropped,
          unknown: s.unknown,
        },
        'sensor readings written',
      );
    }
    this.reported = { at: now, stored: s.stored, flushes: s.flushes, flushMs: s.flushMs };
  }

  /**
   * A serialization failure is retried a few times; a database that went away (restart, network
   * cut) is waited for with backoff for about ten seconds before the batch fails (HTTP callers
   * then get 503 and resend).
   */
  private async withRetry<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        const code = (err as { code?: string }).code;
        const conflict = code === '40001' || code === '40P01';
        const away = isDatabaseUnavailable(err);
        if (!(conflict && attempt < 4) && !(away && attempt < 8)) throw err;
        await new Promise((r) => setTimeout(r, away ? reconnectDelayMs(attempt) : 50 * 2 ** attempt));
      }
    }
  }

  /** Everything buffered so far is written (tests, shutdown). */
  async drain(): Promise<void> {
    while (this.buffered > 0 || this.flushing) {
      if (this.buffered > 0 && !this.flushing) this.kick();
      await this.flushing;
    }
  }

  async close(): Promise<void> {
    await this.drain();
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
