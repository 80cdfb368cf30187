import type { PendingTimer, VirtualClock } from '../clock/index.js';
import type { ConnectionRecord } from './observation.js';
import type { Failure } from './report.js';

/** The owner name the runner gives the client's view of the clock. */
export const CLIENT_CLOCK_OWNER = 'client';

function describeTimer(t: PendingTimer): string {
  const name = t.label !== undefined ? `timer '${t.label}'` : `an unlabelled timer set at ${t.origin ?? 'an unknown place'}`;
  return `${name} (due at ${t.dueAt} ms)`;
}

/**
 * What the client left behind once `close()` has resolved: timers it set on the virtual
 * clock (its view, owner {@link CLIENT_CLOCK_OWNER}) that neither fired nor were cleared,
 * and connections (`open`: those not closed when `close()` resolved) it never closed. Each is a failure naming what was left and when.
 */
export function leftAfterClose(clock: VirtualClock, open: readonly ConnectionRecord[], closedAt: number): Failure[] {
  const failures: Failure[] = [];
  for (const timer of clock.pendingTimerList(CLIENT_CLOCK_OWNER)) {
    failures.push({
      kind: 'leak',
      message: `${describeTimer(timer)} left after close (the client closed at virtual time ${closedAt} ms): clear it when the session closes`,
    });
  }
  for (const c of open) {
    failures.push({ kind: 'leak', message: `connection ${c.conn ?? '?'} (opened at ${c.t} ms) still open after close (the client closed at virtual time ${closedAt} ms)` });
  }
  return failures;
}
