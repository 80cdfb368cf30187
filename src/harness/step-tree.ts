/**
 * A scenario's steps in document order, `parallel` blocks opened: each step gets its number
 * (the index records and messages name it by) and its path under `steps:`. A scenario without
 * `parallel` numbers its steps as before, 0, 1, 2…, so its records and goldens do not change.
 */
import type { DocPath } from './issue.js';
import type { AwaitStep, ParallelStep, PlainStep, Step, StepKeys } from './scenario.js';

/** One step, with its number and its path under `steps:`. */
export interface PlacedStep {
  step: Step | PlainStep;
  index: number;
  path: DocPath;
}

/** True for a `parallel` block. */
export function isParallel(step: Step | PlainStep): step is ParallelStep & StepKeys {
  return 'parallel' in step;
}

/** True for an `await` step (a call step's `await: false` is not one). */
export function isAwait(step: Step | PlainStep): step is AwaitStep {
  return 'await' in step && !('call' in step);
}

/** The branches of a `parallel` block, each as a list of steps. */
export function branchesOf(step: ParallelStep): PlainStep[][] {
  return step.parallel.map((b) => (Array.isArray(b) ? b : [b]));
}

/** Every step in document order: a `parallel` block, then the steps of its branches in order. */
export function placeSteps(steps: readonly Step[]): PlacedStep[] {
  const placed: PlacedStep[] = [];
  for (const [i, step] of steps.entries()) {
    placed.push({ step, index: placed.length, path: [i] });
    if (!isParallel(step)) continue;
    for (const [b, branch] of step.parallel.entries()) {
      const list = Array.isArray(branch) ? branch : [branch];
      for (const [k, inner] of list.entries())
        placed.push({
          step: inner,
          index: placed.length,
          path: Array.isArray(branch) ? [i, 'parallel', b, k] : [i, 'parallel', b],
        });
    }
  }
  return placed;
}
