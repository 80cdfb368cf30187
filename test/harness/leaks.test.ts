import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/index.js';
import { CLIENT_CLOCK_OWNER, leftAfterClose } from '../../src/harness/leaks.js';
import { ReadyState } from '../../src/link/index.js';

describe('what the client left after close', () => {
  it('is nothing when only other owners have timers pending', () => {
    const clock = new VirtualClock();
    clock.setTimeout(() => {}, 10, 'simulator timer');
    clock.scoped('simulator').setTimeout(() => {}, 10, 'another view');
    expect(leftAfterClose(clock, [], 0)).toEqual([]);
  });

  it('names each client timer by label and due time, and each socket the client did not close', () => {
    const clock = new VirtualClock({ start: 700 });
    clock.scoped(CLIENT_CLOCK_OWNER).setTimeout(() => {}, 5_000, 'generate_reply timeout');
    const sockets = [ReadyState.CLOSED, ReadyState.OPEN, ReadyState.CLOSING, ReadyState.CONNECTING].map(
      (readyState) => ({ readyState }),
    );
    expect(leftAfterClose(clock, sockets, 700)).toEqual([
      {
        kind: 'leak',
        message:
          "timer 'generate_reply timeout' (due at 5700 ms) left after close (the client closed at virtual time " +
          '700 ms): clear it when the session closes',
      },
      {
        kind: 'leak',
        message:
          'socket 2 the client opened is still open after close (the client closed at virtual time 700 ms): ' +
          'close it when the session closes',
      },
      {
        kind: 'leak',
        message:
          'socket 4 the client opened is still connecting after close (the client closed at virtual time 700 ' +
          'ms): close it when the session closes',
      },
    ]);
  });
});
