import { describe, expect, it } from 'vitest';
import type { ConnectRequest, SocketLike } from '../../src/link/index.js';
import { webSocketClassOver, type WebSocketConstruction } from '../../src/harness/socket-classes.js';

function classOf(kind: 'webSocketClass' | 'browserWebSocketClass') {
  const requests: ConnectRequest[] = [];
  const constructions: WebSocketConstruction[] = [];
  const socket = {} as SocketLike;
  const C = webSocketClassOver(
    kind,
    (r) => {
      requests.push(r);
      return socket;
    },
    (c) => constructions.push(c),
  );
  return { C, requests, constructions, socket };
}

describe('webSocketClassOver (the WebSocket classes of a scenario’s connectWith)', () => {
  it('reads the init form and the protocols form as Node’s WebSocket does, and records each call redacted', () => {
    const { C, requests, constructions, socket } = classOf('webSocketClass');
    const init = { protocols: ['a'], headers: { Authorization: 'Bearer sk-secret-123456' } };
    expect(new C('wss://h/v1/realtime', init)).toBe(socket);
    new C('wss://h/v1/realtime', ['b']);
    new C('wss://h/v1/realtime');
    expect(requests).toEqual([
      { url: 'wss://h/v1/realtime', protocols: ['a'], headers: { Authorization: 'Bearer sk-secret-123456' } },
      { url: 'wss://h/v1/realtime', protocols: ['b'], headers: {} },
      { url: 'wss://h/v1/realtime', protocols: [], headers: {} },
    ]);
    expect(constructions).toEqual([
      { url: 'wss://h/v1/realtime', second: { protocols: ['a'], headers: { Authorization: 'Bearer ***' } } },
      { url: 'wss://h/v1/realtime', second: ['b'] },
      { url: 'wss://h/v1/realtime', second: null },
    ]);
  });

  it('gives a browser class’s sockets bare error events, as browsers do, and can remove such a listener', () => {
    const listeners: ((event: unknown) => void)[] = [];
    const socket = {
      url: 'wss://h',
      addEventListener: (_type: string, l: (event: unknown) => void) => listeners.push(l),
      removeEventListener: (_type: string, l: (event: unknown) => void) => listeners.splice(listeners.indexOf(l), 1),
    } as unknown as SocketLike;
    const C = webSocketClassOver(
      'browserWebSocketClass',
      () => socket,
      () => undefined,
    );
    const ws = new C('wss://h', []);
    const seen: unknown[] = [];
    const onError = (e: unknown): void => void seen.push(e);
    ws.addEventListener('error', onError);
    for (const l of listeners) l({ type: 'error', message: 'Unexpected server response: 401', error: new Error('x') });
    expect(seen).toEqual([{ type: 'error' }]);
    ws.removeEventListener('error', onError);
    expect(listeners).toEqual([]);
    expect(ws.url).toBe('wss://h');
  });

  it('throws a SyntaxError on the init form when it is a browser class, and sends no headers with protocols', () => {
    const { C, requests } = classOf('browserWebSocketClass');
    expect(() => new C('wss://h', { protocols: [], headers: {} })).toThrow(
      new SyntaxError("Failed to construct 'WebSocket': The subprotocol '[object Object]' is invalid."),
    );
    new C('wss://h', 'xai-client-secret.abc');
    expect(requests).toEqual([{ url: 'wss://h', protocols: ['xai-client-secret.abc'], headers: {} }]);
  });
});
