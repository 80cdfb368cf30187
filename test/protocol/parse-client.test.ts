import { describe, expect, it } from 'vitest';
import {
  CHUNK_BYTES,
  CLIENT_EVENT_TYPES,
  base64ByteLength,
  parseClientEvent,
  validateClientEvent,
  type ClientEvent,
  type ClientEventType,
  type ParseResult,
} from '../../src/protocol/index.js';
import { CLIENT_EXAMPLES } from './fixtures/client-examples.js';

/** Top-level fields that may be left out (every client `event_id` is optional, §2). */
const OPTIONAL: Partial<Record<ClientEventType, readonly string[]>> = {
  'conversation.item.create': ['previous_item_id'],
  'response.create': ['response'],
};

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function failure(result: ParseResult<ClientEvent>, code: string): string {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.error.code).toBe(code);
  return result.error.message;
}

const parseObject = (value: unknown): ParseResult<ClientEvent> => parseClientEvent(JSON.stringify(value));

describe('parseClientEvent: the catalogue', () => {
  it.each(CLIENT_EVENT_TYPES)('§2 %s parses from a realistic example as a known event', (type) => {
    const example = CLIENT_EXAMPLES[type];
    expect(parseClientEvent(JSON.stringify(example))).toEqual({ ok: true, known: true, event: example });
    const validated = validateClientEvent(example);
    expect(validated.ok && validated.known && validated.event).toBe(example);
  });

  it.each(CLIENT_EVENT_TYPES)('§2 %s: required fields are enforced, event_id and optional ones are not', (type) => {
    const example = CLIENT_EXAMPLES[type] as unknown as Record<string, unknown>;
    const optional = ['event_id', ...(OPTIONAL[type] ?? [])];
    for (const field of Object.keys(example)) {
      if (field === 'type') continue;
      const without = clone(example);
      delete without[field];
      const result = parseObject(without);
      if (optional.includes(field)) {
        expect(result.ok, `${type} without "${field}"`).toBe(true);
      } else {
        expect(failure(result, 'RTSIM_PROTOCOL_BAD_FIELD')).toMatch(
          new RegExp(`\\] ${type.replace(/\./g, '\\.')}: field "${field}" must be .+, got nothing$`),
        );
      }
    }
  });

  it('§2.1a the exact reference session.update is accepted verbatim', () => {
    const text = `{
      "type": "session.update",
      "event_id": "session_update_3f2a9c1b7d4e",
      "session": {
        "type": "realtime",
        "model": "grok-4-1-fast-non-reasoning",
        "output_modalities": ["audio"],
        "audio": {
          "input": {
            "format": {"type": "audio/pcm", "rate": 24000},
            "noise_reduction": null,
            "transcription": {"model": "gpt-4o-mini-transcribe"},
            "turn_detection": {"type": "server_vad", "threshold": 0.5,
              "prefix_padding_ms": 300, "silence_duration_ms": 200,
              "create_response": true, "interrupt_response": true}
          },
          "output": {"format": {"type": "audio/pcm", "rate": 24000},
                     "speed": 1.0, "voice": "ara"}
        },
        "max_output_tokens": "inf",
        "tool_choice": "auto",
        "tracing": null
      }
    }`;
    const result = parseClientEvent(text);
    expect(result.ok && result.known).toBe(true);
    expect(result.ok && result.event).toEqual(CLIENT_EXAMPLES['session.update']);
  });

  it('§2.1b–d instruction, tool and option updates carry only what changed', () => {
    const variants = [
      {
        type: 'session.update',
        event_id: 'instructions_update_1',
        session: { type: 'realtime', instructions: 'Be brief.' },
      },
      {
        type: 'session.update',
        event_id: 'tools_update_1',
        session: {
          type: 'realtime',
          model: 'grok-4-1-fast-non-reasoning',
          tools: [
            {
              type: 'function',
              name: 'get_weather',
              description: '',
              parameters: {
                type: 'object',
                properties: { city: { type: 'string' } },
                required: ['city'],
                title: 'GetWeatherArgs',
              },
            },
          ],
        },
      },
      { type: 'session.update', event_id: 'tools_update_2', session: { type: 'realtime', model: 'm', tools: [] } },
      {
        type: 'session.update',
        event_id: 'options_update_1',
        session: { type: 'realtime', audio: { input: {}, output: { voice: 'eve' } } },
      },
      { type: 'session.update', event_id: 'options_update_2', session: { type: 'realtime', tool_choice: 'none' } },
      { type: 'session.update', session: { type: 'realtime', tool_choice: { type: 'function', name: 'get_weather' } } },
      {
        type: 'session.update',
        session: { voice: null, turn_detection: null, audio: { input: { transcription: null } } },
      },
    ];
    for (const v of variants) expect(parseObject(v).ok, JSON.stringify(v)).toBe(true);
  });

  it('§2.5 every item shape of the table is accepted', () => {
    const items = [
      { id: 'item_1', type: 'message', role: 'system', content: [{ type: 'input_text', text: 'Be kind.' }] },
      { id: 'item_2', type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hi.' }] },
      {
        id: 'item_3',
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'look' },
          { type: 'input_image', image_url: 'data:image/jpeg;base64,/9j/' },
          { type: 'input_audio', audio: 'AAAA', transcript: null },
        ],
      },
      { id: 'item_4', type: 'function_call', call_id: 'call_1', name: 'f', arguments: '{}' },
      { id: 'item_5', type: 'function_call_output', call_id: 'call_1', output: 'ok' },
    ];
    for (const item of items) {
      expect(
        parseObject({ type: 'conversation.item.create', event_id: 'chat_ctx_create_1', previous_item_id: 'root', item })
          .ok,
      ).toBe(true);
    }
    // push_video: no previous_item_id, the item goes at the end.
    expect(parseObject({ type: 'conversation.item.create', event_id: 'video_1', item: items[2] }).ok).toBe(true);
  });

  it('§2.8 response.create accepts instructions null and the metadata echo id; metadata values must be strings', () => {
    expect(
      parseObject({
        type: 'response.create',
        event_id: 'e',
        response: { instructions: 'Say hi.', metadata: { client_event_id: 'e' } },
      }).ok,
    ).toBe(true);
    const bad = { type: 'response.create', response: { instructions: null, metadata: { client_event_id: 7 } } };
    expect(failure(parseObject(bad), 'RTSIM_PROTOCOL_BAD_FIELD')).toBe(
      '[rt-sim] response.create: field "response.metadata.client_event_id" must be a string, got number',
    );
  });

  it('§2.7 conversation.item.truncate needs integer milliseconds', () => {
    const bad = { ...CLIENT_EXAMPLES['conversation.item.truncate'], audio_end_ms: 12.5 };
    expect(failure(parseObject(bad), 'RTSIM_PROTOCOL_BAD_FIELD')).toBe(
      '[rt-sim] conversation.item.truncate: field "audio_end_ms" must be a non-negative integer, got number',
    );
  });

  it('§2.1 a tool without a name is refused at session.tools[0].name', () => {
    const bad = { type: 'session.update', session: { tools: [{ type: 'function', description: 'x' }] } };
    expect(failure(parseObject(bad), 'RTSIM_PROTOCOL_BAD_FIELD')).toBe(
      '[rt-sim] session.update: field "session.tools[0].name" must be a string, got nothing',
    );
  });

  it('§1.6 turn_detection must be server_vad or null (xAI has no semantic_vad)', () => {
    const bad = { type: 'session.update', session: { turn_detection: { type: 'semantic_vad' } } };
    expect(failure(parseObject(bad), 'RTSIM_PROTOCOL_BAD_FIELD')).toBe(
      '[rt-sim] session.update: field "session.turn_detection.type" must be one of "server_vad", got "semantic_vad"',
    );
    const wrongKind = { type: 'session.update', session: { turn_detection: 'server_vad' } };
    expect(failure(parseObject(wrongKind), 'RTSIM_PROTOCOL_BAD_FIELD')).toBe(
      '[rt-sim] session.update: field "session.turn_detection" must be null or an object, got string',
    );
  });

  it('§2.1a tool_choice must be a mode or a function choice', () => {
    const bad = { type: 'session.update', session: { tool_choice: 3 } };
    expect(failure(parseObject(bad), 'RTSIM_PROTOCOL_BAD_FIELD')).toBe(
      '[rt-sim] session.update: field "session.tool_choice" must be one of "auto", ' +
        '"none", "required" or an object, got number',
    );
  });

  it('R6.2 the example append carries exactly one 4800-byte chunk (6400 base64 chars)', () => {
    const { audio } = CLIENT_EXAMPLES['input_audio_buffer.append'];
    expect(audio).toHaveLength(6400);
    expect(base64ByteLength(audio)).toBe(CHUNK_BYTES);
  });

  it('server event types and strangers are returned as known:false', () => {
    for (const type of ['response.done', 'transcription_session.update']) {
      expect(parseObject({ type })).toEqual({ ok: true, known: false, event: { type } });
    }
  });

  it('not-JSON, non-object and type-less frames are refused with their codes', () => {
    expect(failure(parseClientEvent('{'), 'RTSIM_PROTOCOL_NOT_JSON')).toContain('client frame must be JSON');
    expect(failure(parseClientEvent('[1]'), 'RTSIM_PROTOCOL_NOT_OBJECT')).toBe(
      '[rt-sim] client event must be a JSON object, got array',
    );
    expect(failure(parseClientEvent('{"event_id":"x"}'), 'RTSIM_PROTOCOL_NO_TYPE')).toBe(
      '[rt-sim] client event must have a string field "type", got nothing',
    );
    expect(failure(validateClientEvent(undefined), 'RTSIM_PROTOCOL_NOT_OBJECT')).toBe(
      '[rt-sim] client event must be a JSON object, got undefined',
    );
  });
});
