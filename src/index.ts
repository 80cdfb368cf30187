/**
 * Package root of rt-sim. The realtime client's whole API (as `rt-sim/client`), plus the
 * entry points of the other layers: the simulated xAI server (`rt-sim/simulator` has the
 * rest), the links that join a client to it, the scenario harness, the clocks and the error
 * type every module throws. docs/api.md lists every export of every entry.
 */
export * from './client/index.js';
export {
  Simulator,
  createSimulator,
  serveSimulator,
  type CreateSimulatorOptions,
  type ServeHandle,
  type ServeOptions,
  type SimulatorConfig,
} from './simulator/index.js';
export {
  createMemoryLink,
  createClockedLoopbackLink,
  startWsServer,
  wsSocketFactory,
  globalWebSocketFactory,
  type MemoryLink,
  type MemoryLinkOptions,
  type LinkDirection,
  type ClockedLoopbackLink,
  type HoldingClock,
  type WsServerHandle,
  type WsServerOptions,
  type ConnectionHandler,
  type ServerConnection,
  type HandshakeRequest,
  type HandshakeDecision,
  type HttpRequest,
  type HttpAnswer,
  type SocketFactory,
  type SocketLike,
  type ConnectRequest,
  type SocketEventMap,
} from './link/index.js';
export {
  loadScenario,
  parseScenario,
  runScenario,
  runSuite,
  serveScenario,
  serializeObservation,
  ScenarioError,
  type RunOptions,
  type RunOutcome,
  type Scenario,
  type Step,
  type Expectation,
  type Observation,
  type FrameRecord,
  type EventRecord,
  type ConnectionRecord,
  type AudioRecord,
  type LogRecord,
  type Failure,
  type ScenarioIssue,
  type ScenarioResult,
  type ServeVerdict,
  type ServedScenario,
  type SuiteOptions,
  type SuiteReport,
} from './harness/index.js';
export { RealClock, VirtualClock, createRandom, type Clock, type Random } from './clock/index.js';
export { RtSimError, isRtSimError, type ErrorCode } from './errors/index.js';
