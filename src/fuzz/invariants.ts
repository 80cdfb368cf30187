/**
 * The invariants every fuzz run must keep, whatever the generated faults. Each is a named
 * function citing the rule it comes from: docs/protocol.md (R…, §…) or the §8 fixes
 * of docs/deviations.md. They read the harness outcome and the raw frames at the
 * simulator's edge, never a golden file.
 *
 * Times: the harness's in-memory link has no latency of its own, so the time a frame
 * crosses the simulator's edge is the time the client sent it (client frames) or received
 * it (server frames, after the simulator's own latency and faults).
 */
import { GENERATE_REPLY_TIMEOUT_MS, UPDATE_CHAT_CTX_TIMEOUT_MS } from '../client/index.js';
import { parseClientEvent } from '../protocol/index.js';
import type { FuzzRun, RawFrame } from './fuzz-run.js';
import { isFatal, retryBudget } from './retry-budget.js';
import { events, field, parse, parsed, seenResponses, typeOf, type Json } from './run-reading.js';
import { commitsAtThreshold, inputAudioAsSent, metricsMatchWire, outputAudioAsAsked, transcriptsMatchDeltas, truncateAsAsked, userInitiatedMatches } from './value-invariants.js';
import type { Invariant, Violation } from './violation.js';
import { withoutPrefix } from '../errors/index.js';

/** Bytes of one input append: 100 ms of 24 kHz PCM16 (R6.2). */
const APPEND_BYTES = 4800;
/** The last append before a commit may exceed 4800 bytes by the resampler's tail (src/client/audio `AudioInput.commit`). */
const RESAMPLER_TAIL_BYTES = 100;
/** Client errors a pending call may fail with when its connection ends or the session closes (§8.8 fix). */
const CONNECTION_CODES = new Set(['RTSIM_CLIENT_CONNECTION_LOST', 'RTSIM_CLIENT_CLOSED']);

/** A chat item of the observation as a `chatCtx` expectation entry: role and text, or type. */
function expectedItem(item: Json, text?: string): { role?: string; type?: string; text?: string } {
  if (item['type'] !== 'message') return { type: String(item['type']) };
  const shown = text ?? item['text'];
  return typeof shown === 'string' ? { role: String(item['role']), text: shown } : { role: String(item['role']) };
}

/**
 * The run ends by itself: no harness failure (a wait that never ends, a deadlock, a run past
 * `timeoutMs`, a call that throws). Deviations §8 row 8: "a consumer iterating a stream or
 * awaiting a reply must never hang"; every generated wait is for `idle`, which needs every
 * response to end. A generated truncate that finds no reply does nothing (`skipIfNoMessage`),
 * so no failure is excused.
 */
export function runEnds(run: FuzzRun): Violation | undefined {
  const failure = run.outcome.failures.find((f) => f.kind === 'timeout' || f.kind === 'deadlock' || f.kind === 'error');
  if (!failure) return undefined;
  return { invariant: 'runEnds', rule: '§8.8 (deviations.md row 8)', message: `the run did not end cleanly: ${failure.kind}: ${failure.message}`, t: run.outcome.simulatedMs };
}

/** Every frame the client sent is a known client event whose fields check (reference §2, the catalogue of src/protocol). */
export function clientFramesMatchCatalogue(run: FuzzRun): Violation | undefined {
  for (const [index, frame] of run.frames.entries()) {
    if (frame.from !== 'client') continue;
    const result = parseClientEvent(frame.text);
    if (!result.ok) {
      return { invariant: 'clientFramesMatchCatalogue', rule: '§2', message: `client frame #${index} breaks the catalogue: ${withoutPrefix(result.error.message)}`, frameIndex: index, t: frame.t };
    }
    if (!result.known) {
      return { invariant: 'clientFramesMatchCatalogue', rule: '§2', message: `client frame #${index} has a type outside the client catalogue: ${result.event.type}`, frameIndex: index, t: frame.t };
    }
  }
  return undefined;
}

