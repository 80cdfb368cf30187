import { describe, expect, it } from 'vitest';
import { createAudioFrame } from '../../../src/client/audio/index.js';
import { ChatContext, ChatMessage, FunctionCall, FunctionCallOutput } from '../../../src/client/chat/index.js';
import { createRandom } from '../../../src/clock/index.js';
import { createIdSource, createSequentialIdSource, isRtSimError } from '../../../src/protocol/index.js';

const msg = (
  id: string,
  content: ChatMessage['content'],
  role: ChatMessage['role'] = 'user',
  createdAt?: number,
): ChatMessage => new ChatMessage({ id, role, content, ...(createdAt !== undefined ? { createdAt } : {}) });

describe('ChatMessage.textContent (§6.1 text_content)', () => {
  it('joins the string parts with "\\n", skipping images and audio', () => {
    const m = msg('a', [
      'one',
      { type: 'image_content', image: 'data:image/png;base64,AA==' },
      'two',
      { type: 'audio_content', frames: [], transcript: 'said' },
    ]);
    expect(m.textContent).toBe('one\ntwo');
  });

  it('is undefined when there is no string part, and "" for one empty string', () => {
    expect(msg('a', []).textContent).toBeUndefined();
    expect(msg('b', [{ type: 'image_content', image: 'https://x/y.png' }]).textContent).toBeUndefined();
    expect(msg('c', ['']).textContent).toBe('');
  });
});

