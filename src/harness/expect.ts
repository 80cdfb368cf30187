import type { CountFilter, Expectation } from './scenario.js';
import type { Observation } from './observation.js';

/** A failed expectation, in words. */
export interface ExpectationFailure {
  index: number;
  message: string;
}

/** The value at a dotted path (`a.b.0.c`); undefined when a step is missing. */
function at(value: unknown, path: string): unknown {
  let v = value;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** JSON with sorted keys, so two equal values compare equal. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x !== null && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  ) ?? 'undefined';
}

function selects(e: CountFilter, t: number, payload: unknown): boolean {
  if (e.afterMs !== undefined && t < e.afterMs) return false;
  if (e.beforeMs !== undefined && t > e.beforeMs) return false;
  for (const [path, want] of Object.entries(e.match ?? {})) if (canonical(at(payload, path)) !== canonical(want)) return false;
  return true;
}

/** " matching {…} between 0 and 100 ms", for messages. */
function filterText(e: CountFilter): string {
  let s = '';
  if (e.match) s += ` matching ${JSON.stringify(e.match)}`;
  if (e.afterMs !== undefined && e.beforeMs !== undefined) s += ` between ${e.afterMs} and ${e.beforeMs} ms`;
  else if (e.afterMs !== undefined) s += ` at or after ${e.afterMs} ms`;
  else if (e.beforeMs !== undefined) s += ` at or before ${e.beforeMs} ms`;
  return s;
}

function countCheck(what: string, n: number, e: { count?: number; min?: number; max?: number }): string | undefined {
  if (e.count !== undefined && n !== e.count) return `expected ${e.count} ${what}, saw ${n}`;
  if (e.min !== undefined && n < e.min) return `expected at least ${e.min} ${what}, saw ${n}`;
  if (e.max !== undefined && n > e.max) return `expected at most ${e.max} ${what}, saw ${n}`;
  if (e.count === undefined && e.min === undefined && e.max === undefined && n === 0) return `expected at least one ${what}, saw none`;
  return undefined;
}

/** Checks a scenario's `expect` list (those `applies` selects) against what the run observed. */
export function checkExpectations(
  expectations: readonly Expectation[],
  o: Observation,
  applies: (e: Expectation) => boolean = () => true,
): ExpectationFailure[] {
  const failures: ExpectationFailure[] = [];
  expectations.forEach((e, index) => {
    if (!applies(e)) return;
    let message: string | undefined;
    if ('event' in e) {
      const n = o.events.filter((r) => r.event === e.event && selects(e, r.t, r.data)).length;
      message = countCheck(`"${e.event}" event(s)${filterText(e)}`, n, e);
    } else if ('frame' in e) {
      const n = o.frames.filter((f) => f.type === e.frame && f.from === e.from && selects(e, f.t, f.body)).length;
      message = countCheck(`"${e.frame}" frame(s) from the ${e.from}${filterText(e)}`, n, e);
    } else if ('connections' in e) {
      const n = o.connections.filter((c) => c.outcome === 'open').length;
      if (n !== e.connections) message = `expected ${e.connections} open connection(s), saw ${n}`;
    } else if ('chatCtx' in e) {
      message = checkChatCtx(e.chatCtx, o.chatCtx);
    }
    if (message) failures.push({ index, message: `expect[${index}]: ${message}` });
  });
  return failures;
}

function checkChatCtx(want: { role?: string; type?: string; text?: string }[], got: unknown[]): string | undefined {
  const items = got as { role?: string; type?: string; text?: string }[];
  const show = (list: { role?: string; type?: string; text?: string }[]): string =>
    list.map((i) => `${i.role ?? i.type ?? '?'}${i.text !== undefined ? `: ${JSON.stringify(i.text)}` : ''}`).join(', ') || '(empty)';
  if (items.length !== want.length) return `expected a chat context of ${want.length} item(s) [${show(want)}], got ${items.length} [${show(items)}]`;
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = items[i]!;
    for (const key of ['role', 'type', 'text'] as const) {
      if (w[key] !== undefined && w[key] !== g[key]) {
        return `chat context item ${i}: expected ${key} ${JSON.stringify(w[key])}, got ${JSON.stringify(g[key])} (whole context: [${show(items)}])`;
      }
    }
  }
  return undefined;
}
