import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { POLL_EVERY, settleEventLoop } from '../../src/clock/settle.js';

const alone = fileURLToPath(new URL('./settle-alone.script.ts', import.meta.url));

describe('settleEventLoop', () => {
  it('neither lets a process end while it waits nor keeps one alive once settled', async () => {
    const out = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', alone],
        { cwd: process.cwd(), timeout: 20_000 },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      );
    });
    expect(out.trim()).toBe('settled 3');
  });

  it('settles every caller when several wait at once', async () => {
    const order: string[] = [];
    await Promise.all(
      ['a', 'b', 'c'].map(async (name) => {
        await settleEventLoop();
        order.push(name);
      }),
    );
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('runs immediates queued before it and those they queue', async () => {
    const ran: string[] = [];
    setImmediate(() => {
      ran.push('first');
      setImmediate(() => {
        ran.push('second');
        void Promise.resolve().then(() => setImmediate(() => ran.push('third')));
      });
    });
    await settleEventLoop();
    expect(ran).toEqual(['first', 'second', 'third']);
  });

  it("lets another port's message through while settles run back to back, as a worker pool's result", async () => {
    await settleEventLoop(); // its own channel exists before the other port's message is posted
    const other = new MessageChannel();
    let deliveredAfter: number | undefined;
    let settled = 0;
    other.port2.once('message', () => {
      deliveredAfter = settled;
    });
    other.port1.postMessage('result');
    // Node hands a port up to 1000 messages per poll: channel turns alone held this one back that long.
    while (deliveredAfter === undefined && settled < 4 * POLL_EVERY) {
      await settleEventLoop();
      settled++;
    }
    other.port1.close();
    expect(deliveredAfter).toBeDefined();
    expect(deliveredAfter!).toBeLessThanOrEqual(POLL_EVERY);
  });
});
