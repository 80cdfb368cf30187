import type { Clock } from './clock.js';

/** The reason an aborted signal carries (`AbortSignal.abort()` always sets one; be safe). */
function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/**
 * `sleep` for any clock: a timer that an abort signal clears, so an aborted sleep leaves
 * no pending timer behind (the virtual clock would otherwise count it as work to do).
 */
export function sleepOn(clock: Clock, ms: number, signal?: AbortSignal, label?: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = (): void => {
      clock.clearTimeout(handle);
      reject(abortReason(signal!));
    };
    const handle = clock.setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      ms,
      label === undefined ? 'sleep' : `sleep: ${label}`,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
