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

/**
 * Plain UUIDs (version 4 form) drawn from a seeded {@link Random}, as live 2026 xAI sessions
 * use for every id: no `resp_` / `item_` / `event_` prefix. The prefix is ignored.
 */
export function createUuidIdSource(random: Random): IdSource {
  return {
    next() {
      const hex = random.hex(30);
      const variant = '89ab'[random.int(0, 3)]!;
      return (
        `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(12, 15)}-` +
        `${variant}${hex.slice(15, 18)}-${hex.slice(18, 30)}`
      );
    },
  };
}

/** A UUID in its 8-4-4-4-12 hex form, any version, lowercase or uppercase. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
