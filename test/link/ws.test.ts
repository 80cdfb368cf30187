import { request as httpRequest } from 'node:http';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { RealClock } from '../../src/clock/index.js';
import {
  globalWebSocketFactory,
  startWsServer,
  wsSocketFactory,
  type ConnectionHandler,
  type WsServerHandle,
} from '../../src/link/index.js';
import { isRtSimError } from '../../src/protocol/index.js';
import { describeLinkContract } from './contract.js';
import { TestClient, TestServer, thrownBy, type LinkEnv } from './helpers.js';

/** TCP sockets and servers still open in this process (vitest itself talks over pipes). */
function openTcpHandles(): string[] {
  return process.getActiveResourcesInfo().filter((kind) => kind.startsWith('TCP'));
}

afterAll(async () => {
  // Sockets finish closing a few event-loop turns after their `close` event.
  const clock = new RealClock();
  for (let i = 0; i < 200 && openTcpHandles().length > 0; i++) await clock.sleep(5);
  expect(openTcpHandles()).toEqual([]);
});

// `rt-sim serve` batches a connection's writes of one task: the link must behave exactly the same.
for (const batchWrites of [false, true]) {
  const name = batchWrites
    ? 'ws over 127.0.0.1, writes batched per task (real clock)'
    : 'ws over 127.0.0.1 (real clock)';
  describeLinkContract(name, async (handler) => {
    const server = await startWsServer(handler, { batchWrites });
    return {
      url: server.url,
      socketFactory: wsSocketFactory,
      connections: () => server.connections(),
      run: (p) => p,
      close: () => server.close(),
    };
  });
}

