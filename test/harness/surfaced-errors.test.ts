import { describe, expect, it } from 'vitest';
import type { RealtimeSession } from '../../src/client/index.js';
import { VirtualClock } from '../../src/clock/index.js';
import { SurfacedErrors } from '../../src/harness/surfaced-errors.js';

/** A session that only forwards what the test emits, in order. */
function fakeSession(): { session: RealtimeSession; emit: (name: string, payload?: unknown) => void } {
  let listener: (name: string, payload: unknown) => void = () => {};
  const session = { onAny: (fn: typeof listener) => (listener = fn) } as unknown as RealtimeSession;
  return { session, emit: (name, payload) => listener(name, payload) };
}

const received = (error: Record<string, unknown>) => ({ type: 'error', error });

describe('surfaced server errors', () => {
  it('accept an error event emitted while the client handles the server error', () => {
    const audit = new SurfacedErrors(new VirtualClock());
    const { session, emit } = fakeSession();
    audit.attach(session);
    emit('openai_server_event_received', received({ code: 'x', message: 'Bad.' }));
    emit('error', {});
    emit('openai_server_event_received', { type: 'response.done' });
    expect(audit.failures()).toEqual([]);
  });

  it('name a server error with no error event before the next server event, and one left at the end', () => {
    const audit = new SurfacedErrors(new VirtualClock({ start: 42 }));
    const { session, emit } = fakeSession();
    audit.attach(session);
    emit('openai_server_event_received', { type: 'session.created' });
    emit('openai_server_event_received', received({ code: 'x', message: 'First.' }));
    emit('openai_server_event_received', { type: 'response.done' });
    emit('error', {}); // too late: it answers nothing the client read before
    emit('openai_server_event_received', received({ message: 'Last.' }));
    expect(audit.failures().map((f) => [f.kind, f.message])).toEqual([
      [
        'unsurfaced-error',
        'the client received a server error and emitted no "error" event for it (§5.18 E1): server event #2 ' +
          'the client received, at virtual time 42 ms, code "x", message "First."',
      ],
      [
        'unsurfaced-error',
        'the client received a server error and emitted no "error" event for it (§5.18 E1): server event #4 ' +
          'the client received, at virtual time 42 ms, code null, message "Last."',
      ],
    ]);
  });

  it('let "Cancellation failed" errors pass silently, as §5.18 E1 says', () => {
    const audit = new SurfacedErrors(new VirtualClock());
    const { session, emit } = fakeSession();
    audit.attach(session);
    emit('openai_server_event_received', received({ message: 'Cancellation failed: no active response found' }));
    emit('openai_server_event_received', { type: 'response.done' });
    expect(audit.failures()).toEqual([]);
  });
});
