import { describe, expect, it } from 'vitest';
import { oneTurn, responseCreate, sessionUpdate, userItem } from './recording.js';
import { useReplay } from './setup.js';

const t = useReplay();

const conversation = oneTurn();

describe('lenient replay reports and goes on (issue 5)', () => {
  it('a skipped frame is reported, passed over, and the replay goes on to the end', async () => {
    const h = await t.replay(conversation, { mode: 'lenient' });
    const c = await h.connect();
    c.send(sessionUpdate('a'));
    c.send(responseCreate('response_create_live00000001'));
    await h.run(c.waitFor('response.done'));
    expect(c.events('response.created')[0]!.response.metadata).toEqual({
      client_event_id: 'response_create_live00000001',
    });
    const issues = await t.issues();
    expect(issues.map((i) => [i.kind, i.transcriptLine, i.nearMiss?.line])).toEqual([['unexpected', 5, 6]]);
  });

  it('an added frame is reported and ignored; the frames after it still match', async () => {
    const h = await t.replay(conversation, { mode: 'lenient' });
    const c = await h.connect();
    c.send(sessionUpdate('a'));
    c.send({ type: 'input_audio_buffer.clear' });
    c.send(userItem('item_live000000001', 'hi'));
    c.send(responseCreate('response_create_live00000001'));
    await h.run(c.waitFor('response.done'));
    const issues = await t.issues();
    expect(issues.map((i) => [i.kind, i.liveIndex, i.frame])).toEqual([['unexpected', 2, 'input_audio_buffer.clear']]);
  });

  it('a frame with a changed field is reported and taken as the frame it resembles', async () => {
    const h = await t.replay(conversation, { mode: 'lenient' });
    const c = await h.connect();
    c.send(sessionUpdate('b'));
    c.send(userItem('item_live000000001', 'hi'));
    c.send(responseCreate('response_create_live00000001'));
    await h.run(c.waitFor('response.done'));
    const issues = await t.issues();
    expect(issues.map((i) => [i.kind, i.transcriptLine, i.nearMiss?.fields])).toEqual([
      ['unexpected', 4, [{ path: 'session.instructions', expected: 'a', got: 'b' }]],
    ]);
  });

  it('reordered frames: the early one is taken (passing over the other), the late one is reported too', async () => {
    const h = await t.replay(conversation, { mode: 'lenient' });
    const c = await h.connect();
    c.send(sessionUpdate('a'));
    c.send(responseCreate('response_create_live00000001'));
    c.send(userItem('item_live000000001', 'hi'));
    await h.run(c.waitFor('response.done'));
    const issues = await t.issues();
    expect(issues.map((i) => [i.kind, i.liveIndex, i.transcriptLine])).toEqual([
      ['unexpected', 2, 5],
      ['unexpected', 3, 6],
    ]);
  });
});
