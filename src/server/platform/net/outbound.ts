import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/**
 * Requests the server makes on an administrator's behalf (warning feeds, notification robots)
 * must not become a way into the internal network (server-side request forgery). Loopback,
 * private, link-local and other special ranges are refused unless the host is on the allow-list
 * the operator configures (OUTBOUND_ALLOW_HOSTS). The address is checked on the very resolution
 * used to connect (no second lookup an attacker's DNS could answer differently), again on every
 * redirect, and a failure is reported by status or error code only, never with the target's answer.
 */
const INTERNAL = new net.BlockList();
for (const [addr, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 3],
] as const) INTERNAL.addSubnet(addr, bits, 'ipv4');
for (const [addr, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96], ['2001:db8::', 32]] as const) {
  INTERNAL.addSubnet(addr, bits, 'ipv6');
}

export function isInternalAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return INTERNAL.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return INTERNAL.check(mapped[1], 'ipv4');
    return INTERNAL.check(address, 'ipv6');
  }
  return true; // not an address at all: refuse
}

export class OutboundRefusedError extends Error {
  readonly code = 'OUTBOUND_REFUSED';
}

export interface OutboundResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface OutboundRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  maxBytes?: number;
  /** How many redirects to follow (each target checked again); 0: a redirect is an error. */
  redirects?: number;
}

export class OutboundGuard {
  private readonly allowed: Set<string>;

  constructor(allowHosts: string[] = []) {
    this.allowed = new Set(allowHosts.map((h) => h.trim().toLowerCase().replace(/^\[|\]$/g, '')).filter(Boolean));
  }

  private hostAllowed(host: string): boolean {
    return this.allowed.has(host.toLowerCase().replace(/^\[|\]$/g, ''));
  }

  /**
   * A URL as an administrator saves it: http(s) only, and no literal internal address or local
   * name unless allowed. Names are resolved again, and checked, whenever the URL is used.
   * Returns the reason it is refused, or null.
   */
  refusal(url: string): string | null {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return 'not a URL';
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'only http and https URLs';
    if (u.username || u.password) return 'credentials in the URL are not accepted';
    const host = u.hostname.replace(/^\[|\]$/g, '');
    if (this.hostAllowed(host)) return null;
    if (/^localhost$|\.localhost$|\.local$|\.internal$/i.test(host)) return `${host} is a local name; an administrator may allow it in OUTBOUND_ALLOW_HOSTS`;
    if (net.isIP(host) && isInternalAddress(host)) return `${host} is a loopback, private or link-local address; an administrator may allow it in OUTBOUND_ALLOW_HOSTS`;
    return null;
  }

  async request(url: string, o: OutboundRequest = {}): Promise<OutboundResponse> {
    let target = url;
    for (let hop = 0; ; hop++) {
      const res = await this.once(target, o);
      const location = res.headers.location;
      if (res.status >= 300 && res.status < 400 && location) {
        if (hop >= (o.redirects ?? 0)) throw new Error(`HTTP ${res.status} (redirect not followed)`);
        target = new URL(location, target).toString();
        continue;
      }
      return res;
    }
  }

  private once(url: string, o: OutboundRequest): Promise<OutboundResponse> {
    const reason = this.refusal(url);
    if (reason) return Promise.reject(new OutboundRefusedError(`refused: ${reason}`));
    const u = new URL(url);
    const host = u.hostname.replace(/^\[|\]$/g, '');
    const allowed = this.hostAllowed(host);
    // The connection's own lookup: the addresses it connects to are the ones checked here.
    const lookup: net.LookupFunction = (hostname, options, callback) => {
      dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
        if (err) return (callback as (e: Error) => void)(err);
        const list = addresses as dns.LookupAddress[];
        if (!allowed && list.some((a) => isInternalAddress(a.address))) {
          return (callback as (e: Error) => void)(
            new OutboundRefusedError(`refused: ${hostname} resolves to a loopback, private or link-local address; an administrator may allow it in OUTBOUND_ALLOW_HOSTS`),
          );
        }
        if ((options as dns.LookupOptions).all) return (callback as (e: null, a: dns.LookupAddress[]) => void)(null, list);
        (callback as (e: null, a: string, f: number) => void)(null, list[0].address, list[0].family);
      });
    };
    const maxBytes = o.maxBytes ?? 2 * 1024 * 1024;
    return new Promise<OutboundResponse>((resolve, reject) => {
      const req = (u.protocol === 'https:' ? https : http).request(
        u,
        { method: o.method ?? 'GET', headers: o.headers, lookup, timeout: o.timeoutMs ?? 10_000, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > maxBytes) {
              req.destroy(new Error('the answer is too large'));
              return;
            }
            chunks.push(c);
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', (e) => reject(describe(e)));
        },
      );
      req.on('timeout', () => req.destroy(new Error('no answer in time')));
      req.on('error', (e) => reject(describe(e)));
      if (o.body !== undefined) req.write(o.body);
      req.end();
    });
  }
}

/** A connection failure by its code only (the target's words never reach the caller). */
function describe(err: Error): Error {
  if (err instanceof OutboundRefusedError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code) return new Error(`could not reach the server (${code})`);
  return new Error(err.message === 'the answer is too large' || err.message === 'no answer in time' ? err.message : 'could not reach the server');
}
