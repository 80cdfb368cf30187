import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/index.js';
import { ResumptionStore } from '../../src/simulator/resumption.js';

const conversation = (endedAt: number) => ({ items: [], audio: new Map<string, number>(), endedAt });

describe('ResumptionStore', () => {
  it('forgets expired conversations when another is saved: a long serve keeps only the last ttl window', async () => {
    const clock = new VirtualClock();
    const store = new ResumptionStore(clock, 1000);
    for (let i = 0; i < 100; i++) {
      store.save(`conv_${i}`, conversation(clock.now()));
      await clock.advance(100);
    }
    // Saved every 100 ms with a 1 s ttl: the last save pruned everything older than 1 s.
    expect(store.size).toBe(11);
    expect(store.take('conv_95')).toBeDefined();
    expect(store.take('conv_10')).toBeUndefined();
  });

  it('keeps a re-saved conversation by its newest end time', async () => {
    const clock = new VirtualClock();
    const store = new ResumptionStore(clock, 1000);
    store.save('a', conversation(0));
    store.save('b', conversation(0));
    await clock.advance(900);
    store.save('a', conversation(900));
    await clock.advance(500);
    store.save('c', conversation(1400));
    expect(store.take('b')).toBeUndefined();
    expect(store.take('a')).toBeDefined();
  });
});
