/**
 * Letting the real event loop settle, for the virtual clock. This file and real-clock.ts are
 * the only places in rt-sim that touch real timers.
 */

import { MessageChannel } from 'node:worker_threads';

/** Turns after which settling gives up on a program that keeps queueing immediates forever. */
const MAX_TURNS = 10_000;

/**
 * One settle in this many turns with two immediates (whole event loop rounds) instead of a
 * channel message. Node hands a port up to 1000 messages, those posted while it is being
 * handled included, before libuv polls again: back-to-back channel turns kept every other port
 * and socket of the thread waiting that long. In `rt-sim fuzz --runs 1200`, a worker thread's
 * result waited 50 ms (median) while the main thread ran its own cases, and the worker threads
 * got 123 of the cases with `--workers 2` and 305 with 4; with 1 in 128, 355-369 and 663-675.
 * (1 in 64: 407-421 and 740-770, but a possible 4% on a conversation's wall time; 1 in 256:
 * 302-313 and 582.) One immediate was not enough: another port's message waited for two.
 */
export const POLL_EVERY = 128;
let settles = 0;

/** One real `setImmediate` turn. */
export function realImmediate(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * One macrotask turn by a message on a private MessageChannel. Like an immediate, it runs only after every queued
 * promise callback and nextTick job; unlike one, a chain of them need not go round the whole event loop (timers,
 * poll, check). The virtual clock settles after every timer it fires, and that round trip was about a third of the
 * wall time of a 10-minute conversation on the memory link (CPU profile: 30% idle; 38 000 settles; 15-25% less
 * wall with this turn). The port is referenced only while a turn is pending, so it never keeps a process alive.
 */
function channelTurn(): Promise<void> {
  channelTurns ??= openChannel();
  const turns = channelTurns;
  return new Promise((resolve) => {
    if (turns.waiting.length === 0) turns.channel.port2.ref();
    turns.waiting.push(resolve);
    turns.channel.port1.postMessage(null);
  });
}

interface ChannelTurns {
  channel: MessageChannel;
  /** Resolvers in posting order; messages arrive in that order. */
  waiting: (() => void)[];
}

let channelTurns: ChannelTurns | undefined;

function openChannel(): ChannelTurns {
  const turns: ChannelTurns = { channel: new MessageChannel(), waiting: [] };
  turns.channel.port1.unref();
  turns.channel.port2.on('message', () => {
    const resolve = turns.waiting.shift();
    if (turns.waiting.length === 0) turns.channel.port2.unref();
    resolve?.();
  });
  turns.channel.port2.unref();
  return turns;
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
 * any macrotask, so one turn finishes any pure promise chain however long (10 000 awaits
 * cost one turn). The first turn is a channel message ({@link channelTurn}), or one time in
 * {@link POLL_EVERY} two immediates, so that other ports and sockets get their turn; immediates
 * queued by then are counted by {@link queuedImmediates}, and we keep turning with
 * `setImmediate` while it is non-zero (ours runs after those queued before it). Real I/O
 * (files, sockets) is invisible here: wrap it in `VirtualClock.hold()`.
 */
export async function settleEventLoop(): Promise<void> {
  const fallbackTurns = 3;
  const polling = ++settles % POLL_EVERY === 0;
  for (let turn = 1; turn <= MAX_TURNS; turn++) {
    await (turn === 1 && !polling ? channelTurn() : realImmediate());
    // Two rounds: the first ends the channel's run of messages, the second polls with it quiet.
    if (polling && turn === 1) continue;
    const queued = queuedImmediates();
    if (queued === undefined ? turn >= fallbackTurns : queued === 0) return;
  }
}
