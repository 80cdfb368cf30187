/**
 * Hostile CLIENT frames for `serve`, each with what the fake must answer: an `error` event
 * (code, echoed `event_id`, the field it names) or a documented close code, or, for a frame
 * that is still a valid event after its mutation, anything but a crash.
 */
import type { Random } from '../../../src/clock/index.js';
import { CLIENT_EVENT_TYPES, MAX_JSON_DEPTH, parseClientEvent } from '../../../src/protocol/index.js';
import { CLIENT_EXAMPLES } from '../../protocol/fixtures/client-examples.js';
import {
  allPaths,
  badBase64,
  deepFrame,
  loneSurrogates,
  mutateAt,
  notJson,
  oddBase64,
  pick,
  wrongValue,
} from './hostile.js';
import { withoutPrefix } from '../../../src/errors/index.js';

/** What the fake must do with a frame. */
export type Expectation =
  | { kind: 'error'; codes: readonly string[]; eventId: string | null; param?: string; message?: string }
  | { kind: 'close'; code: number }
  | { kind: 'any' };

/** One hostile frame: text or binary, the frames that set it up, and the expected answer. */
export interface HostileClientFrame {
  kind: string;
  data: string | Uint8Array;
  /** Good frames sent before it (e.g. the first of two items with one id). */
  setup?: string[];
  /** Good frames sent right after it, before the probe (undoing what `setup` changed). */
  teardown?: string[];
  expect: Expectation;
}

const EXAMPLES = CLIENT_EVENT_TYPES.map((type) => CLIENT_EXAMPLES[type] as unknown as Record<string, unknown>);
const PATHS = EXAMPLES.map((e) => allPaths(e));

/** The answer the catalogue (the same parser `serve` uses) says a text frame must get. */
export function oracle(text: string): Expectation {
  const parsed = parseClientEvent(text);
  const eventId = eventIdOf(text);
  if (!parsed.ok) {
    const code = parsed.error.code === 'RTSIM_PROTOCOL_NOT_JSON' ? 'invalid_json' : 'invalid_event';
    const path = (parsed.error.details as { path?: (string | number)[] } | undefined)?.path;
    return {
      kind: 'error',
      codes: [code],
      eventId,
      message: withoutPrefix(parsed.error.message),
      ...(path ? { param: formatPath(path) } : {}),
    };
  }
  if (!parsed.known) return { kind: 'error', codes: ['invalid_event_type'], eventId, param: 'type' };
  return { kind: 'any' };
}

