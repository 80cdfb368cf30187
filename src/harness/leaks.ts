import type { PendingTimer, VirtualClock } from '../clock/index.js';
import { ReadyState } from '../link/index.js';
import type { SocketLike } from '../link/index.js';
import type { Failure } from './report.js';

/** The owner name the runner gives the client's view of the clock. */
export const CLIENT_CLOCK_OWNER = 'client';

function describeTimer(t: PendingTimer): string {
  const name =
    t.label !== undefined ? `timer '${t.label}'` : `an unlabelled timer set at ${t.origin ?? 'an unknown place'}`;
  return `${name} (due at ${t.dueAt} ms)`;
}

/**
 * What the client left behind once `close()` has resolved: timers it set on the virtual
 * clock (its view, owner {@link CLIENT_CLOCK_OWNER}) that neither fired nor were cleared,
 * and sockets it opened (`sockets`, in order) and never closed. A socket left CLOSING is
 * not one: the client asked, and a close echo that a dead network never brings back is not
 * its doing. Each is a failure naming what was left and when.
 */
export function leftAfterClose(
  clock: VirtualClock,
  sockets: readonly Pick<SocketLike, 'readyState'>[],
  closedAt: number,
): Failure[] {
  const failures: Failure[] = [];
  for (const timer of clock.pendingTimerList(CLIENT_CLOCK_OWNER)) {
    failures.push({
      kind: 'leak',
      message:
        `${describeTimer(timer)} left after close (the client closed at ` +
        `virtual time ${closedAt} ms): clear it when the session closes`,
    });
  }
  sockets.forEach((socket, i) => {
    const state =
      socket.readyState === ReadyState.OPEN
        ? 'open'
        : socket.readyState === ReadyState.CONNECTING
          ? 'connecting'
          : undefined;
    if (state === undefined) return;
    failures.push({
      kind: 'leak',
      message:
        `socket ${i + 1} the client opened is still ${state} after close (the client closed at virtual time ` +
        `${closedAt} ms): close it when the session closes`,
    });
  });
  return failures;
}
