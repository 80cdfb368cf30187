import type { Random } from '../clock/index.js';

/**
 * Makes ids in the plugin's format: the prefix (with its trailing `_`, e.g. `item_`,
 * `response_create_`) followed by 12 lowercase hex characters (reference §2).
 */
export interface IdSource {
  next(prefix: string): string;
}

/** Ids drawn from a seeded {@link Random}: same seed, same ids. */
export function createIdSource(random: Random): IdSource {
  return { next: (prefix) => `${prefix}${random.hex(12)}` };
}

/**
 * Readable ids for tests: prefix + a per-prefix counter written as 12 zero-padded hex digits,
 * starting at 1 (`item_000000000001`, `item_000000000002`, `event_000000000001`).
 */
export function createSequentialIdSource(): IdSource {
  const counters = new Map<string, number>();
  return {
    next(prefix) {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      return `${prefix}${n.toString(16).padStart(12, '0')}`;
    },
  };
}
