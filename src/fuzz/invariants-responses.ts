/**
 * Invariants on responses: every generation ends, metrics agree with each other, a failed
 * response raises an error, every function call is finished.
 * Each cites the rule it comes from (docs/protocol.md) and reads the run, never a golden.
 */
import type { FuzzRun } from './fuzz-run.js';
import { events, field, parsed, seenResponses, typeOf, type Json } from './run-reading.js';
import type { Violation } from './violation.js';

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
    return {
      invariant: 'generationsEnd',
      rule: '§8.8 (deviations.md row 8)',
      message: `a generation's stream ended in an error: ${JSON.stringify(first.record.data)}`,
      eventIndex: first.index,
      t: first.record.t,
    };
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
  const dones = parsed(run).filter((p) => p.frame.from === 'server' && typeOf(p.body) === 'response.done').length;
  if (metrics.length > dones) {
    return {
      invariant: 'metricsConsistent',
      rule: '§5.17',
      message: `${metrics.length} metrics records for ${dones} response.done frame(s)`,
      expect: [{ event: 'metrics_collected', max: dones }],
    };
  }
  const seen = seenResponses(run);
  const ids = new Set<unknown>();
  for (const [i, m] of metrics.entries()) {
    const duration = Number(m['duration']);
    const ttft = Number(m['ttft']);
    const tps = Number(m['tokensPerSecond']);
    const bad = !(duration >= 0)
      ? `duration ${duration}`
      : !(ttft === -1 || (ttft >= 0 && ttft <= duration + 1e-9))
        ? `ttft ${ttft} with duration ${duration}`
        : !(Number.isFinite(tps) && tps >= 0)
          ? `tokensPerSecond ${tps}`
          : undefined;
    if (bad)
      return {
        invariant: 'metricsConsistent',
        rule: '§5.17',
        message: `metrics record ${i} (${String(m['requestId'])}) has ${bad}`,
      };
    if (ids.has(m['requestId'])) {
      return {
        invariant: 'metricsConsistent',
        rule: '§5.17',
        message: `metrics record ${i} is the second one for response ${String(m['requestId'])}`,
        expect: [{ event: 'metrics_collected', max: ids.size }],
      };
    }
    ids.add(m['requestId']);
    const status = seen.find((r) => r.id === m['requestId'])?.status;
    if (status !== undefined && m['cancelled'] !== (status === 'cancelled')) {
      return {
        invariant: 'metricsConsistent',
        rule: '§5.17',
        message:
          `metrics record ${i} (${String(m['requestId'])}) says cancelled: ${String(m['cancelled'])} for a ` +
          `response.done with status ${status}`,
      };
    }
  }
  const missing = seen.find((r) => !ids.has(r.id));
  if (missing) {
    return {
      invariant: 'metricsConsistent',
      rule: '§5.17',
      message:
        `response ${missing.id} ended (response.done, status ${missing.status}, ` +
        `while it was in flight) and no metrics record names it`,
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
      message:
        `response ${r.id} failed (response.done at ${r.t} ms, while it ` +
        `was in flight) and the application got no recoverable error then`,
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

/**
 * Call id (as the observation shows it) → how the server ended that call item, from
 * `response.output_item.done` and `response.done` outputs.
 */
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
    const said =
      known.length === 0
        ? 'the server never ended that call item'
        : `the server ended that call item ${known
            .map((e) => `${String(e.status)} with arguments ${JSON.stringify(e.arguments)}`)
            .join(', then ')}`;
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
