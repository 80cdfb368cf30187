/**
 * Letting the real event loop settle, for the virtual clock. This file and real-clock.ts are
 * the only places in rt-sim that touch real timers.
 */

/** Turns after which settling gives up on a program that keeps queueing immediates forever. */
const MAX_TURNS = 10_000;

/** One real `setImmediate` turn. */
export function realImmediate(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Referenced real immediates still queued, or undefined where the runtime cannot say.
 * `process.getActiveResourcesInfo` lists each one as `'Immediate'`.
 */
function queuedImmediates(): number | undefined {
  if (typeof process.getActiveResourcesInfo !== 'function') return undefined;
  let n = 0;
  for (const kind of process.getActiveResourcesInfo()) if (kind === 'Immediate') n++;
  return n;
}

/**
 * Resolves once every promise callback, `process.nextTick` and `queueMicrotask` job, and
 * every real immediate queued before or during the wait has run.
 *
 * Why this is enough: Node drains the whole microtask and nextTick queues before it reaches
 * the check phase, so one `setImmediate` turn finishes any pure promise chain however long
 * (10 000 awaits cost one turn). Immediates queued before ours run in the same phase, and
 * whatever they queue is counted by {@link queuedImmediates}; we keep turning while it is
 * non-zero. Real I/O (files, sockets) is invisible here: wrap it in `VirtualClock.hold()`.
 */
export async function settleEventLoop(): Promise<void> {
  const fallbackTurns = 3;
  for (let turn = 1; turn <= MAX_TURNS; turn++) {
    await realImmediate();
    const queued = queuedImmediates();
    if (queued === undefined ? turn >= fallbackTurns : queued === 0) return;
  }
}
