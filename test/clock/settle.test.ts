import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { settleEventLoop } from '../../src/clock/settle.js';

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
});
