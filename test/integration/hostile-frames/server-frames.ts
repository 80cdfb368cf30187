/**
 * Hostile SERVER frames for the rt-sim client: every event of the server catalogue with
 * one field of a wrong kind or missing, extra fields, no `event_id`, unknown types,
 * non-JSON, binary, deep and big frames, bad audio, frames out of order and ids twice.
 * Response-scoped frames often carry the id of the response in flight, so they reach it.
 */
import type { Random } from '../../../src/clock/index.js';
import { SERVER_EVENT_TYPES } from '../../../src/protocol/index.js';
import { SERVER_EXAMPLES } from '../../protocol/fixtures/server-examples.js';
import { allPaths, badBase64, loneSurrogates, mutateAt, notJson, oddBase64, pick, wrongValue } from './hostile.js';

/** What the client must do with a frame, beyond not crashing and not hanging a reply. */
export type ClientExpectation =
  /** Die with a non-recoverable `error` (R2.5: a text frame that is not JSON; a fatal error code). */
  | 'fatal'
  /** Surface at least one `error` event (a server `error` frame). */
  | 'error'
  /** Ignore it (liberal client) or surface an `error` event. */
  | 'ignore-or-error'
  /** Ignore it: no `error` event (an event type the client does not know). */
  | 'ignore';

/** One hostile server frame. */
export interface HostileServerFrame {
  kind: string;
  data: string | Uint8Array;
  expect: ClientExpectation;
}

/** Ids of what is in flight, substituted into the examples. */
export interface InFlight {
  responseId?: string;
  itemId?: string;
}

const EXAMPLE_RESPONSE_ID = 'resp_0c1d2e3f4a5b';
const EXAMPLE_ITEM_ID = 'item_aa11bb22cc33';
const EXAMPLES = SERVER_EVENT_TYPES.map((type) => SERVER_EXAMPLES[type] as unknown as Record<string, unknown>);
const PATHS = EXAMPLES.map((e) => allPaths(e));

