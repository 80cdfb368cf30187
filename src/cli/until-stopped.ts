/**
 * What the long-running commands (`serve`, `record`) share: waiting until they are asked to stop,
 * and telling a loopback address from one that is not.
 */
import { RealClock } from '../clock/index.js';
import type { CliIo } from './io.js';

/** Resolves when the process is asked to stop, or after `durationMs` when given. */
export async function untilStopped(io: CliIo, durationMs: number | undefined): Promise<void> {
  const stop = new AbortController();
  const stopped = new Promise<void>((resolve) =>
    stop.signal.addEventListener('abort', () => resolve(), { once: true }),
  );
  io.signal?.addEventListener('abort', () => stop.abort(), { once: true });
  if (io.signal?.aborted) stop.abort();
  if (durationMs !== undefined)
    void new RealClock().sleep(durationMs, stop.signal).then(
      () => stop.abort(),
      () => undefined,
    );
  await stopped;
}

/** True for a loopback address: binding another one is warned about. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
}