/**
 * Every `event_id` the client sends is `<prefix><12 lowercase hex>` and none is sent twice
 * (§2 serialization rules: the first 12 hex digits of a fresh uuid4; rt-sim draws them from
 * the seeded random source). A queued event crosses a reconnect once (R2.7), it is not
 * re-sent.
 */
export function clientEventIdsUnique(run: FuzzRun): Violation | undefined {
  const seen = new Map<string, number>();
  for (const { frame, body, index } of parsed(run)) {
    if (frame.from !== 'client') continue;
    const id = body?.['event_id'];
    if (id === undefined) continue;
    if (typeof id !== 'string' || !/^[a-z_]+_[0-9a-f]{12}$/.test(id)) {
      return { invariant: 'clientEventIdsUnique', rule: '§2', message: `client frame #${index} (${typeOf(body) ?? '?'}) has event_id ${JSON.stringify(id)}, expected <prefix>_<12 hex>`, frameIndex: index, t: frame.t };
    }
    const before = seen.get(id);
    if (before !== undefined) {
      return { invariant: 'clientEventIdsUnique', rule: '§2, R2.7', message: `client frames #${before} and #${index} (${typeOf(body) ?? '?'}) carry the same event_id`, frameIndex: index, t: frame.t };
    }
    seen.set(id, index);
  }
  return undefined;
}

/**
 * The first frame the client sends on every connection is a `session.update`: the initial
 * one queued first (R2.1), or the reconnect burst's full update, sent before the queue
 * drains (§5.3).
 */
export function sessionUpdateLeads(run: FuzzRun): Violation | undefined {
  const seen = new Set<number>();
  for (const { frame, body, index } of parsed(run)) {
    if (frame.from !== 'client' || seen.has(frame.conn)) continue;
    seen.add(frame.conn);
    const type = typeOf(body);
    if (type !== 'session.update') {
      return { invariant: 'sessionUpdateLeads', rule: 'R2.1, §5.3', message: `the first client frame on connection ${frame.conn} is ${type ?? 'not JSON'}, expected session.update`, frameIndex: index, t: frame.t };
    }
  }
  return undefined;
}

/**
 * Every generation that started ended: as many `generation_done` (all of its streams
 * closed) as `generation_created`, and no stream ended in an error. Deviations §8 row 8: a
 * response ends on `response.done`, on a drop, on close, or when a newer one starts.
 */
export function generationsEnd(run: FuzzRun): Violation | undefined {
  const created = events(run, 'generation_created');
  const done = events(run, 'generation_done');
  const failed = events(run, 'generation_stream_error');
  if (failed.length > 0) {
    const first = failed[0]!;
    return { invariant: 'generationsEnd', rule: '§8.8 (deviations.md row 8)', message: `a generation's stream ended in an error: ${JSON.stringify(first.record.data)}`, eventIndex: first.index, t: first.record.t };
  }
  if (created.length === done.length) return undefined;
  return {
    invariant: 'generationsEnd',
    rule: '§8.8 (deviations.md row 8)',
    message: `${created.length} generation(s) created but ${done.length} ended (all streams closed)`,
    t: run.outcome.simulatedMs,
    expect: [{ event: 'generation_done', count: created.length }],
  };
}

