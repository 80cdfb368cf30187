import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/index.js';
import { createMemoryLink, ReadyState, type LinkDirection } from '../../src/link/index.js';
import { describeLinkContract } from './contract.js';
import { type LinkEnv, TestClient, TestServer, thrownBy } from './helpers.js';

const URL = 'ws://sim.test/v1/realtime';

describeLinkContract('memory link (virtual clock)', async (handler) => {
  const clock = new VirtualClock();
  const link = createMemoryLink(handler, { clock, latencyMs: 5 });
  return {
    url: URL,
    socketFactory: link.socketFactory,
    connections: () => link.connections(),
    run: (p) => clock.run(p, { maxMs: 60_000 }),
    close: async () => {},
  };
});

/** A memory link on a fresh virtual clock. */
function memoryEnv(latencyMs: number | ((d: LinkDirection) => number), server = new TestServer()) {
  const clock = new VirtualClock();
  const link = createMemoryLink(server, { clock, latencyMs });
  const env: LinkEnv = {
    url: URL,
    socketFactory: link.socketFactory,
    connections: () => link.connections(),
    run: (p) => clock.run(p),
    close: async () => {},
  };
  return { clock, link, server, env };
}

describe('memory link timing', () => {
  it('latency is virtual time: handshake at L, open at 2L, a frame sent at t arrives at t+L', async () => {
    const { clock, server, env } = memoryEnv(25);
    const handshakeAt: number[] = [];
    server.onConnection = () => handshakeAt.push(clock.now());
    const client = TestClient.open(env);
    let openAt = -1;
    client.socket.addEventListener('open', () => (openAt = clock.now()));
    await env.run(client.opened());
    expect(handshakeAt).toEqual([25]);
    expect(openAt).toBe(50);
    const side = server.sides[0]!;
    const arrivals: number[] = [];
    side.conn.onMessage(() => arrivals.push(clock.now()));
    await clock.advance(100);
    client.socket.send('up');
    await env.run(side.until((s) => s.texts.length === 1));
    expect(arrivals).toEqual([175]);
    let downAt = -1;
    client.socket.addEventListener('message', () => (downAt = clock.now()));
    side.conn.send('down');
    await env.run(client.until((c) => c.messages().length === 1));
    expect(downAt).toBe(200);
  });

  it('a latency function is asked per direction', async () => {
    const { clock, server, env } = memoryEnv((d) => (d === 'upstream' ? 10 : 30));
    const client = TestClient.open(env);
    await env.run(client.opened());
    expect(clock.now()).toBe(40);
    const side = server.sides[0]!;
    client.socket.send('a');
    side.conn.send('b');
    let upAt = -1;
    let downAt = -1;
    side.conn.onMessage(() => (upAt = clock.now()));
    client.socket.addEventListener('message', () => (downAt = clock.now()));
    await env.run(
      Promise.all([side.until((s) => s.texts.length === 1), client.until((c) => c.messages().length === 1)]),
    );
    expect([upAt, downAt]).toEqual([50, 70]);
  });

  it('a jittery latency delays frames but never reorders them', async () => {
    const delays = [50, 40, 30, 20, 10, 0, 45, 5];
    let i = 0;
    const { clock, server, env } = memoryEnv((d) => (d === 'downstream' ? delays[i++ % delays.length]! : 0));
    const client = TestClient.open(env);
    await env.run(client.opened());
    const side = server.sides[0]!;
    const times: number[] = [];
    client.socket.addEventListener('message', () => times.push(clock.now()));
    const start = clock.now();
    for (let n = 0; n < 20; n++) side.conn.send(String(n));
    await env.run(client.until((c) => c.messages().length === 20));
    expect(client.messages()).toEqual(Array.from({ length: 20 }, (_, n) => String(n)));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThan(start);
  });

  it('a refused handshake is reported one round trip after connecting', async () => {
    const server = new TestServer();
    server.decision = { accept: false, status: 401 };
    const { clock, env } = memoryEnv(15, server);
    const client = TestClient.open(env);
    await env.run(client.closed());
    expect(clock.now()).toBe(30);
    expect(client.states).toEqual([ReadyState.CONNECTING, ReadyState.CLOSED, ReadyState.CLOSED]);
  });

  it('a server close takes one trip to the client and the echo one more back to the server', async () => {
    const { clock, server, env } = memoryEnv(10);
    const client = TestClient.open(env);
    await env.run(client.opened());
    const side = server.sides[0]!;
    const t = clock.now();
    let clientClosedAt = -1;
    let serverClosedAt = -1;
    client.socket.addEventListener('close', () => (clientClosedAt = clock.now()));
    side.conn.onClose(() => (serverClosedAt = clock.now()));
    side.conn.close(1000, 'bye');
    await env.run(side.until((s) => s.closed !== undefined));
    expect([clientClosedAt - t, serverClosedAt - t]).toEqual([10, 20]);
  });

  it('the same script gives the same timed log every time (deterministic)', async () => {
    const script = async (): Promise<string[]> => {
      let k = 0;
      const { clock, server, env } = memoryEnv(() => [3, 7, 1, 9][k++ % 4]!);
      const log: string[] = [];
      server.onConnection = (side) =>
        side.conn.onMessage((text) => {
          log.push(`server ${text}@${clock.now()}`);
          side.conn.send(`re:${text}`);
        });
      const clients = [TestClient.open(env), TestClient.open(env)];
      for (const [n, c] of clients.entries()) {
        c.socket.addEventListener('message', (e) => log.push(`client${n} ${String(e.data)}@${clock.now()}`));
      }
      await env.run(Promise.all(clients.map((c) => c.opened())));
      clients.forEach((c, n) => {
        for (let f = 0; f < 5; f++) c.socket.send(`${n}.${f}`);
      });
      await env.run(Promise.all(clients.map((c) => c.until((x) => x.messages().length === 5))));
      return log;
    };
    const first = await script();
    expect(first).toHaveLength(20);
    expect(await script()).toEqual(first);
  });
});

