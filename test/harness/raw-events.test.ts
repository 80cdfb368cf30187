import { describe, expect, it } from 'vitest';
import type { RealtimeSession } from '../../src/client/index.js';
import type { SocketLike } from '../../src/link/index.js';
import { RawEventCheck } from '../../src/harness/raw-events.js';

/** A session that only forwards what the test emits. */
function fakeSession(): { session: RealtimeSession; emit: (name: string) => void } {
  let listener: (name: string, payload: unknown) => void = () => {};
  const session = { onAny: (fn: typeof listener) => (listener = fn) } as unknown as RealtimeSession;
  return { session, emit: (name) => listener(name, {}) };
}

/** A socket whose messages the test delivers and whose sends it counts. */
function fakeSocket(): { socket: SocketLike; deliver: (data: unknown) => void; sent: unknown[] } {
  const listeners: ((e: { data: unknown }) => void)[] = [];
  const sent: unknown[] = [];
  const socket = {
    addEventListener: (type: string, fn: (e: { data: unknown }) => void) =>
      void (type === 'message' && listeners.push(fn)),
    send: (data: unknown) => void sent.push(data),
    close: () => {},
  } as unknown as SocketLike;
  return {
    socket,
    sent,
    deliver: (data) => {
      for (const l of listeners) l({ data });
    },
  };
}

describe('the raw-event check', () => {
  it('passes when each JSON object frame and each send has its raw event, and ignores other frames', () => {
    const check = new RawEventCheck();
    const { session, emit } = fakeSession();
    const { socket, deliver, sent } = fakeSocket();
    check.attach(session);
    check.watch(socket).send('{"type":"session.update"}');
    emit('openai_client_event_queued');
    deliver('{"type":"session.updated"}');
    emit('openai_server_event_received');
    deliver('not json');
    deliver('[1]');
    deliver(new Uint8Array(2));
    expect(sent).toEqual(['{"type":"session.update"}']);
    expect(check.failures()).toEqual([]);
  });

  it('names both counts when a direction has too few or too many raw events', () => {
    const check = new RawEventCheck();
    const { session, emit } = fakeSession();
    const { socket, deliver } = fakeSocket();
    check.attach(session);
    check.watch(socket).send('{}');
    deliver('{"type":"a"}');
    deliver('{"type":"b"}');
    emit('openai_server_event_received');
    emit('openai_client_event_queued');
    emit('openai_client_event_queued');
    expect(check.failures().map((f) => [f.kind, f.message])).toEqual([
      [
        'raw-events',
        'the client emitted 1 "openai_server_event_received" event(s) for the 2 JSON server event(s) its ' +
          'sockets delivered: expected one per event (§5.19)',
      ],
      [
        'raw-events',
        'the client emitted 2 "openai_client_event_queued" event(s) ' +
          'for the 1 frame(s) it sent: expected one per frame (§5.19)',
      ],
    ]);
  });
  it('counts nothing a socket delivers after a frame that is not JSON, which ends its reading (R2.5)', () => {
    const check = new RawEventCheck();
    const { session, emit } = fakeSession();
    const { socket, deliver } = fakeSocket();
    check.attach(session);
    check.watch(socket);
    deliver('{"type":"a"}');
    emit('openai_server_event_received');
    deliver('{not json');
    deliver('{"type":"b"}');
    expect(check.failures()).toEqual([]);
    emit('openai_server_event_received');
    expect(check.failures().map((f) => f.message)).toEqual([
      'the client emitted 2 "openai_server_event_received" event(s) for the 1 JSON server event(s) its sockets ' +
        'delivered: expected one per event (§5.19)',
    ]);
  });

  it('leaves out the frames of a socket given up unread before the next one came (a failed reconnect burst)', () => {
    const check = new RawEventCheck();
    const { session, emit } = fakeSession();
    check.attach(session);
    const first = fakeSocket();
    check.watch(first.socket);
    first.deliver('{"type":"conversation.created"}');
    first.socket.close(1000, '');
    const second = fakeSocket();
    check.watch(second.socket);
    second.deliver('{"type":"conversation.created"}');
    emit('openai_server_event_received');
    expect(check.failures()).toEqual([]);
  });

  it('still fails a client that emits no server raw event at all, across reconnects and on the last socket', () => {
    const check = new RawEventCheck();
    const { session } = fakeSession();
    check.attach(session);
    const first = fakeSocket();
    check.watch(first.socket);
    first.deliver('{"type":"a"}');
    first.socket.close(1000, '');
    const last = fakeSocket();
    check.watch(last.socket);
    last.deliver('{"type":"b"}');
    last.socket.close(1000, '');
    expect(check.failures().map((f) => f.message)).toEqual([
      'the client emitted 0 "openai_server_event_received" event(s) for the 1 JSON server event(s) its sockets ' +
        'delivered: expected one per event (§5.19)',
    ]);
  });

  it('counts a socket closed only after a newer one opened (two sessions of one model)', () => {
    const check = new RawEventCheck();
    const { session, emit } = fakeSession();
    check.attach(session);
    const a = fakeSocket();
    check.watch(a.socket);
    const b = fakeSocket();
    check.watch(b.socket);
    a.deliver('{"type":"a"}');
    a.socket.close(1000, '');
    emit('openai_server_event_received');
    expect(check.failures()).toEqual([]);
  });
});
