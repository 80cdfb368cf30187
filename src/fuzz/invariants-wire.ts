/**
 * Invariants on what the client puts on the wire: frames in the catalogue, unique event ids,
 * the session.update that leads every connection, cancels only while a response runs, append
 * sizes.
 * Each cites the rule it comes from (docs/protocol.md) and reads the run, never a golden.
 */
import { withoutPrefix } from '../errors/index.js';
import { parseClientEvent } from '../protocol/index.js';
import type { FuzzRun, RawFrame } from './fuzz-run.js';
import { field, parsed, typeOf } from './run-reading.js';
import type { Violation } from './violation.js';

/** Bytes of one input append: 100 ms of 24 kHz PCM16 (R6.2). */
const APPEND_BYTES = 4800;

/**
 * The last append before a commit may exceed 4800 bytes by the resampler's tail (src/client/audio `AudioInput.commit`).
 */
const RESAMPLER_TAIL_BYTES = 100;

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
  return {
    invariant: 'runEnds',
    rule: '§8.8 (deviations.md row 8)',
    message: `the run did not end cleanly: ${failure.kind}: ${failure.message}`,
    t: run.outcome.simulatedMs,
  };
}

/**
 * Every frame the client sent is a known client event whose fields check (reference §2, the catalogue of src/protocol).
 */
export function clientFramesMatchCatalogue(run: FuzzRun): Violation | undefined {
  for (const [index, frame] of run.frames.entries()) {
    if (frame.from !== 'client') continue;
    const result = parseClientEvent(frame.text);
    if (!result.ok) {
      return {
        invariant: 'clientFramesMatchCatalogue',
        rule: '§2',
        message: `client frame #${index} breaks the catalogue: ${withoutPrefix(result.error.message)}`,
        frameIndex: index,
        t: frame.t,
      };
    }
    if (!result.known) {
      return {
        invariant: 'clientFramesMatchCatalogue',
        rule: '§2',
        message: `client frame #${index} has a type outside the client catalogue: ${result.event.type}`,
        frameIndex: index,
        t: frame.t,
      };
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
      return {
        invariant: 'clientEventIdsUnique',
        rule: '§2',
        message:
          `client frame #${index} (${typeOf(body) ?? '?'}) has ` +
          `event_id ${JSON.stringify(id)}, expected <prefix>_<12 hex>`,
        frameIndex: index,
        t: frame.t,
      };
    }
    const before = seen.get(id);
    if (before !== undefined) {
      return {
        invariant: 'clientEventIdsUnique',
        rule: '§2, R2.7',
        message: `client frames #${before} and #${index} (${typeOf(body) ?? '?'}) carry the same event_id`,
        frameIndex: index,
        t: frame.t,
      };
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
      return {
        invariant: 'sessionUpdateLeads',
        rule: 'R2.1, §5.3',
        message: `the first client frame on connection ${frame.conn} is ${type ?? 'not JSON'}, expected session.update`,
        frameIndex: index,
        t: frame.t,
      };
    }
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
    if (frame.from === 'server' && type === 'response.created' && typeof id === 'string' && !created.has(id))
      created.set(id, { conn: frame.conn, t: frame.t });
    if (frame.from === 'server' && type === 'response.done' && typeof id === 'string' && !done.has(id))
      done.set(id, frame.t);
    if (frame.from === 'client' && type === 'response.cancel') cancels.push({ frame, index });
  }
  const legit = cancels.filter(({ frame }) =>
    [...created].some(([id, c]) => c.conn === frame.conn && c.t <= frame.t && (done.get(id) ?? Infinity) >= frame.t),
  );
  const stray = cancels.find((c) => !legit.includes(c));
  if (!stray) return undefined;
  const { t, conn } = stray.frame;
  return {
    invariant: 'cancelOnlyWhileResponding',
    rule: '§5.9, §8.13 (deviations.md row 13)',
    message: `response.cancel at ${t} ms on connection ${conn} with no response in flight there`,
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
  const audio = parsed(run).filter(
    ({ frame, body }) => frame.from === 'client' && (typeOf(body) ?? '').startsWith('input_audio_buffer.'),
  );
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
    if (problem)
      return {
        invariant: 'appendSizes',
        rule: 'R6.2, §8.9 (deviations.md row 9)',
        message: problem,
        frameIndex: index,
        t: frame.t,
      };
  }
  return undefined;
}

/**
 * Every frame the client's sockets delivered and every event it queued was surfaced
 * (`openai_server_event_received`, `openai_client_event_queued`, §5.19): the harness's
 * `raw-events` check. A client that loses the frames a server sends with its handshake
 * answer (one TCP segment: `coalesceFrames`) breaks it.
 */
export function rawEventsSurfaced(run: FuzzRun): Violation | undefined {
  const failure = run.outcome.failures.find((f) => f.kind === 'raw-events');
  if (!failure) return undefined;
  return { invariant: 'rawEventsSurfaced', rule: '§5.19', message: failure.message, t: run.outcome.simulatedMs };
}

/**
 * The API key reached nothing the run keeps (the observation, the client's log, a failure
 * message): the harness's `secret-leak` check (docs/deviations.md, "Credentials").
 */
export function secretsRedacted(run: FuzzRun): Violation | undefined {
  const failure = run.outcome.failures.find((f) => f.kind === 'secret-leak');
  if (!failure) return undefined;
  return {
    invariant: 'secretsRedacted',
    rule: 'Credentials (deviations.md)',
    message: failure.message,
    t: run.outcome.simulatedMs,
  };
}