/** Why a pending call's timeout is or is not explained by what the server sent. */
function timeoutExplained(run: FuzzRun, data: Json, failedAt: number): string | undefined {
  const frames = parsed(run);
  const sentBefore = (match: (body: Json) => boolean): boolean =>
    frames.some(({ frame, body }) => frame.from === 'server' && body !== undefined && frame.t < failedAt && match(body));
  if (data['call'] === 'generateReply') {
    // The request is found by time, not by the error's wording: the call started its timer
    // when it was made, GENERATE_REPLY_TIMEOUT_MS before it failed, and sent its
    // response.create then (or, queued while disconnected, later).
    const madeAt = failedAt - GENERATE_REPLY_TIMEOUT_MS;
    const sent = frames.filter(({ frame, body }) => frame.from === 'client' && typeOf(body) === 'response.create' && frame.t >= madeAt && frame.t <= failedAt);
    const atOnce = sent.filter(({ frame }) => frame.t === madeAt);
    const candidates = atOnce.length > 0 ? atOnce : sent;
    const echoed = (id: unknown): boolean => sentBefore((b) => b['type'] === 'response.created' && field(b, 'response', 'metadata', 'client_event_id') === id);
    if (candidates.length === 0 || candidates.some(({ body }) => !echoed(body?.['event_id']))) return undefined;
    const ids = candidates.map(({ body }) => String(body?.['event_id']));
    return `generateReply timed out though response.created echoing ${ids.join(' / ')} reached the client before`;
  }
  if (data['call'] === 'updateChatCtx') {
    const step = run.scenario.steps[Number(data['step'])];
    const items = step && 'call' in step && step.call === 'updateChatCtx' ? (step.args.add ?? []) : [];
    const ids = items.map((i) => i.id).filter((id): id is string => typeof id === 'string');
    if (ids.length === 0) return undefined;
    // An answer counts only after the frame it answers: ids come back (delete, then re-create).
    const answeredAfter = (index: number, match: (body: Json) => boolean): boolean =>
      frames.some(({ frame, body, index: i }) => i > index && frame.from === 'server' && body !== undefined && frame.t < failedAt && match(body));
    const isAdded = (id: unknown) => (b: Json) => (b['type'] === 'conversation.item.added' || b['type'] === 'conversation.item.created') && field(b, 'item', 'id') === id;
    const isDeleted = (id: unknown) => (b: Json) => b['type'] === 'conversation.item.deleted' && (b['item_id'] === id || b['item_id'] === '');
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
    return ids.every(added) ? `updateChatCtx timed out though conversation.item.added for ${ids.join(', ')} reached the client before` : undefined;
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
    const why = code === 'RTSIM_CLIENT_TIMEOUT' ? timeoutExplained(run, data, record.t) : `${String(data['call'])} failed with ${code}: ${String(data['message'])}`;
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
        message: `a non-recoverable error within the retry budget (maxRetry ${budget.maxRetry}): ${JSON.stringify(field(fatal.record.data, 'error'))}`,
        eventIndex: fatal.index,
        t: fatal.record.t,
        expect: [{ event: 'error', count: 0, match: { recoverable: false } }],
      };
    }
    if (died && budget.verdict === 'lives') {
      return { invariant: 'retryBudgetKept', rule, message: `the session died within the retry budget: ${JSON.stringify(died.record.data)}`, eventIndex: died.index, t: died.record.t, expect: [{ event: 'session_failed', count: 0 }] };
    }
  }
  if (budget.verdict === 'dies' && budget.at !== undefined) {
    const at = budget.at;
    if (!fatal || fatal.record.t !== at) {
      return {
        invariant: 'retryBudgetKept',
        rule,
        message: `failure ${budget.failures ?? '?'} in a row at ${at} ms spends the retry budget (maxRetry ${budget.maxRetry}), but ${fatal ? `the non-recoverable error came at ${fatal.record.t} ms` : 'no non-recoverable error followed'}`,
        t: at,
        expect: [{ event: 'error', min: 1, match: { recoverable: false } }],
      };
    }
    const later = run.outcome.observation.connections.find((c) => c.t > at);
    if (later) {
      return { invariant: 'retryBudgetKept', rule, message: `the session died at ${at} ms and still tried connection attempt ${later.attempt} at ${later.t} ms`, t: later.t };
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
  const oneWay = (typeof latency['ms'] === 'number' ? latency['ms'] : 0) + (typeof latency['jitterMs'] === 'number' ? latency['jitterMs'] : 0);
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
      message: `connection ${c.conn} ended at ${closedAt} ms (code ${c.code}, by ${c.closedBy ?? '?'}) and the client never reconnected (run ended at ${run.outcome.simulatedMs} ms)`,
      t: closedAt,
      expect: [{ event: 'session_reconnected', min: 1, afterMs: closedAt }],
    };
  }
  return undefined;
}

