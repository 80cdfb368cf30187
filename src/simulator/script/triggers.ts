/**
 * Matching of event triggers: which direction an event name belongs to and whether an
 * event's fields satisfy a rule's `match:` block.
 */
import { isClientEventType } from '../../protocol/index.js';
import type { EventTrigger, Matcher } from './rules.js';

/** The side an event trigger listens to. */
export function triggerSide(trigger: EventTrigger): 'client' | 'server' {
  return trigger.from ?? (isClientEventType(trigger.event) ? 'client' : 'server');
}

/** Reads a dot path (`item.content.0.type`) out of a value. */
export function readPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Array.isArray(current) ? current[Number(key)] : (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Structural equality of JSON values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** True when `value` satisfies `matcher`. */
export function matches(value: unknown, matcher: Matcher): boolean {
  if (matcher === null || typeof matcher !== 'object') return value === matcher;
  if ('equals' in matcher) return deepEqual(value, matcher.equals);
  if ('regex' in matcher) return typeof value === 'string' && new RegExp(matcher.regex).test(value);
  if ('exists' in matcher) return (value !== undefined) === matcher.exists;
  return matcher.oneOf.some((candidate) => deepEqual(value, candidate));
}

/** True when every path of `match` satisfies its matcher. */
export function matchesAll(event: unknown, match: Record<string, Matcher> | undefined): boolean {
  if (!match) return true;
  return Object.entries(match).every(([path, matcher]) => matches(readPath(event, path), matcher));
}
