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
    addEventListener: (type: string, fn: (e: { data: unknown }) => void) => void (type === 'message' && listeners.push(fn)),
    send: (data: unknown) => void sent.push(data),
  } as unknown as SocketLike;
  return { socket, sent, deliver: (data) => listeners.forEach((l) => l({ data })) };
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
      ['raw-events', 'the client emitted 1 "openai_server_event_received" event(s) for the 2 JSON server event(s) its sockets delivered: expected one per event (§5.19)'],
      ['raw-events', 'the client emitted 2 "openai_client_event_queued" event(s) for the 1 frame(s) it sent: expected one per frame (§5.19)'],
    ]);
  });
});