/**
 * The final chat context is consistent: no id twice (§6.2: the mirror is keyed by id), and
 * no message holds the same text twice: the assistant's transcript is appended once (§8.1
 * fix, no "T\nT"), a user transcript replaces the text instead of adding a copy (§8.2 fix).
 */
export function chatCtxConsistent(run: FuzzRun): Violation | undefined {
  const items = run.outcome.observation.chatCtx as Json[];
  // What a consistent context would read: each id once, each text once.
  const fixed = (): { role?: string; type?: string; text?: string }[] => {
    const seen = new Set<unknown>();
    return items.flatMap((item) => {
      if (seen.has(item['id'])) return [];
      seen.add(item['id']);
      const texts = Array.isArray(item['content']) ? (item['content'] as unknown[]).filter((p): p is string => typeof p === 'string') : [];
      return [expectedItem(item, texts.length > 0 ? [...new Set(texts)].join('\n') : undefined)];
    });
  };
  const ids = new Set<unknown>();
  for (const [i, item] of items.entries()) {
    if (ids.has(item['id'])) {
      return { invariant: 'chatCtxConsistent', rule: '§6.2', message: `chat context item ${i} repeats the id ${String(item['id'])}`, expect: [{ chatCtx: fixed() }] };
    }
    ids.add(item['id']);
    const texts = Array.isArray(item['content']) ? (item['content'] as unknown[]).filter((p): p is string => typeof p === 'string') : [];
    const twice = texts.find((t, j) => texts.indexOf(t) !== j);
    if (twice !== undefined) {
      return {
        invariant: 'chatCtxConsistent',
        rule: '§8.1, §8.2 (deviations.md rows 1, 2)',
        message: `chat context item ${i} (${String(item['role'])}) holds ${JSON.stringify(twice)} twice: ${JSON.stringify(item['text'])}`,
        expect: [{ chatCtx: fixed() }],
      };
    }
  }
  return undefined;
}

/** Raw item id → the placeholder the observation shows for it, from the frames that carry items. */
function placeholders(run: FuzzRun): Map<string, unknown> {
  const map = new Map<string, unknown>();
  const normalised = run.outcome.observation.frames;
  for (const { body, index } of parsed(run)) {
    const type = typeOf(body);
    if (type !== 'conversation.item.added' && type !== 'conversation.item.created' && type !== 'conversation.item.create') continue;
    const raw = field(body, 'item', 'id');
    const shown = field(normalised[index]?.body, 'item', 'id');
    if (typeof raw === 'string' && shown !== undefined) map.set(raw, shown);
  }
  return map;
}

/**
 * The client's chat context keeps the server's order: the items both hold are in the same
 * order in the final mirror as in the server's conversation (§6.2, with the §8.3 fix: a
 * `previous_item_id` places an item after its predecessor; reconnect bursts re-create the
 * mirror in order, §5.3). The server's conversation is the expected order under every
 * quirk: with `nullPreviousItemId` the client must still put the items it created where it
 * asked (§8.3 fix) and the server's own items in arrival order, which is the order the
 * server added them in. Not checked when a fault delays or reorders
 * `conversation.item.added` (then arrival order is not the server's). (It found that an
 * item the client created at `"root"` in a non-empty conversation, echoed with
 * `previous_item_id: null`, was appended:
 * scenarios/fuzz-root-create-echo-appended.yaml, fixed.)
 */
