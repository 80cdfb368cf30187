/**
 * Invariants on values, not only counts: what the client reports of responses (metrics,
 * transcripts, who asked for one) must equal what the wire says; the audio path's are in
 * `value-invariants-audio.ts`. Frames and events are read normalised (ids as placeholders), as the observation
 * shows them, so the ids of events and frames compare directly.
 */
import { GENERATE_REPLY_TIMEOUT_MS } from '../client/index.js';
import type { FrameRecord } from '../harness/index.js';
import type { FuzzRun } from './fuzz-run.js';
import { events, field, num, seenResponses, type Json, type SeenResponse } from './run-reading.js';
import type { Violation } from './violation.js';

const AUDIO_DELTAS = new Set(['response.output_audio.delta', 'response.audio.delta']);
const TEXT_DELTAS = new Set(['response.output_text.delta', 'response.text.delta']);
const TRANSCRIPT_DELTAS = new Set(['response.output_audio_transcript.delta', 'response.audio_transcript.delta']);
const TEXT_PARTS = new Set(['output_text', 'text']);
/** Seconds compare to the microsecond: the client divides exact milliseconds by 1000 once. */
const EPSILON = 1e-6;

const near = (a: unknown, b: number): boolean =>
  typeof a === 'number' && Math.abs(a - b) <= EPSILON * Math.max(1, Math.abs(b));

function textOnly(run: FuzzRun): boolean {
  const m = run.scenario.client['modalities'];
  return Array.isArray(m) && !m.includes('audio');
}

/** Recoverable `error` events the client emitted between two times (a bad frame or a failed response). */
function errorsBetween(run: FuzzRun, from: number, to: number): boolean {
  return events(run, 'error').some(({ record }) => record.t >= from && record.t <= to);
}

/** The server frames of `r`'s connection from its `response.created` to its `response.done`. */
function during(run: FuzzRun, r: SeenResponse): FrameRecord[] {
  return run.outcome.observation.frames
    .slice(r.createdIndex + 1, r.frameIndex)
    .filter((f) => f.from === 'server' && f.conn === r.conn);
}

/**
 * The first token of a response as the client times it (§5.17): the first audio delta, or on
 * a text-only model the first text delta, of a message item the response announced
 * (`response.output_item.added`) before it. Undefined: none.
 */
function firstToken(run: FuzzRun, r: SeenResponse): FrameRecord | undefined {
  const known = new Set<unknown>();
  const text = textOnly(run);
  for (const f of during(run, r)) {
    const rid = field(f.body, 'response_id');
    if (rid !== undefined && rid !== r.id) continue;
    if (f.type === 'response.output_item.added') known.add(field(f.body, 'item', 'id'));
    if ((AUDIO_DELTAS.has(f.type) || (text && TEXT_DELTAS.has(f.type))) && known.has(field(f.body, 'item_id')))
      return f;
  }
  return undefined;
}

/**
 * Each usage figure of a `response.done` as the wire has it: `response.usage` first, the
 * top-level `usage` filling gaps.
 */
function usageOf(done: unknown): (path: string[]) => number {
  const sources = [field(done, 'response', 'usage'), field(done, 'usage')];
  return (path) => {
    for (const s of sources) {
      const v = num(field(s, ...path));
      if (v !== undefined) return v;
    }
    return 0;
  };
}

/** Metrics field (dotted) → usage path on the wire. */
const USAGE_FIELDS: [string, string[]][] = [
  ['inputTokens', ['input_tokens']],
  ['outputTokens', ['output_tokens']],
  ['totalTokens', ['total_tokens']],
  ['inputTokenDetails.audioTokens', ['input_token_details', 'audio_tokens']],
  ['inputTokenDetails.textTokens', ['input_token_details', 'text_tokens']],
  ['inputTokenDetails.imageTokens', ['input_token_details', 'image_tokens']],
  ['inputTokenDetails.cachedTokens', ['input_token_details', 'cached_tokens']],
  ['inputTokenDetails.cachedTokensDetails.textTokens', ['input_token_details', 'cached_tokens_details', 'text_tokens']],
  [
    'inputTokenDetails.cachedTokensDetails.audioTokens',
    ['input_token_details', 'cached_tokens_details', 'audio_tokens'],
  ],
  ['inputTokenDetails.grokTokens', ['input_token_details', 'grok_tokens']],
  ['outputTokenDetails.textTokens', ['output_token_details', 'text_tokens']],
  ['outputTokenDetails.audioTokens', ['output_token_details', 'audio_tokens']],
  ['outputTokenDetails.grokTokens', ['output_token_details', 'grok_tokens']],
  ['outputAudioSeconds', ['output_audio_seconds']],
  ['billableAudioSeconds', ['billable_audio_seconds']],
];

