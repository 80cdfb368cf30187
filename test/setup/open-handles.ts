/**
 * Fails a test file that leaves sockets, servers or timers behind (issue 3: no open handle
 * after close()). Each file runs in its own worker, so the resources alive when its tests
 * start are the baseline; anything more when they end is a leak of the file's own making.
 */
import { afterAll, beforeAll, expect } from 'vitest';

const WATCHED = new Set(['TCPSocketWrap', 'TCPServerWrap', 'Timeout', 'Immediate', 'PipeWrap']);

function count(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) if (WATCHED.has(r)) out[r] = (out[r] ?? 0) + 1;
  return out;
}

let baseline: Record<string, number> = {};

beforeAll(() => {
  baseline = count();
});

afterAll(async () => {
  // Closing sockets finish on the next turns of the event loop; give them a few.
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  const now = count();
  const leaks: string[] = [];
  for (const [name, n] of Object.entries(now)) {
    const extra = n - (baseline[name] ?? 0);
    if (extra > 0) leaks.push(`${extra} ${name}`);
  }
  expect(leaks, 'handles still open after the last test of this file').toEqual([]);
});
