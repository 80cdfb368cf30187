import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createNormaliser, encodePcm16, looksLikeId } from '../../src/protocol/index.js';
import { CLIENT_EXAMPLES } from './fixtures/client-examples.js';
import { SERVER_EXAMPLES } from './fixtures/server-examples.js';

const sha12 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex').slice(0, 12);

describe('createNormaliser: ids', () => {
  it('the same id always maps to the same placeholder, numbered per prefix in order of first appearance', () => {
    const n = createNormaliser();
    const out = n.normalise([
      {
        type: 'conversation.item.create',
        event_id: 'chat_ctx_create_3f2a9c1b7d4e',
        previous_item_id: 'root',
        item: { id: 'item_3f2a9c1b7d4e' },
      },
      {
        type: 'conversation.item.added',
        event_id: 'event_000000000001',
        previous_item_id: 'item_3f2a9c1b7d4e',
        item: { id: 'item_aaaaaaaaaaaa' },
      },
      {
        type: 'response.create',
        event_id: 'response_create_0123456789ab',
        response: { metadata: { client_event_id: 'response_create_0123456789ab' } },
      },
      { type: 'conversation.item.deleted', event_id: 'event_000000000002', item_id: 'item_aaaaaaaaaaaa' },
    ]);
    expect(out).toEqual([
      {
        type: 'conversation.item.create',
        event_id: '<chat_ctx_create#1>',
        previous_item_id: 'root',
        item: { id: '<item#1>' },
      },
      {
        type: 'conversation.item.added',
        event_id: '<event#1>',
        previous_item_id: '<item#1>',
        item: { id: '<item#2>' },
      },
      {
        type: 'response.create',
        event_id: '<response_create#1>',
        response: { metadata: { client_event_id: '<response_create#1>' } },
      },
      { type: 'conversation.item.deleted', event_id: '<event#2>', item_id: '<item#2>' },
    ]);
  });

  it('numbering carries over between calls of one normaliser and restarts with a new one', () => {
    const n = createNormaliser();
    expect(n.normalise('item_3f2a9c1b7d4e')).toBe('<item#1>');
    expect(n.normalise('item_000000000002')).toBe('<item#2>');
    expect(n.normalise({ id: 'item_3f2a9c1b7d4e' })).toEqual({ id: '<item#1>' });
    expect(createNormaliser().normalise('item_000000000002')).toBe('<item#1>');
  });

  it('ids in id fields are replaced whatever their shape; the prefix then comes from the field', () => {
    const out = createNormaliser().normalise({
      event_id: 'abc',
      item_id: 'x1',
      previous_item_id: 'x1',
      response_id: 'r-9',
      call_id: 'weather-1',
      id: '42',
      client_event_id: 'ce',
      responseId: 'r-9',
      messageId: 'm',
    });
    expect(out).toEqual({
      event_id: '<event#1>',
      item_id: '<item#1>',
      previous_item_id: '<item#1>',
      response_id: '<response#1>',
      call_id: '<call#1>',
      id: '<id#1>',
      client_event_id: '<client_event#1>',
      responseId: '<response#1>',
      messageId: '<message#1>',
    });
  });

  it('"root", empty ids, null and numbers are kept', () => {
    const value = { previous_item_id: 'root', item_id: '', event_id: null, id: 7, content_index: 0 };
    expect(createNormaliser().normalise(value)).toEqual(value);
  });

  it('ordinary strings with underscores are not mistaken for ids', () => {
    const value = {
      type: 'input_audio_buffer.speech_started',
      reason: 'client_cancelled',
      code: 'input_audio_buffer_commit_empty',
      model: 'grok-4-1-fast-non-reasoning',
      name: 'get_weather',
      words: 'input_audio_transcription',
    };
    expect(createNormaliser().normalise(value)).toEqual(value);
    expect(looksLikeId('input_audio_transcription')).toBe(false);
  });

  it('OpenAI-style alphanumeric ids and xAI-style ids are recognised anywhere', () => {
    expect(looksLikeId('item_CK0aBc3dEfGhIjKl')).toBe(true);
    expect(looksLikeId('resp_3f2a9c1b7d4e')).toBe(true);
    expect(looksLikeId('conv_1a2b3c4d5e6f')).toBe(true);
    expect(looksLikeId('item_3f2a9c1b7d4')).toBe(false); // 11 hex: too short
    const out = createNormaliser().normalise({ transcript_of: 'call_7a6b5c4d3e2f', list: ['vs_0123456789ab'] });
    expect(out).toEqual({ transcript_of: '<call#1>', list: ['<vs#1>'] });
  });

  it('timestamps of ping and other numbers are left alone (they are virtual-clock values)', () => {
    expect(createNormaliser().normalise(SERVER_EXAMPLES.ping)).toEqual({
      type: 'ping',
      event_id: '<event#1>',
      timestamp: 1765900000000,
    });
  });
});

