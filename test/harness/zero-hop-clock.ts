/**
 * A clock for a link hop that takes no time at all: a delay of 0 runs in a microtask (before
 * the virtual clock's next timer) instead of a timer; longer delays, `now` and `sleep` are
 * the wrapped clock's. Put on the in-memory link between the recorder and the simulator, it
 * makes the recorder see frames in the order the simulator does, so a transcript records the
 * server's order, not one skewed by a hop of latency (docs/scenario-server.md, "Replay").
 */
import type { Clock, TimerHandle } from '../../src/clock/index.js';

export function zeroHopClock(clock: Clock): Clock {
  const pending = new WeakSet<TimerHandle>();
  const cancelled = new WeakSet<TimerHandle>();
  let id = -1;
  return {
    now: () => clock.now(),
    setTimeout(fn, ms) {
      if (ms > 0) return clock.setTimeout(fn, ms);
      const handle: TimerHandle = { id: id-- };
      pending.add(handle);
      queueMicrotask(() => {
        if (!cancelled.has(handle)) fn();
      });
      return handle;
    },
    clearTimeout(handle) {
      if (handle !== undefined && pending.has(handle)) cancelled.add(handle);
      else clock.clearTimeout(handle);
    },
    sleep: (ms, signal) => clock.sleep(ms, signal),
  };
}