/**
 * Metrics agree with the wire (§5.17): for each response the client saw start and end, its
 * record's `timestamp` is when `response.created` arrived, `duration` runs to its
 * `response.done`, `ttft` to the first audio delta (text delta on a text-only model) of an
 * announced item, or -1 with none; every token count and audio-seconds figure equals the
 * `usage` of that `response.done`; `tokensPerSecond` is output tokens over the duration.
 * When the client raised an `error` during the response (a bad frame ends its generation
 * early), `ttft` may also be -1 or the time of any of its deltas.
 */
export function metricsMatchWire(run: FuzzRun): Violation | undefined {
  const metrics = run.outcome.observation.metrics as Json[];
  const frames = run.outcome.observation.frames;
  for (const r of seenResponses(run)) {
    const m = metrics.find((x) => x['requestId'] === r.id);
    if (!m) continue; // metricsConsistent reports a missing record
    const bad = (what: string, got: unknown, want: number): Violation => ({
      invariant: 'metricsMatchWire',
      rule: '§5.17',
      message: `metrics of response ${r.id}: ${what} is ${JSON.stringify(got)}, the wire says ${want}`,
      frameIndex: r.frameIndex,
      t: r.t,
    });
    if (!near(m['timestamp'], r.createdT / 1000))
      return bad('timestamp (response.created arrived)', m['timestamp'], r.createdT / 1000);
    const duration = (r.t - r.createdT) / 1000;
    if (!near(m['duration'], duration))
      return bad('duration (response.created to response.done)', m['duration'], duration);
    const first = firstToken(run, r);
    const ttft = first === undefined ? -1 : (first.t - r.createdT) / 1000;
    if (!near(m['ttft'], ttft)) {
      const lenient = errorsBetween(run, r.createdT, r.t);
      const anyDelta = during(run, r).some(
        (f) => (AUDIO_DELTAS.has(f.type) || TEXT_DELTAS.has(f.type)) && near(m['ttft'], (f.t - r.createdT) / 1000),
      );
      if (!(lenient && (m['ttft'] === -1 || anyDelta))) return bad('ttft (first audio or text delta)', m['ttft'], ttft);
    }
    const usage = usageOf(frames[r.frameIndex]?.body);
    for (const [name, path] of USAGE_FIELDS) {
      const got = field(m, ...name.split('.'));
      if (got !== usage(path)) return bad(`${name} (usage.${path.join('.')})`, got, usage(path));
    }
    const tps = duration > 0 ? usage(['output_tokens']) / duration : 0;
    if (!near(m['tokensPerSecond'], tps))
      return bad('tokensPerSecond (output tokens / duration)', m['tokensPerSecond'], tps);
  }
  return undefined;
}

/**
 * Each message's text, as the application read it from the generation's text stream,
 * is the concatenation of the transcript deltas (text deltas on a text-only model) of that
 * item that reached the client while its stream was open: from the item's
 * `response.output_item.added` until its `response.output_item.done` or the end of its
 * response (its `response.done`, a newer `response.created`, or the end of the connection).
 * A message whose content part is text in an audio session reads its text deltas (§5.16).
 * Duplicated deltas count as often as they arrived. When the client raised an `error`
 * during the response, the text may stop early: it must then be a prefix of that.
 */
