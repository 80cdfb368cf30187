import { describe, expect, it } from 'vitest';
import { SocketInbox } from '../../src/client/socket-inbox.js';
import type { SocketEventMap, SocketLike } from '../../src/link/index.js';

type Name = keyof SocketEventMap;

/** A socket whose events a test fires by hand. */
function fakeSocket(): SocketLike & {
  fire<K extends Name>(type: K, event: SocketEventMap[K]): void;
  count(type: Name): number;
} {
  const listeners: { [K in Name]: ((event: SocketEventMap[K]) => void)[] } = {
    open: [],
    message: [],
    close: [],
    error: [],
  };
  return {
    url: 'ws://fake',
    readyState: 1,
    protocol: '',
    send() {},
    close() {},
    addEventListener(type, listener) {
      (listeners[type] as unknown[]).push(listener);
    },
    removeEventListener(type, listener) {
      const list = listeners[type] as unknown[];
      const at = list.indexOf(listener);
      if (at >= 0) list.splice(at, 1);
    },
    fire(type, event) {
      for (const l of [...listeners[type]]) (l as (e: typeof event) => void)(event);
    },
    count(type) {
      return listeners[type].length;
    },
  };
}

const message = (data: string): SocketEventMap['message'] => ({ type: 'message', data });

describe('SocketInbox', () => {
  it('holds messages, errors and a close from creation, replays them in order on hand-over, steps aside', () => {
    const ws = fakeSocket();
    const inbox = new SocketInbox(ws);
    ws.fire('message', message('first'));
    ws.fire('error', { type: 'error', message: 'oops' });
    ws.fire('message', message('second'));
    ws.fire('close', { type: 'close', code: 1011, reason: 'bye', wasClean: true });
    expect(inbox.held).toBe(4);
    const seen: string[] = [];
    inbox.handOver({
      message: (e) => seen.push(`message ${String(e.data)}`),
      error: (e) => seen.push(`error ${e.message}`),
      close: (e) => seen.push(`close ${e.code}`),
    });
    ws.fire('message', message('live'));
    expect(seen).toEqual(['message first', 'error oops', 'message second', 'close 1011', 'message live']);
    // Only the run's listeners are left: the inbox holds nothing more.
    expect([ws.count('message'), ws.count('error'), ws.count('close')]).toEqual([1, 1, 1]);
    expect(inbox.held).toBe(0);
  });

  it('a released inbox drops what it held and listens no more; a second hand-over does nothing', () => {
    const ws = fakeSocket();
    const inbox = new SocketInbox(ws);
    ws.fire('message', message('lost on purpose'));
    inbox.release();
    expect(inbox.held).toBe(0);
    expect([ws.count('message'), ws.count('error'), ws.count('close')]).toEqual([0, 0, 0]);
    const seen: unknown[] = [];
    inbox.handOver({ message: (e) => seen.push(e), error: (e) => seen.push(e), close: (e) => seen.push(e) });
    ws.fire('message', message('after'));
    expect(seen).toEqual([]);
  });
});
