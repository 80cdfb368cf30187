import path from 'node:path';
import { RealtimeModel } from '../client/index.js';
import type { RealtimeModelOptions, RealtimeSession } from '../client/index.js';
import { RealClock, VirtualClock, createRandom } from '../clock/index.js';
import type { Random } from '../clock/index.js';
import { type ControlClient, controlClientOver, createControlClient } from '../control/internal.js';
import {
  CONTROL_PREFIX,
  DEFAULT_JOURNAL,
  IDLE_QUIET_MS,
  Observer,
  SCENARIO_API_KEY,
  answerControl,
  createControlPlane,
  loadScenario,
  webSocketClassOver,
} from '../harness/index.js';
import type { Observation, Scenario, WebSocketClass } from '../harness/index.js';
import { createMemoryLink, wsSocketFactory } from '../link/index.js';
import type { HttpRequest, SocketFactory } from '../link/index.js';
import { RtSimError } from '../protocol/index.js';
import { createSimulator, serveSimulator } from '../simulator/index.js';
import type { ServeHandle, Simulator, SimulatorConfig } from '../simulator/index.js';

/** What a fake server plays: a scenario (loaded, or the path of its file) or an inline `{ server, script }` config. */
export type FakeServerSource = Scenario | string | SimulatorConfig;

/** How to start a fake server. */
export interface FakeServerOptions {
  /**
   * `memory` (default): no sockets, everything on a virtual clock — connect through
   * `socketFactory`, `WebSocket` or `client()`. `ws`: a real `ws` server on 127.0.0.1 at
   * `url` for a client built on `ws`/`fetch`, on real time.
   */
  transport?: 'memory' | 'ws';
  /** Seed of the simulator's random choices; default the scenario's seed, else 0. */
  seed?: number;
  /** API key the fake server expects; default `server.apiKey` of the config, else any key. */
  apiKey?: string | null;
  /** Check every frame the fake server sends against the protocol catalogue. */
  strict?: boolean;
  /** Folder that relative scenario paths, WAV and replay files are resolved from. */
  baseDir?: string;
}

/**
 * A WebSocket class whose sockets reach the fake server over the memory link. It takes the
 * forms a client may call: WHATWG `(url, protocols)`, undici's `(url, { protocols, headers })`
 * and ws's `(url, protocols, { headers })`, so headers (the API key) reach the server.
 */
export type MemoryWebSocketClass = WebSocketClass;

/** Virtual ms `runUntilIdle` lets pass at most before it gives up. */
const IDLE_LIMIT_MS = 60_000;
/** On real time, how long `runUntilIdle` needs the server quiet, in ms. */
const REAL_QUIET_MS = 100;

function isScenario(source: Scenario | SimulatorConfig): source is Scenario {
  return 'steps' in source && 'name' in source;
}

/**
 * A running fake xAI realtime server for one test: the simulator, the way to reach it, an
 * observer of everything on the wire (the harness's, so `observation()` is what a golden
 * holds) and the clock's controls. Build it with {@link startFakeServer} or the
 * `rtsim` fixture.
 */
export class FakeServer {
  private readonly sessions: RealtimeSession[] = [];
  private closed = false;

  /** @internal Use {@link startFakeServer}. */
  constructor(
    /** The simulator behind the server: inspect `sessions()`, force messages, close. */
    readonly simulator: Simulator,
    /** The server's clock: a `VirtualClock` on the memory transport, real time on `ws`. */
    readonly clock: VirtualClock | RealClock,
    private readonly observer: Observer,
    private readonly random: Random,
    private readonly scenario: Scenario | undefined,
    /** Opens a socket to the server (memory transport: on the virtual clock). */
    readonly socketFactory: SocketFactory,
    /**
     * `ws://127.0.0.1:PORT/v1/realtime` on the `ws` transport; `wss://api.x.ai/v1/realtime`
     * (answered in memory) otherwise.
     */
    readonly url: string,
    private readonly handle: ServeHandle | undefined,
    /**
     * The control API of `rt-sim serve` on this server (docs/control.md): connections, faults and
     * events added now, the journal, the verdict so far, reset. Over HTTP on the `ws` transport;
     * a direct call of the same routes in memory (then let time pass for what the actions send).
     */
    readonly control: ControlClient,
  ) {}

  /**
   * A `WebSocket` class for a client of your own that takes one: `new server.WebSocket(url, protocols)`,
   * `(url, { protocols, headers })` (undici, and rt-sim's `RealtimeModel({ WebSocket })`) or
   * `(url, protocols, { headers })` (ws).
   */
  get WebSocket(): MemoryWebSocketClass {
    return webSocketClassOver('webSocketClass', this.socketFactory);
  }

  /**
   * An rt-sim client session connected to this server, observed with it. Options default to
   * the scenario's `client:` block and a placeholder API key (the fake server takes any key
   * unless its config sets `apiKey`); the clock, random source and socket are the server's.
   */
  client(options: RealtimeModelOptions = {}): RealtimeSession {
    const model = new RealtimeModel({
      apiKey: SCENARIO_API_KEY,
      ...(this.scenario?.client ?? {}),
      ...options,
      clock: this.clock,
      random: this.random.fork(`client-${this.sessions.length + 1}`),
      socketFactory: this.socketFactory,
      ...(this.handle ? { baseURL: this.url } : {}),
    });
    const session = model.session();
    this.observer.attachSession(session);
    this.sessions.push(session);
    return session;
  }