export function mirrorOrderMatchesServer(run: FuzzRun): Violation | undefined {
  const moved = run.scenario.script.some((r) => {
    const when = field(r, 'when', 'event');
    const action = (field(r, 'do') as unknown[] | undefined)?.[0];
    return when === 'conversation.item.added' && action !== undefined && (field(action, 'delayEvent') !== undefined || field(action, 'reorder') !== undefined);
  });
  if (moved) return undefined;
  const shown = placeholders(run);
  const server: unknown[] = run.serverItemIds.map((id) => shown.get(id)).filter((id) => id !== undefined);
  const client = (run.outcome.observation.chatCtx as Json[]).map((i) => i['id']);
  const common = new Set(client.filter((id) => server.includes(id)));
  const serverOrder = server.filter((id) => common.has(id));
  const clientOrder = client.filter((id) => common.has(id));
  if (serverOrder.every((id, i) => id === clientOrder[i])) return undefined;
  // The same context with the shared items put in the server's order, in the slots they hold.
  const items = run.outcome.observation.chatCtx as Json[];
  const byId = new Map(items.map((i) => [i['id'], i]));
  let next = 0;
  const reordered = items.map((item) => (common.has(item['id']) ? byId.get(serverOrder[next++])! : item));
  return {
    invariant: 'mirrorOrderMatchesServer',
    rule: '§6.2, §8.3, §5.3',
    message: `the chat context orders the shared items ${clientOrder.map(String).join(', ')}; the server's conversation has ${serverOrder.map(String).join(', ')}`,
    expect: [{ chatCtx: reordered.map((i) => expectedItem(i)) }],
  };
}

/**
 * The client only names items its connection knows: the `previous_item_id` of a create (other
 * than `"root"`) and the `item_id` of a delete or truncate were announced by the server on
 * that connection (`conversation.item.added`) or created by the client there before. The
 * mirror mirrors the server's conversation (§6.2); a reconnect starts a new one from the
 * burst (§5.3), so ids from the old connection that the burst left out are unknown.
 *
 * It found that calls made between a drop and the reconnect burst chained after items the
 * burst leaves out (scenarios/fuzz-stale-mirror-after-drop.yaml, fixed).
 */
export function itemReferencesKnown(run: FuzzRun): Violation | undefined {
  const known = new Map<number, Set<string>>();
  for (const { frame, body, index } of parsed(run)) {
    const ids = known.get(frame.conn) ?? new Set<string>();
    known.set(frame.conn, ids);
    const type = typeOf(body);
    const itemId = field(body, 'item', 'id');
    if (frame.from === 'server') {
      if ((type === 'conversation.item.added' || type === 'conversation.item.created') && typeof itemId === 'string') ids.add(itemId);
      continue;
    }
    const named =
      type === 'conversation.item.create'
        ? body?.['previous_item_id']
        : type === 'conversation.item.delete' || type === 'conversation.item.truncate'
          ? body?.['item_id']
          : undefined;
    if (type === 'conversation.item.create' && typeof itemId === 'string') ids.add(itemId);
    if (typeof named !== 'string' || named === 'root' || ids.has(named)) continue;
    // The placeholder the observation shows, so the message matches `rt-sim run` output.
    const shown = field(run.outcome.observation.frames[index]?.body, type === 'conversation.item.create' ? 'previous_item_id' : 'item_id') ?? named;
    return {
      invariant: 'itemReferencesKnown',
      rule: '§6.2, §5.3, §5.10',
      message: `${type ?? '?'} names item ${String(shown)}, which connection ${frame.conn} never had`,
      frameIndex: index,
      t: frame.t,
      expect: [{ frame: 'error', from: 'server', count: 0, match: { 'error.code': 'item_not_found' } }],
    };
  }
  return undefined;
}

/**
 * `response.cancel` goes out only while a response is in flight: after its
 * `response.created` reached the client on that connection and before its `response.done`
 * did (§5.9 with the §8.13 fix, deviations.md row 13).
 */
export function cancelOnlyWhileResponding(run: FuzzRun): Violation | undefined {
  const created = new Map<string, { conn: number; t: number }>();
  const done = new Map<string, number>();
  const cancels: { frame: RawFrame; index: number }[] = [];
  for (const { frame, body, index } of parsed(run)) {
    const type = typeOf(body);
    const id = field(body, 'response', 'id');
    if (frame.from === 'server' && type === 'response.created' && typeof id === 'string' && !created.has(id)) created.set(id, { conn: frame.conn, t: frame.t });
    if (frame.from === 'server' && type === 'response.done' && typeof id === 'string' && !done.has(id)) done.set(id, frame.t);
    if (frame.from === 'client' && type === 'response.cancel') cancels.push({ frame, index });
  }
  const legit = cancels.filter(({ frame }) =>
    [...created].some(([id, c]) => c.conn === frame.conn && c.t <= frame.t && (done.get(id) ?? Infinity) >= frame.t),
  );
  const stray = cancels.find((c) => !legit.includes(c));
  if (!stray) return undefined;
  return {
    invariant: 'cancelOnlyWhileResponding',
    rule: '§5.9, §8.13 (deviations.md row 13)',
    message: `response.cancel at ${stray.frame.t} ms on connection ${stray.frame.conn} with no response in flight there`,
    frameIndex: stray.index,
    t: stray.frame.t,
    expect: [{ frame: 'response.cancel', from: 'client', max: legit.length }],
  };
}

