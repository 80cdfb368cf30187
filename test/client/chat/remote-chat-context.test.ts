import { describe, expect, it } from 'vitest';
import { ChatMessage, RemoteChatContext, type ChatItem } from '../../../src/client/chat/index.js';
import { isRtSimError } from '../../../src/protocol/index.js';

const item = (id: string, text = id): ChatItem => new ChatMessage({ id, role: 'user', content: [text] });
const ids = (r: RemoteChatContext): string[] => r.items.map((i) => i.id);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isRtSimError(e) ? e.code : 'not an RtSimError';
  }
  return undefined;
}

describe('RemoteChatContext (§6.2)', () => {
  it('§8.3 fix: five items with previous_item_id null stay in arrival order', () => {
    const r = new RemoteChatContext();
    for (const id of ['A', 'B', 'C', 'D', 'E']) r.insert(null, item(id));
    expect(ids(r)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(r.size).toBe(5);
  });

  it('§8.3 fix: null and undefined previous ids append after the current tail, not at the head', () => {
    const r = new RemoteChatContext();
    r.insert(undefined, item('A'));
    r.insert('A', item('B'));
    r.insert(null, item('C'));
    expect(ids(r)).toEqual(['A', 'B', 'C']);
    expect(r.previousId('C')).toBe('B');
  });

  it('"root" inserts at the head, as it means on the server', () => {
    const r = new RemoteChatContext();
    r.insert('root', item('B'));
    r.insert('root', item('A'));
    r.insert(null, item('C'));
    expect(ids(r)).toEqual(['A', 'B', 'C']);
    expect(r.previousId('A')).toBeNull();
  });

  it('inserts right after a known previous item, in the middle or at the tail', () => {
    const r = new RemoteChatContext();
    r.insert(null, item('A'));
    r.insert('A', item('C'));
    r.insert('A', item('B'));
    r.insert('C', item('D'));
    r.insert(null, item('E'));
    expect(ids(r)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('rejects an unknown previous id and leaves the mirror unchanged', () => {
    const r = new RemoteChatContext();
    r.insert(null, item('A'));
    expect(codeOf(() => r.insert('ghost', item('B')))).toBe('RTSIM_CHAT_UNKNOWN_PREVIOUS');
    expect(() => r.insert('ghost', item('B'))).toThrow(/previous_item_id "ghost" of item "B" is not in the mirror/);
    expect(ids(r)).toEqual(['A']);
    expect(r.get('B')).toBeUndefined();
  });

  it('rejects a duplicate id', () => {
    const r = new RemoteChatContext();
    r.insert(null, item('A'));
    expect(codeOf(() => r.insert(null, item('A')))).toBe('RTSIM_CHAT_DUPLICATE_ID');
    expect(r.size).toBe(1);
  });

  it('deletes the head, a middle item and the tail, keeping the links right', () => {
    const r = new RemoteChatContext();
    for (const id of ['A', 'B', 'C', 'D']) r.insert(null, item(id));
    r.delete('B');
    expect(ids(r)).toEqual(['A', 'C', 'D']);
    r.delete('A');
    expect(ids(r)).toEqual(['C', 'D']);
    r.delete('D');
    expect(ids(r)).toEqual(['C']);
    r.insert(null, item('E'));
    r.insert('root', item('F'));
    expect(ids(r)).toEqual(['F', 'C', 'E']);
    r.delete('F');
    r.delete('C');
    r.delete('E');
    expect(r.size).toBe(0);
    expect(r.items).toEqual([]);
    r.insert(null, item('G'));
    expect(ids(r)).toEqual(['G']);
  });

  it('rejects deleting an unknown id', () => {
    const r = new RemoteChatContext();
    expect(codeOf(() => r.delete('ghost'))).toBe('RTSIM_CHAT_UNKNOWN_ITEM');
    expect(() => r.delete('ghost')).toThrow(/cannot delete item "ghost": it is not in the mirror/);
  });

  it('get returns the live item and toChatContext shares the same objects, in order', () => {
    const r = new RemoteChatContext();
    const a = item('A');
    r.insert(null, a);
    r.insert(null, item('B'));
    expect(r.get('A')).toBe(a);
    expect(r.has('A')).toBe(true);
    expect(r.has('Z')).toBe(false);
    const ctx = r.toChatContext();
    expect(ctx.items[0]).toBe(a);
    (a as ChatMessage).content.push('more');
    expect((ctx.getById('A') as ChatMessage).textContent).toBe('A\nmore');
  });
});
