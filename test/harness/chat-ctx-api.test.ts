import { describe, expect, it } from 'vitest';
import {
  ChatContext,
  ChatMessage,
  createAudioFrame,
  FunctionCall,
  FunctionCallOutput,
  type ChatContextJSONOptions,
} from '../../src/client/index.js';
import { chatCtxApiFailures, chatCtxApiProblems, describeItems } from '../../src/harness/chat-ctx-api.js';

function sample(): ChatContext {
  return new ChatContext([
    new ChatMessage({ id: 'sys', role: 'system', content: ['Be brief.'], createdAt: 5 }),
    new ChatMessage({
      id: 'ask',
      role: 'user',
      content: [
        'Look:',
        { type: 'image_content', image: 'data:image/png;base64,AAAA', mimeType: 'image/png' },
        { type: 'audio_content', frames: [createAudioFrame(new Int16Array(480), 24000, 1)], transcript: 'hi' },
      ],
    }),
    new FunctionCall({ id: 'call', callId: 'c1', name: 'get', args: '{}', createdAt: 7 }),
    new FunctionCallOutput({ id: 'out', callId: 'c1', output: 'ok' }),
  ]);
}

describe("the check that a chat context's API agrees with its items", () => {
  it('finds nothing wrong with the client ChatContext', () => {
    expect(chatCtxApiProblems(sample(), 'ctx')).toEqual([]);
  });

  it('describes outputs with the name and isError they hold, and audio as frame shapes', () => {
    const json = describeItems(sample().items);
    expect(json[1]).toEqual({
      type: 'message',
      id: 'ask',
      role: 'user',
      content: [
        'Look:',
        { type: 'image_content', image: 'data:image/png;base64,AAAA', mimeType: 'image/png' },
        {
          type: 'audio_content',
          transcript: 'hi',
          frames: [{ sampleRate: 24000, numChannels: 1, samplesPerChannel: 480 }],
        },
      ],
    });
    expect(json[3]).toEqual({
      type: 'function_call_output',
      id: 'out',
      callId: 'c1',
      name: '',
      output: 'ok',
      isError: false,
    });
  });

  it('fails a toJSON that keeps images under excludeImage, naming the call, the item and the field', () => {
    const real = sample();
    const fake = {
      items: real.items,
      toJSON: (opts: ChatContextJSONOptions = {}) => real.toJSON({ ...opts, excludeImage: false }),
      getById: (id: string) => real.getById(id),
      indexById: (id: string) => real.indexById(id),
    };
    expect(chatCtxApiProblems(fake, 'the session')).toEqual([
      'the session: toJSON({"excludeImage":true}) item 1 (ask) field content[1].type: ' +
        'the items hold "audio_content", toJSON gave "image_content"',
    ]);
  });

  it('fails a toJSON that drops the createdAt it holds', () => {
    const real = sample();
    const fake = {
      items: real.items,
      toJSON: () => real.toJSON({ excludeTimestamp: true }),
      getById: (id: string) => real.getById(id),
      indexById: (id: string) => real.indexById(id),
    };
    expect(chatCtxApiProblems(fake, 'ctx')[0]).toBe(
      'ctx: toJSON() item 0 (sys) field createdAt: the items hold 5, toJSON gave nothing',
    );
  });

  it('fails a getById that finds an item for an unknown id, and an indexById that is off by one', () => {
    const real = sample();
    const fake = {
      items: real.items,
      toJSON: (opts?: ChatContextJSONOptions) => real.toJSON(opts),
      getById: () => real.items[0],
      indexById: (id: string) => real.indexById(id) + 1,
    };
    const problems = chatCtxApiProblems(fake, 'ctx');
    expect(problems).toContain('ctx: getById("ask") does not give item 1');
    expect(problems).toContain('ctx: indexById("sys") gave 1, the item is at 0');
    expect(problems.length).toBe(5);
  });

  it('fails a toJSON with no items list, and words each problem as a run failure under §5.15', () => {
    const real = sample();
    const fake = { items: real.items, toJSON: () => null, getById: real.getById.bind(real), indexById: () => 0 };
    const [first] = chatCtxApiFailures(chatCtxApiProblems(fake, 'ctx'));
    expect(first).toEqual({
      kind: 'chat-ctx-api',
      message: "the chat context's API disagrees (§5.15): ctx: toJSON() gave no items list, got null",
    });
  });
});
