import { isPlainObject } from '../protocol/index.js';

/** Where two JSON values first differ, and what each holds there (`undefined` for a missing key or item). */
export interface Difference {
  path: string;
  a: unknown;
  b: unknown;
}

/**
 * The first place two JSON values differ, with the path a reader writes
 * (`frames[12].body.response.status`) and both values there. Object keys in `a`'s order, then
 * keys only `b` has (a key present in one only differs, even when it holds `undefined`); list
 * items by index. `undefined` when they are deeply equal.
 */
export function findDifference(a: unknown, b: unknown, at = ''): Difference | undefined {
  if (Object.is(a, b)) return undefined;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length || i >= b.length) return { path: `${at}[${i}]`, a: a[i], b: b[i] };
      const inner = findDifference(a[i], b[i], `${at}[${i}]`);
      if (inner !== undefined) return inner;
    }
    return undefined;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
    for (const key of keys) {
      const step = /^[A-Za-z_$][\w$]*$/.test(key) ? `${at === '' ? '' : '.'}${key}` : `[${JSON.stringify(key)}]`;
      const next = `${at}${step}`;
      if (!(key in a) || !(key in b)) return { path: next, a: a[key], b: b[key] };
      const inner = findDifference(a[key], b[key], next);
      if (inner !== undefined) return inner;
    }
    return undefined;
  }
  return { path: at === '' ? '(top level)' : at, a, b };
}

/** The path of the first place two JSON values differ ({@link findDifference}); `undefined` when equal. */
export function firstDifference(a: unknown, b: unknown, at = ''): string | undefined {
  return findDifference(a, b, at)?.path;
}
