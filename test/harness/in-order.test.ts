import { describe, expect, it } from 'vitest';
import { runInOrder } from '../../src/harness/in-order.js';

/** A job the test finishes by hand, in the order it chooses. */
interface Job {
  index: number;
  resolve: (value: string) => void;
  reject: (error: unknown) => void;
}

/** Jobs that wait to be finished by hand, and a record of which ran at once. */
function jobs(): { started: Job[]; running: () => number; most: () => number; run: (i: number) => Promise<string> } {
  const started: Job[] = [];
  let running = 0;
  let most = 0;
  return {
    started,
    running: () => running,
    most: () => most,
    run: (index) =>
      new Promise<string>((resolve, reject) => {
        running++;
        most = Math.max(most, running);
        const end = (): void => {
          running--;
        };
        started.push({
          index,
          resolve: (v) => {
            end();
            resolve(v);
          },
          reject: (e) => {
            end();
            reject(e);
          },
        });
      }),
  };
}

/** Lets every settled promise's callbacks run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const job = (started: Job[], index: number): Job => {
  const found = started.find((j) => j.index === index);
  if (!found) throw new Error(`job ${index} has not started`);
  return found;
};

describe('runInOrder', () => {
  it('hands out results in index order whatever order the jobs finish in', async () => {
    const j = jobs();
    const seen: string[] = [];
    const done = runInOrder(4, { concurrency: 4, run: j.run, onResult: (r, i) => seen.push(`${i}:${r}`) });
    await settle();
    for (const i of [3, 1, 2]) job(j.started, i).resolve(`r${i}`);
    await settle();
    expect(seen).toEqual([]);
    job(j.started, 0).resolve('r0');
    expect(await done).toEqual(['r0', 'r1', 'r2', 'r3']);
    expect(seen).toEqual(['0:r0', '1:r1', '2:r2', '3:r3']);
  });

  it('never runs more jobs at once than its concurrency, and starts them in index order', async () => {
    const j = jobs();
    const done = runInOrder(5, { concurrency: 2, run: j.run });
    const finished = new Set<number>();
    for (let k = 0; k < 5; k++) {
      await settle();
      expect(j.running()).toBeLessThanOrEqual(2);
      // Finish the newest job first: a free slot still goes to the lowest index not started.
      const newest = j.started.filter((s) => !finished.has(s.index)).at(-1)!;
      finished.add(newest.index);
      newest.resolve('x');
    }
    await done;
    expect(j.most()).toBe(2);
    expect(j.started.map((s) => s.index)).toEqual([0, 1, 2, 3, 4]);
  });

  it('runs one job at a time with a concurrency of 1', async () => {
    const j = jobs();
    const done = runInOrder(3, { concurrency: 1, run: j.run });
    for (let k = 0; k < 3; k++) {
      await settle();
      j.started.at(-1)!.resolve(String(k));
    }
    expect(await done).toEqual(['0', '1', '2']);
    expect(j.most()).toBe(1);
  });

  it('stops at the first stopping result in index order, even when a later one stops first', async () => {
    const j = jobs();
    const seen: number[] = [];
    const done = runInOrder(6, {
      concurrency: 3,
      run: j.run,
      onResult: (_r, i) => seen.push(i),
      stopAfter: (r) => r === 'fail',
    });
    await settle();
    // Jobs 0, 1, 2 run; 2 fails first: nothing after it starts, 0 and 1 still count.
    job(j.started, 2).resolve('fail');
    await settle();
    expect(j.started.map((s) => s.index)).toEqual([0, 1, 2]);
    job(j.started, 0).resolve('ok');
    await settle();
    // Job 0's free slot is not given to job 3: job 2 already stopped the run.
    expect(j.started.map((s) => s.index)).toEqual([0, 1, 2]);
    job(j.started, 1).resolve('fail');
    expect(await done).toEqual(['ok', 'fail']);
    expect(seen).toEqual([0, 1]);
  });

  it('returns without waiting for the jobs after the stop, and ignores how they end', async () => {
    const j = jobs();
    const done = runInOrder(3, { concurrency: 3, run: j.run, stopAfter: (r) => r === 'fail' });
    await settle();
    job(j.started, 0).resolve('fail');
    expect(await done).toEqual(['fail']);
    job(j.started, 1).reject(new Error('ended by the pool'));
    job(j.started, 2).resolve('late');
    await settle();
  });

  it('rejects when a job that counts rejects', async () => {
    const j = jobs();
    const done = runInOrder(2, { concurrency: 2, run: j.run });
    await settle();
    job(j.started, 1).reject(new Error('boom'));
    await expect(done).rejects.toThrow('boom');
    job(j.started, 0).resolve('late');
  });

  it('gives no results for no jobs', async () => {
    expect(await runInOrder(0, { concurrency: 2, run: () => Promise.resolve('never') })).toEqual([]);
  });
});
