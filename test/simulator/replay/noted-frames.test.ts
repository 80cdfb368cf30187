import { describe, expect, it } from 'vitest';
import type { TranscriptRecord } from '../../../src/transcript/index.js';
import { oneTurn, responseCreate, sessionUpdate, userItem } from './recording.js';
import { useReplay } from './setup.js';

const t = useReplay();

/** What the recorder writes for a frame over MAX_FRAME_BYTES: its kind and size, and why. */
const omitted = (t: number, dir: 'c2s' | 's2c', binary: boolean): TranscriptRecord => ({
  t,
  conn: 1,
  dir,
  omitted: { binary, bytes: 20_000_000 },
  note: "not stored: a 20000000-byte text frame, over the protocol's frame limit of 15728640 bytes (MAX_FRAME_BYTES)",
});

describe("replaying a recording that holds the recorder's notes (issue 11)", () => {
  it('omitted frames, both ways, are left out of the plan and the rest replays without an issue', async () => {
    const [created, update, item, create, ...rest] = oneTurn();
    const h = await t.replay([
      created!,
      update!,
      omitted(12, 'c2s', false),
      omitted(14, 's2c', true),
      item!,
      create!,
      ...rest,
    ]);
    const c = await h.connect();
    c.send(sessionUpdate('a'));
    c.send(userItem('item_live000000001', 'hi'));
    c.send(responseCreate('response_create_live00000001'));
    await h.run(c.waitFor('response.done'));
    expect(c.types()).toEqual(['conversation.created', 'response.created', 'response.done']);
    expect(await t.issues()).toEqual([]);
  });
});