/** Sends a WebSocket upgrade request by hand and reads the plain HTTP answer. */
function upgradeAnswer(port: number, path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      path,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Version': '13',
      },
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      reject(new Error('expected a refusal, got an upgrade'));
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startWsServer', () => {
  let server: WsServerHandle | undefined;
  const clients: TestClient[] = [];

  async function start(
    handler: ConnectionHandler,
    opts?: Parameters<typeof startWsServer>[1],
  ): Promise<WsServerHandle> {
    server = await startWsServer(handler, opts);
    return server;
  }

  function envOf(s: WsServerHandle): LinkEnv {
    return {
      url: s.url,
      socketFactory: wsSocketFactory,
      connections: () => s.connections(),
      run: (p) => p,
      close: () => s.close(),
    };
  }

  afterEach(async () => {
    for (const c of clients.splice(0)) {
      if (c.socket.readyState < 2) c.socket.close(1000);
      await c.closed();
    }
    await server?.close();
    server = undefined;
  });

  it('listens on an ephemeral loopback port at ws://127.0.0.1:PORT/v1/realtime', async () => {
    const s = await start(new TestServer());
    expect(s.host).toBe('127.0.0.1');
    expect(s.port).toBeGreaterThan(0);
    expect(s.url).toBe(`ws://127.0.0.1:${s.port}/v1/realtime`);
  });

  it.each([
    [401, '{"error":"invalid api key"}', 'application/json'],
    [429, 'slow down', 'text/plain; charset=utf-8'],
    [503, '', 'text/plain; charset=utf-8'],
  ])('R2.5 a refused handshake answers a real HTTP %i with its body', async (status, body, type) => {
    const handler = new TestServer();
    handler.decision = { accept: false, status, body };
    const s = await start(handler);
    expect(await upgradeAnswer(s.port, '/v1/realtime?model=m')).toEqual({ status, type, body });
    expect(handler.handshakes[0]?.url).toBe(`ws://127.0.0.1:${s.port}/v1/realtime?model=m`);
  });

  it('an upgrade to another path gets 404 and never reaches the handler', async () => {
    const handler = new TestServer();
    const s = await start(handler);
    const answer = await upgradeAnswer(s.port, '/v2/elsewhere');
    expect(answer.status).toBe(404);
    expect(answer.body).toContain('/v1/realtime');
    expect(handler.handshakes).toEqual([]);
  });

  it('serves another path when told to', async () => {
    const handler = new TestServer();
    const s = await start(handler, { path: '/rt' });
    expect(s.url).toBe(`ws://127.0.0.1:${s.port}/rt`);
    const client = TestClient.open(envOf(s));
    clients.push(client);
    await client.opened();
  });

  it('a plain HTTP request gets 426 Upgrade Required', async () => {
    const s = await start(new TestServer());
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: s.port, path: '/v1/realtime' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(426);
  });

  it("a plain HTTP request goes to the handler's http answer with its body, or 426 if undefined", async () => {
    const seen: { method: string; url: string; body: string; auth: string | undefined }[] = [];
    const handler = Object.assign(new TestServer(), {
      http: (r: { method: string; url: string; headers: Record<string, string>; body: string }) => {
        seen.push({ method: r.method, url: r.url, body: r.body, auth: r.headers['authorization'] });
        return r.url === '/rest' ? { status: 201, body: '{"ok":true}' } : undefined;
      },
    });
    const s = await start(handler);
    const rest = await fetch(`http://127.0.0.1:${s.port}/rest`, {
      method: 'POST',
      headers: { authorization: 'Bearer k' },
      body: 'hello',
    });
    expect(rest.status).toBe(201);
    expect(rest.headers.get('content-type')).toBe('application/json');
    expect(await rest.json()).toEqual({ ok: true });
    expect((await fetch(`http://127.0.0.1:${s.port}/other`)).status).toBe(426);
    expect(seen).toEqual([
      { method: 'POST', url: '/rest', body: 'hello', auth: 'Bearer k' },
      { method: 'GET', url: '/other', body: '', auth: undefined },
    ]);
  });

  it('a plain HTTP request body over 64 KiB gets 413 without reaching the handler', async () => {
    let called = false;
    const s = await start(
      Object.assign(new TestServer(), {
        http: () => {
          called = true;
          return { status: 200, body: '' };
        },
      }),
    );
    const res = await fetch(`http://127.0.0.1:${s.port}/rest`, { method: 'POST', body: 'x'.repeat(64 * 1024 + 1) });
    expect(res.status).toBe(413);
    expect(called).toBe(false);
  });

  it('a handshake that throws answers 500 and hands the error to onError', async () => {
    const errors: unknown[] = [];
    const s = await start(
      {
        handshake() {
          throw new Error('simulator bug');
        },
        connection() {},
      },
      { onError: (e) => errors.push(e) },
    );
    const client = TestClient.open(envOf(s));
    clients.push(client);
    await client.closed();
    expect(client.errorEvent()?.message).toBe('Unexpected server response: 500');
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('simulator bug');
  });

  it('close() terminates open sockets (the client sees 1006) and can be called twice', async () => {
    const handler = new TestServer();
    const s = await start(handler);
    const client = TestClient.open(envOf(s));
    clients.push(client);
    await client.opened();
    await handler.side(0);
    await Promise.all([s.close(), s.close()]);
    await client.closed();
    expect(client.closeEvent()).toMatchObject({ code: 1006, wasClean: false });
    expect(s.connections()).toBe(0);
    await handler.sides[0]!.until((side) => side.closed !== undefined);
    expect(handler.sides[0]!.closed?.code).toBe(1006);
  });

  it('with batchWrites, frames sent just before terminate() still reach the client first', async () => {
    const s = await start(
      {
        handshake: () => ({ accept: true }),
        connection(conn) {
          conn.send('one');
          conn.send('two');
          conn.terminate();
        },
      },
      { batchWrites: true },
    );
    const client = TestClient.open(envOf(s));
    clients.push(client);
    await client.closed();
    expect(client.messages()).toEqual(['one', 'two']);
    expect(client.closeEvent()).toMatchObject({ code: 1006 });
  });

  it('rejects when the port is taken', async () => {
    const s = await start(new TestServer());
    await expect(startWsServer(new TestServer(), { port: s.port })).rejects.toHaveProperty('code', 'EADDRINUSE');
  });
});

describe('globalWebSocketFactory', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('throws RTSIM_LINK_NO_GLOBAL_WEBSOCKET with a hint when there is no global WebSocket', () => {
    vi.stubGlobal('WebSocket', undefined);
    const error = thrownBy(() => globalWebSocketFactory());
    expect(isRtSimError(error, 'RTSIM_LINK_NO_GLOBAL_WEBSOCKET')).toBe(true);
    expect((error as Error).message).toContain('--experimental-websocket');
  });

  it('opens the global WebSocket with { protocols, headers } and binary frames as ArrayBuffer', () => {
    const made: { url: string; init: unknown; socket: { binaryType: string } }[] = [];
    class FakeWebSocket {
      binaryType = 'blob';
      constructor(url: string, init: unknown) {
        made.push({ url, init, socket: this });
      }
    }
    vi.stubGlobal('WebSocket', FakeWebSocket);
    const factory = globalWebSocketFactory();
    const socket = factory({
      url: 'wss://api.x.ai/v1/realtime',
      headers: { Authorization: 'Bearer k' },
      protocols: ['p'],
    });
    expect(made).toHaveLength(1);
    expect(made[0]!.socket).toBe(socket);
    expect(made[0]!.url).toBe('wss://api.x.ai/v1/realtime');
    expect(made[0]!.init).toEqual({ protocols: ['p'], headers: { Authorization: 'Bearer k' } });
    expect(made[0]!.socket.binaryType).toBe('arraybuffer');
  });
});