describe('createNormaliser: ids quoted in prose', () => {
  it('normaliseText gives an id inside a sentence the placeholder it has in the fields', () => {
    const n = createNormaliser();
    expect(n.normalise({ item_id: 'item_3f2a9c1b7d4e' })).toEqual({ item_id: '<item#1>' });
    const uuid = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(
      n.normaliseText(`item "item_3f2a9c1b7d4e" already exists; previous "${uuid}", then item_9b8a7c6d5e4f.`),
    ).toBe('item "<item#1>" already exists; previous "<uuid#1>", then <item#2>.');
    expect(n.normalise({ id: uuid })).toEqual({ id: '<uuid#1>' });
  });

  it('normaliseProse walks a value once: id fields, ids quoted in its strings and the rest as normalise does', () => {
    const n = createNormaliser();
    const fields = {
      itemId: 'item_3f2a9c1b7d4e',
      error: { message: 'item "item_3f2a9c1b7d4e" is not in the mirror', code: 'RTSIM_CHAT_UNKNOWN_ITEM' },
      list: ['after item_9b8a7c6d5e4f', 3],
    };
    expect(n.normaliseProse(fields)).toEqual({
      itemId: '<item#1>',
      error: { message: 'item "<item#1>" is not in the mirror', code: 'RTSIM_CHAT_UNKNOWN_ITEM' },
      list: ['after <item#2>', 3],
    });
    expect(createNormaliser().normalise(fields)).toMatchObject({ list: ['after item_9b8a7c6d5e4f', 3] });
  });

  it('normaliseText leaves words that only look a little like ids, and very long words, as they are', () => {
    const n = createNormaliser();
    const long = `item_${'a1'.repeat(200)}`;
    expect(n.normaliseText(`tool "params_string" and item_images00001 and ${long}`)).toBe(
      `tool "params_string" and item_images00001 and ${long}`,
    );
  });
});

describe('createNormaliser: audio payloads', () => {
  const pcm = new Int16Array([1, -1, 1000, -32768, 32767]);
  const bytes = new Uint8Array(Buffer.from(encodePcm16(pcm), 'base64'));

  it('R6.2 input_audio_buffer.append audio becomes its byte length and sha', () => {
    const out = createNormaliser().normalise(CLIENT_EXAMPLES['input_audio_buffer.append']);
    expect(out).toEqual({
      type: 'input_audio_buffer.append',
      audio: { bytes: 4800, sha: sha12(new Uint8Array(4800)) },
    });
  });

  it('§3 output audio deltas (GA and beta names) become bytes + sha; transcript deltas stay text', () => {
    const n = createNormaliser();
    const delta = encodePcm16(pcm);
    for (const type of ['response.output_audio.delta', 'response.audio.delta']) {
      const out = n.normalise({ type, delta }) as { delta: unknown };
      expect(out.delta).toEqual({ bytes: 10, sha: sha12(bytes) });
    }
    expect(n.normalise({ type: 'response.output_audio_transcript.delta', delta: 'Hello' })).toEqual({
      type: 'response.output_audio_transcript.delta',
      delta: 'Hello',
    });
    expect(n.normalise({ type: 'response.output_text.delta', delta: 'AAAA' })).toEqual({
      type: 'response.output_text.delta',
      delta: 'AAAA',
    });
  });

  it('§2.5 audio inside content parts and image data URLs are digested too', () => {
    const out = createNormaliser().normalise({
      content: [
        { type: 'input_audio', audio: 'AAAA', transcript: null },
        { type: 'input_image', image_url: 'data:image/jpeg;base64,AAECAw==' },
      ],
    });
    expect(out).toEqual({
      content: [
        { type: 'input_audio', audio: { bytes: 3, sha: sha12(new Uint8Array(3)) }, transcript: null },
        { type: 'input_image', image_url: { mime: 'image/jpeg', bytes: 4, sha: sha12(new Uint8Array([0, 1, 2, 3])) } },
      ],
    });
  });

  it('typed arrays are digested; session audio config objects are not touched', () => {
    const n = createNormaliser();
    expect(n.normalise({ samples: pcm })).toEqual({ samples: { bytes: 10, sha: sha12(bytes) } });
    const session = CLIENT_EXAMPLES['session.update'].session;
    expect((n.normalise(session) as { audio: unknown }).audio).toEqual(session.audio);
  });

  it('a payload that is not base64 is kept as it came, so the golden shows it', () => {
    expect(createNormaliser().normalise({ type: 'response.output_audio.delta', delta: 'not base64!' })).toEqual({
      type: 'response.output_audio.delta',
      delta: 'not base64!',
    });
  });
});