describe('ChatContext', () => {
  it('addMessage draws item_ + 12 hex ids from the injected id source', () => {
    const ctx = ChatContext.empty(createIdSource(createRandom(7)));
    const a = ctx.addMessage({ role: 'user', content: 'hi' });
    const b = ctx.addMessage({ role: 'assistant', content: ['hello', 'there'] });
    expect(a.id).toMatch(/^item_[0-9a-f]{12}$/);
    expect(b.id).toMatch(/^item_[0-9a-f]{12}$/);
    expect(a.id).not.toBe(b.id);
    expect(a.content).toEqual(['hi']);
    expect(ctx.items).toEqual([a, b]);
    // Same seed, same ids.
    const again = ChatContext.empty(createIdSource(createRandom(7)));
    expect(again.addMessage({ role: 'user', content: 'x' }).id).toBe(a.id);
  });

  it('addMessage keeps a given id, and contexts without a source still get unique item_ ids', () => {
    const ctx = ChatContext.empty();
    expect(ctx.addMessage({ role: 'system', content: 'be brief', id: 'item_fixed' }).id).toBe('item_fixed');
    const x = ctx.addMessage({ role: 'user', content: 'a' });
    const y = ChatContext.empty().addMessage({ role: 'user', content: 'b' });
    expect(x.id).toMatch(/^item_[0-9a-f]{12}$/);
    expect(y.id).not.toBe(x.id);
  });

  it('rejects a duplicate id in the constructor, addMessage and insert', () => {
    const a = msg('a', ['x']);
    for (const fn of [
      () => new ChatContext([a, msg('a', ['y'])]),
      () => new ChatContext([a]).addMessage({ role: 'user', content: 'y', id: 'a' }),
      () => new ChatContext([a]).insert(new FunctionCall({ id: 'a', callId: 'c', name: 'n', args: '{}' })),
    ]) {
      let err: unknown;
      try {
        fn();
      } catch (e) {
        err = e;
      }
      expect(isRtSimError(err, 'RTSIM_CHAT_DUPLICATE_ID')).toBe(true);
      expect((err as Error).message).toContain('"a"');
    }
  });

  it('insert places timed items after the last item made at or before them, and appends untimed ones', () => {
    const ctx = new ChatContext([msg('t10', ['a'], 'user', 10), msg('t30', ['b'], 'user', 30)]);
    ctx.insert(msg('t20', ['c'], 'user', 20));
    ctx.insert([msg('t30b', ['d'], 'user', 30), msg('t5', ['e'], 'user', 5)]);
    ctx.insert(msg('t25', ['g'], 'user', 25));
    expect(ctx.items.map((i) => i.id)).toEqual(['t5', 't10', 't20', 't25', 't30', 't30b']);
    ctx.insert(msg('none', ['f']));
    // An untimed item counts as earlier than any time, so later timed items never move before it.
    ctx.insert(msg('t1', ['h'], 'user', 1));
    expect(ctx.items.map((i) => i.id)).toEqual(['t5', 't10', 't20', 't25', 't30', 't30b', 'none', 't1']);
  });

  it('getById and indexById find items by id', () => {
    const call = new FunctionCall({ id: 'fc', callId: 'call_1', name: 'f', args: '{}' });
    const ctx = new ChatContext([msg('m', ['x']), call]);
    expect(ctx.getById('fc')).toBe(call);
    expect(ctx.indexById('fc')).toBe(1);
    expect(ctx.getById('nope')).toBeUndefined();
    expect(ctx.indexById('nope')).toBe(-1);
  });

  it('copy is shallow and applies the function-call, instruction and empty-message filters', () => {
    const sys = msg('sys', ['rules'], 'system');
    const dev = msg('dev', ['more rules'], 'developer');
    const empty = msg('empty', [], 'assistant');
    const user = msg('user', ['hi']);
    const call = new FunctionCall({ id: 'fc', callId: 'c1', name: 'f', args: '{}' });
    const out = new FunctionCallOutput({ id: 'fo', callId: 'c1', name: 'f', output: '42' });
    const ctx = new ChatContext([sys, dev, empty, user, call, out]);

    const all = ctx.copy();
    expect(all.items).toEqual(ctx.items);
    expect(all.items).not.toBe(ctx.items);
    expect(all.items[3]).toBe(user);
    all.items.pop();
    expect(ctx.items).toHaveLength(6);

    expect(ctx.copy({ excludeFunctionCall: true }).items.map((i) => i.id)).toEqual(['sys', 'dev', 'empty', 'user']);
    expect(ctx.copy({ excludeInstructions: true }).items.map((i) => i.id)).toEqual(['empty', 'user', 'fc', 'fo']);
    expect(ctx.copy({ excludeEmptyMessage: true }).items.map((i) => i.id)).toEqual(['sys', 'dev', 'user', 'fc', 'fo']);
  });

  it('copy keeps the id source', () => {
    const ctx = ChatContext.empty(createSequentialIdSource());
    ctx.addMessage({ role: 'user', content: 'a' });
    expect(ctx.copy().addMessage({ role: 'user', content: 'b' }).id).toBe('item_000000000002');
  });

  it('toJSON gives plain data with audio summarised, and honours its filters', () => {
    const frame = createAudioFrame(new Int16Array(480), 24000, 1);
    const ctx = new ChatContext([
      msg(
        'm',
        [
          'hi',
          { type: 'image_content', image: 'data:image/png;base64,AA==', mimeType: 'image/png' },
          { type: 'audio_content', frames: [frame] },
        ],
        'user',
        5,
      ),
      new FunctionCall({ id: 'fc', callId: 'c', name: 'f', args: '{"a":1}' }),
      new FunctionCallOutput({ id: 'fo', callId: 'c', name: 'f', output: 'boom', isError: true }),
    ]);
    expect(ctx.toJSON()).toEqual({
      items: [
        {
          type: 'message',
          id: 'm',
          role: 'user',
          createdAt: 5,
          content: [
            'hi',
            { type: 'image_content', image: 'data:image/png;base64,AA==', mimeType: 'image/png' },
            {
              type: 'audio_content',
              transcript: null,
              frames: [{ sampleRate: 24000, numChannels: 1, samplesPerChannel: 480 }],
            },
          ],
        },
        { type: 'function_call', id: 'fc', callId: 'c', name: 'f', args: '{"a":1}' },
        { type: 'function_call_output', id: 'fo', callId: 'c', name: 'f', output: 'boom', isError: true },
      ],
    });
    expect(JSON.parse(JSON.stringify(ctx))).toEqual(ctx.toJSON());
    expect(
      ctx.toJSON({ excludeTimestamp: true, excludeImage: true, excludeAudio: true, excludeFunctionCall: true }),
    ).toEqual({
      items: [{ type: 'message', id: 'm', role: 'user', content: ['hi'] }],
    });
  });

  it('FunctionCallOutput defaults name to "" and isError to false', () => {
    const out = new FunctionCallOutput({ id: 'o', callId: 'c', output: 'ok' });
    expect(out).toMatchObject({ type: 'function_call_output', name: '', isError: false });
  });
});
