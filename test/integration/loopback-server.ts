import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A bare `ws` server on 127.0.0.1 playing the xAI service for the client under test:
 * `onConnection` gets each accepted socket and its number (from 1). `cleanups` receives its
 * shutdown, which terminates every socket it still holds.
 */
export async function loopbackServer(
  onConnection: (ws: WebSocket, connection: number) => void,
  cleanups: (() => Promise<void> | void)[],
): Promise<{ baseURL: string; connections: () => number }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  let count = 0;
  wss.on('connection', (ws) => onConnection(ws, ++count));
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  );
  const { port } = wss.address() as AddressInfo;
  return { baseURL: `http://127.0.0.1:${port}/v1`, connections: () => count };
}