export function transcriptsMatchDeltas(run: FuzzRun): Violation | undefined {
  const frames = run.outcome.observation.frames;
  const deltas = textOnly(run) ? TEXT_DELTAS : TRANSCRIPT_DELTAS;
  for (const { record, index } of events(run, 'generation_done')) {
    const responseId = field(record.data, 'responseId');
    const start = frames.findIndex(
      (f) => f.from === 'server' && f.type === 'response.created' && field(f.body, 'response', 'id') === responseId,
    );
    if (start < 0) continue;
    const conn = frames[start]!.conn;
    let stop = frames.length;
    for (let i = start + 1; i < frames.length; i++) {
      const f = frames[i]!;
      if (f.conn !== conn || f.from !== 'server') continue;
      const id = field(f.body, 'response', 'id');
      if ((f.type === 'response.done' && id === responseId) || (f.type === 'response.created' && id !== responseId)) {
        stop = i;
        break;
      }
    }
    const end = frames[stop]?.t ?? run.outcome.simulatedMs;
    const messages = field(record.data, 'messages');
    for (const msg of Array.isArray(messages) ? (messages as Json[]) : []) {
      let open = false;
      let expected = '';
      // A text part in an audio session (§5.16): that message's text comes from its text deltas.
      let own = deltas;
      for (const f of frames.slice(start + 1, stop)) {
        if (f.conn !== conn || f.from !== 'server') continue;
        if (f.type === 'response.output_item.added' && field(f.body, 'item', 'id') === msg['messageId']) open = true;
        if (f.type === 'response.output_item.done' && field(f.body, 'item', 'id') === msg['messageId']) open = false;
        if (
          f.type === 'response.content_part.added' &&
          field(f.body, 'item_id') === msg['messageId'] &&
          TEXT_PARTS.has(field(f.body, 'part', 'type') as string)
        )
          own = TEXT_DELTAS;
        // A delta naming another response is not this one's (the client ignores it, §5.16).
        const of = field(f.body, 'response_id');
        if (
          open &&
          own.has(f.type) &&
          field(f.body, 'item_id') === msg['messageId'] &&
          (of === undefined || of === responseId)
        )
          expected += String(field(f.body, 'delta') ?? '');
      }
      const text = String(msg['text'] ?? '');
      if (text === expected || (errorsBetween(run, frames[start]!.t, end) && expected.startsWith(text))) continue;
      return {
        invariant: 'transcriptsMatchDeltas',
        rule: '§4.3, §8.1',
        message:
          `message ${String(msg['messageId'])} of response ${String(responseId)} reads ${JSON.stringify(text)}; ` +
          `its deltas say ${JSON.stringify(expected)}`,
        eventIndex: index,
        t: record.t,
      };
    }
  }
  return undefined;
}

/**
 * `userInitiated` says who asked (§5.8): a generation is user-initiated exactly when its
 * `response.created` echoes (`metadata.client_event_id`) a `response.create` the client sent,
 * and that request's call was still waiting, or when it echoes nothing and a `say` was sent
 * before it and not answered yet (the oldest such say owns it, as the live service echoes no
 * id for a `force_message`). A generation the server started itself (server
 * VAD, or an echo of nothing the client sent) is not. When a `generateReply` call failed
 * between the request and the echo (a timeout or a lost connection), the echo may count
 * either way.
 */
export function userInitiatedMatches(run: FuzzRun): Violation | undefined {
  const frames = run.outcome.observation.frames;
  const requests = new Map<unknown, number>();
  for (const f of frames)
    if (f.from === 'client' && f.type === 'response.create') requests.set(field(f.body, 'event_id'), f.t);
  // A say's force_message is answered by a response.created that echoes nothing (metadata
  // null): the oldest say not yet answered owns it.
  const says = frames
    .filter(
      (f) =>
        f.from === 'client' &&
        f.type === 'conversation.item.create' &&
        field(f.body, 'item', 'type') === 'force_message',
    )
    .map((f) => f.t);
  const failures = events(run, 'call_failed').filter(({ record }) => field(record.data, 'call') === 'generateReply');
  const seen = new Set<unknown>();
  for (const { record, index } of events(run, 'generation_created')) {
    const responseId = field(record.data, 'responseId');
    const said = field(record.data, 'userInitiated');
    if (seen.has(responseId)) continue;
    seen.add(responseId);
    const created = frames.find(
      (f) => f.from === 'server' && f.type === 'response.created' && field(f.body, 'response', 'id') === responseId,
    );
    if (!created) continue;
    const echo = field(created.body, 'response', 'metadata', 'client_event_id');
    let sentAt = echo === undefined || echo === null ? undefined : requests.get(echo);
    if ((echo === undefined || echo === null) && says.length > 0 && says[0]! <= created.t) sentAt = says.shift();
    const expected = sentAt !== undefined;
    if (said === expected) continue;
    if (
      sentAt !== undefined &&
      failures.some(({ record: f }) => f.t >= sentAt - GENERATE_REPLY_TIMEOUT_MS && f.t <= created.t)
    )
      continue;
    return {
      invariant: 'userInitiatedMatches',
      rule: '§5.8',
      message:
        `generation ${String(responseId)} has userInitiated ${JSON.stringify(said)}, but its response.created ` +
        (expected ? `echoes the client's request ${String(echo)}` : 'echoes no request the client sent'),
      eventIndex: index,
      t: record.t,
      expect: [{ event: 'generation_created', count: 0, match: { responseId, userInitiated: said } }],
    };
  }
  return undefined;
}
