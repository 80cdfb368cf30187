import { describe, expect, it } from 'vitest';
import {
  ChatContext,
  ChatMessage,
  computeChatCtxDiff,
  FunctionCall,
  RemoteChatContext,
  updateChatCtxOps,
  type ChatCtxOp,
  type ChatItem,
} from '../../../src/client/chat/index.js';

const m = (id: string, ...content: ChatMessage['content']): ChatMessage =>
  new ChatMessage({ id, role: 'user', content: content.length ? content : [id] });
const ctx = (...items: ChatItem[]): ChatContext => new ChatContext(items);

/** Ops as short strings: "delete A", "create A prev root". */
const show = (ops: ChatCtxOp[]): string[] =>
  ops.map((op) => (op.kind === 'delete' ? `delete ${op.itemId}` : `create ${op.item.id} prev ${op.previousItemId}`));

describe('§6.1 worked examples', () => {
  it('§6.1 mirror [] new [X, Y] gives create X prev root then create Y prev X', () => {
    const next = ctx(m('X'), m('Y'));
    expect(computeChatCtxDiff(ctx(), next)).toEqual({
      toRemove: [],
      toCreate: [
        [null, 'X'],
        ['X', 'Y'],
      ],
      toUpdate: [],
    });
    expect(show(updateChatCtxOps(ctx(), next))).toEqual(['create X prev root', 'create Y prev X']);
  });

  it('§6.1 mirror [A, B, C] new [A, C, D] gives delete B then create D prev C', () => {
    const next = ctx(m('A'), m('C'), m('D'));
    expect(computeChatCtxDiff(ctx(m('A'), m('B'), m('C')), next)).toEqual({
      toRemove: ['B'],
      toCreate: [['C', 'D']],
      toUpdate: [],
    });
    expect(show(updateChatCtxOps(ctx(m('A'), m('B'), m('C')), next))).toEqual(['delete B', 'create D prev C']);
  });

  it('§6.1 mirror [A, B] new [B, A] gives delete A then create A prev B (the LCS tie-break keeps B)', () => {
    const mirror = ctx(m('A'), m('B'));
    const next = ctx(m('B'), m('A'));
    expect(computeChatCtxDiff(mirror, next)).toEqual({ toRemove: ['A'], toCreate: [['B', 'A']], toUpdate: [] });
    expect(show(updateChatCtxOps(mirror, next))).toEqual(['delete A', 'create A prev B']);
  });

  it('§6.1 mirror [U(empty), B("hi")] new [B("hi there")] keeps U and gives delete B then create B prev root', () => {
    const mirror = ctx(new ChatMessage({ id: 'U', role: 'user', content: [] }), m('B', 'hi'));
    const next = ctx(m('B', 'hi there'));
    expect(computeChatCtxDiff(mirror, next)).toEqual({ toRemove: ['U'], toCreate: [], toUpdate: [[null, 'B']] });
    expect(show(updateChatCtxOps(mirror, next))).toEqual(['delete B', 'create B prev root']);
  });

  it('§6.1 mirror [A("x")] new [A("y")] gives delete A then create A prev root', () => {
    expect(show(updateChatCtxOps(ctx(m('A', 'x')), ctx(m('A', 'y'))))).toEqual(['delete A', 'create A prev root']);
  });
});

describe('§6.1 LCS tie-breaks (ties move along the new list)', () => {
  it('mirror [A, B, C] new [B, A, C] keeps [B, C]: delete A, create A prev B', () => {
    const d = computeChatCtxDiff(ctx(m('A'), m('B'), m('C')), ctx(m('B'), m('A'), m('C')));
    expect(d).toEqual({ toRemove: ['A'], toCreate: [['B', 'A']], toUpdate: [] });
  });

  it('mirror [A, B, C, D] new [C, D, A, B] keeps [C, D], not [A, B]', () => {
    const d = computeChatCtxDiff(ctx(m('A'), m('B'), m('C'), m('D')), ctx(m('C'), m('D'), m('A'), m('B')));
    expect(d).toEqual({
      toRemove: ['A', 'B'],
      toCreate: [
        ['D', 'A'],
        ['A', 'B'],
      ],
      toUpdate: [],
    });
  });

  it('a strictly longer subsequence wins over the tie rule: mirror [A, B, C] new [C, A, B] keeps [A, B]', () => {
    const d = computeChatCtxDiff(ctx(m('A'), m('B'), m('C')), ctx(m('C'), m('A'), m('B')));
    expect(d).toEqual({ toRemove: ['C'], toCreate: [[null, 'C']], toUpdate: [] });
  });
});

describe('§6.1 event generation U1–U3', () => {
  it('U1 skips deleting mirror messages with empty content', () => {
    const mirror = ctx(new ChatMessage({ id: 'U', role: 'assistant', content: [] }), m('A'));
    expect(show(updateChatCtxOps(mirror, ctx(m('A'))))).toEqual([]);
  });

  it('U3 skips updating a mirror message with empty content even when the new text differs', () => {
    const mirror = ctx(new ChatMessage({ id: 'U', role: 'user', content: [] }));
    const next = ctx(m('U', 'now with text'));
    expect(computeChatCtxDiff(mirror, next).toUpdate).toEqual([[null, 'U']]);
    expect(updateChatCtxOps(mirror, next)).toEqual([]);
  });

  it('orders all deletes, then all creates, then the update pairs; prev advances over every new item', () => {
    const mirror = ctx(m('A'), m('B', 'old'), m('C'));
    const next = ctx(m('X'), m('A'), m('Y'), m('B', 'new'));
    expect(show(updateChatCtxOps(mirror, next))).toEqual([
      'delete C',
      'create X prev root',
      'create Y prev A',
      'delete B',
      'create B prev Y',
    ]);
  });

  it('compares text only: non-string parts and function-call arguments never cause updates', () => {
    const mirror = ctx(m('A', 'x'), new FunctionCall({ id: 'F', callId: 'c', name: 'f', args: '{}' }));
    const next = ctx(
      m('A', 'x', { type: 'image_content', image: 'data:image/png;base64,AA==' }),
      new FunctionCall({ id: 'F', callId: 'c', name: 'f', args: '{"changed":true}' }),
    );
    expect(updateChatCtxOps(mirror, next)).toEqual([]);
  });

  it('creates carry the item objects of the new context', () => {
    const y = m('Y');
    const [op] = updateChatCtxOps(ctx(), ctx(y));
    expect(op).toEqual({ kind: 'create', previousItemId: 'root', item: y });
    expect(op?.kind === 'create' && op.item).toBe(y);
  });

  it('accepts the RemoteChatContext mirror directly', () => {
    const mirror = new RemoteChatContext();
    for (const id of ['A', 'B']) mirror.insert(null, m(id));
    expect(show(updateChatCtxOps(mirror, ctx(m('B'), m('A'))))).toEqual(['delete A', 'create A prev B']);
  });

  it('§8.3 fix: a mirror filled by five null-previous echoes diffs clean against the local context', () => {
    const local = ctx(m('A'), m('B'), m('C'), m('D'), m('E'));
    const mirror = new RemoteChatContext();
    for (const item of local.items) mirror.insert(null, item);
    expect(updateChatCtxOps(mirror, local)).toEqual([]);
  });

  it('equal contexts give no ops', () => {
    expect(updateChatCtxOps(ctx(m('A'), m('B')), ctx(m('A'), m('B')))).toEqual([]);
  });
});
