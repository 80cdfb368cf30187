import { describe, expect, it } from 'vitest';
import { Channel } from '../../src/client/channel.js';
import { TypedEmitter } from '../../src/client/index.js';
import { Deferred } from '../../src/client/deferred.js';
import { SendQueue } from '../../src/client/send-queue.js';
import { runConnectionLoop, type ConnectionLoopHooks } from '../../src/client/connection.js';
import { APIConnectionError, APIError } from '../../src/client/errors.js';
import type { SocketLike } from '../../src/link/index.js';
import { RealClock } from '../../src/clock/index.js';
import { recordingLogger } from './peer.js';

describe('Channel', () => {
  it('buffers values until read, then ends readers after close', async () => {
    const ch = new Channel<number>();
    ch.send(1);
    ch.send(2);
    const reading = ch.collect();
    ch.send(3);
    ch.close();
    ch.send(4);
    expect(await reading).toEqual([1, 2, 3]);
    expect(ch.size).toBe(0);
    expect(ch.closed).toBe(true);
  });
});

describe('SendQueue (R2.2, R2.7)', () => {
  it('rewrite replaces the queued events with what the rebase makes of them, in order', () => {
    const q = new SendQueue<number>();
    q.put(1);
    q.put(2);
    q.put(3);
    q.rewrite((items) => items.filter((n) => n !== 2).map((n) => n * 10));
    expect([q.shift(), q.shift(), q.shift()]).toEqual([10, 30, undefined]);
  });

  it('keeps FIFO order, refuses puts after close and lets the sender drain', async () => {
    const q = new SendQueue<number>();
    q.put(1);
    q.put(2);
    q.close();
    q.put(3);
    expect(q.size).toBe(2);
    expect(await q.wait()).toBe(true);
    expect([q.shift(), q.shift()]).toEqual([1, 2]);
    expect(await q.wait()).toBe(false);
  });

  it('wait() wakes on put and gives up on abort', async () => {
    const q = new SendQueue<string>();
    const waiting = q.wait();
    q.put('x');
    expect(await waiting).toBe(true);
    q.shift();
    const abort = new AbortController();
    const aborted = q.wait(abort.signal);
    abort.abort();
    expect(await aborted).toBe(false);
  });
});

describe('TypedEmitter', () => {
  it('calls listeners in order, then onAny listeners; once fires once; a throwing listener is logged', () => {
    const logger = recordingLogger();
    const e = new TypedEmitter<{ a: number; b: string }>(logger);
    const seen: string[] = [];
    e.on('a', () => {
      throw new Error('bad');
    });
    e.on('a', (n) => seen.push(`a${n}`));
    e.once('b', (s) => seen.push(`once-${s}`));
    e.onAny((name, payload) => seen.push(`any-${String(name)}-${String(payload)}`));
    e.emit('a', 1);
    e.emit('b', 'x');
    e.emit('b', 'y');
    expect(seen).toEqual(['a1', 'any-a-1', 'once-x', 'any-b-x', 'any-b-y']);
    expect(logger.lines.map((l) => l.message)).toEqual(['a listener of "a" threw; the session carries on']);
    expect(e.listenerCount('a')).toBe(2);
  });
});

describe('Deferred', () => {
  it('a rejected future that nobody awaits is no unhandled rejection, and whoever awaits sees the error', async () => {
    const d = new Deferred<number>();
    d.reject(new Error('late'));
    d.resolve(1);
    expect(d.done).toBe(true);
    await new RealClock().sleep(1); // a macrotask: unhandled rejections would be reported by now
    await expect(d.promise).rejects.toThrow('late');
  });
});

