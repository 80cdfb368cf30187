import { describe, expect, it } from 'vitest';
import { encodePcm16 } from '../../../src/protocol/index.js';
import { speech } from '../driver.js';
import {
  c2s,
  conversationCreated,
  itemAdded,
  ping,
  responseCreate,
  responseCreated,
  responseDone,
  s2c,
  sessionUpdate,
  sessionUpdated,
  userItem,
} from './recording.js';
import { useReplay } from './setup.js';

const t = useReplay();

const append = (ms: number): Record<string, string> => ({
  type: 'input_audio_buffer.append',
  audio: encodePcm16(speech(ms)),
});

describe('transcript replay: ids the client sees come from the transcript (issue 5)', () => {
  const textTurn = [
    c2s(0, userItem('item_rec0000000001', 'hi')),
    s2c(1, itemAdded('item_rec0000000001', 'hi')),
    c2s(2, responseCreate('response_create_rec000000001')),
    s2c(3, responseCreated('response_create_rec000000001')),
    s2c(4, responseDone()),
  ];

  it('learns the ids the client minted from its matching frames and rewrites later server frames', async () => {
    const h = await t.replay(textTurn);
    const c = await h.connect();
    c.send(userItem('item_live000000001', 'hi'));
    c.send(responseCreate('response_create_live00000001'));
    await h.run(c.waitFor('response.done'));
    expect(c.events('conversation.item.added')[0]!.item.id).toBe('item_live000000001');
    const created = c.events('response.created')[0]!;
    expect(created.response.metadata).toEqual({ client_event_id: 'response_create_live00000001' });
    // Ids the recorded server minted go out as recorded.
    expect(created.response.id).toBe('resp_00000000000c');
    expect(created.event_id).toBe('event_000000000005');
    expect(await t.issues()).toEqual([]);
  });

  it('ids the recorded server minted stand for themselves: a client naming another item is caught', async () => {
    const h = await t.replay([
      s2c(0, {
        type: 'input_audio_buffer.speech_started',
        event_id: 'event_000000000001',
        item_id: 'item_srv0000000001',
        audio_start_ms: 100,
      }),
      c2s(900, {
        type: 'conversation.item.truncate',
        event_id: 'event_client_1',
        item_id: 'item_srv0000000001',
        content_index: 0,
        audio_end_ms: 800,
      }),
    ]);
    const c = await h.connect();
    c.send({ type: 'conversation.item.truncate', item_id: 'item_other00000001', content_index: 0, audio_end_ms: 800 });
    await h.advance(10);
    const [issue] = await t.issues();
    expect(issue).toMatchObject({
      kind: 'unexpected',
      transcriptLine: 4,
      nearMiss: { line: 4, fields: [{ path: 'item_id', expected: 'item_srv0000000001', got: 'item_other00000001' }] },
    });
  });
});

