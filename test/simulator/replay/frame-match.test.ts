import { describe, expect, it } from 'vitest';
import { compareFrames } from '../../../src/simulator/replay/frame-match.js';
import { IdMap } from '../../../src/simulator/replay/id-map.js';
import { isIgnored, parseIgnorePath } from '../../../src/simulator/replay/ignore-paths.js';

describe('replay matching of one frame (issue 5)', () => {
  it('reports each differing leaf with its path, absent fields as undefined', () => {
    const ids = new IdMap();
    const { differences } = compareFrames(
      { type: 'session.update', session: { instructions: 'a', tools: [{ name: 'x' }] } },
      { type: 'session.update', session: { tools: [{ name: 'x' }, { name: 'y' }], voice: 'eve' } },
      ids,
      [],
    );
    expect(differences).toEqual([
      { path: 'session.instructions', expected: 'a', got: undefined },
      { path: 'session.tools[1]', expected: undefined, got: { name: 'y' } },
      { path: 'session.voice', expected: undefined, got: 'eve' },
    ]);
  });

  it('ids map one to one: a recorded id learned for one live id cannot stand for another', () => {
    const ids = new IdMap();
    const first = compareFrames(
      { item: { id: 'item_rec0000000001' } },
      { item: { id: 'item_live000000001' } },
      ids,
      [],
    );
    expect(first.differences).toEqual([]);
    ids.commit(first.pending);
    expect(
      compareFrames({ item_id: 'item_rec0000000001' }, { item_id: 'item_live000000001' }, ids, []).differences,
    ).toEqual([]);
    expect(
      compareFrames({ item_id: 'item_rec0000000001' }, { item_id: 'item_live000000002' }, ids, []).differences,
    ).toEqual([{ path: 'item_id', expected: 'item_live000000001', got: 'item_live000000002' }]);
    // A new recorded id cannot take a live id already taken.
    expect(
      compareFrames({ item_id: 'item_rec0000000002' }, { item_id: 'item_live000000001' }, ids, []).differences,
    ).toHaveLength(1);
    // "root" is not an id: it must be the same.
    expect(
      compareFrames({ previous_item_id: 'root' }, { previous_item_id: 'item_live000000001' }, ids, []).differences,
    ).toHaveLength(1);
  });

  it('ids learned from a frame that did not match are forgotten', () => {
    const ids = new IdMap();
    compareFrames(
      { item: { id: 'item_rec0000000001', text: 'a' } },
      { item: { id: 'item_live000000001', text: 'b' } },
      ids,
      [],
    );
    expect(ids.live('item_rec0000000001')).toBeUndefined();
  });

  it('ignore paths: names, * and numbers; a name under a list applies to each element', () => {
    const paths = ['session.instructions', 'item.content.text', 'a.*.b', 'list.1'].map(parseIgnorePath);
    expect(isIgnored(paths, ['session', 'instructions'])).toBe(true);
    expect(isIgnored(paths, ['session', 'voice'])).toBe(false);
    expect(isIgnored(paths, ['item', 'content', 3, 'text'])).toBe(true);
    expect(isIgnored(paths, ['a', 'x', 'b'])).toBe(true);
    expect(isIgnored(paths, ['a', 0, 'b'])).toBe(true);
    expect(isIgnored(paths, ['list', 1])).toBe(true);
    expect(isIgnored(paths, ['list', 0])).toBe(false);
  });
});