describe('R2.3 connection loop arithmetic', () => {
  function hooks(
    script: ('refuse' | 'fatal' | 'ok-then-drop' | 'healthy-then-drop' | 'ok-then-end' | 'burst-fails')[],
  ): {
    hooks: ConnectionLoopHooks;
    log: string[];
  } {
    const log: string[] = [];
    let i = 0;
    let closing = false;
    const ws = {} as SocketLike;
    let current: string | undefined;
    return {
      log,
      hooks: {
        isClosing: () => closing,
        connect: async () => {
          current = script[i++];
          log.push(`connect ${i}`);
          if (current === 'refuse') throw new APIConnectionError('refused');
          if (current === 'fatal') throw new APIError('bad key', { retryable: false });
          return ws;
        },
        reconnect: () => {
          if (current === 'burst-fails') throw new APIConnectionError('burst');
          log.push('burst');
        },
        run: async () => {
          if (current === 'ok-then-drop' || current === 'healthy-then-drop') throw new APIConnectionError('dropped');
          if (current === 'ok-then-end') closing = true;
          log.push('run');
        },
        healthy: () => current === 'healthy-then-drop' || current === 'ok-then-end',
        onError: (e, recoverable) =>
          log.push(`error ${recoverable ? 'recoverable' : 'fatal'} ${e.message.replace('[rt-sim] ', '')}`),
        sleep: async (ms) => {
          log.push(`sleep ${ms}`);
        },
      },
    };
  }

  it('R2.4 retries maxRetry times (0.1 s first, then retryInterval), then fails with the attempt count', async () => {
    const { hooks: h, log } = hooks(['refuse', 'refuse', 'refuse', 'refuse']);
    const error = await runConnectionLoop({ maxRetry: 3, retryIntervalMs: 2000, timeoutMs: 1 }, h).catch(
      (e: unknown) => e,
    );
    expect(log).toEqual([
      'connect 1',
      'error recoverable refused',
      'sleep 100',
      'connect 2',
      'error recoverable refused',
      'sleep 2000',
      'connect 3',
      'error recoverable refused',
      'sleep 2000',
      'connect 4',
      'error fatal refused',
    ]);
    expect((error as Error).message).toContain('failed after 4 attempts');
  });

  it('R2.5 a non-retryable APIError or any other exception is fatal at once', async () => {
    const { hooks: h, log } = hooks(['fatal']);
    await expect(runConnectionLoop({ maxRetry: 3, retryIntervalMs: 5, timeoutMs: 1 }, h)).rejects.toThrow('bad key');
    expect(log).toEqual(['connect 1', 'error fatal bad key']);
  });

  it('R2.6 every later socket gets the burst; a healthy socket resets the counter; a failed burst counts', async () => {
    const { hooks: h, log } = hooks(['healthy-then-drop', 'refuse', 'healthy-then-drop', 'burst-fails', 'ok-then-end']);
    await runConnectionLoop({ maxRetry: 3, retryIntervalMs: 7, timeoutMs: 1 }, h);
    expect(log).toEqual([
      'connect 1',
      'error recoverable dropped',
      'sleep 100',
      'connect 2',
      'error recoverable refused',
      'sleep 7',
      'connect 3',
      'burst',
      'error recoverable dropped',
      'sleep 100',
      'connect 4',
      'error recoverable burst',
      'sleep 7',
      'connect 5',
      'burst',
      'run',
    ]);
  });

  it('a socket that drops before it is healthy keeps the counter: maxRetry bounds a flapping server', async () => {
    const { hooks: h, log } = hooks(['ok-then-drop', 'ok-then-drop', 'ok-then-drop', 'ok-then-drop']);
    const error = await runConnectionLoop({ maxRetry: 2, retryIntervalMs: 7, timeoutMs: 1 }, h).catch(
      (e: unknown) => e,
    );
    expect(log).toEqual([
      'connect 1',
      'error recoverable dropped',
      'sleep 100',
      'connect 2',
      'burst',
      'error recoverable dropped',
      'sleep 7',
      'connect 3',
      'burst',
      'error fatal dropped',
    ]);
    expect((error as APIConnectionError).retryable).toBe(false);
    expect((error as Error).message).toContain('failed after 3 attempts');
  });
});
