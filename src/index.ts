/**
 * Package root of rt-sim. The realtime client's whole API (as `rt-sim/client`), plus the
 * entry points of the other layers: the simulated xAI server (`rt-sim/simulator` has the
 * rest), the scenario harness, the clocks and the error type every module throws.
 */
export * from './client/index.js';
export {
  Simulator,
  createSimulator,
  serveSimulator,
  type CreateSimulatorOptions,
  type ServeHandle,
  type ServeOptions,
} from './simulator/index.js';
export {
  loadScenario,
  runScenario,
  runSuite,
  serveScenario,
  type RunOptions,
  type RunOutcome,
  type Scenario,
  type ServeVerdict,
  type SuiteOptions,
  type SuiteReport,
} from './harness/index.js';
export { RealClock, VirtualClock, createRandom, type Clock, type Random } from './clock/index.js';
export { RtSimError, isRtSimError } from './protocol/index.js';
