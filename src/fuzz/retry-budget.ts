/**
 * The retry budget of a run, worked out from its connection records as a correct client
 * counts it (R2.3, R2.4, and the healthy-connection rule of issue 11): every refused
 * handshake and every connection that ended without a clean client close is a failure; the
 * failure met with `maxRetry` failures already counted is fatal; a connection that stayed up
 * `healthyConnectionMs` with its `session.update` answered resets the count when it ends,
 * before its own end is counted. A recycle (§5.4) is a clean client close: no failure, and
 * neither is an end that comes once the harness has begun closing the client.
 */
import type { FuzzRun } from './fuzz-run.js';
import { field, parsed, typeOf, type Json } from './run-reading.js';

/**
 * The client's default `healthyConnectionMs` (src/client/options.ts): not part of the
 * package's public exports, so repeated here.
 */
const DEFAULT_HEALTHY_CONNECTION_MS = 2000;

/**
 * Connections whose life is this close to `healthyConnectionMs` may count either way (the
 * record's time is the handshake's, a little before the socket opens).
 */
const HEALTHY_MARGIN_MS = 100;

/** What the budget says of a run. */
export interface BudgetVerdict {
  /** `dies`: the budget is spent; `lives`: it is not; `either`: it depends on a connection at the healthy edge. */
  verdict: 'dies' | 'lives' | 'either';
  /** When the first failure that may be fatal happened (unset when the session lives). */
  at?: number;
  /** Failures in a row at that point, for messages. */
  failures?: number;
  maxRetry: number;
}

function numberOr(v: unknown, fallback: number): number {
  return typeof v === 'number' ? v : fallback;
}

/** Works out whether a correct client's session dies in this run, and when. */
export function retryBudget(run: FuzzRun): BudgetVerdict {
  const conn = (run.scenario.client['connOptions'] ?? {}) as Json;
  const maxRetry = numberOr(conn['maxRetry'], 3);
  const healthyMs = numberOr(run.scenario.client['healthyConnectionMs'], DEFAULT_HEALTHY_CONNECTION_MS);
  const answered = new Set<number>();
  for (const { frame, body } of parsed(run))
    if (frame.from === 'server' && typeOf(body) === 'session.updated') answered.add(frame.conn);
  const recycleMs =
    typeof run.scenario.client['maxSessionDuration'] === 'number'
      ? run.scenario.client['maxSessionDuration']
      : Infinity;
  // Every count the client may hold, given the connections at the healthy edge.
  let counts = new Set<number>([0]);
  const records = [...run.outcome.observation.connections].sort((a, b) => a.attempt - b.attempt);
  // When the client saw each opened socket end, in order: under a black hole the server sees
  // the end only at shutdown, but the client's budget runs on its own view.
  const clientEnds = run.outcome.observation.events.filter((e) => e.event === 'connection_closed').map((e) => e.t);
  let opened = 0;
  for (const r of records) {
    let failedAt: number | undefined;
    // An end at the recycle time may be the client's clean recycle (§5.4) rather than the fault
    // that struck then; an end as the harness begins closing may be the close.
    let maybeRecycle = false;
    if (r.outcome === 'refused') {
      failedAt = r.t;
    } else {
      const clientEnd = clientEnds[opened++];
      const closedAt =
        clientEnd === undefined ? r.closedAt : r.closedAt === undefined ? clientEnd : Math.min(clientEnd, r.closedAt);
      // Ended once the harness was closing the client: no retry is owed. At the very moment
      // it began, either may have come first, so both counts stay possible.
      if (closedAt === undefined || closedAt > run.outcome.closeStartedMs) continue;
      const lived = closedAt - r.t;
      const wasAnswered = r.conn !== null && answered.has(r.conn);
      const surely = wasAnswered && lived >= healthyMs + HEALTHY_MARGIN_MS;
      const maybe = wasAnswered && lived >= healthyMs - HEALTHY_MARGIN_MS;
      if (surely) counts = new Set([0]);
      else if (maybe) counts.add(0);
      if (!(r.closedBy === 'client' && r.code === 1000)) failedAt = closedAt;
      maybeRecycle = Math.abs(lived - recycleMs) <= HEALTHY_MARGIN_MS || closedAt === run.outcome.closeStartedMs;
    }
    if (failedAt === undefined) continue;
    const dying = [...counts].filter((c) => c >= maxRetry);
    const living = [...counts].filter((c) => c < maxRetry).map((c) => c + 1);
    if (dying.length > 0) {
      const verdict = living.length === 0 && !maybeRecycle ? 'dies' : 'either';
      return { verdict, at: failedAt, failures: Math.max(...dying) + 1, maxRetry };
    }
    counts = maybeRecycle ? new Set([...counts, ...living]) : new Set(living);
  }
  return { verdict: 'lives', maxRetry };
}

/** Whether the error payload of an `error` event says it cannot be recovered from. */
export function isFatal(data: unknown): boolean {
  return field(data, 'recoverable') === false;
}
