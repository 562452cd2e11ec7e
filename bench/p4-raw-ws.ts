// P4's baseline: a bare `ws` server (no app, no database) whose broadcast is the plain loop over its
// clients. Started by the bench with an IPC channel; listens on HOST:PORT.
//   { id, cmd: 'broadcast', n, bytes } → sends one `bytes`-long text message to every open client,
//     stamped with when the loop started (epoch ms, sub-millisecond) → { id, sent }
import { WebSocketServer, WebSocket } from 'ws';

const wss = new WebSocketServer({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT), perMessageDeflate: false });
wss.on('connection', (ws) => {
  ws.on('error', () => {});
  ws.send(JSON.stringify({ type: 'hello' }));
});

function message(n: number, sentAt: number, bytes: number): string {
  const bare = JSON.stringify({ type: 'raw', n, sentAt, pad: '' });
  return JSON.stringify({ type: 'raw', n, sentAt, pad: 'x'.repeat(Math.max(0, bytes - bare.length)) });
}

process.on('message', (req: { id: number; cmd: 'broadcast'; n: number; bytes: number }) => {
  if (req.cmd !== 'broadcast') return;
  const sentAt = performance.timeOrigin + performance.now();
  const text = message(req.n, sentAt, req.bytes);
  let sent = 0;
  for (const ws of wss.clients) {
    if (ws.readyState === WebSocket.OPEN) {
      ws.send(text);
      sent++;
    }
  }
  process.send!({ id: req.id, sent });
});
process.on('disconnect', () => process.exit(0));
wss.on('listening', () => process.send!({ ready: true }));
