import { afterEach, describe, expect, it } from 'vitest';
import { Harness, userText } from './driver.js';
import { checkAllTraffic } from './traffic-check.js';

checkAllTraffic();

let h: Harness | undefined;
afterEach(async () => {
  if (!h) return;
  await h.stop();
  expect(h.clock.pendingTimers()).toBe(0);
  h = undefined;
});

const resume = { type: 'session.update', session: { resumption: { enabled: true } } };

/** A first connection with resumption on, one user item and one reply; returns the conversation id. */
async function firstConnection(harness: Harness): Promise<{ conversationId: string; itemIds: string[] }> {
  const c = await harness.connect();
  c.send(resume);
  c.send(userText('Remember the number 7.', { previous_item_id: 'root' }));
  c.send({ type: 'response.create' });
  const done = await harness.run(c.waitFor('response.done'));
  const conversationId = c.events('conversation.created')[0]!.conversation.id as string;
  const userId = c.events('conversation.item.added')[0]!.item.id as string;
  c.close();
  await harness.run(c.waitClosed());
  await harness.advance(0);
  return { conversationId, itemIds: [userId, done.response.output[0].id] };
}

describe('session resumption (reference §1.9, xAI docs)', () => {
  it('§1.9 replays the earlier items in order right after session.updated when the new session resumes', async () => {
    h = await Harness.start({});
    const { conversationId, itemIds } = await firstConnection(h);
    const c = await h.connect({ query: `model=grok-voice-latest&conversation_id=${conversationId}` });
    expect(c.events('conversation.created')[0]!.conversation.id).toBe(conversationId);
    c.send(resume);
    c.send(userText('What was the number?'));
    await h.run(c.waitFor('conversation.item.added', 3));
    expect(c.types()).toEqual([
      'conversation.created',
      'session.updated',
      'conversation.item.added',
      'conversation.item.added',
      'conversation.item.added',
    ]);
    const added = c.events('conversation.item.added');
    expect(added.map((e) => e.item.id).slice(0, 2)).toEqual(itemIds);
    expect(added.map((e) => e.previous_item_id)).toEqual([null, itemIds[0], itemIds[1]]);
    expect(added[1]!.item.content[0].transcript).toBe('Hello! How can I help?');
    expect(h.sim.sessions()[1]!.items).toHaveLength(3);
  });

  it('replays nothing unless the resuming session opts in as well', async () => {
    h = await Harness.start({});
    const { conversationId } = await firstConnection(h);
    const c = await h.connect({ query: `conversation_id=${conversationId}` });
    c.send({ type: 'session.update', session: { instructions: 'x' } });
    await h.run(c.waitFor('session.updated'));
    await h.advance(10);
    expect(c.types()).toEqual(['conversation.created', 'session.updated']);
    expect(h.sim.sessions()[1]!.items).toEqual([]);
  });

  it('keeps nothing when the first session did not enable resumption', async () => {
    h = await Harness.start({});
    const c1 = await h.connect();
    c1.send(userText('hi'));
    await h.run(c1.waitFor('conversation.item.added'));
    const id = c1.events('conversation.created')[0]!.conversation.id as string;
    c1.close();
    await h.run(c1.waitClosed());
    await h.advance(0);
    const c2 = await h.connect({ query: `conversation_id=${id}` });
    expect(c2.events('conversation.created')[0]!.conversation.id).not.toBe(id);
  });

  it('drops kept history after server.resumption.ttlMs of inactivity (30 minutes by default)', async () => {
    h = await Harness.start({ server: { lifetimeMs: null, resumption: { ttlMs: 60_000 } } });
    const { conversationId } = await firstConnection(h);
    await h.advance(60_001);
    const c = await h.connect({ query: `conversation_id=${conversationId}` });
    c.send(resume);
    await h.run(c.waitFor('session.updated'));
    expect(c.events('conversation.created')[0]!.conversation.id).not.toBe(conversationId);
    expect(c.events('conversation.item.added')).toEqual([]);
  });
});
