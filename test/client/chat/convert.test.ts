import { describe, expect, it } from 'vitest';
import { createAudioFrame } from '../../../src/client/audio/index.js';
import {
  ChatMessage,
  FunctionCall,
  FunctionCallOutput,
  fromWireItem,
  toWireItem,
} from '../../../src/client/chat/index.js';
import { decodePcm16, isRtSimError } from '../../../src/protocol/index.js';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isRtSimError(e) ? e.code : 'not an RtSimError';
  }
  return undefined;
}

describe('toWireItem (§2.5)', () => {
  it('user parts map in order: text, data-URL image, audio with transcript', () => {
    const a = createAudioFrame(Int16Array.from([1, -2]), 24000, 1);
    const b = createAudioFrame(Int16Array.from([300]), 24000, 1);
    const item = new ChatMessage({
      id: 'item_1',
      role: 'user',
      content: [
        'look',
        { type: 'image_content', image: PNG },
        { type: 'audio_content', frames: [a, b], transcript: 'hello' },
        'again',
      ],
    });
    const wire = toWireItem(item);
    expect(wire).toEqual({
      id: 'item_1',
      type: 'message',
      role: 'user',
      content: [
        { type: 'input_text', text: 'look' },
        { type: 'input_image', image_url: PNG },
        { type: 'input_audio', audio: 'AQD+/ywB', transcript: 'hello' },
        { type: 'input_text', text: 'again' },
      ],
    });
    const audio = wire.type === 'message' ? wire.content[2] : undefined;
    expect(audio?.type === 'input_audio' && [...decodePcm16(audio.audio ?? '')]).toEqual([1, -2, 300]);
  });

  it('audio without a transcript sends transcript: null (always present)', () => {
    const item = new ChatMessage({ id: 'i', role: 'user', content: [{ type: 'audio_content', frames: [] }] });
    expect(toWireItem(item)).toEqual({
      id: 'i',
      type: 'message',
      role: 'user',
      content: [{ type: 'input_audio', audio: '', transcript: null }],
    });
  });

  it('skips external image URLs and says so', () => {
    const skipped: string[] = [];
    const item = new ChatMessage({
      id: 'i',
      role: 'user',
      content: [{ type: 'image_content', image: 'https://example.com/cat.png' }, 'cat?'],
    });
    expect(toWireItem(item, { onSkip: (r) => skipped.push(r) })).toEqual({
      id: 'i',
      type: 'message',
      role: 'user',
      content: [{ type: 'input_text', text: 'cat?' }],
    });
    expect(skipped).toEqual(['item i: external image URL skipped; only data: URLs are sent']);
  });

  it('system and developer messages become role system with input_text string parts only', () => {
    for (const role of ['system', 'developer'] as const) {
      const item = new ChatMessage({
        id: 's',
        role,
        content: ['be brief', { type: 'image_content', image: PNG }, 'and kind'],
      });
      expect(toWireItem(item)).toEqual({
        id: 's',
        type: 'message',
        role: 'system',
        content: [
          { type: 'input_text', text: 'be brief' },
          { type: 'input_text', text: 'and kind' },
        ],
      });
    }
  });

  it('assistant messages carry output_text string parts only', () => {
    const item = new ChatMessage({
      id: 'a',
      role: 'assistant',
      content: ['Hi.', { type: 'audio_content', frames: [], transcript: 'Hi.' }],
    });
    expect(toWireItem(item)).toEqual({
      id: 'a',
      type: 'message',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'Hi.' }],
    });
  });

  it('function calls and outputs use call_id, arguments and output', () => {
    expect(
      toWireItem(new FunctionCall({ id: 'f', callId: 'call_1', name: 'get_weather', args: '{"city":"Oslo"}' })),
    ).toEqual({
      id: 'f',
      type: 'function_call',
      call_id: 'call_1',
      name: 'get_weather',
      arguments: '{"city":"Oslo"}',
    });
    expect(
      toWireItem(
        new FunctionCallOutput({ id: 'o', callId: 'call_1', name: 'get_weather', output: 'sunny', isError: true }),
      ),
    ).toEqual({
      id: 'o',
      type: 'function_call_output',
      call_id: 'call_1',
      output: 'sunny',
    });
  });
});