/**
 * Input audio goes out in appends of exactly 4800 bytes (R6.2), except the last one before
 * a commit, which carries the chunker's remainder (§8.9 fix): shorter (or longer by the
 * resampler's tail at most), never empty, and followed by the commit.
 */
export function appendSizes(run: FuzzRun): Violation | undefined {
  const audio = parsed(run).filter(({ frame, body }) => frame.from === 'client' && (typeOf(body) ?? '').startsWith('input_audio_buffer.'));
  for (const [k, { frame, body, index }] of audio.entries()) {
    if (typeOf(body) !== 'input_audio_buffer.append') continue;
    const b64 = field(body, 'audio');
    const bytes = typeof b64 === 'string' ? Buffer.from(b64, 'base64').length : 0;
    if (bytes === APPEND_BYTES) continue;
    const next = typeOf(audio[k + 1]?.body);
    const problem =
      bytes === 0 || bytes % 2 !== 0
        ? `an append of ${bytes} bytes (expected 4800, or a non-empty even remainder)`
        : bytes > APPEND_BYTES + RESAMPLER_TAIL_BYTES
          ? `an append of ${bytes} bytes, more than 4800 + the resampler's tail`
          : next !== 'input_audio_buffer.commit'
            ? `a short append of ${bytes} bytes followed by ${next ?? 'nothing'}, not by input_audio_buffer.commit`
            : undefined;
    if (problem) return { invariant: 'appendSizes', rule: 'R6.2, §8.9 (deviations.md row 9)', message: problem, frameIndex: index, t: frame.t };
  }
  return undefined;
}

/**
 * Metrics are right (§5.17): one record per response the client saw start and end (see
 * {@link seenResponses}), none twice for the same response, none beyond the
 * `response.done` frames that reached the client; `cancelled` set exactly when that
 * `response.done` said `status: cancelled` (an `incomplete` or `failed` response is not
 * cancelled); a duration of at least 0, a TTFT of -1 (no token) or between 0 and the
 * duration, and a finite, non-negative `tokensPerSecond` (0 when the duration is 0).
 */
export function metricsConsistent(run: FuzzRun): Violation | undefined {
  const metrics = run.outcome.observation.metrics as Json[];
  const dones = run.frames.filter((f) => f.from === 'server' && typeOf(parse(f)) === 'response.done').length;
  if (metrics.length > dones) {
    return { invariant: 'metricsConsistent', rule: '§5.17', message: `${metrics.length} metrics records for ${dones} response.done frame(s)`, expect: [{ event: 'metrics_collected', max: dones }] };
  }
  const seen = seenResponses(run);
  const ids = new Set<unknown>();
  for (const [i, m] of metrics.entries()) {
    const duration = Number(m['duration']);
    const ttft = Number(m['ttft']);
    const tps = Number(m['tokensPerSecond']);
    const bad =
      !(duration >= 0) ? `duration ${duration}` : !(ttft === -1 || (ttft >= 0 && ttft <= duration + 1e-9)) ? `ttft ${ttft} with duration ${duration}` : !(Number.isFinite(tps) && tps >= 0) ? `tokensPerSecond ${tps}` : undefined;
    if (bad) return { invariant: 'metricsConsistent', rule: '§5.17', message: `metrics record ${i} (${String(m['requestId'])}) has ${bad}` };
    if (ids.has(m['requestId'])) {
      return { invariant: 'metricsConsistent', rule: '§5.17', message: `metrics record ${i} is the second one for response ${String(m['requestId'])}`, expect: [{ event: 'metrics_collected', max: ids.size }] };
    }
    ids.add(m['requestId']);
    const status = seen.find((r) => r.id === m['requestId'])?.status;
    if (status !== undefined && m['cancelled'] !== (status === 'cancelled')) {
      return { invariant: 'metricsConsistent', rule: '§5.17', message: `metrics record ${i} (${String(m['requestId'])}) says cancelled: ${String(m['cancelled'])} for a response.done with status ${status}` };
    }
  }
  const missing = seen.find((r) => !ids.has(r.id));
  if (missing) {
    return {
      invariant: 'metricsConsistent',
      rule: '§5.17',
      message: `response ${missing.id} ended (response.done, status ${missing.status}, while it was in flight) and no metrics record names it`,
      frameIndex: missing.frameIndex,
      t: missing.t,
      expect: [{ event: 'metrics_collected', count: 1, match: { requestId: missing.id } }],
    };
  }
  return undefined;
}

