import { RtSimError } from '../protocol/index.js';
import type { Invariant } from './violation.js';

/**
 * The invariants a module exports as `invariants`: how a fuzz run with worker threads checks
 * invariants other than the built-in ones, since functions cannot be sent to a thread but a
 * module's URL can (each thread imports it).
 *
 * @throws RtSimError `RTSIM_FUZZ_BAD_INVARIANTS` when the module exports no such list.
 */
export async function loadInvariants(moduleUrl: string): Promise<readonly Invariant[]> {
  const mod: unknown = await import(moduleUrl);
  const list = typeof mod === 'object' && mod !== null ? (mod as Record<string, unknown>)['invariants'] : undefined;
  if (!Array.isArray(list) || !list.every(isInvariant)) {
    throw new RtSimError(
      'RTSIM_FUZZ_BAD_INVARIANTS',
      `${moduleUrl} does not export \`invariants\` as a list of { name, rule, check }`,
      { module: moduleUrl },
    );
  }
  return list;
}

function isInvariant(x: unknown): x is Invariant {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return typeof r['name'] === 'string' && typeof r['rule'] === 'string' && typeof r['check'] === 'function';
}
