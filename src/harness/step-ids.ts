/**
 * The checks of `steps:` across steps: step ids are unique, and an `await` step names
 * background steps given before it (a step that is not in the background has ended by then).
 */
import type { z } from 'zod';
import { isPlainObject, refuse } from '../protocol/index.js';

/** Ids are unique, and an `await` names background steps given before it. */
export function stepIds(steps: unknown[], ctx: z.RefinementCtx): void {
  const seen = new Map<string, boolean>();
  for (const [i, step] of steps.entries()) {
    if (!isPlainObject(step)) continue;
    if ('await' in step && !('call' in step)) {
      const names = [step['await']].flat().filter((n): n is string => typeof n === 'string');
      for (const name of names) {
        const background = seen.get(name);
        if (background === true) continue;
        const known = [...seen].filter(([, b]) => b).map(([n]) => n);
        refuse(
          ctx,
          background === false
            ? `await names step "${name}", which is not a background step: it has ended before the await`
            : `await names "${name}", which no background step before it has as its id`,
          {
            path: [i, 'await'],
            hint:
              known.length > 0 ? `background steps so far: ${known.join(', ')}` : 'give a step id and background: true',
          },
        );
      }
      continue;
    }
    const id = step['id'];
    if (typeof id !== 'string') continue;
    if (seen.has(id)) refuse(ctx, `the step id "${id}" is given twice`, { path: [i, 'id'] });
    seen.set(id, step['background'] === true);
  }
}
