import { afterEach, describe, expect, it } from 'vitest';
import { encodePcm16 } from '../../src/protocol/index.js';
import { Harness, speech, userText } from './driver.js';
import { checkAllTraffic } from './traffic-check.js';

checkAllTraffic();

let h: Harness | undefined;
afterEach(async () => {
  if (!h) return;
  await h.stop();
  expect(h.clock.pendingTimers()).toBe(0);
  h = undefined;
});

function create(id: string, previous?: string | null): Record<string, unknown> {
  return {
    type: 'conversation.item.create',
    event_id: `create_${id}`,
    ...(previous !== undefined ? { previous_item_id: previous } : {}),
    item: { id, type: 'message', role: 'user', content: [{ type: 'input_text', text: id }] },
  };
}

describe('conversation items (reference §2.5–§2.7, §6.2)', () => {
  it('§6.2 keeps items linked: "root" puts one first, absent or null appends, an id inserts after it', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    c.send(create('a'));
    c.send(create('c', null));
    c.send(create('b', 'a'));
    c.send(create('z', 'root'));
    await h.run(c.waitFor('conversation.item.added', 4));
    expect(c.events('conversation.item.added').map((e) => [e.item.id, e.previous_item_id])).toEqual([
      ['a', null],
      ['c', 'a'],
      ['b', 'a'],
      ['z', null],
    ]);
    expect(h.sim.sessions()[0]!.items.map((i) => i.id)).toEqual(['z', 'a', 'b', 'c']);
  });

  it('§2.5 refuses an unknown previous_item_id with an error naming the create event', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    c.send(create('a', 'missing'));
    const e = await h.run(c.waitFor('error'));
    expect(e.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'item_not_found',
      param: 'previous_item_id',
      event_id: 'create_a',
    });
    expect(h.sim.sessions()[0]!.items).toEqual([]);
  });

  it('refuses a second item with the same id', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    c.send(create('a'));
    c.send(create('a'));
    const e = await h.run(c.waitFor('error'));
    expect(e.error).toMatchObject({ code: 'item_already_exists', event_id: 'create_a' });
  });

  it('mints an item id when the client gives none', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    c.send(userText('hello'));
    const added = await h.run(c.waitFor('conversation.item.added'));
    expect(added.item.id).toMatch(/^item_[0-9a-f]{12}$/);
  });

  it('§2.5 does not echo input_audio bytes, and keeps the transcript field', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    c.send({
      type: 'conversation.item.create',
      item: {
        id: 'u1',
        type: 'message',
        role: 'user',
        content: [{ type: 'input_audio', audio: encodePcm16(speech(500)), transcript: null }],
      },
    });
    const added = await h.run(c.waitFor('conversation.item.added'));
    expect(added.item.content).toEqual([{ type: 'input_audio', transcript: null }]);
  });

  it('§4.4 accepts function_call and function_call_output items', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    c.send({
      type: 'conversation.item.create',
      item: { id: 'f', type: 'function_call', call_id: 'call_1', name: 'lookup', arguments: '{}' },
    });
    c.send({
      type: 'conversation.item.create',
      previous_item_id: 'f',
      item: { id: 'o', type: 'function_call_output', call_id: 'call_1', output: '42' },
    });
    await h.run(c.waitFor('conversation.item.added', 2));
    expect(c.events('conversation.item.added')[1]).toMatchObject({
      previous_item_id: 'f',
      item: { type: 'function_call_output', output: '42', status: 'completed' },
    });
  });

  it('refuses an item type the service does not know', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    c.send({ type: 'conversation.item.create', event_id: 'x', item: { type: 'mcp_call', id: 'm' } });
    const e = await h.run(c.waitFor('error'));
    expect(e.error).toMatchObject({ code: 'invalid_value', param: 'item.type', event_id: 'x' });
  });

  it('§2.6 deletes an item and answers conversation.item.deleted; an unknown id is an error', async () => {
    h = await Harness.start({});
    const c = await h.connect();
    c.send(create('a'));
    c.send({ type: 'conversation.item.delete', item_id: 'a', event_id: 'chat_ctx_delete_1' });
    c.send({ type: 'conversation.item.delete', item_id: 'a', event_id: 'chat_ctx_delete_2' });
    await h.run(c.waitFor('error'));
    expect(c.events('conversation.item.deleted')).toEqual([expect.objectContaining({ item_id: 'a' })]);
    expect(c.events('error')[0]!.error).toMatchObject({
      code: 'item_not_found',
      param: 'item_id',
      event_id: 'chat_ctx_delete_2',
    });
  });

  it('§8.3 with xaiQuirks.nullPreviousItemId every added item carries previous_item_id null', async () => {
    h = await Harness.start({ server: { xaiQuirks: { nullPreviousItemId: true } } });
    const c = await h.connect();
    c.send(create('a'));
    c.send(create('b', 'a'));
    c.send({ type: 'response.create' });
    await h.run(c.waitFor('response.done'));
    expect(c.events('conversation.item.added').map((e) => e.previous_item_id)).toEqual([null, null, null]);
    expect(
      h.sim
        .sessions()[0]!
        .items.map((i) => i.id)
        .slice(0, 2),
    ).toEqual(['a', 'b']);
  });

  it('§8.4 with xaiQuirks.emptyDeletedItemId conversation.item.deleted carries an empty item_id', async () => {
    h = await Harness.start({ server: { xaiQuirks: { emptyDeletedItemId: true } } });
    const c = await h.connect();
    c.send(create('a'));
    c.send({ type: 'conversation.item.delete', item_id: 'a' });
    const deleted = await h.run(c.waitFor('conversation.item.deleted'));
    expect(deleted.item_id).toBe('');
    expect(h.sim.sessions()[0]!.items).toEqual([]);
  });
});

