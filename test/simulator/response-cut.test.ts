import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from './driver.js';
import { checkAllTraffic } from './traffic-check.js';

checkAllTraffic();

let h: Harness | undefined;
afterEach(async () => {
  if (!h) return;
  await h.stop();
  expect(h.clock.pendingTimers()).toBe(0);
  h = undefined;
});

/** Ten 100 ms chunks, five words: a transcript delta rides on chunks 0, 2, 4, 6, 8. */
const tenChunks = { transcript: 'One two three four five.', audio: { tone: { hz: 220, ms: 1000 } } };
const lookup = { name: 'lookup', arguments: { query: 'the weather in Paris tomorrow morning' } };
const CLOSE_MESSAGE = [
  'response.output_audio.done',
  'response.output_audio_transcript.done',
  'response.content_part.done',
  'response.output_item.done',
  'response.done',
];

async function oneResponse(reply: Record<string, unknown>) {
  h = await Harness.start({ server: { reply } });
  const c = await h.connect();
  c.send({ type: 'response.create' });
  const done = await h.run(c.waitFor('response.done'));
  return { c, done };
}

describe('responses that end incomplete', () => {
  it('cut after three audio deltas: the item closes incomplete, status_details says why, usage what went', async () => {
    const { c, done } = await oneResponse({
      ...tenChunks,
      incomplete: { reason: 'max_output_tokens', afterAudioChunks: 3 },
    });
    expect(c.events('response.output_audio.delta')).toHaveLength(3);
    expect(c.types().slice(-5)).toEqual(CLOSE_MESSAGE);
    expect(c.events('response.output_item.done')[0]!.item.status).toBe('incomplete');
    expect(done.response.status).toBe('incomplete');
    expect(done.response.status_details).toEqual({ type: 'incomplete', reason: 'max_output_tokens' });
    expect(done.response.output[0]).toMatchObject({
      status: 'incomplete',
      content: [{ type: 'output_audio', transcript: 'One two ' }],
    });
    // 300 ms of audio at 1 token per 50 ms; "One two " is 8 characters, 2 text tokens.
    expect(done.response.usage.output_token_details).toMatchObject({ audio_tokens: 6, text_tokens: 2 });
    expect(h!.clock.now()).toBe(200);
  });

  it('afterAudioMs cuts on the delta that reaches it', async () => {
    const { c, done } = await oneResponse({
      ...tenChunks,
      incomplete: { reason: 'content_filter', afterAudioMs: 450 },
    });
    expect(c.events('response.output_audio.delta')).toHaveLength(5);
    expect(done.response.status_details).toEqual({ type: 'incomplete', reason: 'content_filter' });
  });

  it('without a point, the whole output goes out and the last item closes incomplete', async () => {
    const { c, done } = await oneResponse({ ...tenChunks, incomplete: { reason: 'content_filter' } });
    expect(c.events('response.output_audio.delta')).toHaveLength(10);
    expect(done.response.output[0]).toMatchObject({
      status: 'incomplete',
      content: [{ transcript: 'One two three four five.' }],
    });
    expect(done.response.status).toBe('incomplete');
  });

  it('an incomplete function call closes without function_call_arguments.done, with partial arguments', async () => {
    const { c, done } = await oneResponse({
      functionCall: lookup,
      argumentsDeltaChars: 10,
      incomplete: { reason: 'max_output_tokens', afterArgumentDeltas: 2 },
    });
    expect(c.events('response.function_call_arguments.delta').map((e) => e.delta)).toEqual([
      '{"query":"',
      'the weathe',
    ]);
    expect(c.events('response.function_call_arguments.done')).toHaveLength(0);
    expect(c.events('response.output_item.done')[0]!.item).toMatchObject({
      status: 'incomplete',
      arguments: '{"query":"the weathe',
    });
    expect(done.response.output[0]).toMatchObject({ type: 'function_call', status: 'incomplete' });
  });
});

