import fc from 'fast-check';
import {
  CONNECTION_FAULT_EVENTS,
  DELAYABLE_EVENTS,
  DROPPABLE_EVENTS,
  DUPLICABLE_EVENTS,
  REORDERABLE_EVENTS,
} from './fault-events.js';
import type { FaultSpec, FaultTrigger } from './fuzz-case.js';

const nth = (): fc.Arbitrary<number> => fc.integer({ min: 1, max: 6 });
const howMany = (): fc.Arbitrary<number> => fc.integer({ min: 1, max: 3 });

/** Some time (100–2000 ms) into the 1st–3rd connection, or the nth event of a type. */
export function faultTriggerArbitrary(): fc.Arbitrary<FaultTrigger> {
  return fc.oneof(
    fc.record({
      afterMs: fc.integer({ min: 1, max: 20 }).map((n) => n * 100),
      connection: fc.integer({ min: 1, max: 3 }),
    }),
    fc.record({ event: fc.constantFrom(...CONNECTION_FAULT_EVENTS), nth: nth() }),
  );
}

/**
 * One fault of docs/scenario-server.md: drop, duplicate, delay or reorder server events of
 * a type (see fault-events.ts for which types), drop or close the connection, fail a
 * response, refuse handshakes with 429 or 503, black-hole a connection (half-open), or
 * spend the retry budget (a drop, then refusals up to and past `maxRetry`).
 */
export function faultArbitrary(): fc.Arbitrary<FaultSpec> {
  return fc.oneof(
    fc.record({
      kind: fc.constant('drop' as const),
      event: fc.constantFrom(...DROPPABLE_EVENTS),
      nth: nth(),
      count: howMany(),
    }),
    fc.record({
      kind: fc.constant('duplicate' as const),
      event: fc.constantFrom(...DUPLICABLE_EVENTS),
      nth: nth(),
      count: howMany(),
      times: fc.integer({ min: 1, max: 2 }),
    }),
    fc.record({
      kind: fc.constant('delayEvent' as const),
      event: fc.constantFrom(...DELAYABLE_EVENTS),
      nth: nth(),
      count: howMany(),
      ms: fc.integer({ min: 1, max: 40 }).map((n) => n * 10),
    }),
    fc.record({
      kind: fc.constant('reorder' as const),
      event: fc.constantFrom(...REORDERABLE_EVENTS),
      nth: nth(),
      count: fc.constant(1),
      by: fc.integer({ min: 1, max: 2 }),
    }),
    fc.record({ kind: fc.constant('resetPeer' as const), at: faultTriggerArbitrary() }),
    fc.record({
      kind: fc.constant('close' as const),
      at: faultTriggerArbitrary(),
      code: fc.constantFrom(1000, 1001, 1011, 4000),
    }),
    fc.record({
      kind: fc.constant('failNextResponse' as const),
      nth: fc.integer({ min: 1, max: 3 }),
      code: fc.constantFrom('internal_error', 'rate_limited'),
    }),
    fc.record({
      kind: fc.constant('refuseHandshake' as const),
      status: fc.constantFrom(503 as const, 429 as const),
      handshake: fc.integer({ min: 1, max: 2 }),
      count: fc.integer({ min: 1, max: 2 }),
    }),
    fc.record({
      kind: fc.constant('timeout' as const),
      afterMs: fc.integer({ min: 1, max: 15 }).map((n) => n * 100),
      connection: fc.integer({ min: 1, max: 2 }),
      ms: fc.constantFrom(0, 0, 1500),
    }),
    fc.record({
      kind: fc.constant('exhaustRetries' as const),
      afterMs: fc.integer({ min: 1, max: 15 }).map((n) => n * 100),
      status: fc.constantFrom(503 as const, 429 as const),
      over: fc.constantFrom(0 as const, 1 as const, 2 as const),
    }),
  );
}
