import dns from 'node:dns';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../helpers/app.js';
import { isInternalAddress, OutboundGuard } from '../../src/server/platform/net/outbound.js';

// Server-side request forgery: warning feeds and robot webhooks may not point into the internal
// network unless the operator allows the host; names are checked on the resolution used to
// connect, redirects again, and a failure never repeats what the target answered.
let t: TestApp;
let admin: Client;
let safety: Client;
let server: http.Server;
let base: string;
const SECRET_ANSWER = 'internal-service: db_password=hunter2';
beforeAll(async () => {
  t = await startTestApp(); // no host allowed
  [admin, safety] = await Promise.all([t.login('admin'), t.login('safety')]);
  server = http.createServer((req, res) => {
    if (req.url?.startsWith('/hop')) {
      res.writeHead(302, { location: `http://localhost:${(server.address() as AddressInfo).port}/secret` }).end();
      return;
    }
    res.writeHead(500, { 'content-type': 'text/plain' }).end(SECRET_ANSWER);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.close();
  await t?.stop();
});

describe('outbound requests', () => {
  it('a robot webhook on a loopback, private or link-local address is refused when saved (422 naming the field)', async () => {
    for (const url of [`${base}/robot/send`, 'http://169.254.169.254/latest/meta-data', 'http://10.0.0.5/hook', 'http://[::1]:8080/x', 'http://localhost:9000/x']) {
      const res = await admin.post('/api/v1/notifications/channels', { kind: 'wecom', name: `内部 ${url}`, categories: ['hazard'], config: { webhookUrl: url } });
      expect(res.status, url).toBe(422);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('body.config.webhookUrl');
    }
  });

  it('a warning feed on an internal address is refused when saved', async () => {
    const res = await safety.post('/api/v1/warnings/sources', { kind: 'cap', name: '内网探测', senderAllowlist: ['*'], feedUrl: 'http://192.168.1.1/admin' });
    expect(res.status).toBe(422);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('body.feedUrl');
  });

  it('a name is checked on the addresses it resolves to when connecting (not only as written)', async () => {
    const guard = new OutboundGuard([]);
    const port = (server.address() as AddressInfo).port;
    // a name that the written-URL check cannot know is local (this machine's own name resolves to it)
    let name: string | undefined;
    for (const candidate of [os.hostname(), 'localhost.localdomain', 'ip6-localhost']) {
      const found = await dns.promises.lookup(candidate, { all: true }).catch(() => []);
      if (found.length && found.every((a) => isInternalAddress(a.address)) && !guard.refusal(`http://${candidate}:${port}/`)) {
        name = candidate;
        break;
      }
    }
    expect(name, 'a host name of this machine that resolves to a loopback address').toBeTruthy();
    await expect(guard.request(`http://${name}:${port}/`)).rejects.toThrow(/loopback, private or link-local/);
  });

  it('redirects are checked again, and failures do not repeat what the target answered', async () => {
    const allowed = new OutboundGuard(['127.0.0.1']);
    // allowed host, but it redirects to a name that is not allowed
    await expect(allowed.request(`${base}/hop`, { redirects: 3 })).rejects.toThrow(/refused/);
    const res = await allowed.request(`${base}/secret`);
    expect(res.status).toBe(500);
    // the robot sender reports the status only
    const { sendRobot } = await import('../../src/server/modules/notifications/senders.js');
    const err = await sendRobot(allowed, 'wecom', { webhookUrl: `${base}/secret` }, { id: 'x', title: '测试', body: '', url: null, urgent: false }).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toBe('HTTP 500');
    expect(err?.message).not.toContain('hunter2');
  });
});
