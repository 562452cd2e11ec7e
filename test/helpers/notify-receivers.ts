/** Local stand-ins for an SMTP server and the group-robot webhooks, for the notification-channel tests. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Mail {
  to: string[];
  auth: { username?: string; password?: string } | null;
  headers: Record<string, string>;
  subject: string;
  text: string;
}

export async function smtpReceiver() {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, session, cb) {
      cb(null, { user: { username: auth.username, password: auth.password } });
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({ ...parseMail(raw), to: session.envelope.rcptTo.map((r) => r.address), auth: (session.user as Mail['auth']) ?? null });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { mails, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Enough MIME for a single-part text message: unfolded headers, RFC 2047 subject, base64 / quoted-printable body. */
export function parseMail(raw: string): Omit<Mail, 'to' | 'auth'> {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const body = raw.slice(split + 4);
  const cte = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const text =
    cte === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : cte === 'quoted-printable'
        ? qp(body)
        : body;
  return { headers, subject: words(headers.subject ?? ''), text };
}

function qp(s: string): string {
  const bytes: number[] = [];
  const src = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < src.length; i++) {
    if (src[i] === '=' && /^[0-9A-F]{2}$/i.test(src.slice(i + 1, i + 3))) {
      bytes.push(parseInt(src.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(src[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function words(s: string): string {
  return s
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
      enc.toLowerCase() === 'b' ? Buffer.from(data, 'base64').toString('utf8') : qp(data.replace(/_/g, ' ')),
    );
}

export interface Hit {
  path: string;
  query: URLSearchParams;
  body: any;
}

/**
 * One HTTP server for every robot: the path says which one. A path's answers can be queued
 * (status and JSON body); without one it answers like a happy robot of its kind.
 */
export async function webhookReceiver() {
  const hits: Hit[] = [];
  const queued = new Map<string, { status: number; body: unknown; delayMs?: number }[]>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      let body: unknown = null;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = Buffer.concat(chunks).toString('utf8');
      }
      hits.push({ path: url.pathname, query: url.searchParams, body });
      const next = queued.get(url.pathname)?.shift();
      const happy = url.pathname.startsWith('/feishu') ? { code: 0, msg: 'success', data: {} } : { errcode: 0, errmsg: 'ok' };
      setTimeout(() => {
        res.writeHead(next?.status ?? 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(next?.body ?? happy));
      }, next?.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    hits,
    base,
    answer(path: string, ...answers: { status: number; body: unknown; delayMs?: number }[]) {
      queued.set(path, [...(queued.get(path) ?? []), ...answers]);
    },
    on: (path: string) => hits.filter((h) => h.path === path),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