describe('createNormaliser: determinism', () => {
  const log = [...Object.values(CLIENT_EXAMPLES), ...Object.values(SERVER_EXAMPLES)];

  it('two runs over the same log give identical output', () => {
    const a = JSON.stringify(createNormaliser().normalise(log));
    const b = JSON.stringify(createNormaliser().normalise(log));
    expect(a).toBe(b);
    expect(a).not.toMatch(/_[0-9a-f]{12}"/); // no raw id survives
  });

  it('the input is deep-copied, never mutated', () => {
    const before = JSON.stringify(log);
    const out = createNormaliser().normalise(log) as unknown[];
    expect(JSON.stringify(log)).toBe(before);
    expect(out[0]).not.toBe(log[0]);
  });

  it('a golden stays the same when only the random ids change', () => {
    const run = (suffix: string): string =>
      JSON.stringify(
        createNormaliser().normalise([
          { event_id: `event_${suffix}`, item: { id: `item_${suffix}` } },
          { item_id: `item_${suffix}` },
        ]),
      );
    expect(run('3f2a9c1b7d4e')).toBe(run('000000000abc'));
  });
});

describe('createNormaliser: plain UUID ids (xAI 2026)', () => {
  it('UUIDs become placeholders named by their field, in order of first appearance; one UUID, one placeholder', () => {
    const resp = 'a3561c1d-4dbe-4dd6-ac9f-40ee3b7c6720';
    const user = 'cd7ad592-7510-48c5-a0ac-f435b16bf129';
    const out = createNormaliser().normalise([
      {
        type: 'session.created',
        event_id: '834f4a8d-47ff-4909-af4c-c2fbe304f335',
        session: { id: '7e0b7aec-9684-4d2e-ad6f-0394e039e496', object: 'realtime.session' },
      },
      {
        type: 'conversation.created',
        event_id: '3b57a478-ad07-440c-a797-7fccc87a9763',
        conversation: { id: 'a0e051d2-5293-4017-ab88-645e248846ed', object: 'realtime.conversation' },
      },
      { type: 'input_audio_buffer.committed', event_id: 'bcfa67c0-b5ee-4633-a40c-b313fa20302b', item_id: user },
      { type: 'response.created', response: { id: resp, object: 'realtime.response' } },
      {
        type: 'response.output_item.added',
        response_id: resp,
        item: { id: 'aaadd21c-eaeb-4481-aae7-566e96838aea', object: 'realtime.item' },
      },
      {
        type: 'response.done',
        response_id: resp,
        previous_item_id: user,
        note: '0f0e0d0c-0b0a-4908-8706-050403020100',
      },
      { id: '11111111-2222-4333-8444-555555555555' },
    ]);
    expect(out).toEqual([
      { type: 'session.created', event_id: '<event#1>', session: { id: '<sess#1>', object: 'realtime.session' } },
      {
        type: 'conversation.created',
        event_id: '<event#2>',
        conversation: { id: '<conv#1>', object: 'realtime.conversation' },
      },
      { type: 'input_audio_buffer.committed', event_id: '<event#3>', item_id: '<item#1>' },
      { type: 'response.created', response: { id: '<resp#1>', object: 'realtime.response' } },
      {
        type: 'response.output_item.added',
        response_id: '<resp#1>',
        item: { id: '<item#2>', object: 'realtime.item' },
      },
      { type: 'response.done', response_id: '<resp#1>', previous_item_id: '<item#1>', note: '<uuid#1>' },
      { id: '<id#1>' },
    ]);
  });

  it('is deterministic: two normalisers give the same output for the same input', () => {
    const input = { a: 'e0b5abf5-f0a9-4917-a19f-f3aaf0a1019e', b: ['E0B5ABF5-F0A9-4917-A19F-F3AAF0A1019F'] };
    expect(createNormaliser().normalise(input)).toEqual(createNormaliser().normalise(input));
    expect(createNormaliser().normalise(input)).toEqual({ a: '<uuid#1>', b: ['<uuid#2>'] });
  });
});

describe('createNormaliser: frames', () => {
  it('normaliseFrame redacts the credentials a peer echoes, in every string, as normalise does not', () => {
    const frame = {
      type: 'error',
      event_id: 'event_0123456789ab',
      error: {
        message: 'Rejected Bearer sk-live-0123456789 at wss://h/v1?api_key=k-999&x=1',
        details: [{ header: 'authorization: tok-abc' }],
      },
    };
    const n = createNormaliser();
    expect(n.normaliseFrame(frame)).toEqual({
      type: 'error',
      event_id: '<event#1>',
      error: {
        message: 'Rejected Bearer *** at wss://h/v1?api_key=***&x=1',
        details: [{ header: 'authorization: ***' }],
      },
    });
    expect(JSON.stringify(createNormaliser().normalise(frame))).toContain('sk-live-0123456789');
  });
});
