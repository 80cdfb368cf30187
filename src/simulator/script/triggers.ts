/**
 * Matching of event triggers: which direction an event name belongs to and whether an
 * event's fields satisfy a rule's `match:` block.
 */
import { deepEqual, isClientEventType, readPath } from '../../protocol/index.js';
import type { EventTrigger, Matcher } from './rules.js';

/** The side an event trigger listens to. */
export function triggerSide(trigger: EventTrigger): 'client' | 'server' {
  return trigger.from ?? (isClientEventType(trigger.event) ? 'client' : 'server');
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