  /** Lets `ms` of virtual time pass, firing due timers in order (real time on the `ws` transport). */
  async advance(ms: number): Promise<void> {
    if (this.clock instanceof VirtualClock) await this.clock.advance(ms);
    else await this.clock.sleep(ms);
  }

  /**
   * Runs the clock until `promise` settles (e.g. `server.until(session.generateReply())`), at
   * most `maxMs` more virtual ms; returns its value or rethrows its error.
   */
  async until<T>(promise: Promise<T>, maxMs = IDLE_LIMIT_MS): Promise<T> {
    if (this.clock instanceof VirtualClock) return this.clock.run(promise, { maxMs: this.clock.now() + maxMs });
    return promise;
  }

  /**
   * Lets time pass until the conversation is idle: no reply being generated and no server
   * frame (pings aside) for 500 virtual ms — the scenario step `wait: idle`.
   */
  async runUntilIdle(maxMs = IDLE_LIMIT_MS): Promise<void> {
    const quietMs = this.clock instanceof VirtualClock ? IDLE_QUIET_MS : REAL_QUIET_MS;
    const limit = this.clock.now() + maxMs;
    for (;;) {
      const quietFor = this.clock.now() - this.observer.lastServerFrameAt;
      if (this.observer.activeGenerations === 0 && quietFor >= quietMs) return;
      if (this.clock.now() >= limit) {
        throw new RtSimError(
          'RTSIM_VITEST_NOT_IDLE',
          `the fake server was still busy after ${maxMs} ms (a reply running, or frames still coming)`,
          {
            now: this.clock.now(),
          },
        );
      }
      await this.advance(Math.max(1, Math.min(quietMs - quietFor, 50)));
    }
  }

  /**
   * Everything seen so far — connections, frames, the clients' events, audio timing, chat
   * context — normalised like a golden file: `expect(server).toMatchGolden()` compares it.
   */
  observation(): Observation {
    const last = this.sessions.at(-1);
    if (last) this.observer.captureFinalState(last);
    return this.observer.finish(this.clock.now());
  }

  /** Closes the clients and the server, on the server's clock. The fixture calls it after each test. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const last = this.sessions.at(-1);
    if (last) this.observer.captureFinalState(last);
    const shutdown = (async () => {
      for (const session of this.sessions) await session.close().catch(() => undefined);
      if (this.handle) await this.handle.close();
      await this.simulator.close();
      await this.observer.drained();
    })();
    await this.until(shutdown);
  }
}

/**
 * Starts a fake xAI realtime server for a scenario (object or path, relative to
 * `options.baseDir`) or an inline `{ server, script }` config.
 */
export async function startFakeServer(source: FakeServerSource, options: FakeServerOptions = {}): Promise<FakeServer> {
  const baseDir = options.baseDir ?? process.cwd();
  const loaded = typeof source === 'string' ? await loadScenario(path.resolve(baseDir, source)) : source;
  const scenario = isScenario(loaded) ? loaded : undefined;
  const seed = options.seed ?? scenario?.seed ?? 0;
  const random = createRandom(seed);
  const clock = options.transport === 'ws' ? new RealClock() : new VirtualClock();
  const config = scenario ? { server: scenario.server, script: scenario.script } : (loaded as SimulatorConfig);
  const simulator = await createSimulator({
    clock,
    random: random.fork('simulator'),
    config,
    baseDir: scenario?.baseDir ?? baseDir,
    ...(options.apiKey !== undefined ? { apiKey: options.apiKey } : {}),
    strict: options.strict ?? false,
  });
  const observer = new Observer(clock, scenario ?? inlineScenario(seed, baseDir), seed);
  observer.attachSimulator(simulator);
  const { plane } = createControlPlane(simulator, clock, scenario ?? { name: 'inline', expect: [] }, {
    journal: DEFAULT_JOURNAL,
  });
  if (options.transport === 'ws') {
    const http = (request: HttpRequest) => answerControl(request, plane);
    const handle = await serveSimulator(simulator, { host: '127.0.0.1', http });
    const control = createControlClient(handle.url);
    return new FakeServer(simulator, clock, observer, random, scenario, wsSocketFactory, handle.url, handle, control);
  }
  const control = controlClientOver(`memory:${CONTROL_PREFIX}`, async (method, route, body) => {
    const answer = answerControl({ method, url: `${CONTROL_PREFIX}${route}`, headers: {}, body: body ?? '' }, plane);
    return answer ? { status: answer.status, text: answer.body } : { status: 404, text: '' };
  });
  const link = createMemoryLink(simulator, { clock, coalesce: scenario?.coalesceFrames === true });
  return new FakeServer(
    simulator,
    clock,
    observer,
    random,
    scenario,
    link.socketFactory,
    'wss://api.x.ai/v1/realtime',
    undefined,
    control,
  );
}

/** The observer names its observation after a scenario; an inline config is `inline`. */
function inlineScenario(seed: number, baseDir: string): Scenario {
  return {
    name: 'inline',
    seed,
    timeoutMs: IDLE_LIMIT_MS,
    golden: false,
    client: {},
    server: {},
    script: [],
    tools: [],
    steps: [],
    expect: [],
    file: '',
    baseDir,
  };
}
