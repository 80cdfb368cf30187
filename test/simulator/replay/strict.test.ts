import { describe, expect, it } from 'vitest';
import { c2s, oneTurn, responseCreate, sessionUpdate, userItem } from './recording.js';
import { useReplay } from './setup.js';

const t = useReplay();

// Lines: 3 conversation.created, 4 session.update, 5 conversation.item.create, 6 response.create,
// 7 response.created, 8 response.done.
const conversation = oneTurn();

describe('strict replay catches a client that strays from the recording (issue 5)', () => {
  it('a skipped frame: the next frame matches a later line; the report names the line that was expected', async () => {
    const h = await t.replay(conversation);
    const c = await h.connect();
    c.send(sessionUpdate('a'));
    c.send(responseCreate('response_create_live00000001'));
    await h.advance(1000);
    expect(c.types()).toEqual(['conversation.created']);
    const issues = await t.issues();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      kind: 'unexpected',
      connection: 1,
      recordedConnection: 1,
      liveIndex: 2,
      transcriptLine: 5,
      frame: 'response.create',
      nearMiss: { line: 6, type: 'response.create', fields: [] },
    });
    expect(issues[0]!.message).toBe(
      'client frame #2 (response.create) matches line 6, but the recording has line 5 ' +
        '(conversation.item.create) first: the client skipped or reordered frames',
    );
    expect(issues[0]!.file).toMatch(/\.rtsim\.jsonl$/);
  });

  it('reordered frames: the first one out of place is reported and the replay of that connection stops', async () => {
    const h = await t.replay(conversation);
    const c = await h.connect();
    c.send(sessionUpdate('a'));
    c.send(responseCreate('response_create_live00000001'));
    c.send(userItem('item_live000000001', 'hi'));
    await h.advance(1000);
    expect(c.types()).toEqual(['conversation.created']);
    // The socket stays open until the client closes it, so the run ends cleanly.
    expect(c.closed).toBeUndefined();
    const issues = await t.issues();
    // After the stop nothing more is reported: what follows is a consequence.
    expect(issues.map((i) => [i.kind, i.liveIndex, i.transcriptLine, i.nearMiss?.line])).toEqual([
      ['unexpected', 2, 5, 6],
    ]);
  });

  it('an added frame the recording does not have: the near miss is the expected frame, differing in type', async () => {
    const h = await t.replay(conversation);
    const c = await h.connect();
    c.send(sessionUpdate('a'));
    c.send({ type: 'input_audio_buffer.clear' });
    await h.advance(10);
    const [issue] = await t.issues();
    expect(issue).toMatchObject({
      kind: 'unexpected',
      liveIndex: 2,
      transcriptLine: 5,
      frame: 'input_audio_buffer.clear',
      nearMiss: {
        line: 5,
        type: 'conversation.item.create',
        fields: [{ path: 'type', expected: 'conversation.item.create', got: 'input_audio_buffer.clear' }],
      },
    });
    expect(issue!.message).toBe(
      'client frame #2 (input_audio_buffer.clear) is not in the ' +
        'recording here: expected line 5 (conversation.item.create)',
    );
  });

  it('an added frame of a matched type: the near miss is the closest recorded one, with what differs', async () => {
    const h = await t.replay(conversation);
    const c = await h.connect();
    c.send(sessionUpdate('a'));
    c.send(userItem('item_live000000001', 'hi'));
    c.send(userItem('item_live000000002', 'hello'));
    await h.advance(10);
    const [issue] = await t.issues();
    expect(issue).toMatchObject({
      liveIndex: 3,
      transcriptLine: 6,
      frame: 'conversation.item.create',
      nearMiss: { line: 5 },
    });
    expect(issue!.nearMiss!.fields).toEqual([
      { path: 'item.id', expected: 'item_live000000001', got: 'item_live000000002' },
      { path: 'item.content[0].text', expected: 'hi', got: 'hello' },
    ]);
    expect(issue!.message).toBe(
      'client frame #3 (conversation.item.create) is not in the recording here: expected line 6 ' +
        '(response.create); the closest recorded conversation.item.create is line 5, already matched: ' +
        'item.id: expected "item_live000000001", got "item_live000000002"; ' +
        'item.content[0].text: expected "hi", got "hello"',
    );
  });

  it('a changed field further ahead: it matches no recorded frame; the report names the closest', async () => {
    const h = await t.replay(conversation);
    const c = await h.connect();
    c.send(sessionUpdate('a'));
    c.send({ type: 'response.create', response: { instructions: 'louder' } });
    await h.advance(10);
    const [issue] = await t.issues();
    expect(issue).toMatchObject({ liveIndex: 2, transcriptLine: 5, nearMiss: { line: 6, type: 'response.create' } });
    expect(issue!.nearMiss!.fields.map((f) => f.path)).toEqual(['response.metadata', 'response.instructions']);
    expect(issue!.message).toMatch(
      new RegExp(
        String.raw`^client frame #2 \(response\.create\) matches no recorded frame: ` +
          String.raw`expected line 5 \(conversation\.item\.create\); closest is line 6: `,
      ),
    );
  });

  it('a changed field in the expected frame: the report gives the path, the recorded and the live value', async () => {
    const h = await t.replay(conversation);
    const c = await h.connect();
    c.send(sessionUpdate('b'));
    await h.advance(10);
    const [issue] = await t.issues();
    expect(issue).toMatchObject({
      liveIndex: 1,
      transcriptLine: 4,
      nearMiss: {
        line: 4,
        type: 'session.update',
        fields: [{ path: 'session.instructions', expected: 'a', got: 'b' }],
      },
    });
    expect(issue!.message).toBe(
      'client frame #1 (session.update) does not match line 4 ' +
        '(session.update): session.instructions: expected "a", got "b"',
    );
  });

  it('a frame after every recorded client frame was matched is reported against the last one', async () => {
    const h = await t.replay([c2s(0, sessionUpdate('a'))]);
    const c = await h.connect();
    c.send(sessionUpdate('a'));
    c.send(sessionUpdate('a'));
    await h.advance(10);
    const [issue] = await t.issues();
    expect(issue).toMatchObject({ kind: 'unexpected', liveIndex: 2, transcriptLine: 3 });
    expect(issue!.message).toContain('every recorded client frame of connection 1 was already matched');
  });
});
