import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatContext } from '../../src/client/index.js';
import { buildChatCtx } from '../../src/harness/chat-steps.js';
import { createSequentialIdSource } from '../../src/protocol/index.js';

describe('buildChatCtx', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('hands a message of one part to addMessage bare and one of several parts as a list, as agents write them', () => {
    const addMessage = vi.spyOn(ChatContext.prototype, 'addMessage');
    const ctx = buildChatCtx(
      {
        items: [],
        add: [
          { role: 'user', text: 'Hi', id: 'lone' },
          { role: 'user', text: 'Listen:', audio: { hz: 440, ms: 20 }, id: 'two' },
        ],
      },
      ChatContext.empty(),
      createSequentialIdSource(),
    );
    expect(addMessage.mock.calls.map(([init]) => Array.isArray(init.content))).toEqual([false, true]);
    expect(addMessage.mock.calls[0]?.[0].content).toBe('Hi');
    expect(ctx.items.map((it) => (it.type === 'message' ? it.content.length : -1))).toEqual([1, 2]);
  });
});
