import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The installation's master key, kept outside the database: ZHIAN_SECRET_KEY (32 bytes, base64
 * or hex), or else a key file generated at first start with owner-only permissions. The database
 * role never sees it, so what it protects (audit signatures, encrypted fields) cannot be forged
 * or read by someone who only reaches the database. Back the key up apart from the data.
 */
export function loadMasterKey(o: { secretKey?: string; keyFile: string }): Buffer {
  if (o.secretKey) return parseKey(o.secretKey, 'ZHIAN_SECRET_KEY');
  if (existsSync(o.keyFile)) return parseKey(readFileSync(o.keyFile, 'utf8').trim(), o.keyFile);
  mkdirSync(path.dirname(o.keyFile), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(o.keyFile, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(o.keyFile, 0o600);
  return key;
}

function parseKey(text: string, where: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error(`${where}: the secret key must be 32 bytes (64 hex digits or base64)`);
  return key;
}

/** A key for one purpose, derived from the master key (HKDF-SHA256), so purposes never share a key. */
export function deriveKey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `zhian:${purpose}`, 32));
}

/**
 * Signs audit entries: `<key id>:<HMAC-SHA256 of the entry's hash>`. The key id names the key, so
 * after a rotation old entries are checked with the old key (kept in the ring) and new ones with the new.
 */
export class AuditSigner {
  private readonly ring: Map<string, Buffer>;
  private readonly current: { id: string; key: Buffer };

  constructor(masters: Buffer[]) {
    const keys = masters.map((m) => deriveKey(m, 'audit-signing'));
    this.ring = new Map(keys.map((k) => [keyId(k), k]));
    this.current = { id: keyId(keys[0]), key: keys[0] };
  }

  sign(hash: string): string {
    return `${this.current.id}:${createHmac('sha256', this.current.key).update(hash).digest('hex')}`;
  }

  verify(hash: string, sig: string): boolean {
    const [id, mac] = sig.split(':');
    const key = this.ring.get(id);
    if (!key || !mac) return false;
    const expected = createHmac('sha256', key).update(hash).digest();
    const given = Buffer.from(mac, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}