/**
 * A failed response reaches the application (§5.16, deviations.md row 8; issue 9: "the
 * response in flight ends as failed — it never hangs silently"): each response the client
 * saw start and end with `status: failed` raises a recoverable `error` event when its
 * `response.done` arrives. Failures now come in the middle of the output too (after audio,
 * between items, while a call's arguments stream), not only before it.
 */
export function failedResponsesRaiseError(run: FuzzRun): Violation | undefined {
  const errors = events(run, 'error').filter(({ record }) => field(record.data, 'recoverable') === true);
  const failed = seenResponses(run).filter((r) => r.status === 'failed');
  const used = new Set<number>();
  for (const r of failed) {
    const match = errors.find(({ record, index }) => !used.has(index) && record.t === r.t);
    if (match) {
      used.add(match.index);
      continue;
    }
    return {
      invariant: 'failedResponsesRaiseError',
      rule: '§5.16, §8.8 (deviations.md row 8)',
      message: `response ${r.id} failed (response.done at ${r.t} ms, while it was in flight) and the application got no recoverable error then`,
      frameIndex: r.frameIndex,
      t: r.t,
      expect: [{ event: 'error', min: failed.length, match: { recoverable: true } }],
    };
  }
  return undefined;
}

/** What the server said of one call item, from a frame that reached the client. */
interface CallEnd {
  status: unknown;
  arguments: unknown;
  t: number;
}

/** Call id (as the observation shows it) → how the server ended that call item, from `response.output_item.done` and `response.done` outputs. */
function callEnds(run: FuzzRun): Map<unknown, CallEnd[]> {
  const out = new Map<unknown, CallEnd[]>();
  const note = (item: unknown, t: number): void => {
    if (field(item, 'type') !== 'function_call') return;
    const id = field(item, 'call_id');
    out.set(id, [...(out.get(id) ?? []), { status: field(item, 'status'), arguments: field(item, 'arguments'), t }]);
  };
  for (const f of run.outcome.observation.frames) {
    if (f.from !== 'server') continue;
    if (f.type === 'response.output_item.done') note(field(f.body, 'item'), f.t);
    if (f.type === 'response.done') {
      const output = field(f.body, 'response', 'output');
      if (Array.isArray(output)) for (const item of output) note(item, f.t);
    }
  }
  return out;
}

/**
 * The application runs only calls the server finished, each once (§4.4, §5.16; issue 9):
 * every `function_call` the client emits names a call item that reached the client as
 * `status: completed` (in `response.output_item.done` or the output of `response.done`)
 * with exactly these arguments, before the event. A call cut while its arguments stream
 * (the response cancelled, failed or ended `incomplete`) ends `incomplete` with partial
 * JSON and must never reach the tool. A duplicated frame does not run a call twice.
 */