function formatPath(path: (string | number)[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.');
}

function readAt(value: unknown, path: (string | number)[]): unknown {
  let node = value;
  for (const key of path) node = (node as Record<string | number, unknown>)[key];
  return node;
}

/** An example with the in-flight ids in it half the time, and a fresh `event_id`. */
function example(random: Random, at: number, index: number, inFlight: InFlight): Record<string, unknown> {
  let text = JSON.stringify({ ...EXAMPLES[at]!, event_id: `event_h${index}` });
  if (random.int(0, 1) === 0) {
    if (inFlight.responseId) text = text.split(EXAMPLE_RESPONSE_ID).join(inFlight.responseId);
    if (inFlight.itemId) text = text.split(EXAMPLE_ITEM_ID).join(inFlight.itemId);
  }
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * What a frame must cause: a server `error` must surface, except `Cancellation failed…`,
 * which the client drops on purpose (reference §4.5: it answers a cancel with nothing to cancel).
 */
function expectationOf(event: Record<string, unknown>): ClientExpectation {
  if (event['type'] !== 'error') return 'ignore-or-error';
  const body = event['error'];
  const message = body !== null && typeof body === 'object' ? (body as { message?: unknown }).message : undefined;
  return typeof message === 'string' && message.startsWith('Cancellation failed') ? 'ignore-or-error' : 'error';
}

/** Builds frame `index` of a run. */
export function hostileServerFrame(random: Random, index: number, inFlight: InFlight): HostileServerFrame {
  const roll = random.int(0, 99);
  const at = random.int(0, EXAMPLES.length - 1);
  const base = example(random, at, index, inFlight);
  const type = String(base['type']);
  if (roll < 40) {
    const path = pick(random, [...PATHS[at]!, ['event_id'], ['type']]);
    const event = mutateAt(base, path, wrongValue(random, readAt(base, path)));
    return {
      kind: `wrong type at ${type}.${formatPath(path)}`,
      data: JSON.stringify(event),
      expect: expectationOf(event),
    };
  }
  if (roll < 50) {
    const path = pick(random, [...PATHS[at]!, ['type']]);
    const event = mutateAt(base, path, undefined);
    return { kind: `missing ${type}.${formatPath(path)}`, data: JSON.stringify(event), expect: expectationOf(event) };
  }
  if (roll < 54) {
    const event = { ...base, [`x_${random.hex(4)}`]: { extra: [1, 'two', null] }, status_details: 'unimplemented' };
    return { kind: `extra fields on ${type}`, data: JSON.stringify(event), expect: expectationOf(event) };
  }
  if (roll < 58) {
    const { event_id: _dropped, ...event } = base;
    return { kind: `no event_id on ${type}`, data: JSON.stringify(event), expect: expectationOf(event) };
  }
  if (roll < 62) {
    const names = [
      'x.custom',
      'response.output_video.delta',
      'RESPONSE.DONE',
      'session.update',
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
      'valueOf',
    ];
    const event = {
      type: pick(random, names),
      event_id: `event_h${index}`,
      response_id: inFlight.responseId ?? 'resp_x',
    };
    return { kind: 'unknown type', data: JSON.stringify(event), expect: 'ignore' };
  }
  if (roll < 63) return { kind: 'not JSON', data: notJsonText(random, JSON.stringify(base)), expect: 'fatal' };
  if (roll < 66)
    return {
      kind: 'not an event object',
      data: pick(random, ['[1,2]', '42', '"response.done"', 'null', 'true', '{}', '{"type":7}']),
      expect: 'ignore-or-error',
    };
  if (roll < 69) {
    return {
      kind: 'binary',
      data: new Uint8Array(random.int(0, 64)).map(() => random.int(0, 255)),
      expect: 'ignore-or-error',
    };
  }
  if (roll < 72) {
    const depth = random.int(65, 3000);
    const text = JSON.stringify({ ...base, x_deep: 0 }).replace(
      '"x_deep":0',
      `"x_deep":${'['.repeat(depth)}${']'.repeat(depth)}`,
    );
    return { kind: `${depth} deep ${type}`, data: text, expect: expectationOf(base) };
  }
  if (roll < 74) {
    const event = { ...base, x_text: loneSurrogates(random) };
    return { kind: `lone surrogates in ${type}`, data: JSON.stringify(event), expect: expectationOf(event) };
  }
  if (roll < 84) return audioDelta(random, index, inFlight);
  if (roll < 94) return outOfOrder(random, index, inFlight);
  if (roll < 99 || random.int(0, 1) === 0) return duplicated(random, index, inFlight);
  const event = {
    type: 'error',
    event_id: `event_h${index}`,
    error: {
      type: 'invalid_request_error',
      code: 'invalid_api_key',
      message: 'Incorrect API key provided',
      param: null,
      event_id: null,
    },
  };
  return { kind: 'fatal error code', data: JSON.stringify(event), expect: 'fatal' };
}

/** Not-JSON text; never accidentally valid JSON. */
function notJsonText(random: Random, valid: string): string {
  for (;;) {
    const text = notJson(random, valid);
    try {
      JSON.parse(text);
    } catch {
      return text;
    }
  }
}

/** Audio deltas of the response in flight: odd byte counts, bad base64, big, empty. */
function audioDelta(random: Random, index: number, inFlight: InFlight): HostileServerFrame {
  const [kind, delta] = pick<[string, () => string]>(random, [
    ['odd PCM16 byte count', () => oddBase64(random)],
    ['bad base64', () => badBase64(random)],
    ['empty audio', () => ''],
    [
      'big audio (up to 1 MB)',
      () => Buffer.alloc(random.int(1, random.int(0, 9) === 0 ? 512 * 1024 : 4096) * 2).toString('base64'),
    ],
  ]);
  const event = {
    type: pick(random, ['response.output_audio.delta', 'response.audio.delta']),
    event_id: `event_h${index}`,
    response_id: inFlight.responseId ?? EXAMPLE_RESPONSE_ID,
    item_id: inFlight.itemId ?? EXAMPLE_ITEM_ID,
    output_index: 0,
    content_index: 0,
    delta: delta(),
  };
  return { kind: `audio delta: ${kind}`, data: JSON.stringify(event), expect: 'ignore-or-error' };
}

/** Frames of responses and items that do not exist, or that came before their start. */
function outOfOrder(random: Random, index: number, inFlight: InFlight): HostileServerFrame {
  const ghost = `resp_ghost_${index}`;
  const ghostItem = `item_ghost_${index}`;
  const responseId = random.int(0, 1) === 0 ? ghost : (inFlight.responseId ?? ghost);
  const ref = {
    response_id: responseId,
    item_id: ghostItem,
    output_index: random.int(0, 3),
    content_index: random.int(0, 3),
  };
  const events: Record<string, unknown>[] = [
    {
      type: 'response.done',
      response: {
        id: ghost,
        object: 'realtime.response',
        status: pick(random, ['completed', 'cancelled', 'failed', 'incomplete', 'in_progress']),
        output: [],
      },
    },
    { type: 'response.output_audio_transcript.delta', ...ref, delta: 'ghost ' },
    { type: 'response.output_text.delta', ...ref, delta: 'ghost ' },
    { type: 'response.output_audio_transcript.done', ...ref, transcript: 'ghost' },
    { type: 'response.content_part.added', ...ref, part: { type: 'audio' } },
    { type: 'response.content_part.done', ...ref, part: { type: 'audio' } },
    {
      type: 'response.output_item.done',
      response_id: responseId,
      output_index: 0,
      item: { id: ghostItem, type: 'message', role: 'assistant', status: 'completed', content: [] },
    },
    {
      type: 'response.output_item.done',
      response_id: responseId,
      output_index: 0,
      item: { id: ghostItem, type: 'function_call', call_id: `call_${index}`, name: 'f', arguments: '{"a":' },
    },
    {
      type: 'response.function_call_arguments.done',
      response_id: responseId,
      item_id: ghostItem,
      output_index: 0,
      call_id: `call_${index}`,
      arguments: '{}',
    },
    { type: 'conversation.item.deleted', item_id: ghostItem },
    {
      type: 'conversation.item.input_audio_transcription.completed',
      item_id: ghostItem,
      content_index: 0,
      transcript: 'ghost',
    },
    {
      type: 'conversation.item.added',
      previous_item_id: `item_nowhere_${index}`,
      item: { id: ghostItem, type: 'message', role: 'user', content: [] },
    },
    { type: 'input_audio_buffer.speech_stopped', item_id: ghostItem, audio_end_ms: 10 },
    { type: 'conversation.item.truncated', item_id: ghostItem, content_index: 0, audio_end_ms: 5 },
  ];
  const event: Record<string, unknown> = { ...pick(random, events), event_id: `event_h${index}` };
  return { kind: `out of order ${String(event['type'])}`, data: JSON.stringify(event), expect: 'ignore-or-error' };
}

/** The same response, item or event id twice. */
function duplicated(random: Random, index: number, inFlight: InFlight): HostileServerFrame {
  const responseId = inFlight.responseId ?? `resp_dup_${index}`;
  const itemId = inFlight.itemId ?? `item_dup_${index}`;
  const events: { type: string; [key: string]: unknown }[] = [
    {
      type: 'response.created',
      event_id: `event_h${index}`,
      response: { id: responseId, object: 'realtime.response', status: 'in_progress', output: [], metadata: null },
    },
    {
      type: 'conversation.item.added',
      event_id: `event_h${index}`,
      previous_item_id: null,
      item: { id: itemId, type: 'message', role: 'assistant', status: 'in_progress', content: [] },
    },
    {
      type: 'response.output_item.added',
      event_id: `event_h${index}`,
      response_id: responseId,
      output_index: 0,
      item: { id: itemId, type: 'message', role: 'assistant', status: 'in_progress', content: [] },
    },
    {
      type: 'response.output_audio_transcript.delta',
      event_id: 'event_same',
      response_id: responseId,
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      delta: 'twice ',
    },
  ];
  const event = pick(random, events);
  return { kind: `duplicated id ${event.type}`, data: JSON.stringify(event), expect: 'ignore-or-error' };
}
