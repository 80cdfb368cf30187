import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { workerCount } from '../../src/cli/run-dispatch.js';
import { createWorkerPool, moduleBeside } from '../../src/pool/worker-pool.js';
import type { Task } from '../fixtures/workers/tasks.js';

const FIXTURES = new URL('../fixtures/workers/', import.meta.url);

describe('moduleBeside', () => {
  it("names the module beside another with that module's extension, .js when built and .ts from source", () => {
    expect(moduleBeside('./run-worker', 'file:///pkg/dist/cli/run-command.js').href).toBe(
      'file:///pkg/dist/cli/run-worker.js',
    );
    expect(moduleBeside('./run-worker', 'file:///repo/src/cli/run-command.ts').href).toBe(
      'file:///repo/src/cli/run-worker.ts',
    );
  });
});

describe('workerCount', () => {
  it('takes --workers, else one per core, never more than there are scenario files', () => {
    expect(workerCount({ workers: 3 }, 10)).toBe(3);
    expect(workerCount({ workers: 8 }, 2)).toBe(2);
    expect(workerCount({}, 1)).toBe(1);
    expect(workerCount({}, 10_000)).toBeGreaterThanOrEqual(1);
  });

  it('runs --update with --bail in this thread, where no scenario after the failure can write its golden', () => {
    expect(workerCount({ workers: 4, update: true, bail: true }, 10)).toBe(1);
    expect(workerCount({ workers: 4, update: true }, 10)).toBe(4);
    expect(workerCount({ workers: 4, bail: true }, 10)).toBe(4);
  });
});

describe('createWorkerPool', () => {
  it('runs tasks in other threads, and turns every way a task can fail into a rejection', async () => {
    const pool = createWorkerPool<Task, unknown>(new URL('tasks.ts', FIXTURES), 2);
    try {
      const ids = await Promise.all([pool.run('thread-id'), pool.run('thread-id')]);
      for (const id of ids) expect(id).not.toBe(threadId);
      await expect(pool.run('throw')).rejects.toThrow('thrown by the task');
      await expect(pool.run('exit')).rejects.toThrow('process.exit(3) was called in a worker thread');
      await expect(pool.run('throw-later')).rejects.toThrow('thrown outside the task');
      await expect(pool.run('give-a-function')).rejects.toBeDefined();
      // The pool still works after all that: a dead thread is replaced.
      expect(typeof (await pool.run('thread-id'))).toBe('number');
    } finally {
      await pool.destroy();
    }
  });

  it.each(['broken.ts', 'broken.mjs'])(
    'rejects every task with the reason, none left waiting, when its module does not load: %s',
    async (entry) => {
      const pool = createWorkerPool<Task, unknown>(new URL(entry, FIXTURES), 2);
      try {
        const settled = await Promise.allSettled([1, 2, 3, 4, 5].map(() => pool.run('thread-id')));
        expect(settled.map((s) => s.status)).toEqual(Array(5).fill('rejected'));
        for (const s of settled) expect(String((s as PromiseRejectedResult).reason)).toContain('does not load');
      } finally {
        await pool.destroy();
      }
    },
  );
});
