import { describe, expect, it } from 'vitest';
import { readServerEvent } from '../../src/client/read-event.js';
import { UnreadableEventError } from '../../src/client/read-fields.js';
import { readUsage } from '../../src/client/read-usage.js';

const unreadable = (event: Record<string, unknown>): string => {
  try {
    readServerEvent(event);
  } catch (error) {
    expect(error).toBeInstanceOf(UnreadableEventError);
    expect((error as UnreadableEventError).code).toBe('RTSIM_CLIENT_EVENT_UNREADABLE');
    return (error as Error).message;
  }
  throw new Error('expected the event to be unreadable');
};

describe('the liberal reader takes what the handler needs and nothing more', () => {
  it('reads response.created with status_details "unimplemented", usage {}, no metadata and no event_id', () => {
    const read = readServerEvent({
      type: 'response.created',
      response: {
        id: 'a3561c1d',
        object: 'realtime.response',
        status: 'in_progress',
        status_details: 'unimplemented',
        output: [],
        usage: {},
      },
    });
    expect(read).toEqual({ type: 'response.created', kind: 'response_created', id: 'a3561c1d' });
  });

  it('reads the client_event_id only when metadata is an object with a non-empty string there', () => {
    const created = (metadata: unknown) =>
      readServerEvent({ type: 'response.created', response: { id: 'r', metadata } });
    expect(created({ client_event_id: 'response_create_1' })).toMatchObject({ clientEventId: 'response_create_1' });
    for (const metadata of [null, 'x', { client_event_id: '' }, { client_event_id: 7 }, []]) {
      expect(created(metadata)).not.toHaveProperty('clientEventId');
    }
  });

  it('reads deltas and transcript events without output_index or content_index, and keeps response_id', () => {
    expect(
      readServerEvent({ type: 'response.output_audio_transcript.delta', response_id: 'r', item_id: 'i', delta: 'Hi' }),
    ).toEqual({
      type: 'response.output_audio_transcript.delta',
      kind: 'transcript_delta',
      responseId: 'r',
      itemId: 'i',
      delta: 'Hi',
    });
    expect(readServerEvent({ type: 'response.audio_transcript.done', item_id: 'i' })).toMatchObject({
      kind: 'transcript_done',
      transcript: '',
    });
  });

  it('passes unknown part types, item types and response statuses through for the handler to judge', () => {
    expect(
      readServerEvent({ type: 'response.content_part.added', item_id: 'i', part: { type: 'refusal' } }),
    ).toMatchObject({ partType: 'refusal' });
    expect(readServerEvent({ type: 'response.content_part.added', item_id: 'i', part: 'weird' })).not.toHaveProperty(
      'partType',
    );
    expect(readServerEvent({ type: 'response.output_item.added', item: { type: 'web_search_call' } })).toMatchObject({
      itemType: 'web_search_call',
    });
    expect(
      readServerEvent({ type: 'response.output_item.done', item: { id: 'm1', type: 'mcp_call', name: 5 } }),
    ).toMatchObject({
      item: { type: 'other', itemType: 'mcp_call' },
    });
    expect(
      readServerEvent({
        type: 'response.done',
        response: { id: 'r', status: 'paused_forever', status_details: 'unimplemented' },
      }),
    ).toMatchObject({
      kind: 'response_done',
      status: 'paused_forever',
      statusDetails: 'unimplemented',
    });
  });

  it('reads a failed response.done’s error only from an object status_details', () => {
    const done = (statusDetails: unknown) =>
      readServerEvent({ type: 'response.done', response: { status: 'failed', status_details: statusDetails } });
    expect(done({ type: 'failed', error: { type: 'server_error', code: 'x' } })).toMatchObject({
      failure: { error: { type: 'server_error', code: 'x' }, errorType: 'server_error' },
    });
    expect(done('unimplemented')).not.toHaveProperty('failure');
  });

  it('takes the response id of response.done from the top-level response_id when response.id is missing', () => {
    expect(readServerEvent({ type: 'response.done', response_id: 'r9', response: {} })).toMatchObject({
      id: 'r9',
      responseId: 'r9',
    });
  });

  it('returns undefined for types the client does not handle, known or not, and for frames without a type', () => {
    for (const type of [
      'ping',
      'session.updated',
      'conversation.created',
      'input_audio_buffer.dtmf_event_received',
      'response.mcp_call.completed',
    ]) {
      expect(readServerEvent({ type })).toBeUndefined();
    }
    expect(readServerEvent({ kind: 'ping' })).toBeUndefined();
  });

  it('returns undefined for types named like members of Object.prototype (valueOf, __proto__, constructor…)', () => {
    for (const type of [
      'valueOf',
      'toString',
      'hasOwnProperty',
      'isPrototypeOf',
      '__proto__',
      'constructor',
      '__defineGetter__',
    ]) {
      expect(readServerEvent({ type, event_id: 'e1', response_id: 'r1' }), type).toBeUndefined();
    }
  });

  it('a null or non-string previous_item_id reads as null or absent, never as a failure', () => {
    const item = { id: 'i', type: 'message', role: 'user', content: [] };
    expect(readServerEvent({ type: 'conversation.item.added', previous_item_id: null, item })).toMatchObject({
      previousItemId: null,
    });
    expect(readServerEvent({ type: 'conversation.item.added', previous_item_id: 3, item })).toMatchObject({
      previousItemId: undefined,
    });
  });

  it('fails, naming the event type and the field, only for a field the handler needs', () => {
    expect(unreadable({ type: 'response.created', response: { status: 'in_progress' } })).toBe(
      '[rt-sim] response.created: expected field "response.id" to be a string, got none',
    );
    expect(unreadable({ type: 'response.output_audio.delta', item_id: 'i', delta: 42 })).toBe(
      '[rt-sim] response.output_audio.delta: expected field "delta" to be a string, got the number 42',
    );
    expect(unreadable({ type: 'response.output_item.added', item: { type: 'message' } })).toContain('"item.id"');
    expect(unreadable({ type: 'conversation.item.added', item: 'x' })).toContain(
      'field "item" to be an object, got "x"',
    );
    expect(
      unreadable({ type: 'response.output_item.done', item: { type: 'function_call', call_id: 'c', name: 'f' } }),
    ).toContain('"item.arguments"');
    expect(unreadable({ type: 'error', error: { message: null } })).toContain(
      '"error.message" to be a string, got null',
    );
  });

  it('describes each kind of value a needed field can hold', () => {
    const got = (itemId: unknown) =>
      unreadable({ type: 'conversation.item.deleted', ...(itemId === undefined ? {} : { item_id: itemId }) });
    expect(got(undefined)).toContain('got none');
    expect(got(null)).toContain('got null');
    expect(got(['i'])).toContain('got a list');
    expect(got({ id: 'i' })).toContain('got an object');
    expect(got(true)).toContain('got a boolean');
    expect(got(1.5)).toContain('got the number 1.5');
    expect(unreadable({ type: 'conversation.item.added', item: 'x'.repeat(40) })).toContain(`got "${'x'.repeat(40)}"`);
    expect(unreadable({ type: 'conversation.item.added', item: 'x'.repeat(41) })).toMatch(/got a string$/);
  });

  it('marks a .completed with status in_progress as an interim', () => {
    const completed = (status?: string) =>
      readServerEvent({
        type: 'conversation.item.input_audio_transcription.completed',
        item_id: 'u',
        transcript: 't',
        ...(status ? { status } : {}),
      });
    expect(
      [completed('in_progress'), completed('completed'), completed()].map((e) => (e as { interim: boolean }).interim),
    ).toEqual([true, false, false]);
  });
});

