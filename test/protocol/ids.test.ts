import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/clock/index.js';
import {
  UUID_PATTERN,
  createIdSource,
  createSequentialIdSource,
  createUuidIdSource,
  looksLikeId,
} from '../../src/protocol/index.js';

describe('id sources', () => {
  it('§2 ids are the prefix plus 12 lowercase hex characters', () => {
    const ids = createIdSource(createRandom(7));
    for (const prefix of ['item_', 'response_create_', 'chat_ctx_create_', 'session_update_', 'event_']) {
      const id = ids.next(prefix);
      expect(id).toMatch(new RegExp(`^${prefix}[0-9a-f]{12}$`));
      expect(looksLikeId(id)).toBe(true);
    }
  });

  it('the same seed gives the same ids; another seed gives others', () => {
    const draw = (seed: number): string[] => {
      const ids = createIdSource(createRandom(seed));
      return Array.from({ length: 5 }, () => ids.next('item_'));
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(new Set(draw(42)).size).toBe(5);
  });

  it('the sequential source counts per prefix in zero-padded hex', () => {
    const ids = createSequentialIdSource();
    expect(ids.next('item_')).toBe('item_000000000001');
    expect(ids.next('event_')).toBe('event_000000000001');
    expect(ids.next('item_')).toBe('item_000000000002');
    for (let i = 0; i < 13; i++) ids.next('item_');
    expect(ids.next('item_')).toBe('item_000000000010');
    expect(ids.next('item_')).toMatch(/^item_[0-9a-f]{12}$/);
  });

  it('the UUID source makes plain version-4 UUIDs, whatever the prefix, the same for the same seed', () => {
    const draw = (seed: number): string[] => {
      const ids = createUuidIdSource(createRandom(seed));
      return ['item_', 'resp_', 'event_', 'item_'].map((p) => ids.next(p));
    };
    for (const id of draw(5)) {
      expect(id).toMatch(UUID_PATTERN);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(draw(5)).toEqual(draw(5));
    expect(draw(5)).not.toEqual(draw(6));
    expect(new Set(draw(5)).size).toBe(4);
  });
});
