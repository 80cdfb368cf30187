/**
 * Invariants on connections: the retry budget, a reconnect after every drop, and pending calls
 * failed only for a reason the run shows.
 * Each cites the rule it comes from (docs/protocol.md) and reads the run, never a golden.
 */
import { GENERATE_REPLY_TIMEOUT_MS, UPDATE_CHAT_CTX_TIMEOUT_MS } from '../client/index.js';
import { placeSteps } from '../harness/index.js';
import type { FuzzRun } from './fuzz-run.js';
import { isFatal, retryBudget } from './retry-budget.js';
import { events, field, parsed, typeOf, type Json } from './run-reading.js';
import type { Violation } from './violation.js';

/** Client errors a pending call may fail with when its connection ends or the session closes (§8.8 fix). */
const CONNECTION_CODES = new Set(['RTSIM_CLIENT_CONNECTION_LOST', 'RTSIM_CLIENT_CLOSED']);

/** Why a pending call's timeout is or is not explained by what the server sent. */
function timeoutExplained(run: FuzzRun, data: Json, failedAt: number): string | undefined {
  const frames = parsed(run);
  const sentBefore = (match: (body: Json) => boolean): boolean =>
    frames.some(
      ({ frame, body }) => frame.from === 'server' && body !== undefined && frame.t < failedAt && match(body),
    );
  if (data['call'] === 'generateReply') {
    // The request is found by time, not by the error's wording: the call started its timer
    // when it was made, GENERATE_REPLY_TIMEOUT_MS before it failed, and sent its
    // response.create then (or, queued while disconnected, later).
    const madeAt = failedAt - GENERATE_REPLY_TIMEOUT_MS;
    const sent = frames.filter(
      ({ frame, body }) =>
        frame.from === 'client' && typeOf(body) === 'response.create' && frame.t >= madeAt && frame.t <= failedAt,
    );
    const atOnce = sent.filter(({ frame }) => frame.t === madeAt);
    const candidates = atOnce.length > 0 ? atOnce : sent;
    const echoed = (id: unknown): boolean =>
      sentBefore((b) => b['type'] === 'response.created' && field(b, 'response', 'metadata', 'client_event_id') === id);
    if (candidates.length === 0 || candidates.some(({ body }) => !echoed(body?.['event_id']))) return undefined;
    const ids = candidates.map(({ body }) => String(body?.['event_id']));
    return `generateReply timed out though response.created echoing ${ids.join(' / ')} reached the client before`;
  }
  if (data['call'] === 'updateChatCtx') {
    const step = placeSteps(run.scenario.steps)[Number(data['step'])]?.step;
    const items = step && 'call' in step && step.call === 'updateChatCtx' ? (step.args.add ?? []) : [];
    const ids = items.map((i) => i.id).filter((id): id is string => typeof id === 'string');
    if (ids.length === 0) return undefined;
    // An answer counts only after the frame it answers: ids come back (delete, then re-create).
    const answeredAfter = (index: number, match: (body: Json) => boolean): boolean =>
      frames.some(
        ({ frame, body, index: i }) =>
          i > index && frame.from === 'server' && body !== undefined && frame.t < failedAt && match(body),
      );
    const isAdded = (id: unknown) => (b: Json) =>
      (b['type'] === 'conversation.item.added' || b['type'] === 'conversation.item.created') &&
      field(b, 'item', 'id') === id;
    const isDeleted = (id: unknown) => (b: Json) =>
      b['type'] === 'conversation.item.deleted' && (b['item_id'] === id || b['item_id'] === '');
    const added = (id: string): boolean => sentBefore(isAdded(id));
    // The call waits for every create and delete its diff sent, not only those of the items it
    // adds (a stale context re-creates others): one of them unanswered explains the timeout.
    const since = failedAt - UPDATE_CHAT_CTX_TIMEOUT_MS;
    const unanswered = frames.some(({ frame, body, index }) => {
      if (frame.from !== 'client' || body === undefined || frame.t < since || frame.t > failedAt) return false;
      if (body['type'] === 'conversation.item.create') return !answeredAfter(index, isAdded(field(body, 'item', 'id')));
      return body['type'] === 'conversation.item.delete' && !answeredAfter(index, isDeleted(body['item_id']));
    });
    if (unanswered) return undefined;
    return ids.every(added)
      ? `updateChatCtx timed out though conversation.item.added for ${ids.join(', ')} reached the client before`
      : undefined;
  }
  return undefined;
}

/**
 * A call rejects only for a reason the run explains (§5.8, §5.11, deviations.md row 8): its
 * connection ended or the session closed (`RTSIM_CLIENT_CONNECTION_LOST`,
 * `RTSIM_CLIENT_CLOSED`), or it timed out (`RTSIM_CLIENT_TIMEOUT`) because the server's
 * answer (`response.created` echoing the request, `conversation.item.added` of the item)
 * did not reach the client in time: dropped, delayed, refused with an `error`, or black-holed.
 */
export function callFailuresExplained(run: FuzzRun): Violation | undefined {
  for (const { record, index } of events(run, 'call_failed')) {
    const data = (record.data ?? {}) as Json;
    const code = String(data['code']);
    if (CONNECTION_CODES.has(code)) continue;
    const why =
      code === 'RTSIM_CLIENT_TIMEOUT'
        ? timeoutExplained(run, data, record.t)
        : `${String(data['call'])} failed with ${code}: ${String(data['message'])}`;
    if (why === undefined) continue;
    return {
      invariant: 'callFailuresExplained',
      rule: '§5.8, §5.11, §8.8',
      message: why,
      eventIndex: index,
      t: record.t,
      expect: [{ event: 'call_failed', count: 0, match: { code } }],
    };
  }
  return undefined;
}