describe('memory link behaviour', () => {
  it('send before open throws InvalidStateError', () => {
    const { env } = memoryEnv(0);
    const client = TestClient.open(env);
    const error = thrownBy(() => client.socket.send('x'));
    expect((error as DOMException).name).toBe('InvalidStateError');
    expect((error as Error).message).toBe('WebSocket is not open: readyState 0 (CONNECTING)');
  });

  it('a client that gives up before its handshake arrives never reaches the server', async () => {
    const { clock, server, env } = memoryEnv(10);
    const client = TestClient.open(env);
    client.socket.close();
    await env.run(client.closed());
    await clock.advance(100);
    expect(server.handshakes).toEqual([]);
    expect(client.errorEvent()?.message).toBe('WebSocket was closed before the connection was established');
    expect(clock.pendingTimers()).toBe(0);
  });

  it('a client that gives up after the server accepted makes the server see 1006', async () => {
    const { clock, server, env } = memoryEnv(10);
    const client = TestClient.open(env);
    await clock.advance(15);
    expect(server.sides).toHaveLength(1);
    client.socket.close();
    const side = server.sides[0]!;
    await env.run(Promise.all([client.closed(), side.until((s) => s.closed !== undefined)]));
    expect(side.closed).toEqual({ code: 1006, reason: '' });
    expect(client.types()).toEqual(['error', 'close']);
  });

  it("failClientSends makes the client's next sends throw; the frames never reach the server", async () => {
    const { server, env } = memoryEnv(5);
    const client = TestClient.open(env);
    await env.run(client.opened());
    const side = await env.run(server.side(0));
    side.conn.failClientSends!(2);
    for (const text of ['a', 'b'])
      expect((thrownBy(() => client.socket.send(text)) as Error).message).toMatch(/^\[rt-sim\] send failed/);
    client.socket.send('c');
    await env.run(side.until((s) => s.texts.length === 1));
    expect(side.texts).toEqual(['c']);
    expect(client.socket.readyState).toBe(ReadyState.OPEN);
  });

  it('frames the handler sends on accepting arrive after open', async () => {
    const { server, env } = memoryEnv((d) => (d === 'downstream' ? 20 : 1));
    server.onConnection = (side) => {
      side.conn.send('{"type":"conversation.created"}');
      side.conn.send('{"type":"session.updated"}');
    };
    const client = TestClient.open(env);
    await env.run(client.until((c) => c.messages().length === 2));
    expect(client.types()).toEqual(['open', 'message', 'message']);
  });

  it('with coalesce, open and the frames sent on accepting arrive in one tick, before an awaiter resumes', async () => {
    const clock = new VirtualClock();
    const server = new TestServer();
    server.onConnection = (side) => {
      side.conn.send('{"type":"session.created"}');
      side.conn.send('{"type":"conversation.created"}');
    };
    const seen = async (coalesce: boolean): Promise<string[]> => {
      const link = createMemoryLink(server, { clock, latencyMs: 5, coalesce });
      const socket = link.socketFactory({ url: URL, headers: {} });
      const opened = new Promise<void>((resolve) => socket.addEventListener('open', () => resolve()));
      const early: string[] = [];
      socket.addEventListener('message', (e) => early.push(String(e.data)));
      const late: string[] = [];
      await clock.run(
        opened.then(() => {
          // What a caller that attaches its listener after awaiting open still gets.
          late.push(`after open: ${early.length} already delivered`);
          socket.addEventListener('message', (e) => late.push(String(e.data)));
        }),
      );
      await clock.advance(50);
      return late;
    };
    expect(await seen(true)).toEqual(['after open: 2 already delivered']);
    expect(await seen(false)).toEqual([
      'after open: 0 already delivered',
      '{"type":"session.created"}',
      '{"type":"conversation.created"}',
    ]);
  });

  it('messages sent by the server after the client started closing are still delivered (as with ws)', async () => {
    const { server, env } = memoryEnv(10);
    const client = TestClient.open(env);
    await env.run(client.opened());
    const side = server.sides[0]!;
    client.socket.close(1000);
    side.conn.send('in flight');
    await env.run(client.closed());
    expect(client.types()).toEqual(['open', 'message', 'close']);
  });

  it('a handshake that throws refuses with 500 and rejects the run with the error', async () => {
    const { env } = memoryEnv(1, {
      handshake() {
        throw new Error('simulator bug');
      },
      connection() {},
    } as unknown as TestServer);
    const client = TestClient.open(env);
    await expect(env.run(client.closed())).rejects.toThrow('simulator bug');
    await env.run(client.closed());
    expect(client.errorEvent()?.message).toBe('Unexpected server response: 500');
  });

  it('a throwing listener does not stop the others, and surfaces through run', async () => {
    const { server, env } = memoryEnv(1);
    server.onConnection = (side) => side.conn.send('x');
    const client = TestClient.open(env);
    client.socket.addEventListener('message', () => {
      throw new Error('listener bug');
    });
    const after: unknown[] = [];
    client.socket.addEventListener('message', (e) => after.push(e.data));
    await expect(env.run(client.until((c) => c.messages().length === 1))).rejects.toThrow('listener bug');
    expect(after).toEqual(['x']);
  });

  it('a listener added twice runs once, and removeEventListener removes it', async () => {
    const { server, env } = memoryEnv(1);
    server.onConnection = (side) => {
      side.conn.send('one');
      side.conn.send('two');
    };
    const client = TestClient.open(env);
    const seen: unknown[] = [];
    const listener = (e: { data: unknown }): void => {
      seen.push(e.data);
      client.socket.removeEventListener('message', listener);
    };
    client.socket.addEventListener('message', listener);
    client.socket.addEventListener('message', listener);
    await env.run(client.until((c) => c.messages().length === 2));
    expect(seen).toEqual(['one']);
  });

  it('a sent buffer is copied: changing it afterwards does not change the frame', async () => {
    const { server, env } = memoryEnv(5);
    const client = TestClient.open(env);
    await env.run(client.opened());
    const side = server.sides[0]!;
    const bytes = new Uint8Array([1, 2, 3]);
    client.socket.send(bytes);
    client.socket.send(new Uint16Array([0x0201]).buffer);
    bytes[0] = 99;
    await env.run(side.until((s) => s.binaries.length === 2));
    expect([...side.binaries[0]!]).toEqual([1, 2, 3]);
    expect([...side.binaries[1]!]).toEqual([1, 2]);
  });

  it('opening anything but a ws:// or wss:// URL throws SyntaxError', () => {
    const { link } = memoryEnv(0);
    for (const url of ['http:/nope', 'not a url', 'ftp://x/']) {
      const error = thrownBy(() => link.socketFactory({ url, headers: {} }));
      expect((error as DOMException).name).toBe('SyntaxError');
    }
  });
});

describe('memory link: a held handshake', () => {
  it('is never answered: the socket stays connecting as virtual time runs; giving up reaches no handler', async () => {
    const server = new TestServer();
    server.decision = { accept: false, status: 504, hold: true };
    const { clock, link, env } = memoryEnv(5, server);
    const client = TestClient.open(env);
    await clock.run(clock.sleep(10_000));
    expect(client.socket.readyState).toBe(ReadyState.CONNECTING);
    expect(client.types()).toEqual([]);
    expect(server.handshakes).toHaveLength(1);
    client.socket.close();
    await env.run(client.closed());
    expect(client.types()).toEqual(['error', 'close']);
    expect(server.sides).toHaveLength(0);
    expect(link.connections()).toBe(0);
  });
});
