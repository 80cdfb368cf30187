/**
 * Package entry `rt-sim/vitest`: a vitest kit for tests of your own realtime client — the
 * `rtsim` fixture (fake xAI servers, scenario runs, clock controls) and, with
 * `rt-sim/vitest/setup` in `setupFiles`, the matchers typed here. vitest is an optional peer
 * dependency: only this folder imports it. See docs/vitest.md.
 */
import './augment.js';

export { test, rtsimFixture, type RtSimFixtures } from './fixture.js';
export { RtSimKit } from './kit.js';
export {
  FakeServer,
  startFakeServer,
  type FakeServerOptions,
  type FakeServerSource,
  type MemoryWebSocketClass,
} from './fake-server.js';
export { rtsimMatchers } from './matcher-set.js';
export type { RtSimMatchers } from './augment.js';
export type { Observed } from './subject.js';
export { goldenName } from './golden.js';
