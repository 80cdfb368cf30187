import { describe, expect, it } from 'vitest';
import type { Step } from '../../src/harness/scenario.js';
import { placeSteps } from '../../src/harness/step-tree.js';

describe('placeSteps', () => {
  it('numbers plain steps 0, 1, 2… as before, so scenarios without parallel keep their step numbers', () => {
    const steps: Step[] = [{ call: 'generateReply' }, { sleep: 10 }, { wait: 'idle' }];
    expect(placeSteps(steps).map((p) => [p.index, p.path])).toEqual([
      [0, [0]],
      [1, [1]],
      [2, [2]],
    ]);
  });

  it('numbers a parallel block, then the steps of its branches in document order, with their paths', () => {
    const steps: Step[] = [
      { sleep: 1 },
      { parallel: [{ call: 'generateReply' }, [{ sleep: 300 }, { call: 'interrupt' }]] },
      { await: 'x' },
    ];
    expect(placeSteps(steps).map((p) => [p.index, p.path.join('.')])).toEqual([
      [0, '0'],
      [1, '1'],
      [2, '1.parallel.0'],
      [3, '1.parallel.1.0'],
      [4, '1.parallel.1.1'],
      [5, '2'],
    ]);
  });
});
