import { isPlainObject } from '../protocol/index.js';

/**
 * The path of the first place two JSON values differ, as a reader writes it:
 * `frames[12].body.response.status`. Object keys in `a`'s order, then keys only `b` has;
 * list items by index. `undefined` when they are deeply equal.
 */
export function firstDifference(a: unknown, b: unknown, at = ''): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length || i >= b.length) return `${at}[${i}]`;
      const inner = firstDifference(a[i], b[i], `${at}[${i}]`);
      if (inner !== undefined) return inner;
    }
    return undefined;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
    for (const key of keys) {
      const step = /^[A-Za-z_$][\w$]*$/.test(key) ? `${at === '' ? '' : '.'}${key}` : `[${JSON.stringify(key)}]`;
      const next = `${at}${step}`;
      if (!(key in a) || !(key in b)) return next;
      const inner = firstDifference(a[key], b[key], next);
      if (inner !== undefined) return inner;
    }
    return undefined;
  }
  return at === '' ? '(top level)' : at;
}