describe('transcript replay: how client frames are matched (issue 5)', () => {
  it('ignores event_id and time-like numbers (truncate audio_end_ms), and compares the rest', async () => {
    const h = await t.replay([
      s2c(0, {
        type: 'input_audio_buffer.speech_started',
        event_id: 'event_000000000001',
        item_id: 'item_srv0000000001',
        audio_start_ms: 100,
      }),
      c2s(900, {
        type: 'conversation.item.truncate',
        event_id: 'event_recorded_1',
        item_id: 'item_srv0000000001',
        content_index: 0,
        audio_end_ms: 800,
      }),
      s2c(901, {
        type: 'conversation.item.truncated',
        event_id: 'event_000000000002',
        item_id: 'item_srv0000000001',
        content_index: 0,
        audio_end_ms: 800,
      }),
    ]);
    const c = await h.connect();
    c.send({
      type: 'conversation.item.truncate',
      event_id: 'event_live_77',
      item_id: 'item_srv0000000001',
      content_index: 0,
      audio_end_ms: 640,
    });
    await h.run(c.waitFor('conversation.item.truncated'));
    expect(await t.issues()).toEqual([]);
  });

  it('counts input audio appends one for one whatever their bytes, and compares other audio by length', async () => {
    const recordedAudio = encodePcm16(speech(100));
    const h = await t.replay([
      c2s(0, append(100)),
      c2s(100, append(100)),
      c2s(200, append(100)),
      c2s(300, {
        type: 'conversation.item.create',
        item: { type: 'message', role: 'user', content: [{ type: 'input_audio', audio: recordedAudio }] },
      }),
      s2c(301, ping(301)),
    ]);
    const c = await h.connect();
    c.send(append(20));
    c.send(append(40));
    c.send(append(100));
    c.send({
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', content: [{ type: 'input_audio', audio: encodePcm16(speech(50)) }] },
    });
    await h.advance(10);
    const [issue] = await t.issues();
    expect(issue).toMatchObject({
      kind: 'unexpected',
      liveIndex: 4,
      transcriptLine: 6,
      nearMiss: {
        line: 6,
        fields: [{ path: 'item.content[0].audio', expected: { bytes: 4800 }, got: { bytes: 2400 } }],
      },
    });
  });

  it('leaves out the configured ignore paths (session.instructions here)', async () => {
    const h = await t.replay([c2s(0, sessionUpdate('recorded words')), s2c(1, sessionUpdated('recorded words'))], {
      ignore: ['session.instructions'],
    });
    const c = await h.connect();
    c.send(sessionUpdate('other words'));
    await h.run(c.waitFor('session.updated'));
    expect(await t.issues()).toEqual([]);
  });

  it('an ignore path with * or a name under a list covers every element', async () => {
    const withText = (text: string): Record<string, unknown> => ({
      type: 'conversation.item.create',
      item: {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text },
          { type: 'input_text', text },
        ],
      },
    });
    const h = await t.replay([c2s(0, withText('a') as never), c2s(1, withText('a') as never), s2c(2, ping(2))], {
      ignore: ['item.content.text'],
    });
    const c = await h.connect();
    c.send(withText('b'));
    c.send(withText('c'));
    await h.run(c.waitFor('ping'));
    expect(await t.issues()).toEqual([]);
  });

  it('frames that were not JSON are matched and replayed as exact text', async () => {
    const h = await t.replay([c2s(0, 'hello?'), s2c(5, 'not json either')], { checkTraffic: false });
    const c = await h.connect();
    c.send('hello?');
    await h.run(c.until(() => c.texts.length > 0));
    expect(c.texts).toEqual(['not json either']);
    expect(h.clock.now()).toBe(5);
    expect(await t.issues()).toEqual([]);
  });

  it('a recorded conversation the client follows exactly replays with no issue at all', async () => {
    const h = await t.replay([
      s2c(0, conversationCreated()),
      c2s(3, sessionUpdate('Be brief.')),
      s2c(4, sessionUpdated('Be brief.')),
      c2s(10, userItem('item_rec0000000001', 'hi')),
      s2c(11, itemAdded('item_rec0000000001', 'hi')),
      c2s(12, responseCreate('response_create_rec000000001')),
      s2c(13, responseCreated('response_create_rec000000001')),
      s2c(900, responseDone()),
      { t: 1000, conn: 1, kind: 'close', code: 1000, reason: '', by: 'client' },
    ]);
    const c = await h.connect();
    c.send(sessionUpdate('Be brief.'));
    c.send(userItem('item_live000000001', 'hi'));
    c.send(responseCreate('response_create_live00000001'));
    await h.run(c.waitFor('response.done'));
    expect(c.types()).toEqual([
      'conversation.created',
      'session.updated',
      'conversation.item.added',
      'response.created',
      'response.done',
    ]);
    // Each answer keeps its 1 ms gap from the client frames that all came at 0; response.done keeps
    // its 887 ms from response.created.
    expect(c.timesOf('session.updated')).toEqual([1]);
    expect(c.timesOf('response.created')).toEqual([1]);
    expect(c.timesOf('response.done')).toEqual([888]);
    c.close();
    await h.run(c.waitClosed());
    expect(await t.issues()).toEqual([]);
  });
});