describe('conversation.item.truncate (reference §2.7, §4.5)', () => {
  async function replied(): Promise<{ c: Awaited<ReturnType<Harness['connect']>>; itemId: string }> {
    h = await Harness.start({
      server: { reply: { transcript: 'One two three.', audio: { tone: { hz: 440, ms: 1000 } } } },
    });
    const c = await h.connect();
    c.send({ type: 'response.create' });
    const done = await h.run(c.waitFor('response.done'));
    return { c, itemId: done.response.output[0].id };
  }

  it('§4.5 truncates an assistant audio item to what was played and answers conversation.item.truncated', async () => {
    const { c, itemId } = await replied();
    c.send({ type: 'conversation.item.truncate', item_id: itemId, content_index: 0, audio_end_ms: 400 });
    const t = await h!.run(c.waitFor('conversation.item.truncated'));
    expect(t).toMatchObject({ item_id: itemId, content_index: 0, audio_end_ms: 400 });
    // Truncating further back is fine, beyond what is left is not.
    c.send({ type: 'conversation.item.truncate', item_id: itemId, content_index: 0, audio_end_ms: 0 });
    c.send({
      type: 'conversation.item.truncate',
      item_id: itemId,
      content_index: 0,
      audio_end_ms: 200,
      event_id: 'late',
    });
    const e = await h!.run(c.waitFor('error'));
    expect(e.error).toMatchObject({ code: 'invalid_value', param: 'audio_end_ms', event_id: 'late' });
    expect(c.events('conversation.item.truncated')).toHaveLength(2);
  });

  it('refuses audio_end_ms beyond the audio, an unknown item, a user item and a missing audio part', async () => {
    const { c, itemId } = await replied();
    c.send(create('u'));
    c.send({ type: 'conversation.item.truncate', item_id: itemId, content_index: 0, audio_end_ms: 1001 });
    c.send({ type: 'conversation.item.truncate', item_id: 'nope', content_index: 0, audio_end_ms: 0 });
    c.send({ type: 'conversation.item.truncate', item_id: 'u', content_index: 0, audio_end_ms: 0 });
    c.send({ type: 'conversation.item.truncate', item_id: itemId, content_index: 3, audio_end_ms: 0 });
    await h!.run(c.waitFor('error', 4));
    expect(c.events('error').map((e) => [e.error.code, e.error.param])).toEqual([
      ['invalid_value', 'audio_end_ms'],
      ['item_not_found', 'item_id'],
      ['invalid_value', 'item_id'],
      ['invalid_value', 'content_index'],
    ]);
  });
});