function eventIdOf(text: string): string | null {
  try {
    const value: unknown = JSON.parse(text);
    const id = value !== null && typeof value === 'object' ? (value as { event_id?: unknown }).event_id : undefined;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

function formatPath(path: (string | number)[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out;
}

const append = (id: string, audio: string): string =>
  JSON.stringify({ type: 'input_audio_buffer.append', event_id: id, audio });

/** Builds frame `index` of a run; `id` is its unique `event_id`. */
export function hostileClientFrame(random: Random, index: number): HostileClientFrame {
  const id = `h${index}`;
  const roll = random.int(0, 99);
  const at = random.int(0, EXAMPLES.length - 1);
  const example: Record<string, unknown> = { ...EXAMPLES[at]!, event_id: id };
  if (roll < 45) {
    // A wrong JSON kind in one field of one event of the catalogue.
    const paths = PATHS[at]!.length > 0 ? [...PATHS[at]!, ['event_id'], ['type']] : [['event_id'], ['type']];
    const path = pick(random, paths);
    const text = JSON.stringify(mutateAt(example, path, wrongValue(random, readAt(example, path))));
    return { kind: `wrong type at ${example['type'] as string}.${formatPath(path)}`, data: text, expect: oracle(text) };
  }
  if (roll < 55) {
    const paths = PATHS[at]!.length > 0 ? [...PATHS[at]!, ['type']] : [['type']];
    const path = pick(random, paths);
    const text = JSON.stringify(mutateAt(example, path, undefined));
    return { kind: `missing ${example['type'] as string}.${formatPath(path)}`, data: text, expect: oracle(text) };
  }
  if (roll < 60) {
    const text = JSON.stringify({
      type: pick(random, [
        'x.custom',
        'response.done',
        'session.created',
        'conversation.item.commit',
        'INPUT_AUDIO_BUFFER.APPEND',
        ' ',
        'constructor',
        '__proto__',
      ]),
      event_id: id,
    });
    return { kind: 'unknown type', data: text, expect: oracle(text) };
  }
  if (roll < 66) {
    const text = notJson(random, JSON.stringify(example));
    return { kind: 'not JSON', data: text, expect: oracle(text) };
  }
  if (roll < 68) {
    const text = pick(random, ['[1,2]', '42', '"session.update"', 'null', 'true', '{}', `{"type":""}`]);
    return { kind: 'not an event object', data: text, expect: oracle(text) };
  }
  if (roll < 70) {
    const text = JSON.stringify({
      type: 'session.update',
      event_id: id,
      session: { instructions: loneSurrogates(random) },
    });
    return { kind: 'lone surrogates in a string', data: text, expect: { kind: 'any' } };
  }
  if (roll < 74) {
    const bytes = new Uint8Array(random.int(0, 64)).map(() => random.int(0, 255));
    return {
      kind: 'binary',
      data: bytes,
      expect: { kind: 'error', codes: ['invalid_event'], eventId: null, param: 'session.audio.input.transport' },
    };
  }
  if (roll < 79) {
    const depth = random.int(MAX_JSON_DEPTH + 1, 3000);
    return {
      kind: `${depth} deep`,
      data: deepFrame(depth, id, random.int(0, 1) === 1),
      expect: { kind: 'error', codes: ['invalid_event'], eventId: id },
    };
  }
  if (roll < 80) {
    return {
      kind: `${MAX_JSON_DEPTH} deep (the limit)`,
      data: deepFrame(MAX_JSON_DEPTH, id, random.int(0, 1) === 1),
      expect: { kind: 'error', codes: ['invalid_event'], eventId: id, param: 'session.instructions' },
    };
  }
  if (roll < 83) {
    // Mostly small; one in ten up to 1 MB (the 15 MiB limit itself is tested on its own).
    const bytes = Buffer.alloc(random.int(1, random.int(0, 9) === 0 ? 512 * 1024 : 8 * 1024) * 2, random.int(0, 255));
    return {
      kind: `append of ${bytes.length} bytes`,
      data: append(id, bytes.toString('base64')),
      expect: { kind: 'any' },
    };
  }
  if (roll < 88)
    return {
      kind: 'odd PCM16 byte count',
      data: append(id, oddBase64(random)),
      expect: { kind: 'error', codes: ['invalid_value'], eventId: id, param: 'audio' },
    };
  if (roll < 93)
    return {
      kind: 'bad base64',
      data: append(id, badBase64(random)),
      expect: { kind: 'error', codes: ['invalid_value'], eventId: id, param: 'audio' },
    };
  if (roll < 96) return outOfOrder(random, id);
  if (roll < 98) return duplicated(random, id);
  return binaryTransport(random, id);
}

/** With input transport `binary`: a binary frame of an odd PCM16 byte count. */
function binaryTransport(random: Random, id: string): HostileClientFrame {
  const transport = (t: string): string =>
    JSON.stringify({ type: 'session.update', event_id: `${id}_${t}`, session: { audio: { input: { transport: t } } } });
  return {
    kind: 'odd PCM16 byte count in a binary frame',
    setup: [transport('binary')],
    data: new Uint8Array(random.int(0, 100) * 2 + 1),
    teardown: [transport('json')],
    expect: { kind: 'error', codes: ['invalid_value'], eventId: null },
  };
}

function readAt(value: unknown, path: (string | number)[]): unknown {
  let node = value;
  for (const key of path) node = (node as Record<string | number, unknown>)[key];
  return node;
}

/** Events that refer to what does not exist (yet). */
function outOfOrder(random: Random, id: string): HostileClientFrame {
  const missing = `item_never_${id}`;
  const frames: [string, Record<string, unknown>, string][] = [
    [
      'truncate of an unknown item',
      { type: 'conversation.item.truncate', event_id: id, item_id: missing, content_index: 0, audio_end_ms: 10 },
      'item_not_found',
    ],
    [
      'delete of an unknown item',
      { type: 'conversation.item.delete', event_id: id, item_id: missing },
      'item_not_found',
    ],
    [
      'item after an unknown item',
      {
        type: 'conversation.item.create',
        event_id: id,
        previous_item_id: missing,
        item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
      },
      'item_not_found',
    ],
    [
      'cancel of an unknown response',
      { type: 'response.cancel', event_id: id, response_id: `resp_never_${id}` },
      'response_cancel_not_active',
    ],
  ];
  const [kind, event, code] = pick(random, frames);
  return { kind, data: JSON.stringify(event), expect: { kind: 'error', codes: [code], eventId: id } };
}

/** Duplicated and missing ids: a second item with the id of the first; events without `event_id`. */
function duplicated(random: Random, id: string): HostileClientFrame {
  const item = (itemId: string): Record<string, unknown> => ({
    id: itemId,
    type: 'message',
    role: 'user',
    content: [{ type: 'input_text', text: 'dup' }],
  });
  if (random.int(0, 1) === 0) {
    const itemId = `item_dup_${id}`;
    return {
      kind: 'duplicated item id',
      setup: [JSON.stringify({ type: 'conversation.item.create', event_id: `${id}_first`, item: item(itemId) })],
      data: JSON.stringify({ type: 'conversation.item.create', event_id: id, item: item(itemId) }),
      expect: { kind: 'error', codes: ['item_already_exists'], eventId: id },
    };
  }
  return {
    kind: 'no event_id on a bad event',
    data: JSON.stringify({ type: 'conversation.item.delete', item_id: `item_never_${id}` }),
    expect: { kind: 'error', codes: ['item_not_found'], eventId: null },
  };
}
