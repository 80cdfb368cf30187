import { describe, expect, it } from 'vitest';
import { crashedResult } from '../../src/harness/crashed-result.js';
import { RtSimError } from '../../src/errors/index.js';

describe('crashedResult', () => {
  it('is one failing error entry named after the file, with the error and its first stack frames', () => {
    const error = new TypeError('boom');
    error.stack = ['TypeError: boom', ...Array.from({ length: 8 }, (_, i) => `    at f${i} (x.js:${i}:1)`)].join('\n');
    const r = crashedResult('scenarios/a.yaml', error, 'npx rt-sim run scenarios/a.yaml');
    expect(r).toMatchObject({ name: 'a', file: 'scenarios/a.yaml', status: 'failed', seed: 0 });
    expect(r.reproduce).toBe('npx rt-sim run scenarios/a.yaml');
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]!.kind).toBe('error');
    expect(r.failures[0]!.message).toBe(
      'the run threw instead of giving a result, so nothing was checked: TypeError: boom\n' +
        [0, 1, 2, 3, 4].map((i) => `  at f${i} (x.js:${i}:1)`).join('\n'),
    );
  });

  it("reads an error that crossed a thread as data, and drops rt-sim's message prefix", () => {
    const cloned = { name: 'Error', message: new RtSimError('RTSIM_CLI_THREAD_EXIT', 'exit called').message };
    expect(crashedResult('b.yml', cloned, '').failures[0]!.message).toMatch(/: Error: exit called$/);
    expect(crashedResult('c.yaml', 'a string', '').failures[0]!.message).toMatch(/: a string$/);
  });
});
