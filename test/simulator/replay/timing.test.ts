import { describe, expect, it } from 'vitest';
import { c2s, conversationCreated, ping, s2c, sessionUpdate, sessionUpdated } from './recording.js';
import { useReplay } from './setup.js';

const t = useReplay();

describe('transcript replay: when recorded server frames go out (issue 5)', () => {
  const greetingThenAnswer = [
    s2c(0, conversationCreated()),
    c2s(10, sessionUpdate('a')),
    s2c(12, sessionUpdated('a')),
    s2c(1012, ping(1012)),
  ];

  it('sends what the server sent on connect at once, then each frame its gap after the frame it awaited', async () => {
    const h = await t.replay(greetingThenAnswer);
    const c = await h.connect();
    expect(c.types()).toEqual(['conversation.created']);
    expect(c.timesOf('conversation.created')).toEqual([0]);
    await h.advance(500);
    c.send(sessionUpdate('a'));
    await h.run(c.waitFor('ping'));
    expect(c.timesOf('session.updated')).toEqual([502]);
    expect(c.timesOf('ping')).toEqual([1502]);
    // Frames go out verbatim: the recorded event ids and timestamp.
    expect(c.received).toEqual([conversationCreated(), sessionUpdated('a'), ping(1012)]);
    expect(await t.issues()).toEqual([]);
  });

  it('speed 2 halves every recorded gap', async () => {
    const h = await t.replay(greetingThenAnswer, { speed: 2 });
    const c = await h.connect();
    await h.advance(500);
    c.send(sessionUpdate('a'));
    await h.run(c.waitFor('ping'));
    expect(c.timesOf('session.updated')).toEqual([501]);
    expect(c.timesOf('ping')).toEqual([1001]);
  });

  it('a recorded server frame waits for every client frame recorded before it, however long that takes', async () => {
    const h = await t.replay(greetingThenAnswer);
    const c = await h.connect();
    await h.advance(60_000);
    expect(c.types()).toEqual(['conversation.created']);
    c.send(sessionUpdate('a'));
    await h.run(c.waitFor('session.updated'));
    expect(c.timesOf('session.updated')).toEqual([60_002]);
  });

  it('client frames may run ahead: matched in order, each send keeps its gap from the later anchor', async () => {
    const h = await t.replay([
      c2s(0, sessionUpdate('a')),
      s2c(100, sessionUpdated('a', 2)),
      c2s(200, sessionUpdate('b')),
      s2c(300, sessionUpdated('b', 3)),
      s2c(400, ping(400)),
    ]);
    const c = await h.connect();
    c.send(sessionUpdate('a'));
    c.send(sessionUpdate('b'));
    await h.run(c.waitFor('ping'));
    // The second answer is due 100 ms after its client frame (live 0), but never before the first answer.
    expect(c.timesOf('session.updated')).toEqual([100, 100]);
    expect(c.timesOf('ping')).toEqual([200]);
    expect(await t.issues()).toEqual([]);
  });

  it('wire faults of the server block still apply on top of the replay', async () => {
    const h = await t.replay(greetingThenAnswer, { server: { latency: { ms: 50 } } });
    const c = await h.connect();
    expect(c.types()).toEqual([]);
    await h.run(c.waitFor('conversation.created'));
    expect(c.timesOf('conversation.created')).toEqual([50]);
  });

  it('script rules still apply: a hung client frame never reaches the player, so its answer goes unused', async () => {
    const h = await t.replay(greetingThenAnswer, {
      script: [{ when: { connect: true }, do: [{ hang: { event: 'session.update' } }] }],
    });
    const c = await h.connect();
    c.send(sessionUpdate('a'));
    await h.advance(5000);
    expect(c.types()).toEqual(['conversation.created']);
    const issues = await t.issues();
    expect(issues.map((i) => [i.kind, i.transcriptLine, i.frame])).toEqual([
      ['unused', 4, 'session.update'],
      ['unused', 5, 'session.updated'],
    ]);
  });

  it('a server close in the recording is replayed with its code and reason, after its gap', async () => {
    const h = await t.replay([
      s2c(0, conversationCreated()),
      c2s(10, sessionUpdate('a')),
      { t: 110, conn: 1, kind: 'close', code: 4000, reason: 'bye', by: 'server' },
    ]);
    const c = await h.connect();
    await h.advance(20);
    c.send(sessionUpdate('a'));
    await h.run(c.waitClosed());
    expect(c.closed).toMatchObject({ code: 4000, reason: 'bye' });
    expect(h.clock.now()).toBe(120);
    expect(await t.issues()).toEqual([]);
  });

  it('a refused upstream handshake in the recording replays as the close the client saw (4000 + status)', async () => {
    const h = await t.replay([
      {
        t: 1,
        conn: 1,
        kind: 'close',
        code: 4429,
        reason: 'upstream refused the handshake: HTTP 429',
        by: 'upstream-refused',
        status: 429,
      },
    ]);
    const c = await h.connect();
    await h.run(c.waitClosed());
    expect(c.closed).toMatchObject({ code: 4429, reason: 'upstream refused the handshake: HTTP 429' });
  });
});
