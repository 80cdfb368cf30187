import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CANCEL_FAILED_MESSAGE,
  SERVER_EVENT_TYPES,
  parseServerEvent,
  validateServerEvent,
  type ParseResult,
  type ServerEvent,
  type ServerEventType,
} from '../../src/protocol/index.js';
import { SERVER_EXAMPLES } from './fixtures/server-examples.js';

/** Top-level fields the reference marks optional (or that xAI leaves out); all others are required. */
const OPTIONAL: Partial<Record<ServerEventType, readonly string[]>> = {
  'conversation.item.added': ['previous_item_id'],
  'conversation.item.created': ['previous_item_id'],
  'conversation.item.done': ['previous_item_id'],
  'conversation.item.input_audio_transcription.delta': ['content_index', 'delta'],
  'conversation.item.input_audio_transcription.completed': ['content_index', 'usage', 'status'],
  'conversation.item.input_audio_transcription.failed': ['content_index'],
  'conversation.item.input_audio_transcription.updated': ['content_index'],
  'input_audio_buffer.committed': ['previous_item_id'],
  'response.output_audio_transcript.delta': ['start_time', 'output_index', 'content_index'],
  'response.output_audio_transcript.done': ['output_index', 'content_index'],
  'response.audio_transcript.delta': ['start_time', 'output_index', 'content_index'],
  'response.audio_transcript.done': ['output_index', 'content_index'],
  'response.function_call_arguments.done': ['name'],
  'response.done': ['usage', 'response_id', 'previous_item_id'],
  ping: ['event_id'],
};

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function expectFailure(result: ParseResult<ServerEvent>, code: string): string {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.error.code).toBe(code);
  expect(result.error.message.startsWith('[rt-sim] ')).toBe(true);
  return result.error.message;
}

function parseObject(value: unknown): ParseResult<ServerEvent> {
  return parseServerEvent(JSON.stringify(value));
}

describe('parseServerEvent: the catalogue', () => {
  it.each(SERVER_EVENT_TYPES)('§3 %s parses from a realistic example as a known event', (type) => {
    const example = SERVER_EXAMPLES[type];
    const result = parseServerEvent(JSON.stringify(example));
    expect(result).toEqual({ ok: true, known: true, event: example });
  });

  it.each(SERVER_EVENT_TYPES)('§3 %s: every required top-level field is enforced, optional ones are not', (type) => {
    const example = SERVER_EXAMPLES[type] as unknown as Record<string, unknown>;
    const optional = OPTIONAL[type] ?? [];
    for (const field of Object.keys(example)) {
      if (field === 'type') continue;
      const without = clone(example);
      delete without[field];
      const result = parseObject(without);
      if (optional.includes(field)) {
        expect(result.ok, `${type} without optional "${field}"`).toBe(true);
      } else {
        const message = expectFailure(result, 'RTSIM_PROTOCOL_BAD_FIELD');
        expect(message).toMatch(
          new RegExp(`^\\[rt-sim\\] ${type.replace(/\./g, '\\.')}: field "${field}" must be .+, got nothing$`),
        );
      }
    }
  });

  it.each(SERVER_EVENT_TYPES)('§3 %s: a boolean in any top-level field is refused with the field named', (type) => {
    const example = SERVER_EXAMPLES[type] as unknown as Record<string, unknown>;
    for (const field of Object.keys(example)) {
      if (field === 'type') continue;
      const bad = { ...clone(example), [field]: true };
      const message = expectFailure(parseObject(bad), 'RTSIM_PROTOCOL_BAD_FIELD');
      expect(message).toContain(`${type}: field "${field}" must be `);
      expect(message).toMatch(/, got boolean$/);
    }
  });

  it('validateServerEvent accepts the already-parsed examples and returns the same object', () => {
    for (const type of SERVER_EVENT_TYPES) {
      const example = SERVER_EXAMPLES[type];
      const result = validateServerEvent(example);
      expect(result.ok && result.known && result.event).toBe(example);
    }
  });
});