/**
 * The session dies exactly when its retry budget is spent (R2.3, R2.4, R2.8): the failure
 * met with `maxRetry` failures in a row already counted raises an `error` with
 * `recoverable: false` (see retry-budget.ts for how a correct client counts); before that,
 * and in a run that never spends it, there is no such error, no `session_failed`, and
 * `close()` rethrows nothing. Once dead, the client tries no other connection.
 */
export function retryBudgetKept(run: FuzzRun): Violation | undefined {
  const budget = retryBudget(run);
  const rule = 'R2.3, R2.4, R2.8';
  const fatal = events(run, 'error').find(({ record }) => isFatal(record.data));
  const died = events(run, 'session_failed')[0];
  if (budget.verdict === 'lives' || (budget.at !== undefined && fatal !== undefined && fatal.record.t < budget.at)) {
    if (fatal) {
      return {
        invariant: 'retryBudgetKept',
        rule,
        message:
          `a non-recoverable error within the retry budget (maxRetry ${budget.maxRetry}): ` +
          `${JSON.stringify(field(fatal.record.data, 'error'))}`,
        eventIndex: fatal.index,
        t: fatal.record.t,
        expect: [{ event: 'error', count: 0, match: { recoverable: false } }],
      };
    }
    if (died && budget.verdict === 'lives') {
      return {
        invariant: 'retryBudgetKept',
        rule,
        message: `the session died within the retry budget: ${JSON.stringify(died.record.data)}`,
        eventIndex: died.index,
        t: died.record.t,
        expect: [{ event: 'session_failed', count: 0 }],
      };
    }
  }
  if (budget.verdict === 'dies' && budget.at !== undefined) {
    const at = budget.at;
    if (!fatal || fatal.record.t !== at) {
      return {
        invariant: 'retryBudgetKept',
        rule,
        message:
          `failure ${budget.failures ?? '?'} in a row at ${at} ms ` +
          `spends the retry budget (maxRetry ${budget.maxRetry}), but ` +
          (fatal ? `the non-recoverable error came at ${fatal.record.t} ms` : 'no non-recoverable error followed'),
        t: at,
        expect: [{ event: 'error', min: 1, match: { recoverable: false } }],
      };
    }
    const later = run.outcome.observation.connections.find((c) => c.t > at);
    if (later) {
      return {
        invariant: 'retryBudgetKept',
        rule,
        message: `the session died at ${at} ms and still tried connection attempt ${later.attempt} at ${later.t} ms`,
        t: later.t,
      };
    }
  }
  return undefined;
}

/** Longest a correct client may take to be back after a drop, in this scenario (R2.3). */
function reconnectWindowMs(run: FuzzRun): number {
  const conn = (run.scenario.client['connOptions'] ?? {}) as Json;
  const maxRetry = typeof conn['maxRetry'] === 'number' ? conn['maxRetry'] : 3;
  const interval = typeof conn['retryIntervalMs'] === 'number' ? conn['retryIntervalMs'] : 2000;
  const latency = (run.scenario.server['latency'] ?? {}) as Json;
  const oneWay =
    (typeof latency['ms'] === 'number' ? latency['ms'] : 0) +
    (typeof latency['jitterMs'] === 'number' ? latency['jitterMs'] : 0);
  return 100 + maxRetry * interval + 4 * oneWay + 500;
}

/**
 * After a connection ends without the client closing it (a drop, a server close, or the
 * client's own half-open timeout, code 4000), the client reconnects: it sends the reconnect
 * burst and emits `session_reconnected` (R2.3, R2.5, §5.3), unless the run ended first or
 * that end spent the retry budget (see {@link retryBudgetKept}).
 */
export function reconnectsAfterDrop(run: FuzzRun): Violation | undefined {
  const { connections } = run.outcome.observation;
  const end = run.outcome.simulatedMs - reconnectWindowMs(run);
  const reconnects = events(run, 'session_reconnected');
  // After the end that spent the retry budget, or one followed only by refusals up to it, no
  // reconnect comes (retryBudgetKept judges the death).
  const deathAt = retryBudget(run).at ?? Infinity;
  const reopened = (after: number): boolean => connections.some((o) => o.outcome === 'open' && o.t > after);
  for (const c of connections) {
    if (c.outcome !== 'open' || c.closedAt === undefined || c.closedAt > end || c.closedAt >= deathAt) continue;
    if (deathAt !== Infinity && !reopened(c.closedAt)) continue;
    if (c.closedBy === 'client' && c.code === 1000) continue;
    const closedAt = c.closedAt;
    if (reconnects.some(({ record }) => record.t >= closedAt)) continue;
    return {
      invariant: 'reconnectsAfterDrop',
      rule: 'R2.3, R2.5, §5.3',
      message:
        `connection ${c.conn} ended at ${closedAt} ms (code ${c.code}, by ${c.closedBy ?? '?'}) and the client ` +
        `never reconnected (run ended at ${run.outcome.simulatedMs} ms)`,
      t: closedAt,
      expect: [{ event: 'session_reconnected', min: 1, afterMs: closedAt }],
    };
  }
  return undefined;
}
