import type { MatcherState } from 'vitest';
import type { FrameRecord } from '../harness/index.js';
import { matchesPartial } from './partial.js';
import { observationOf } from './subject.js';

/** What a matcher returns to vitest. */
export interface MatcherResult {
  pass: boolean;
  message: () => string;
  actual?: unknown;
  expected?: unknown;
}

const show = (value: unknown): string => JSON.stringify(value);

/** The frame types one side sent, with counts, for a failure message. */
function typeCounts(frames: readonly FrameRecord[]): string {
  const counts = new Map<string, number>();
  for (const f of frames) counts.set(f.type, (counts.get(f.type) ?? 0) + 1);
  return counts.size === 0
    ? '(nothing)'
    : [...counts].map(([type, n]) => (n === 1 ? type : `${type} ×${n}`)).join(', ');
}

function frameMatcher(
  this: MatcherState,
  received: unknown,
  from: 'client' | 'server',
  type: string,
  partial?: Record<string, unknown>,
): MatcherResult {
  const frames = observationOf(received).frames.filter((f) => f.from === from);
  const ofType = frames.filter((f) => f.type === type);
  const hit = ofType.find((f) => partial === undefined || matchesPartial(f.body, partial));
  const who = from === 'client' ? 'the client' : 'the fake server';
  const verb = from === 'client' ? 'sent' : 'sent the client';
  const what = `a "${type}" frame${partial === undefined ? '' : ` matching ${show(partial)}`}`;
  return {
    pass: hit !== undefined,
    message: () => {
      if (hit)
        return (
          `expected ${who} not to have ${verb} ${what}; it did at ` +
          `${hit.t} ms (connection ${hit.conn}): ${show(hit.body)}`
        );
      const near =
        ofType.length === 0
          ? `no "${type}" frame at all; it sent: ${typeCounts(frames)}`
          : `${ofType.length} "${type}" frame(s), none matching; the first: ${show(ofType[0]!.body)}`;
      return `expected ${who} to have ${verb} ${what}; ${near}`;
    },
    ...(ofType[0] && partial !== undefined && !hit ? { actual: ofType[0].body, expected: partial } : {}),
  };
}

/** `expect(run).toHaveSent(type, partial?)`: the client sent a frame of `type` whose body holds `partial`. */
export function toHaveSent(
  this: MatcherState,
  received: unknown,
  type: string,
  partial?: Record<string, unknown>,
): MatcherResult {
  return frameMatcher.call(this, received, 'client', type, partial);
}

/**
 * `expect(run).toHaveReceived(type, partial?)`: the fake server sent the client a frame of `type` holding `partial`.
 */
export function toHaveReceived(
  this: MatcherState,
  received: unknown,
  type: string,
  partial?: Record<string, unknown>,
): MatcherResult {
  return frameMatcher.call(this, received, 'server', type, partial);
}

/**
 * `expect(run).toHaveChatContext(items)`: the client's final chat context has exactly these
 * items, in order, each holding the fields given (`{ role: 'assistant', text: 'Hi' }`).
 */
export function toHaveChatContext(
  this: MatcherState,
  received: unknown,
  items: readonly Record<string, unknown>[],
): MatcherResult {
  const actual = observationOf(received).chatCtx;
  const pass = matchesPartial(actual, items);
  return {
    pass,
    message: () =>
      pass
        ? `expected the chat context not to be ${show(items)}`
        : `expected the chat context to be ${items.length} item(s) like ` +
          `${show(items)}; it is ${actual.length} item(s): ${show(actual)}`,
    actual,
    expected: items,
  };
}

/**
 * `expect(run).toHaveReconnected(times?)`: the client opened a new connection after its
 * first one — `times` times exactly when given, else at least once.
 */
export function toHaveReconnected(this: MatcherState, received: unknown, times?: number): MatcherResult {
  const connections = observationOf(received).connections;
  const opened = connections.filter((c) => c.outcome === 'open').length;
  const reconnects = Math.max(0, opened - 1);
  const pass = times === undefined ? reconnects >= 1 : reconnects === times;
  const wanted = times === undefined ? 'at least once' : `${times} time(s)`;
  return {
    pass,
    message: () =>
      `expected the client ${pass ? 'not ' : ''}to have reconnected ${wanted}; it opened ${opened} ` +
      `connection(s) (${reconnects} reconnect(s)) in ${connections.length} attempt(s)`,
  };
}