export function functionCallsFinished(run: FuzzRun): Violation | undefined {
  const ends = callEnds(run);
  const emitted = new Set<unknown>();
  for (const { record, index } of events(run, 'function_call')) {
    const callId = field(record.data, 'callId');
    const args = field(record.data, 'arguments');
    if (emitted.has(callId)) {
      return {
        invariant: 'functionCallsFinished',
        rule: '§4.4, §5.16',
        message: `function_call for call ${String(callId)} emitted a second time`,
        eventIndex: index,
        t: record.t,
        expect: [{ event: 'function_call', max: emitted.size }],
      };
    }
    emitted.add(callId);
    const known = (ends.get(callId) ?? []).filter((e) => e.t <= record.t);
    if (known.some((e) => e.status === 'completed' && e.arguments === args)) continue;
    const said = known.length === 0 ? 'the server never ended that call item' : `the server ended that call item ${known.map((e) => `${String(e.status)} with arguments ${JSON.stringify(e.arguments)}`).join(', then ')}`;
    return {
      invariant: 'functionCallsFinished',
      rule: '§4.4, §5.16 (issue 9)',
      message: `function_call for call ${String(callId)} with arguments ${JSON.stringify(args)}, but ${said}`,
      eventIndex: index,
      t: record.t,
      expect: [{ event: 'function_call', count: 0, match: { callId } }],
    };
  }
  return undefined;
}

/** Every invariant `rt-sim fuzz` checks, in the order they are checked. */
export const INVARIANTS: readonly Invariant[] = [
    { name: 'runEnds', rule: '§8.8', check: runEnds },
    { name: 'clientFramesMatchCatalogue', rule: '§2', check: clientFramesMatchCatalogue },
    { name: 'clientEventIdsUnique', rule: '§2, R2.7', check: clientEventIdsUnique },
    { name: 'sessionUpdateLeads', rule: 'R2.1, §5.3', check: sessionUpdateLeads },
    { name: 'generationsEnd', rule: '§8.8', check: generationsEnd },
    { name: 'callFailuresExplained', rule: '§5.8, §5.11, §8.8', check: callFailuresExplained },
    { name: 'retryBudgetKept', rule: 'R2.3, R2.4, R2.8', check: retryBudgetKept },
    { name: 'reconnectsAfterDrop', rule: 'R2.3, R2.5, §5.3', check: reconnectsAfterDrop },
    { name: 'chatCtxConsistent', rule: '§6.2, §8.1, §8.2', check: chatCtxConsistent },
    { name: 'mirrorOrderMatchesServer', rule: '§6.2, §8.3, §5.3', check: mirrorOrderMatchesServer },
    { name: 'itemReferencesKnown', rule: '§6.2, §5.3, §5.10', check: itemReferencesKnown },
    { name: 'cancelOnlyWhileResponding', rule: '§5.9, §8.13', check: cancelOnlyWhileResponding },
    { name: 'appendSizes', rule: 'R6.2, §8.9', check: appendSizes },
    { name: 'metricsConsistent', rule: '§5.17', check: metricsConsistent },
    { name: 'failedResponsesRaiseError', rule: '§5.16, §8.8', check: failedResponsesRaiseError },
    { name: 'functionCallsFinished', rule: '§4.4, §5.16', check: functionCallsFinished },
    { name: 'metricsMatchWire', rule: '§5.17', check: metricsMatchWire },
    { name: 'transcriptsMatchDeltas', rule: '§4.3, §8.1', check: transcriptsMatchDeltas },
    { name: 'userInitiatedMatches', rule: '§5.8', check: userInitiatedMatches },
    { name: 'truncateAsAsked', rule: '§5.10', check: truncateAsAsked },
    { name: 'commitsAtThreshold', rule: 'R6.4, §8.10', check: commitsAtThreshold },
    { name: 'outputAudioAsAsked', rule: '§1.5, §5.16', check: outputAudioAsAsked },
    { name: 'inputAudioAsSent', rule: '§1.5, R6.1–R6.3', check: inputAudioAsSent },
];

/** Every violation of `invariants` by one run (empty when all hold). */
export function checkInvariants(run: FuzzRun, invariants: readonly Invariant[] = INVARIANTS): Violation[] {
  return invariants.flatMap((inv) => {
    const v = inv.check(run);
    return v ? [v] : [];
  });
}
