import { describe, expect, it } from 'vitest';
import {
  ChatMessage,
  FunctionCall,
  FunctionCallOutput,
  toWireItem,
  type ChatItem,
} from '../../src/client/chat/index.js';
import { rebaseQueued, stillQueued, type RebaseInput } from '../../src/client/rebase-queue.js';
import type { ClientEvent } from '../../src/protocol/index.js';

const msg = (id: string): ChatItem => new ChatMessage({ id, role: 'user', content: [id] });
const call = new FunctionCall({ id: 'call_item', callId: 'c1', name: 'lookup', args: '{}' });
const output = new FunctionCallOutput({ id: 'out', callId: 'c1', output: 'ok' });
const create = (item: ChatItem, previous: string | null | undefined): ClientEvent => ({
  type: 'conversation.item.create',
  ...(previous === undefined ? {} : { previous_item_id: previous }),
  item: toWireItem(item),
});
const input = (before: ChatItem[], kept: string[]): RebaseInput => ({
  before,
  kept,
  create: (item, previous) => create(item, previous),
});
/** Each event as `type item previous`, for short comparisons. */
const shape = (events: ClientEvent[]): string[] =>
  events.map((e) => {
    if (e.type === 'conversation.item.create') return `create ${String(e.item.id)} after ${String(e.previous_item_id)}`;
    if (e.type === 'conversation.item.delete' || e.type === 'conversation.item.truncate')
      return `${e.type.slice(18)} ${e.item_id}`;
    return e.type;
  });

describe('rebaseQueued: events left queued by an ended socket meet the burst conversation (§5.3, R2.7)', () => {
  it('re-creates the call the burst leaves out before a queued output chained after it', () => {
    const events = rebaseQueued(
      [create(output, 'call_item'), { type: 'response.create' }],
      input([msg('A'), call], ['A']),
    );
    expect(shape(events)).toEqual(['create call_item after A', 'create out after call_item', 'response.create']);
  });

  it('re-creates the call at the root when nothing before it was kept', () => {
    expect(shape(rebaseQueued([create(output, 'call_item')], input([call], [])))).toEqual([
      'create call_item after root',
      'create out after call_item',
    ]);
  });

  it('moves a create after a left-out item to the nearest earlier item the burst keeps', () => {
    const events = rebaseQueued([create(msg('B'), 'empty')], input([msg('A'), msg('empty'), msg('C')], ['A', 'C']));
    expect(shape(events)).toEqual(['create B after A']);
  });

  it('keeps an append chained after an unanswered create (in neither mirror) at the tail', () => {
    expect(shape(rebaseQueued([create(msg('C'), 'lost')], input([msg('A'), msg('B')], ['A', 'B'])))).toEqual([
      'create C after B',
    ]);
    expect(shape(rebaseQueued([create(msg('C'), 'lost')], input([], [])))).toEqual(['create C after root']);
  });

  it(
    'drops a delete of an item the burst leaves out and keeps one of a kept item, ' +
      'and drops every audio truncate (the burst re-creates text only)',
    () => {
      const events = rebaseQueued(
        [
          { type: 'conversation.item.delete', item_id: 'call_item' },
          { type: 'conversation.item.truncate', item_id: 'call_item', content_index: 0, audio_end_ms: 0 },
          { type: 'conversation.item.truncate', item_id: 'A', content_index: 0, audio_end_ms: 0 },
          { type: 'conversation.item.delete', item_id: 'A' },
        ],
        input([msg('A'), call], ['A']),
      );
      expect(shape(events)).toEqual(['delete A']);
    },
  );

  it('keeps a text-path delete and re-create of a kept item as they are, the same objects', () => {
    const queued = [
      { type: 'conversation.item.delete', item_id: 'A' } as ClientEvent,
      create(msg('A'), 'root'),
      create(msg('B'), 'A'),
    ];
    const events = rebaseQueued(queued, input([msg('A')], ['A']));
    expect(events).toEqual(queued);
    expect(events[1]).toBe(queued[1]);
  });

  it('follows items created earlier in the queue, so a later create may chain after them', () => {
    const events = rebaseQueued([create(msg('B'), 'A'), create(msg('C'), 'B')], input([msg('A')], ['A']));
    expect(shape(events)).toEqual(['create B after A', 'create C after B']);
  });
});

describe('stillQueued: the calls a socket end leaves pending (§8.8 fix)', () => {
  it('names the queued requests: event ids, created item ids, deleted item ids', () => {
    const q = stillQueued([
      { type: 'response.create', event_id: 'response_create_1' },
      { type: 'conversation.item.create', event_id: 'say_1', item: toWireItem(msg('B')) },
      { type: 'conversation.item.delete', item_id: 'A' },
      { type: 'input_audio_buffer.commit' },
    ]);
    expect([...q.eventIds]).toEqual(['response_create_1', 'say_1']);
    expect([...q.creates]).toEqual(['B']);
    expect([...q.deletes]).toEqual(['A']);
  });
});
