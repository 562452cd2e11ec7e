import WebSocket from 'ws';

/** A WebSocket client that records messages and waits for the one a test expects. */
export interface Socket {
  ws: WebSocket;
  messages: any[];
  next(pred: (m: any) => boolean, ms?: number): Promise<any>;
}

export async function connect(p: number, cookie: string | null, origin = `http://127.0.0.1:${p}`): Promise<Socket> {
  const ws = new WebSocket(`ws://127.0.0.1:${p}/api/v1/ws`, { headers: { ...(cookie ? { cookie } : {}), origin } });
  const messages: any[] = [];
  const waiters: { pred: (m: any) => boolean; resolve: (m: any) => void }[] = [];
  ws.on('message', (data) => {
    const m = JSON.parse(String(data));
    messages.push(m);
    for (const w of [...waiters]) if (w.pred(m)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(m);
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  return {
    ws,
    messages,
    next(pred, ms = 5000) {
      const found = messages.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no such message within ' + ms + ' ms; got ' + JSON.stringify(messages))), ms);
        waiters.push({ pred, resolve: (m) => { clearTimeout(timer); resolve(m); } });
      });
    },
  };
}

