import { describe, expect, it } from 'vitest';
import { encodePcm16 } from '../../../src/protocol/index.js';
import { speech } from '../driver.js';
import { c2s, conversationCreated, oneTurn, open, ping, s2c, sessionUpdate, sessionUpdated } from './recording.js';
import { useReplay } from './setup.js';

const t = useReplay();

const append = (): Record<string, string> => ({ type: 'input_audio_buffer.append', audio: encodePcm16(speech(100)) });

describe('at the end, recorded frames never used fail the replay (issue 5)', () => {
  it('client frames never sent are reported one by one, the server frames that waited for them together', async () => {
    const h = await t.replay(oneTurn());
    const c = await h.connect();
    c.send(sessionUpdate('a'));
    await h.advance(100);
    c.close();
    await h.run(c.waitClosed());
    // Reported when the connection ends, before the simulator closes.
    const issues = h.sim.replayIssues();
    expect(issues.map((i) => [i.kind, i.connection, i.transcriptLine, i.lastLine, i.frame])).toEqual([
      ['unused', 1, 5, undefined, 'conversation.item.create'],
      ['unused', 1, 6, undefined, 'response.create'],
      ['unused', 1, 7, 8, 'response.created'],
    ]);
    expect(issues[0]!.message).toBe('the client never sent the recorded conversation.item.create (live connection 1)');
    expect(issues[2]!.message).toBe(
      '2 recorded server frames (response.created, response.done), lines 7–8, never went out on live ' +
        'connection 1: they wait for the client frame at line 5 (conversation.item.create)',
    );
  });

  it('a run of missing audio appends is one report with its count and lines', async () => {
    const h = await t.replay([
      c2s(0, append()),
      c2s(100, append()),
      c2s(200, append()),
      c2s(300, { type: 'input_audio_buffer.commit' }),
    ]);
    const c = await h.connect();
    c.send(append());
    await h.advance(10);
    const issues = await t.issues();
    expect(issues.map((i) => [i.transcriptLine, i.lastLine, i.message])).toEqual([
      [4, 5, 'the client never sent 2 recorded input_audio_buffer.append frames, lines 4–5 (live connection 1)'],
      [6, undefined, 'the client never sent the recorded input_audio_buffer.commit (live connection 1)'],
    ]);
  });

  it('server frames not yet due when the connection ended are reported as such', async () => {
    const h = await t.replay([s2c(0, conversationCreated()), s2c(60_000, sessionUpdated('late'))]);
    await h.connect();
    await h.advance(1000);
    const [issue] = await t.issues();
    expect(issue).toMatchObject({ kind: 'unused', transcriptLine: 4, frame: 'session.updated' });
    expect(issue!.message).toBe(
      'the recorded session.updated never went out on live connection 1: the connection ended before it was due',
    );
  });

  it('background frames (ping, rate_limits.updated) may go unsent', async () => {
    const h = await t.replay(
      [
        s2c(0, conversationCreated()),
        s2c(30_000, ping(30_000)),
        s2c(60_000, { type: 'rate_limits.updated', event_id: 'event_rl', rate_limits: [] }),
      ],
      { checkTraffic: false },
    );
    await h.connect();
    await h.advance(1000);
    expect(await t.issues()).toEqual([]);
  });

  it('the background allowlist is configurable: an empty one reports an unsent ping', async () => {
    const h = await t.replay([s2c(0, conversationCreated()), s2c(30_000, ping(30_000))], { background: [] });
    await h.connect();
    await h.advance(1000);
    expect((await t.issues()).map((i) => [i.kind, i.transcriptLine, i.frame])).toEqual([['unused', 4, 'ping']]);
  });
});

describe('transcript replay: connections (issue 5)', () => {
  it('live connection n plays recorded connection n; one the recording lacks is reported, gets nothing', async () => {
    const h = await t.replay([s2c(0, conversationCreated())]);
    const first = await h.connect();
    const second = await h.connect();
    await h.advance(100);
    expect(first.types()).toEqual(['conversation.created']);
    expect(second.types()).toEqual([]);
    const issues = await t.issues();
    expect(issues).toEqual([
      expect.objectContaining({
        kind: 'unexpected',
        connection: 2,
        recordedConnection: 2,
        transcriptLine: null,
        frame: '(connection)',
      }),
    ]);
    expect(issues[0]!.message).toContain('live connection 2 has no recorded connection 2 to play');
  });

  it('a recorded connection no live connection played is reported when the simulator closes', async () => {
    const h = await t.replay([
      s2c(0, conversationCreated()),
      c2s(1, sessionUpdate('a')),
      open(2),
      s2c(0, conversationCreated(), 2),
      c2s(5, sessionUpdate('again'), 2),
    ]);
    const c = await h.connect();
    c.send(sessionUpdate('a'));
    await h.advance(10);
    expect(h.sim.replayIssues()).toEqual([]);
    const issues = await t.issues();
    expect(issues).toEqual([
      expect.objectContaining({
        kind: 'unused',
        connection: null,
        recordedConnection: 2,
        transcriptLine: 5,
        lastLine: 7,
        frame: '(connection)',
      }),
    ]);
    expect(issues[0]!.message).toBe(
      'recorded connection 2 (lines 5–7) was never played: the client opened only 1 connection',
    );
  });

  it('connection: 2 plays recorded connection 2 on the first live connection; connection 1 is not missed', async () => {
    const second = { ...conversationCreated(), event_id: 'event_of_conn_2' };
    const h = await t.replay([s2c(0, conversationCreated()), open(2), s2c(0, second, 2)], { connection: 2 });
    const c = await h.connect();
    expect(c.received).toEqual([second]);
    expect(await t.issues()).toEqual([]);
  });
});