describe('parseServerEvent: field errors name the event and the path', () => {
  it('§3 a numeric audio delta reads "field "delta" must be a string, got number"', () => {
    const bad = { ...SERVER_EXAMPLES['response.output_audio.delta'], delta: 42 };
    const result = parseObject(bad);
    expect(expectFailure(result, 'RTSIM_PROTOCOL_BAD_FIELD')).toBe(
      '[rt-sim] response.output_audio.delta: field "delta" must be a string, got number',
    );
    if (!result.ok) {
      expect(result.error.details).toMatchObject({
        direction: 'server',
        eventType: 'response.output_audio.delta',
        path: ['delta'],
        expected: 'a string',
        got: 'number',
      });
    }
  });

  it('§5.16 response.created without response.id is refused at "response.id"', () => {
    const bad = clone(SERVER_EXAMPLES['response.created']) as unknown as { response: Record<string, unknown> };
    delete bad.response['id'];
    expect(expectFailure(parseObject(bad), 'RTSIM_PROTOCOL_BAD_FIELD')).toBe(
      '[rt-sim] response.created: field "response.id" must be a string, got nothing',
    );
  });

  it('§3 an unknown response status lists the allowed ones', () => {
    const bad = clone(SERVER_EXAMPLES['response.done']);
    (bad.response as { status: string }).status = 'exploded';
    expect(expectFailure(parseObject(bad), 'RTSIM_PROTOCOL_BAD_FIELD')).toBe(
      '[rt-sim] response.done: field "response.status" must be one of "in_progress", ' +
        '"completed", "cancelled", "failed", "incomplete", got "exploded"',
    );
  });

  it('§3 a bad message role deep in an item is reported with its path', () => {
    const bad = clone(SERVER_EXAMPLES['conversation.item.added']);
    (bad.item as { role: string }).role = 'bot';
    expect(expectFailure(parseObject(bad), 'RTSIM_PROTOCOL_BAD_FIELD')).toContain(
      'conversation.item.added: field "item.role" must be one of "user", "assistant", "system", got "bot"',
    );
  });

  it('§3 a content part without text is reported as item.content[0].text', () => {
    const bad = clone(SERVER_EXAMPLES['conversation.item.created']);
    delete (bad.item as unknown as { content: Record<string, unknown>[] }).content[0]!['text'];
    expect(expectFailure(parseObject(bad), 'RTSIM_PROTOCOL_BAD_FIELD')).toContain(
      'conversation.item.created: field "item.content[0].text" must be a string, got nothing',
    );
  });

  it('§5.17 a string token count in response.usage is reported with its path', () => {
    const bad = clone(SERVER_EXAMPLES['response.done']);
    (bad.response.usage as Record<string, unknown>)['input_tokens'] = '80';
    expect(expectFailure(parseObject(bad), 'RTSIM_PROTOCOL_BAD_FIELD')).toBe(
      '[rt-sim] response.done: field "response.usage.input_tokens" must be a number, got string',
    );
  });

  it('§4.4 a function_call item without arguments is refused', () => {
    const bad = clone(SERVER_EXAMPLES['response.output_item.done']);
    delete (bad.item as unknown as Record<string, unknown>)['arguments'];
    expect(expectFailure(parseObject(bad), 'RTSIM_PROTOCOL_BAD_FIELD')).toContain(
      'field "item.arguments" must be a string, got nothing',
    );
  });

  it('indexes must be non-negative integers', () => {
    const bad = { ...SERVER_EXAMPLES['response.output_text.delta'], content_index: 1.5 };
    expect(expectFailure(parseObject(bad), 'RTSIM_PROTOCOL_BAD_FIELD')).toContain(
      'field "content_index" must be a non-negative integer, got number',
    );
  });

  it('§1.5 session.updated with an unknown audio format type is refused', () => {
    const bad = clone(SERVER_EXAMPLES['session.updated']);
    (bad.session.audio!.input!.format as { type: string }).type = 'pcm16';
    expect(expectFailure(parseObject(bad), 'RTSIM_PROTOCOL_BAD_FIELD')).toContain(
      'session.updated: field "session.audio.input.format.type" must be one of "audio/pcm", ' +
        '"audio/pcmu", "audio/pcma", got "pcm16"',
    );
  });
});

