import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/index.js';

describe('VirtualClock pending timer list', () => {
  it('lists live timers in firing order with due time and label, and forgets fired and cleared ones', async () => {
    const clock = new VirtualClock();
    clock.setTimeout(() => {}, 300, 'late');
    const cleared = clock.setTimeout(() => {}, 100, 'cleared');
    clock.setTimeout(() => {}, 50, 'fires');
    clock.setTimeout(() => {}, 200);
    clock.clearTimeout(cleared);
    await clock.advance(60);
    expect(clock.pendingTimerList()).toEqual([{ dueAt: 200 }, { dueAt: 300, label: 'late' }]);
  });

  it('names a labelled sleep as a sleep', () => {
    const clock = new VirtualClock();
    void clock.sleep(10, undefined, 'backoff');
    void clock.sleep(20);
    expect(clock.pendingTimerList().map((t) => t.label)).toEqual(['sleep: backoff', 'sleep']);
  });

  it('tags the timers of a scoped view with its owner, and filters on it', () => {
    const clock = new VirtualClock({ start: 1_000 });
    const client = clock.scoped('client');
    clock.setTimeout(() => {}, 5, 'simulator timer');
    client.setTimeout(() => {}, 10, 'generate_reply timeout');
    expect(client.now()).toBe(1_000);
    expect(clock.pendingTimerList('client')).toEqual([
      { dueAt: 1_010, owner: 'client', label: 'generate_reply timeout' },
    ]);
    expect(clock.pendingTimerList()).toHaveLength(2);
  });

  it('names the call site of an unlabelled timer of a scoped view, outside the clock', () => {
    const clock = new VirtualClock();
    const view = clock.scoped('client');
    function armForgottenTimer(): void {
      view.setTimeout(() => {}, 10);
    }
    armForgottenTimer();
    const [timer] = clock.pendingTimerList('client');
    expect(timer?.label).toBeUndefined();
    expect(timer?.origin).toMatch(/^armForgottenTimer \(.*pending-timers\.test\.ts:\d+:\d+\)$/);
  });

  it('fires and clears the timers of a view like its own', async () => {
    const clock = new VirtualClock();
    const view = clock.scoped('client');
    const log: string[] = [];
    view.setTimeout(() => log.push(`a@${clock.now()}`), 20, 'a');
    const b = view.setTimeout(() => log.push('b'), 10, 'b');
    view.clearTimeout(b);
    await clock.run(view.sleep(30, undefined, 'wait'));
    expect(log).toEqual(['a@20']);
    expect(clock.pendingTimers()).toBe(0);
  });
});