describe('usage from wherever the service puts it', () => {
  const top = {
    total_tokens: 412,
    input_tokens: 371,
    output_tokens: 41,
    input_token_details: { text_tokens: 298, audio_tokens: 73, grok_tokens: 5 },
    output_token_details: { text_tokens: 12, audio_tokens: 29, grok_tokens: 2 },
    output_audio_seconds: 1.44,
    billable_audio_seconds: 3,
  };

  it('takes the top level when response.usage is {}, null, missing or not an object', () => {
    const expected = {
      totalTokens: 412,
      inputTokens: 371,
      outputTokens: 41,
      input: { textTokens: 298, audioTokens: 73, grokTokens: 5, cached: {} },
      output: { textTokens: 12, audioTokens: 29, grokTokens: 2 },
      outputAudioSeconds: 1.44,
      billableAudioSeconds: 3,
    };
    for (const nested of [{}, null, undefined, 'unimplemented']) expect(readUsage(nested, top)).toEqual(expected);
  });

  it('prefers a nested figure and fills the rest from the top level; non-numbers count as not reported', () => {
    const usage = readUsage({ total_tokens: 9, input_token_details: { text_tokens: 'many' } }, top);
    expect([usage.totalTokens, usage.inputTokens, usage.input.textTokens]).toEqual([9, 371, 298]);
    expect(readUsage({ total_tokens: Number.NaN }, null)).toEqual({ input: { cached: {} }, output: {} });
  });
});
