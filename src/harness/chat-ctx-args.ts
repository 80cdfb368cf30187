/** The cross-checks of `updateChatCtx` args in a scenario step. */
import type { z } from 'zod';
import { isPlainObject, refuse } from '../protocol/index.js';

/**
 * `copy` filters the session's context, which `items` replaces; and an id given twice is a
 * typo unless `duplicateIds` says the client is to refuse it.
 */
export function chatCtxArgs(a: Record<string, unknown>, ctx: z.RefinementCtx): void {
  if ('copy' in a && 'items' in a)
    refuse(ctx, "copy filters the session's chat context, which items replaces: give one of them", {
      path: ['copy'],
    });
  if (a['duplicateIds'] === true) return;
  const seen = new Set<string>();
  for (const key of ['items', 'add']) {
    const list = a[key];
    if (!Array.isArray(list)) continue;
    for (const [i, item] of list.entries()) {
      const id = isPlainObject(item) ? item['id'] : undefined;
      if (typeof id !== 'string') continue;
      if (seen.has(id))
        refuse(ctx, `the id ${JSON.stringify(id)} is given twice`, {
          path: [key, i, 'id'],
          hint: 'chat item ids must be unique; to check that the client refuses a repeated id, add duplicateIds: true',
        });
      seen.add(id);
    }
  }
}
