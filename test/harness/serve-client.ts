import WebSocket from 'ws';

const sockets: WebSocket[] = [];

/** Terminates every socket {@link open} opened. */
export function terminateAll(): void {
  for (const s of sockets.splice(0)) s.terminate();
}

/** A hand-driven `ws` client of a served scenario: events received, raw close, a wait for a type. */
export function open(url: string): Promise<{
  ws: WebSocket;
  events: Record<string, unknown>[];
  closed: () => number | undefined;
  next: (type: string, count?: number) => Promise<Record<string, unknown>>;
}> {
  const ws = new WebSocket(`${url}?model=grok-4-1-fast-non-reasoning`, {
    headers: { Authorization: 'Bearer any-key' },
  });
  sockets.push(ws);
  const events: Record<string, unknown>[] = [];
  let code: number | undefined;
  const waiting: (() => void)[] = [];
  const wake = (): void => {
    for (const w of waiting.splice(0)) w();
  };
  ws.on('message', (data) => {
    events.push(JSON.parse(String(data)) as Record<string, unknown>);
    wake();
  });
  ws.on('close', (c) => {
    code = c;
    wake();
  });
  const next = (type: string, count = 1): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = events.filter((e) => e.type === type);
        if (found.length >= count) resolve(found[count - 1]!);
        else if (code !== undefined) reject(new Error(`closed (${code}) before ${count} × ${type}`));
        else waiting.push(check);
      };
      check();
    });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, events, closed: () => code, next }));
    ws.once('error', reject);
  });
}
