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

async function spokenItem(refuseTruncate: boolean) {
  h = await Harness.start({
    server: { refuseTruncate, reply: { transcript: 'Hello there.', audio: { tone: { hz: 220, ms: 1000 } } } },
  });
  const c = await h.connect();
  c.send({ type: 'response.create' });
  const done = await h.run(c.waitFor('response.done'));
  return { c, itemId: done.response.output[0].id as string };
}

describe('server.refuseTruncate', () => {
  it('answers a truncate inside the audio with the invalid_request_error OpenAI sends past the end', async () => {
    const { c, itemId } = await spokenItem(true);
    c.send({
      type: 'conversation.item.truncate',
      event_id: 'evt_t',
      item_id: itemId,
      content_index: 0,
      audio_end_ms: 400,
    });
    const e = await h!.run(c.waitFor('error'));
    expect(e.error).toEqual({
      type: 'invalid_request_error',
      code: null,
      message: 'Audio content of 0ms is already shorter than 400ms',
      param: null,
      event_id: null,
    });
    expect(c.events('conversation.item.truncated')).toHaveLength(0);
  });

  it('sends nothing but the error: no truncated event, no item change', async () => {
    const { c, itemId } = await spokenItem(true);
    const before = c.types().length;
    c.send({ type: 'conversation.item.truncate', item_id: itemId, content_index: 0, audio_end_ms: 1000 });
    await h!.run(c.waitFor('error'));
    await h!.advance(1000);
    expect(c.types().slice(before)).toEqual(['error']);
  });

  it('without the setting, the same truncate is applied', async () => {
    const { c, itemId } = await spokenItem(false);
    c.send({ type: 'conversation.item.truncate', item_id: itemId, content_index: 0, audio_end_ms: 400 });
    const t = await h!.run(c.waitFor('conversation.item.truncated'));
    expect(t.audio_end_ms).toBe(400);
  });

  it('still answers an unknown item with item_not_found', async () => {
    const { c } = await spokenItem(true);
    c.send({ type: 'conversation.item.truncate', item_id: 'item_nope', content_index: 0, audio_end_ms: 400 });
    const e = await h!.run(c.waitFor('error'));
    expect(e.error.code).toBe('item_not_found');
  });
});