describe('parseServerEvent: tolerant where the real service is', () => {
  const accepts = (value: unknown): void => {
    const result = parseObject(value);
    expect(result.ok && result.known, JSON.stringify(result.ok ? null : result.error.message)).toBe(true);
  };

  it('extra fields anywhere are allowed and kept', () => {
    const extra = { ...SERVER_EXAMPLES['response.output_audio.delta'], extra: { nested: [1] } };
    const result = parseObject(extra);
    expect(result).toEqual({ ok: true, known: true, event: extra });
  });

  it('§1.9 an output transcript delta with start_time null or absent is accepted', () => {
    accepts({ ...SERVER_EXAMPLES['response.output_audio_transcript.delta'], start_time: null });
    const { start_time: _dropped, ...without } = SERVER_EXAMPLES['response.output_audio_transcript.delta'];
    accepts(without);
  });

  it('§1.9 response.done with an empty or null top-level usage is accepted', () => {
    accepts({ ...SERVER_EXAMPLES['response.done'], usage: {} });
    accepts({ ...SERVER_EXAMPLES['response.done'], usage: null });
  });

  it('§4.6 a failed response with status_details.error is accepted', () => {
    const failed = clone(SERVER_EXAMPLES['response.done']);
    failed.response.status = 'failed';
    failed.response.status_details = { type: 'failed', error: { type: 'server_error', code: 'internal' } };
    accepts(failed);
  });

  it('§4.5 a cancelled response with reason turn_detected is accepted', () => {
    const cancelled = clone(SERVER_EXAMPLES['response.done']);
    cancelled.response.status = 'cancelled';
    cancelled.response.status_details = { type: 'cancelled', reason: 'turn_detected' };
    accepts(cancelled);
  });

  it('§5.18 E1 an error whose message is null still parses, so the client can decide', () => {
    accepts({ type: 'error', event_id: 'event_1', error: { type: 'server_error', message: null } });
  });

  it('§4.2 the cancel-failed error parses with its exact text', () => {
    const result = parseServerEvent(JSON.stringify(SERVER_EXAMPLES.error));
    expect(result.ok && result.known && result.event.type === 'error' && result.event.error.message).toBe(
      CANCEL_FAILED_MESSAGE,
    );
  });

  it('§8.4 conversation.item.deleted with an empty item_id is accepted', () => {
    accepts({ type: 'conversation.item.deleted', event_id: 'event_1', item_id: '' });
  });

  it('§6.2 conversation.item.added with previous_item_id null is accepted', () => {
    accepts({ ...SERVER_EXAMPLES['conversation.item.added'], previous_item_id: null });
  });

  it('§3 a user audio item whose transcript is already filled is accepted', () => {
    const item = { id: 'item_1', type: 'message', role: 'user', content: [{ type: 'input_audio', transcript: 'Hi.' }] };
    accepts({ type: 'conversation.item.added', event_id: 'event_1', previous_item_id: null, item });
  });

  it('§7 items of unknown types (xAI force_message) pass through for the client to refuse', () => {
    const item = { id: 'item_1', type: 'force_message', interruptible: false, voice: 'ara' };
    accepts({ type: 'conversation.item.added', event_id: 'event_1', item });
  });

  it('§7 content parts of unknown types pass through', () => {
    const item = { id: 'item_1', type: 'message', role: 'assistant', content: [{ type: 'refusal', refusal: 'no' }] };
    accepts({ type: 'response.output_item.added', event_id: 'e', response_id: 'r', output_index: 0, item });
  });

  it('§1.7 session.updated with xAI top-level voice, turn_detection and provider tools is accepted', () => {
    accepts({
      type: 'session.updated',
      event_id: 'event_1',
      session: {
        voice: 'Eve',
        turn_detection: null,
        instructions: null,
        tools: [
          { type: 'function', name: 'lookup', description: '', parameters: { type: 'object', properties: {} } },
          { type: 'web_search' },
          { type: 'x_search', allowed_x_handles: ['xai'] },
          { type: 'file_search', vector_store_ids: ['vs_1'], max_num_results: 3 },
          { type: 'mcp', server_label: 'docs', server_url: 'https://example.invalid/mcp' },
        ],
        audio: { input: { format: { type: 'audio/pcmu' } }, output: { format: { type: 'audio/pcm', rate: 16000 } } },
      },
    });
  });

  it('§1.9 the 2026 transcription .updated event needs no event_id', () => {
    accepts({ type: 'conversation.item.input_audio_transcription.updated', item_id: 'item_1', transcript: 'Hel' });
  });

  it('§1.8 the 2026 .completed with status in_progress is accepted', () => {
    accepts({ ...SERVER_EXAMPLES['conversation.item.input_audio_transcription.completed'], status: 'in_progress' });
  });
});

