import { afterEach, describe, expect, it } from 'vitest';
import { isRtSimError } from '../../src/protocol/index.js';
import { ReadyState } from '../../src/link/index.js';
import { type LinkEnv, type MakeLinkEnv, TestClient, TestServer, thrownBy } from './helpers.js';

/**
 * The behaviour every link must share, so the client and simulator run the same over memory
 * (virtual clock) and over `ws` on loopback (real clock). Run by memory.test.ts and ws.test.ts.
 */
export function describeLinkContract(name: string, makeEnv: MakeLinkEnv): void {
  describe(`${name}: link contract`, () => {
    let env: LinkEnv | undefined;
    let clients: TestClient[] = [];

    async function setup(server = new TestServer()): Promise<{ env: LinkEnv; server: TestServer }> {
      env = await makeEnv(server);
      return { env, server };
    }

    function connect(e: LinkEnv, opts?: Parameters<typeof TestClient.open>[1]): TestClient {
      const client = TestClient.open(e, opts);
      clients.push(client);
      return client;
    }

    afterEach(async () => {
      const e = env;
      env = undefined;
      if (e === undefined) return;
      for (const client of clients) {
        if (client.socket.readyState === ReadyState.OPEN) client.socket.close(1000);
        if (client.socket.readyState !== ReadyState.CLOSED) await e.run(client.closed());
      }
      clients = [];
      await e.close();
    });

    it('opens: readyState goes CONNECTING then OPEN, and the handler gets the connection', async () => {
      const { env, server } = await setup();
      const client = connect(env);
      expect(client.socket.readyState).toBe(ReadyState.CONNECTING);
      await env.run(client.opened());
      expect(client.socket.readyState).toBe(ReadyState.OPEN);
      expect(client.socket.protocol).toBe('');
      expect(client.types()).toEqual(['open']);
      await env.run(server.side(0));
      expect(server.sides).toHaveLength(1);
      expect(env.connections()).toBe(1);
    });

    it('§1.1 the handshake carries url, lower-cased headers, protocols; the client gets the chosen one', async () => {
      const { env, server } = await setup();
      server.decision = { accept: true, protocol: 'xai-client-secret.tok' };
      const client = connect(env, {
        url: `${env.url}?model=grok-4-1-fast-non-reasoning`,
        headers: { Authorization: 'Bearer sk-test', 'User-Agent': 'LiveKit Agents' },
        protocols: ['xai-client-secret.tok'],
      });
      await env.run(client.opened());
      const request = server.handshakes[0]!;
      expect(request.url).toBe(`${env.url}?model=grok-4-1-fast-non-reasoning`);
      expect(request.headers.authorization).toBe('Bearer sk-test');
      expect(request.headers['user-agent']).toBe('LiveKit Agents');
      expect(request.headers.Authorization).toBeUndefined();
      expect(request.protocols).toEqual(['xai-client-secret.tok']);
      expect(client.socket.protocol).toBe('xai-client-secret.tok');
      expect((await env.run(server.side(0))).conn.request).toEqual(request);
    });

    it('a client that asked for a subprotocol fails when the server chooses none: error then close 1006', async () => {
      const { env } = await setup();
      const client = connect(env, { protocols: ['xai-client-secret.tok'] });
      await env.run(client.closed());
      expect(client.types()).toEqual(['error', 'close']);
      expect(client.errorEvent()?.message).toBe('Server sent no subprotocol');
      expect(client.closeEvent()).toMatchObject({ code: 1006, wasClean: false });
    });

    it('text frames round-trip both ways, in order, as strings', async () => {
      const { env, server } = await setup();
      server.onConnection = (side) => side.conn.onMessage((text) => side.conn.send(`echo:${text}`));
      const client = connect(env);
      await env.run(client.opened());
      client.socket.send('{"type":"session.update"}');
      client.socket.send('second');
      await env.run(client.until((c) => c.messages().length === 2));
      expect(server.sides[0]!.texts).toEqual(['{"type":"session.update"}', 'second']);
      expect(client.messages()).toEqual(['echo:{"type":"session.update"}', 'echo:second']);
    });

    it('100 frames keep their order in each direction', async () => {
      const { env, server } = await setup();
      const client = connect(env);
      await env.run(client.opened());
      const side = await env.run(server.side(0));
      const frames = Array.from({ length: 100 }, (_, i) => JSON.stringify({ type: 'x', i }));
      for (const f of frames) client.socket.send(f);
      for (const f of frames) side.conn.send(f);
      await env.run(
        Promise.all([side.until((s) => s.texts.length === 100), client.until((c) => c.messages().length === 100)]),
      );
      expect(side.texts).toEqual(frames);
      expect(client.messages()).toEqual(frames);
    });

    it('binary frames arrive as bytes in both directions', async () => {
      const { env, server } = await setup();
      const client = connect(env);
      await env.run(client.opened());
      const side = await env.run(server.side(0));
      client.socket.send(new Uint8Array([1, 2, 3]));
      side.conn.sendBinary!(new Uint8Array([4, 5]));
      await env.run(
        Promise.all([side.until((s) => s.binaries.length === 1), client.until((c) => c.messages().length === 1)]),
      );
      expect([...side.binaries[0]!]).toEqual([1, 2, 3]);
      const received = client.messages()[0];
      expect(received).toBeInstanceOf(Uint8Array);
      expect([...(received as Uint8Array)]).toEqual([4, 5]);
      expect(side.texts).toEqual([]);
    });

    it('a text frame that is not UTF-8 fails it as ws does: error, close 1007 to the server, 1006', async () => {
      const { env, server } = await setup();
      const client = connect(env);
      await env.run(client.opened());
      const side = await env.run(server.side(0));
      side.conn.sendInvalidUtf8!();
      await env.run(Promise.all([client.closed(), side.until((s) => s.closed !== undefined)]));
      expect(client.types()).toEqual(['open', 'error', 'close']);
      expect(client.errorEvent()?.message).toBe('Invalid WebSocket frame: invalid UTF-8 sequence');
      expect(client.closeEvent()).toMatchObject({ code: 1006, wasClean: false });
      expect(side.closed?.code).toBe(1007);
      expect(side.texts).toEqual([]);
    });

    it.each([401, 429, 503])(
      'R2.5 a %i refusal gives the client error (naming the status) then close 1006, and no connection',
      async (status) => {
        const { env, server } = await setup();
        server.decision = { accept: false, status, body: '{"error":"no"}' };
        const client = connect(env, { headers: { Authorization: 'Bearer bad' } });
        await env.run(client.closed());
        expect(client.types()).toEqual(['error', 'close']);
        expect(client.errorEvent()?.message).toBe(`Unexpected server response: ${status}`);
        expect(client.closeEvent()).toMatchObject({ code: 1006, reason: '', wasClean: false });
        expect(client.socket.readyState).toBe(ReadyState.CLOSED);
        expect(server.handshakes).toHaveLength(1);
        expect(server.sides).toHaveLength(0);
        expect(env.connections()).toBe(0);
      },
    );

    it('client close(4000, "bye") reaches the server; the client sees a clean close with the same code', async () => {
      const { env, server } = await setup();
      const client = connect(env);
      await env.run(client.opened());
      const side = await env.run(server.side(0));
      client.socket.close(4000, 'bye');
      expect(client.socket.readyState).toBe(ReadyState.CLOSING);
      await env.run(Promise.all([client.closed(), side.until((s) => s.closed !== undefined)]));
      expect(side.closed).toEqual({ code: 4000, reason: 'bye' });
      expect(client.closeEvent()).toMatchObject({ type: 'close', code: 4000, reason: 'bye', wasClean: true });
      expect(client.socket.readyState).toBe(ReadyState.CLOSED);
      expect(env.connections()).toBe(0);
    });

    it('client close() without a code is reported as 1005 on both ends', async () => {
      const { env, server } = await setup();
      const client = connect(env);
      await env.run(client.opened());
      const side = await env.run(server.side(0));
      client.socket.close();
      await env.run(Promise.all([client.closed(), side.until((s) => s.closed !== undefined)]));
      expect(side.closed).toEqual({ code: 1005, reason: '' });
      expect(client.closeEvent()).toMatchObject({ code: 1005, wasClean: true });
    });

    it('server close(4001, "done") reaches the client as a clean close, and the server hears it once', async () => {
      const { env, server } = await setup();
      const client = connect(env);
      await env.run(client.opened());
      const side = await env.run(server.side(0));
      side.conn.close(4001, 'done');
      await env.run(Promise.all([client.closed(), side.until((s) => s.closed !== undefined)]));
      expect(client.closeEvent()).toMatchObject({ code: 4001, reason: 'done', wasClean: true });
      expect(side.closed).toEqual({ code: 4001, reason: 'done' });
      expect(side.closeCount).toBe(1);
      expect(env.connections()).toBe(0);
    });

    it('R2.5 server terminate() drops the link: the client sees close 1006, not clean, and no error', async () => {
      const { env, server } = await setup();
      const client = connect(env);
      await env.run(client.opened());
      const side = await env.run(server.side(0));
      side.conn.terminate();
      await env.run(Promise.all([client.closed(), side.until((s) => s.closed !== undefined)]));
      expect(client.types()).toEqual(['open', 'close']);
      expect(client.closeEvent()).toMatchObject({ code: 1006, reason: '', wasClean: false });
      expect(side.closed).toEqual({ code: 1006, reason: '' });
      expect(env.connections()).toBe(0);
    });

    it('frames the server sends before terminate() still arrive before the close', async () => {
      const { env, server } = await setup();
      server.onConnection = (side) => {
        side.conn.send('last words');
      };
      const client = connect(env);
      await env.run(client.until((c) => c.messages().length === 1));
      server.sides[0]!.conn.terminate();
      await env.run(client.closed());
      expect(client.types()).toEqual(['open', 'message', 'close']);
    });

    it('send before open throws InvalidStateError; send after close is ignored', async () => {
      const { env, server } = await setup();
      const client = connect(env);
      const error = thrownBy(() => client.socket.send('too early'));
      expect(error).toBeInstanceOf(DOMException);
      expect((error as DOMException).name).toBe('InvalidStateError');
      await env.run(client.opened());
      const side = await env.run(server.side(0));
      client.socket.close(1000);
      client.socket.send('too late');
      await env.run(Promise.all([client.closed(), side.until((s) => s.closed !== undefined)]));
      client.socket.send('way too late');
      expect(side.texts).toEqual([]);
    });

    it('an invalid close code is refused on both ends', async () => {
      const { env, server } = await setup();
      const client = connect(env);
      await env.run(client.opened());
      const side = await env.run(server.side(0));
      const clientError = thrownBy(() => client.socket.close(1006));
      expect((clientError as DOMException).name).toBe('InvalidAccessError');
      expect(
        isRtSimError(
          thrownBy(() => side.conn.close(999)),
          'RTSIM_LINK_BAD_CLOSE',
        ),
      ).toBe(true);
      expect(client.socket.readyState).toBe(ReadyState.OPEN);
    });

    it('closing while connecting gives the client error then close 1006', async () => {
      const { env } = await setup();
      const client = connect(env);
      client.socket.close();
      expect(client.socket.readyState).toBe(ReadyState.CLOSING);
      await env.run(client.closed());
      expect(client.types()).toEqual(['error', 'close']);
      expect(client.closeEvent()).toMatchObject({ code: 1006, wasClean: false });
    });

    it('onopen / onmessage / onclose properties work like WHATWG handlers', async () => {
      const { env, server } = await setup();
      server.onConnection = (side) => side.conn.send('hi');
      const client = connect(env);
      const seen: string[] = [];
      const socket = client.socket as unknown as {
        onopen: (() => void) | null;
        onmessage: ((e: { data: unknown }) => void) | null;
        onclose: ((e: { code: number }) => void) | null;
      };
      socket.onopen = () => seen.push('replaced');
      socket.onopen = () => seen.push('open');
      socket.onmessage = (e) => seen.push(`message ${String(e.data)}`);
      socket.onclose = (e) => seen.push(`close ${e.code}`);
      await env.run(client.until((c) => c.messages().length === 1));
      client.socket.close(1000);
      await env.run(client.closed());
      expect(seen).toEqual(['open', 'message hi', 'close 1000']);
    });

    it('connections() counts connections open on the server side', async () => {
      const { env, server } = await setup();
      const a = connect(env);
      const b = connect(env);
      await env.run(Promise.all([a.opened(), b.opened(), server.side(1)]));
      expect(env.connections()).toBe(2);
      a.socket.close(1000);
      await env.run(Promise.all([a.closed(), server.sides[0]!.until((s) => s.closed !== undefined)]));
      expect(env.connections()).toBe(1);
    });
  });
}