describe('failures in the middle of a response', () => {
  it('a fail without a point keeps its old shape: after ttftMs, no output, no usage', async () => {
    const { c, done } = await oneResponse({ ...tenChunks, ttftMs: 200, fail: { code: 'rate_limited' } });
    expect(c.types()).toEqual(['conversation.created', 'response.created', 'response.done']);
    expect(done.response).toMatchObject({
      status: 'failed',
      output: [],
      usage: null,
      status_details: { type: 'failed', error: { type: 'server_error', code: 'rate_limited' } },
    });
  });

  it('statusDetails none sends status_details null, no-error a failed status without error', async () => {
    const none = await oneResponse({ ...tenChunks, fail: { code: 'rate_limited', statusDetails: 'none' } });
    expect(none.done.response).toMatchObject({ status: 'failed', status_details: null });
    await h!.stop();
    const bare = await oneResponse({ ...tenChunks, fail: { afterAudioChunks: 2, statusDetails: 'no-error' } });
    expect(bare.done.response.status).toBe('failed');
    expect(bare.done.response.status_details).toEqual({ type: 'failed' });
  });

  it(
    'a fail after four audio deltas aborts: no done events, ' + 'the partial item in response.done is incomplete',
    async () => {
      const { c, done } = await oneResponse({ ...tenChunks, fail: { afterAudioChunks: 4 } });
      expect(c.types().slice(-2)).toEqual(['response.output_audio.delta', 'response.done']);
      expect(c.events('response.output_item.done')).toHaveLength(0);
      expect(done.response.status).toBe('failed');
      expect(done.response.status_details).toEqual({
        type: 'failed',
        error: { type: 'server_error', code: 'internal_error' },
      });
      expect(done.response.output[0]).toMatchObject({
        status: 'incomplete',
        content: [{ type: 'output_audio', transcript: 'One two ' }],
      });
      expect(done.response.usage.output_token_details.audio_tokens).toBe(8);
    },
  );

  it('a fail after two transcript deltas comes before the audio delta of that tick', async () => {
    const { c } = await oneResponse({ ...tenChunks, fail: { afterTranscriptDeltas: 2 } });
    expect(c.events('response.output_audio_transcript.delta')).toHaveLength(2);
    expect(c.events('response.output_audio.delta')).toHaveLength(2);
    expect(c.types().at(-2)).toBe('response.output_audio_transcript.delta');
  });

  it('a fail between a message and a function call: the message is complete, the call never starts', async () => {
    const { c, done } = await oneResponse({
      transcript: 'Let me look.',
      audio: null,
      functionCall: lookup,
      fail: { afterItems: 1 },
    });
    expect(c.events('response.output_item.added')).toHaveLength(1);
    expect(done.response.output).toHaveLength(1);
    expect(done.response.output[0]).toMatchObject({ type: 'message', status: 'completed' });
    expect(done.response.status).toBe('failed');
  });

  it('a fail between two function calls keeps the first call complete', async () => {
    const { c, done } = await oneResponse({ functionCall: [lookup, { name: 'second' }], fail: { afterItems: 1 } });
    expect(c.events('response.function_call_arguments.done')).toHaveLength(1);
    expect(done.response.output.map((i: { name: string; status: string }) => [i.name, i.status])).toEqual([
      ['lookup', 'completed'],
    ]);
  });

  it('a fail while the arguments stream: no arguments.done or output_item.done; the call is incomplete', async () => {
    const { c, done } = await oneResponse({
      functionCall: lookup,
      argumentsDeltaChars: 8,
      fail: { afterArgumentDeltas: 3 },
    });
    expect(c.events('response.function_call_arguments.delta')).toHaveLength(3);
    expect(c.types().slice(-2)).toEqual(['response.function_call_arguments.delta', 'response.done']);
    expect(done.response.output[0]).toMatchObject({ status: 'incomplete', arguments: '{"query":"the weather in' });
  });

  it('a point past the end of the output ends the response with the cut status after its last item', async () => {
    const { done } = await oneResponse({ ...tenChunks, fail: { afterAudioChunks: 50 } });
    expect(done.response.status).toBe('failed');
    expect(done.response.output[0].status).toBe('completed');
  });

  it('the partial item of a failed response stays in the conversation with the audio that went out', async () => {
    const { c, done } = await oneResponse({ ...tenChunks, fail: { afterAudioChunks: 4 } });
    c.send({
      type: 'conversation.item.truncate',
      item_id: done.response.output[0].id,
      content_index: 0,
      audio_end_ms: 500,
    });
    const e = await h!.run(c.waitFor('error'));
    expect(e.error.param).toBe('audio_end_ms');
    c.send({
      type: 'conversation.item.truncate',
      item_id: done.response.output[0].id,
      content_index: 0,
      audio_end_ms: 400,
    });
    await h!.run(c.waitFor('conversation.item.truncated'));
  });
});

describe('server-side cancellation', () => {
  it('cancel after two audio deltas closes the message incomplete, status cancelled / turn_detected', async () => {
    const { c, done } = await oneResponse({ ...tenChunks, cancel: { afterAudioChunks: 2 } });
    expect(c.types().slice(-5)).toEqual(CLOSE_MESSAGE);
    expect(done.response.status_details).toEqual({ type: 'cancelled', reason: 'turn_detected' });
    expect(done.response.output[0].status).toBe('incomplete');
  });

  it('cancel without a point ends before any output', async () => {
    const { c, done } = await oneResponse({ ...tenChunks, cancel: { reason: 'client_cancelled' } });
    expect(c.types()).toEqual(['conversation.created', 'response.created', 'response.done']);
    expect(done.response.status_details).toEqual({ type: 'cancelled', reason: 'client_cancelled' });
  });
});
