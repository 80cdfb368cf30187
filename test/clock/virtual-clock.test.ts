import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/index.js';
import { isRtSimError } from '../../src/protocol/index.js';

/** A promise that the test settles by hand, so it can stay pending for a run. */
function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('VirtualClock ordering', () => {
  it('starts at 0, or at the given start, and does not move by itself', () => {
    expect(new VirtualClock().now()).toBe(0);
    const clock = new VirtualClock({ start: 1_000 });
    clock.setTimeout(() => {}, 50);
    expect(clock.now()).toBe(1_000);
    expect(clock.pendingTimers()).toBe(1);
    expect(clock.nextTimerAt()).toBe(1_050);
  });

  it('fires timers in time order whatever order they were set in', async () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    for (const ms of [30, 10, 20, 0]) clock.setTimeout(() => log.push(`${ms}@${clock.now()}`), ms);
    await clock.run(clock.sleep(100));
    expect(log).toEqual(['0@0', '10@10', '20@20', '30@30']);
    expect(clock.now()).toBe(100);
  });

  it('fires timers due at the same time in the order they were set (FIFO)', async () => {
    const clock = new VirtualClock();
    const log: number[] = [];
    for (let i = 0; i < 50; i++) clock.setTimeout(() => log.push(i), 5);
    await clock.advance(5);
    expect(log).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('honours timers set from timers; a 0 ms timer set at t fires at t after the ones already due', async () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    clock.setTimeout(() => {
      log.push(`a@${clock.now()}`);
      clock.setTimeout(() => log.push(`a0@${clock.now()}`), 0);
      clock.setTimeout(() => log.push(`a5@${clock.now()}`), 5);
    }, 10);
    clock.setTimeout(() => log.push(`b@${clock.now()}`), 10);
    await clock.run(clock.sleep(20));
    expect(log).toEqual(['a@10', 'b@10', 'a0@10', 'a5@15']);
  });

  it('lets a timer clear another one, due at the same time or later', async () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    let sameTime: ReturnType<typeof clock.setTimeout> | undefined;
    clock.setTimeout(() => {
      log.push('first');
      clock.clearTimeout(sameTime);
      clock.clearTimeout(later);
    }, 10);
    sameTime = clock.setTimeout(() => log.push('same time ran'), 10);
    const later = clock.setTimeout(() => log.push('later ran'), 20);
    await clock.advance(30);
    expect(log).toEqual(['first']);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('ignores clearTimeout of unknown, undefined or already fired handles', async () => {
    const clock = new VirtualClock();
    const fired = clock.setTimeout(() => {}, 1);
    await clock.advance(1);
    clock.clearTimeout(fired);
    clock.clearTimeout(undefined);
    clock.clearTimeout({ id: 999 });
    expect(clock.pendingTimers()).toBe(0);
  });

  it('treats negative and NaN delays as 0 and refuses an infinite one', () => {
    const clock = new VirtualClock({ start: 7 });
    clock.setTimeout(() => {}, -5);
    clock.setTimeout(() => {}, Number.NaN);
    expect(clock.nextTimerAt()).toBe(7);
    let error: unknown;
    try {
      clock.setTimeout(() => {}, Infinity);
    } catch (e) {
      error = e;
    }
    expect(isRtSimError(error, 'RTSIM_CLOCK_BAD_DELAY')).toBe(true);
  });

  it('advance moves to the target time even when no timer lies there', async () => {
    const clock = new VirtualClock();
    const log: number[] = [];
    clock.setTimeout(() => log.push(clock.now()), 30);
    await clock.advance(25);
    expect(clock.now()).toBe(25);
    expect(log).toEqual([]);
    await clock.advance(5);
    expect(log).toEqual([30]);
  });
});

describe('VirtualClock settling', () => {
  it('a 10 000-step await chain started at 0 finishes before time moves to a 10 ms timer', async () => {
    const clock = new VirtualClock();
    let finishedAt: number | undefined;
    const chain = async (): Promise<void> => {
      for (let i = 0; i < 10_000; i++) await Promise.resolve();
      finishedAt = clock.now();
    };
    void chain();
    await clock.run(clock.sleep(10));
    expect(finishedAt).toBe(0);
  });

  it('chains that hop through queueMicrotask, process.nextTick and setImmediate settle before time moves', async () => {
    const clock = new VirtualClock();
    const seen: number[] = [];
    const hop = (n: number): void => {
      if (n === 0) {
        seen.push(clock.now());
        clock.setTimeout(() => seen.push(clock.now()), 0);
        return;
      }
      const kinds = [queueMicrotask, process.nextTick, setImmediate] as const;
      kinds[n % 3]!(() => hop(n - 1));
    };
    hop(60);
    await clock.run(clock.sleep(10));
    expect(seen).toEqual([0, 0]);
  });

  it('code awaiting between timers sees each timer at its own time', async () => {
    const clock = new VirtualClock();
    const times: number[] = [];
    const worker = async (): Promise<void> => {
      for (let i = 0; i < 5; i++) {
        await clock.sleep(100);
        await Promise.resolve();
        times.push(clock.now());
      }
    };
    await clock.run(worker());
    expect(times).toEqual([100, 200, 300, 400, 500]);
  });

  it('run returns the value of the awaited promise, and rethrows its rejection', async () => {
    const clock = new VirtualClock();
    const value = clock.run(clock.sleep(5).then(() => 'done'));
    await expect(value).resolves.toBe('done');
    const failing = clock.run(clock.sleep(5).then(() => Promise.reject(new Error('boom'))));
    await expect(failing).rejects.toThrow('boom');
    expect(clock.now()).toBe(10);
  });

  it('run rethrows what a timer callback throws', async () => {
    const clock = new VirtualClock();
    clock.setTimeout(() => {
      throw new Error('timer bug');
    }, 3);
    await expect(clock.run(clock.sleep(10))).rejects.toThrow('timer bug');
    expect(clock.now()).toBe(3);
  });
});

describe('VirtualClock errors', () => {
  it('rejects with RTSIM_CLOCK_DEADLOCK when the run waits and no timer is left', async () => {
    const clock = new VirtualClock();
    clock.setTimeout(() => {}, 40);
    const error = await rejectionOf(clock.run(deferred().promise));
    expect(isRtSimError(error, 'RTSIM_CLOCK_DEADLOCK')).toBe(true);
    expect((error as Error).message).toContain(
      'nothing left to run at virtual time 40 ms while the run was still waiting',
    );
  });

  it('rejects with RTSIM_CLOCK_LIMIT when the next timer lies beyond maxMs', async () => {
    const clock = new VirtualClock();
    const ticks: number[] = [];
    const tick = (): void => {
      ticks.push(clock.now());
      clock.setTimeout(tick, 1_000);
    };
    clock.setTimeout(tick, 1_000);
    const error = await rejectionOf(clock.run(deferred().promise, { maxMs: 3_500 }));
    expect(isRtSimError(error, 'RTSIM_CLOCK_LIMIT')).toBe(true);
    expect((error as Error).message).toContain('3500 ms');
    expect(ticks).toEqual([1_000, 2_000, 3_000]);
    expect(clock.now()).toBe(3_000);
  });

  it('rejects with RTSIM_CLOCK_BUSY when a second driver starts while one runs', async () => {
    const clock = new VirtualClock();
    const gate = deferred();
    clock.setTimeout(() => gate.resolve(), 10);
    const first = clock.run(gate.promise);
    const error = await rejectionOf(clock.advance(1));
    expect(isRtSimError(error, 'RTSIM_CLOCK_BUSY')).toBe(true);
    await first;
  });
});

describe('VirtualClock sleep', () => {
  it('sleep resolves at now + ms', async () => {
    const clock = new VirtualClock({ start: 100 });
    await clock.run(clock.sleep(250));
    expect(clock.now()).toBe(350);
  });

  it('an aborted sleep rejects with the signal reason and leaves no timer behind', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(1_000, controller.signal);
    clock.setTimeout(() => controller.abort(new Error('stop')), 10);
    await expect(clock.run(sleeping)).rejects.toThrow('stop');
    expect(clock.now()).toBe(10);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('sleep with an already aborted signal rejects at once', async () => {
    const clock = new VirtualClock();
    await expect(clock.sleep(5, AbortSignal.abort(new Error('early')))).rejects.toThrow('early');
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('VirtualClock hold', () => {
  it('does not jump while a hold is open, and goes on once it is released', async () => {
    const clock = new VirtualClock();
    const order: string[] = [];
    const release = clock.hold();
    clock.setTimeout(() => order.push(`timer@${clock.now()}`), 50);
    // Real I/O stand-in: a few real event-loop turns the clock cannot see.
    const io = (async () => {
      for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 1));
      order.push(`io done@${clock.now()}`);
      release();
    })();
    await clock.run(clock.sleep(100));
    await io;
    expect(order).toEqual(['io done@0', 'timer@50']);
    expect(clock.openHolds()).toBe(0);
  });

  it('fires timers already due while a hold is open', async () => {
    const clock = new VirtualClock();
    const release = clock.hold();
    const seen: string[] = [];
    clock.setTimeout(() => seen.push(`due@${clock.now()}`), 0);
    clock.setTimeout(() => seen.push(`later@${clock.now()}`), 10);
    const io = (async () => {
      await new Promise((r) => setTimeout(r, 2));
      seen.push('released');
      release();
    })();
    await clock.run(clock.sleep(10));
    await io;
    expect(seen).toEqual(['due@0', 'released', 'later@10']);
  });

  it('a hold with blockTimers lets not even a due timer fire until it is released', async () => {
    const clock = new VirtualClock();
    const release = clock.hold({ blockTimers: true });
    const seen: string[] = [];
    clock.setTimeout(() => seen.push(`due@${clock.now()}`), 0);
    const io = (async () => {
      await new Promise((r) => setTimeout(r, 2));
      seen.push('released');
      release();
    })();
    await clock.run(clock.sleep(10));
    await io;
    expect(seen).toEqual(['released', 'due@0']);
    expect(clock.openHolds()).toBe(0);
  });

  it('advance honours a timer-blocking hold too', async () => {
    const clock = new VirtualClock();
    const release = clock.hold({ blockTimers: true });
    const seen: string[] = [];
    clock.setTimeout(() => seen.push('due'), 0);
    void (async () => {
      await new Promise((r) => setTimeout(r, 2));
      seen.push('released');
      release();
    })();
    await clock.advance(5);
    expect(seen).toEqual(['released', 'due']);
  });

  it('an open hold is not a deadlock: the run waits for a timer added by the real I/O', async () => {
    const clock = new VirtualClock();
    const release = clock.hold();
    const done = deferred<string>();
    void (async () => {
      await new Promise((r) => setTimeout(r, 2));
      clock.setTimeout(() => done.resolve(`at ${clock.now()}`), 30);
      release();
      release(); // idempotent
    })();
    await expect(clock.run(done.promise)).resolves.toBe('at 30');
  });

  it('advance waits for holds too', async () => {
    const clock = new VirtualClock();
    const release = clock.hold();
    let releasedAt: number | undefined;
    void (async () => {
      await new Promise((r) => setTimeout(r, 2));
      releasedAt = clock.now();
      release();
    })();
    await clock.advance(100);
    expect(releasedAt).toBe(0);
    expect(clock.now()).toBe(100);
  });
});

describe('VirtualClock: delays smaller than the clock can resolve', () => {
  it('fires a positive delay too small to change the time strictly later, so "sleep the rest" loops end', async () => {
    // The idle wait's shape: sleep 500 - (now - then) until 500 ms have passed. Here the
    // remainder comes out as 1.1e-13 ms, which added to now leaves now unchanged.
    const then = 1000.4444444444445;
    const clock = new VirtualClock({ start: 1500.4444444444443 });
    expect(clock.now() + (500 - (clock.now() - then))).toBe(clock.now());
    let sleeps = 0;
    await clock.run(
      (async () => {
        while (clock.now() - then < 500 && sleeps < 100) {
          sleeps++;
          await clock.sleep(500 - (clock.now() - then));
        }
      })(),
    );
    expect(clock.now() - then).toBeGreaterThanOrEqual(500);
    expect(sleeps).toBeLessThan(5);
  });

  it('keeps a delay the clock can resolve exact, and a zero delay at the same instant', async () => {
    const clock = new VirtualClock({ start: 2194.4444444444443 });
    const times: number[] = [];
    clock.setTimeout(() => times.push(clock.now()), 0);
    clock.setTimeout(() => times.push(clock.now()), 0.25);
    await clock.run(clock.sleep(1));
    expect(times).toEqual([2194.4444444444443, 2194.4444444444443 + 0.25]);
  });
});

describe('VirtualClock: a loop of timers that never lets time pass', () => {
  it('rejects the run with RTSIM_CLOCK_STUCK naming the last timer, instead of spinning for ever', async () => {
    const clock = new VirtualClock({ start: 10, maxFiresAtOneInstant: 50 });
    const view = clock.scoped('spinner');
    const spin = (): void => void view.setTimeout(spin, 0, 'zero-delay re-arm');
    spin();
    const error = await clock.run(new Promise<void>(() => undefined)).catch((e: unknown) => e);
    expect(isRtSimError(error) && error.code).toBe('RTSIM_CLOCK_STUCK');
    expect((error as Error).message).toContain('virtual time stopped at 10 ms: 50 timers fired there');
    expect((error as Error).message).toContain('spinner, zero-delay re-arm');
  });

  it('lets many timers fire at one instant when each is set once', async () => {
    const clock = new VirtualClock({ maxFiresAtOneInstant: 50 });
    let fired = 0;
    for (let i = 0; i < 50; i++) clock.setTimeout(() => fired++, 5);
    await clock.run(clock.sleep(6));
    expect(fired).toBe(50);
  });
});
