import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/index.js';
import { ReadyState, createClockedLoopbackLink, createMemoryLink } from '../../src/link/index.js';
import { describeLinkContract } from './contract.js';
import { TestClient, TestServer } from './helpers.js';

describeLinkContract('ws over 127.0.0.1 on a virtual clock', async (handler) => {
  const clock = new VirtualClock();
  const link = await createClockedLoopbackLink(handler, { clock });
  return {
    url: 'wss://api.x.ai/v1/realtime',
    socketFactory: link.socketFactory,
    connections: () => link.connections(),
    run: (p) => clock.run(p, { maxMs: 60_000 }),
    close: () => link.close(),
  };
});

describe('clocked loopback timing', () => {
  it("failClientSends makes the client's next send throw, as on the memory link", async () => {
    const clock = new VirtualClock();
    const server = new TestServer();
    const link = await createClockedLoopbackLink(server, { clock });
    try {
      const client = TestClient.open({
        url: 'wss://api.x.ai/v1/realtime',
        socketFactory: link.socketFactory,
        connections: () => link.connections(),
        run: (p) => clock.run(p),
        close: () => link.close(),
      });
      await clock.run(client.opened());
      const side = await clock.run(server.side(0));
      side.conn.failClientSends!(1);
      expect(() => client.socket.send('lost')).toThrow(/^\[rt-sim\] send failed/);
      client.socket.send('kept');
      await clock.run(side.until((s) => s.texts.length === 1));
      expect(side.texts).toEqual(['kept']);
      client.socket.close(1000);
      await clock.run(client.closed());
    } finally {
      await link.close();
    }
  });

  it('frames cross real sockets in no virtual time, and land after the timers already due, as in memory', async () => {
    const clock = new VirtualClock();
    const server = new TestServer();
    const link = await createClockedLoopbackLink(server, { clock });
    try {
      const client = TestClient.open({
        url: 'wss://api.x.ai/v1/realtime',
        socketFactory: link.socketFactory,
        connections: () => link.connections(),
        run: (p) => clock.run(p),
        close: () => link.close(),
      });
      await clock.run(client.opened());
      const side = await clock.run(server.side(0));
      await clock.run(clock.sleep(1000));
      const order: string[] = [];
      // A timer due now was set before the frame was sent: it fires first, as on the memory link.
      clock.setTimeout(() => order.push('timer'), 0);
      side.conn.send('hello');
      client.socket.addEventListener('message', () => order.push(`frame at ${clock.now()}`));
      await clock.run(client.until((c) => c.messages().length === 1));
      expect(order).toEqual(['timer', 'frame at 1000']);
      client.socket.close(1000);
      await clock.run(client.closed());
      expect(clock.now()).toBe(1000);
    } finally {
      await link.close();
    }
  });
});

describe('a close and a server frame due at the same virtual instant', () => {
  /**
   * The client closes from a timer; the server sends from a timer set later and due at the
   * same instant. Each link reports what the client saw, in order.
   */
  async function seen(link: 'memory' | 'ws', serverSends: 'before' | 'after' = 'before'): Promise<string[]> {
    const clock = new VirtualClock();
    const server = new TestServer();
    const made =
      link === 'memory'
        ? { ...createMemoryLink(server, { clock }), close: async () => {} }
        : await createClockedLoopbackLink(server, { clock });
    try {
      const client = TestClient.open({
        url: 'wss://api.x.ai/v1/realtime',
        socketFactory: made.socketFactory,
        connections: () => made.connections(),
        run: (p) => clock.run(p),
        close: async () => {},
      });
      await clock.run(client.opened());
      const side = await clock.run(server.side(0));
      const order: string[] = [];
      client.socket.addEventListener('message', (e) => order.push(`message ${String((e as { data: unknown }).data)}`));
      client.socket.addEventListener('close', (e) => order.push(`close ${(e as { code: number }).code}`));
      clock.setTimeout(() => {
        client.socket.close(1000);
        order.push(`closing, readyState ${client.socket.readyState}`);
        if (serverSends === 'after') clock.setTimeout(() => side.conn.send('later'), 0);
      }, 100);
      if (serverSends === 'before') clock.setTimeout(() => side.conn.send('late'), 100);
      await clock.run(client.closed());
      return order;
    } finally {
      await made.close();
    }
  }

  it('the frame still reaches the closing client on the memory link', async () => {
    expect(await seen('memory')).toEqual([`closing, readyState ${ReadyState.CLOSING}`, 'message late', 'close 1000']);
  });

  it('over real sockets too: the close frame goes out on the clock, so the server has not read it yet', async () => {
    expect(await seen('ws')).toEqual(await seen('memory'));
  });

  it('a frame the server sends from a timer set after the close is dropped on the memory link', async () => {
    expect(await seen('memory', 'after')).toEqual([`closing, readyState ${ReadyState.CLOSING}`, 'close 1000']);
  });

  it('over real sockets too: no timer fires while the close frame crosses the loopback', async () => {
    for (let i = 0; i < 5; i++) expect(await seen('ws', 'after')).toEqual(await seen('memory', 'after'));
  });
});

describe('clocked loopback: a held handshake', () => {
  it('gets no answer, and lets virtual time run meanwhile so a connect timeout can fire', async () => {
    const clock = new VirtualClock();
    const server = new TestServer();
    server.decision = { accept: false, status: 504, hold: true };
    const link = await createClockedLoopbackLink(server, { clock });
    try {
      const client = TestClient.open({
        url: 'wss://api.x.ai/v1/realtime',
        socketFactory: link.socketFactory,
        connections: () => link.connections(),
        run: (p) => clock.run(p),
        close: () => link.close(),
      });
      await clock.run(clock.sleep(10_000));
      expect(clock.now()).toBe(10_000);
      expect(client.socket.readyState).toBe(ReadyState.CONNECTING);
      expect(server.handshakes).toHaveLength(1);
      client.socket.close();
      await clock.run(client.closed());
      expect(client.types()).toEqual(['error', 'close']);
      expect(server.sides).toHaveLength(0);
      expect(clock.now()).toBe(10_000);
    } finally {
      await link.close();
    }
  });
});
