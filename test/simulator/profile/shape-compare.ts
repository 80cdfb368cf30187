/**
 * Compares the shape of two JSON values key by key, recursively: every field of `expected`
 * must be in `actual` with the same JSON kind; strings that are UUIDs in one must be UUIDs
 * in the other. Extra fields of `actual` are allowed (the simulator echoes more config than
 * the captures show). Arrays compare their first elements. Returns the differences.
 */
import { UUID_PATTERN } from '../../../src/protocol/index.js';

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Lists where `actual` differs in shape from `expected`, as `path: expected X, got Y`. */
export function shapeDifferences(expected: unknown, actual: unknown, path = '$'): string[] {
  const ek = kind(expected);
  const ak = kind(actual);
  // A float figure may happen to be whole in one run (1.44 vs 2): both are numbers.
  const numeric = (k: string): boolean => k === 'integer' || k === 'number';
  if (ek !== ak && !(ek === 'number' && numeric(ak))) return [`${path}: expected ${ek}, got ${ak}`];
  if (typeof expected === 'string' && typeof actual === 'string') {
    const eu = UUID_PATTERN.test(expected);
    const au = UUID_PATTERN.test(actual);
    return eu === au ? [] : [`${path}: expected ${eu ? 'a UUID' : 'a non-UUID string'}, got ${JSON.stringify(actual)}`];
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length === 0) return [];
    if (actual.length === 0) return [`${path}: expected a non-empty array, got []`];
    return shapeDifferences(expected[0], actual[0], `${path}[0]`);
  }
  if (ek === 'object') {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    return Object.keys(e).flatMap((k) =>
      k in a ? shapeDifferences(e[k], a[k], `${path}.${k}`) : [`${path}.${k}: expected ${kind(e[k])}, got nothing`],
    );
  }
  return [];
}