describe('parseServerEvent: frames that are not catalogue events', () => {
  it.each([
    'mcp_list_tools.in_progress',
    'input_audio_buffer.dtmf_event_received',
    'response.mcp_call.completed',
    'response.create',
  ])('§3 an event of unknown type %s is kept as known:false, never dropped', (type) => {
    const raw = { type, event_id: 'event_1', whatever: { a: [1, 2] } };
    expect(parseObject(raw)).toEqual({ ok: true, known: false, event: raw });
    const value = { type };
    const validated = validateServerEvent(value);
    expect(validated.ok && !validated.known && validated.event).toBe(value);
  });

  it.each(['not json', '', '{"type":', "{'type':'ping'}"])(
    'R2.5 the non-JSON frame %j gives RTSIM_PROTOCOL_NOT_JSON',
    (text) => {
      const message = expectFailure(parseServerEvent(text), 'RTSIM_PROTOCOL_NOT_JSON');
      expect(message).toContain('server frame must be JSON, got ');
    },
  );

  it('a binary frame passed by mistake gives RTSIM_PROTOCOL_NOT_JSON, not a throw', () => {
    const binary = Buffer.from('{"type":"ping"}') as unknown as string;
    expect(expectFailure(parseServerEvent(binary), 'RTSIM_PROTOCOL_NOT_JSON')).toBe(
      '[rt-sim] server frame must be text (a string), got Buffer; decode binary frames as UTF-8 first',
    );
  });

  it('undefined, null or a number instead of text are refused without a throw', () => {
    for (const [value, got] of [
      [undefined, 'undefined'],
      [null, 'null'],
      [7, 'Number'],
    ] as const) {
      expect(expectFailure(parseServerEvent(value as unknown as string), 'RTSIM_PROTOCOL_NOT_JSON')).toContain(
        `must be text (a string), got ${got}`,
      );
    }
  });

  it.each([
    ['[]', 'array'],
    ['"ping"', 'string'],
    ['42', 'number'],
    ['null', 'null'],
  ])('the JSON %s is not an object: RTSIM_PROTOCOL_NOT_OBJECT', (text, kind) => {
    expect(expectFailure(parseServerEvent(text), 'RTSIM_PROTOCOL_NOT_OBJECT')).toBe(
      `[rt-sim] server event must be a JSON object, got ${kind}`,
    );
  });

  it.each([
    ['{}', 'nothing'],
    ['{"type":5}', 'number'],
    ['{"type":""}', 'an empty string'],
    ['{"type":null}', 'null'],
  ])('the object %s has no usable type: RTSIM_PROTOCOL_NO_TYPE', (text, got) => {
    expect(expectFailure(parseServerEvent(text), 'RTSIM_PROTOCOL_NO_TYPE')).toBe(
      `[rt-sim] server event must have a string field "type", got ${got}`,
    );
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const result = parseServerEvent(text);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 300, seed: 1 },
    );
  });

  it('never throws on mutated catalogue events, and refusals always carry an RTSIM_PROTOCOL code', () => {
    const examples = SERVER_EVENT_TYPES.map((t) => SERVER_EXAMPLES[t] as unknown as Record<string, unknown>);
    fc.assert(
      fc.property(fc.constantFrom(...examples), fc.string(), fc.jsonValue(), (example, key, value) => {
        const fields = Object.keys(example).filter((k) => k !== 'type');
        const field = fields.length > 0 ? fields[key.length % fields.length]! : key;
        const result = validateServerEvent({ ...example, [field]: value });
        if (!result.ok) expect(result.error.code).toMatch(/^RTSIM_PROTOCOL_/);
      }),
      { numRuns: 300, seed: 2 },
    );
  });
});