describe('fromWireItem (§7)', () => {
  it('function_call becomes a FunctionCall', () => {
    const item = fromWireItem({
      id: 'f',
      object: 'realtime.item',
      type: 'function_call',
      status: 'completed',
      call_id: 'c',
      name: 'n',
      arguments: '{}',
    });
    expect(item).toBeInstanceOf(FunctionCall);
    expect(item).toMatchObject({ id: 'f', callId: 'c', name: 'n', args: '{}' });
  });

  it('function_call_output becomes a FunctionCallOutput with name "" and isError false', () => {
    const item = fromWireItem({ id: 'o', type: 'function_call_output', call_id: 'c', output: '42' });
    expect(item).toBeInstanceOf(FunctionCallOutput);
    expect(item).toMatchObject({ id: 'o', callId: 'c', output: '42', name: '', isError: false });
  });

  it('a user message keeps input_text text, input_image URLs and input_audio transcripts', () => {
    const item = fromWireItem({
      id: 'u',
      type: 'message',
      role: 'user',
      content: [
        { type: 'input_text', text: 'hi' },
        { type: 'input_image', image_url: PNG },
        { type: 'input_audio', transcript: 'spoken words' },
        { type: 'input_audio', transcript: null },
        { type: 'input_audio' },
      ],
    });
    expect(item).toBeInstanceOf(ChatMessage);
    expect((item as ChatMessage).content).toEqual([
      'hi',
      { type: 'image_content', image: PNG, mimeType: 'image/png' },
      'spoken words',
    ]);
    expect((item as ChatMessage).role).toBe('user');
  });

  it('an assistant message keeps non-empty text parts only: output_audio transcripts contribute nothing', () => {
    const item = fromWireItem({
      id: 'a',
      type: 'message',
      role: 'assistant',
      content: [
        { type: 'output_audio', transcript: 'Hello there.' },
        { type: 'output_text', text: '' },
        { type: 'output_text', text: 'typed' },
      ],
    }) as ChatMessage;
    expect(item.content).toEqual(['typed']);
    const audioOnly = fromWireItem({
      id: 'b',
      type: 'message',
      role: 'assistant',
      content: [{ type: 'output_audio', transcript: 'x' }],
    }) as ChatMessage;
    expect(audioOnly.content).toEqual([]);
  });

  it('a system message keeps each non-empty text', () => {
    const item = fromWireItem({
      id: 's',
      type: 'message',
      role: 'system',
      content: [
        { type: 'input_text', text: 'rules' },
        { type: 'input_text', text: '' },
      ],
    }) as ChatMessage;
    expect(item.role).toBe('system');
    expect(item.content).toEqual(['rules']);
  });

  it('round-trips every item kind through the wire shape', () => {
    const items = [
      new ChatMessage({
        id: 'u',
        role: 'user',
        content: ['a', { type: 'image_content', image: PNG, mimeType: 'image/png' }, 'b'],
      }),
      new ChatMessage({ id: 's', role: 'system', content: ['rules'] }),
      new ChatMessage({ id: 'a', role: 'assistant', content: ['reply'] }),
      new FunctionCall({ id: 'f', callId: 'c', name: 'n', args: '{"x":1}' }),
      new FunctionCallOutput({ id: 'o', callId: 'c', output: 'done' }),
    ];
    for (const item of items) expect(fromWireItem(toWireItem(item))).toEqual(item);
  });

  it('other item types are unsupported (RTSIM_CHAT_UNSUPPORTED_ITEM), e.g. xAI force_message', () => {
    expect(codeOf(() => fromWireItem({ id: 'x', type: 'force_message', content: [] }))).toBe(
      'RTSIM_CHAT_UNSUPPORTED_ITEM',
    );
    expect(() => fromWireItem({ id: 'x', type: 'force_message' })).toThrow(
      /type must be message, function_call or function_call_output, got "force_message"/,
    );
  });

  it('known types with missing fields are bad items (RTSIM_CHAT_BAD_ITEM), naming the field', () => {
    expect(
      codeOf(() => fromWireItem({ id: 'f', type: 'function_call', call_id: 'c', name: 'n', arguments: null })),
    ).toBe('RTSIM_CHAT_BAD_ITEM');
    expect(() => fromWireItem({ id: 'f', type: 'function_call', call_id: 'c', name: 'n', arguments: null })).toThrow(
      /function_call: field "arguments" must be a string, got null/,
    );
    expect(codeOf(() => fromWireItem({ type: 'message', role: 'user', content: [] }))).toBe('RTSIM_CHAT_BAD_ITEM');
    expect(codeOf(() => fromWireItem({ id: 'm', type: 'message', role: 'robot', content: [] }))).toBe(
      'RTSIM_CHAT_BAD_ITEM',
    );
    expect(codeOf(() => fromWireItem({ id: 'm', type: 'message', role: 'user', content: 'hi' }))).toBe(
      'RTSIM_CHAT_BAD_ITEM',
    );
    expect(codeOf(() => fromWireItem(null))).toBe('RTSIM_CHAT_BAD_ITEM');
  });
});
