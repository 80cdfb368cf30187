import { ClientLog } from './client-log.js';
import { RealtimeModel } from '../client/index.js';
import type { RealtimeSession } from '../client/index.js';
import { VirtualClock, createRandom } from '../clock/index.js';
import type { Clock } from '../clock/index.js';
import { createClockedLoopbackLink, createMemoryLink } from '../link/index.js';
import type { ConnectionHandler, SocketFactory, SocketLike } from '../link/index.js';
import { createIdSource, isRtSimError } from '../protocol/index.js';
import { createSimulator, formatReplayIssue } from '../simulator/index.js';
import type { Simulator } from '../simulator/index.js';
import { loadAudioSource } from './audio-source.js';
import type { PcmClip } from './audio-source.js';
import { chatCtxApiFailures, chatCtxApiProblems } from './chat-ctx-api.js';
import { checkExpectations } from './expect.js';
import { CLIENT_CLOCK_OWNER, leftAfterClose } from './leaks.js';
import { loadScenario } from './load.js';
import { Observer } from './observe.js';
import type { Observation } from './observation.js';
import { RawEventCheck } from './raw-events.js';
import { RejectionWatch } from './rejections.js';
import type { Failure } from './report.js';
import type { Scenario, Step } from './scenario.js';
import { undeclaredServerErrors } from './server-errors.js';
import { ConstructorThrows } from './constructor-throws.js';
import { secretLeaks } from './secret-leak.js';
import { webSocketClassOver } from './socket-classes.js';
import { StepRunner } from './steps.js';
import { SurfacedErrors } from './surfaced-errors.js';
import { withoutPrefix } from '../errors/index.js';
import { placeSteps } from './step-tree.js';

/** The API key the harness's client presents to the simulator. Not a real secret. */
export const SCENARIO_API_KEY = 'rt-sim-scenario-key';

/** How to run a scenario. */
export interface RunOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /**
   * Puts something between the client and the simulator, on the run's virtual clock: it gets
   * the simulator (as a link handler) and returns the handler the client's link connects to.
   * Tests use it to record a run through the recording proxy (`createRecordingHandler`).
   */
  interpose?: (handler: ConnectionHandler, ctx: { clock: VirtualClock }) => Promise<ConnectionHandler>;
  /**
   * What carries the frames: `memory` (default) an in-memory link, `ws` real WebSockets on
   * 127.0.0.1 that hold the virtual clock while frames are in flight. Both give the same
   * virtual times, so the same golden file.
   */
  transport?: 'memory' | 'ws';
}

/** What one run of a scenario produced. */
export interface RunOutcome {
  observation: Observation;
  failures: Failure[];
  simulatedMs: number;
  /** Virtual time at which the steps ended and the harness began closing the client. */
  closeStartedMs: number;
  seed: number;
  /**
   * The client's last warnings and errors, one line each (see {@link ClientLog}); a failed
   * scenario's report shows them.
   */
  clientLog: string[];
}

/**
 * Runs a scenario under the virtual clock: a simulator built from its `server` and `script`
 * blocks, a client from its `client` block, joined by the in-memory link (or real sockets on
 * loopback, `transport: 'ws'`), driven through
 * its steps. The same scenario and seed give the same observation, byte for byte.
 *
 * `scenario` is a loaded scenario (`loadScenario`, `parseScenario`) or the path of a
 * scenario file, which is loaded first (a bad file throws a `ScenarioError`).
 */
export async function runScenario(scenario: Scenario | string, options: RunOptions = {}): Promise<RunOutcome> {
  if (typeof scenario === 'string') return runLoaded(await loadScenario(scenario), options);
  return runLoaded(scenario, options);
}

async function runLoaded(scenario: Scenario, options: RunOptions): Promise<RunOutcome> {
  const seed = options.seed ?? scenario.seed;
  const random = createRandom(seed);
  const clock = new VirtualClock();
  const clips = await preloadAudio(scenario.steps, scenario.baseDir);
  const simulator = await createSimulator({
    clock,
    random: random.fork('simulator'),
    config: { server: scenario.server, script: scenario.script },
    baseDir: scenario.baseDir,
    apiKey: SCENARIO_API_KEY,
  });
  const handler = options.interpose ? await options.interpose(simulator, { clock }) : simulator;
  const link =
    options.transport === 'ws'
      ? await createClockedLoopbackLink(handler, { clock })
      : createMemoryLink(handler, { clock, coalesce: scenario.coalesceFrames === true });
  const sockets: SocketLike[] = [];
  const rawEvents = new RawEventCheck();
  const clientLog = new ClientLog(clock);
  // Before the model: the client may construct its first socket within session().
  const observer = new Observer(clock, scenario, seed);
  const throws = new ConstructorThrows(scenario.constructorThrows ?? []);
  const openSocket: SocketFactory = (request) => {
    throws.next(request);
    // Kept so that a socket the client never closes is seen after close().
    const socket = rawEvents.watch(link.socketFactory(request));
    sockets.push(socket);
    return socket;
  };
  const connectWith = scenario.connectWith ?? 'socketFactory';
  const model = new RealtimeModel({
    ...scenario.client,
    apiKey: SCENARIO_API_KEY,
    logger: clientLog,
    // The client's own view of the clock, so the timers it leaves after close are its own.
    clock: clock.scoped(CLIENT_CLOCK_OWNER),
    random: random.fork('client'),
    ...(connectWith === 'socketFactory'
      ? { socketFactory: openSocket }
      : {
          WebSocket: webSocketClassOver(connectWith, openSocket, (c) => observer.record('websocket_constructed', c)),
        }),
  });
  const session = model.session();
  // Before the observer: an application's listener with a bug, called first; the client must carry on.
  for (const name of scenario.listenerThrows ?? [])
    session.on(name, () => {
      throw new Error(`a listener of ${name} with a bug (listenerThrows)`);
    });
  observer.attach(session, simulator);
  const surfaced: SurfacedErrors[] = [];
  // Every session the run opens gets the run's checks; only the first is observed in full.
  const watch = (s: RealtimeSession): RealtimeSession => {
    const audit = new SurfacedErrors(clock);
    audit.attach(s);
    surfaced.push(audit);
    rawEvents.attach(s);
    return s;
  };
  watch(session);
  const rejections = new RejectionWatch(clock);
  rejections.start();

  const failures: Failure[] = [];
  let leaks: Failure[] = [];
  let closeStartedMs = 0;
  const apiProblems: string[] = [];
  const openSession = (): RealtimeSession => watch(model.session());
  const steps = new StepRunner({
    clock,
    session,
    model,
    openSession,
    observer,
    scenario,
    clips,
    ids: createIdSource(random.fork('harness')),
  });
  try {
    try {
      await clock.run(steps.runAll(), { maxMs: scenario.timeoutMs });
    } catch (e) {
      failures.push(toFailure(e, steps, clock, seed, scenario, pendingWork(clock, observer)));
    }
    closeStartedMs = clock.now();
    // Before close: the session's context as the run left it, read through the agent's API.
    apiProblems.push(...steps.apiProblems, ...chatCtxApiProblems(session.chatCtx, "the session's chat context"));
    leaks = await shutdown(clock, session, model, simulator, observer, sockets, failures);
    // close() fails every call still pending (§8.8, rt-sim fixed): one left hanging is the client's.
    for (const call of steps.unsettledCalls())
      leaks.push({
        kind: 'leak',
        message: `the promise of ${call} is still pending after close: close() should settle it`,
      });
    if ('close' in link) await link.close();
    // A rejection is reported by Node after the microtasks that could still handle it.
    await clock.settle();
  } finally {
    failures.push(...rejections.stop());
  }
  // Replay issues are complete only now: unused frames are reported as connections end.
  for (const issue of simulator.replayIssues()) failures.push({ kind: 'replay', message: formatReplayIssue(issue) });
  const observation = observer.finish(clock.now(), clientLog.records());
  for (const f of checkExpectations(scenario.expect, observation))
    failures.push({ kind: 'expectation', message: f.message });
  failures.push(
    ...undeclaredServerErrors(scenario.expect, observation),
    ...surfaced.flatMap((a) => a.failures()),
    ...rawEvents.failures(),
    ...chatCtxApiFailures(apiProblems),
    ...leaks,
  );
  failures.push(
    ...secretLeaks(SCENARIO_API_KEY, {
      'the observation (the golden file)': observation,
      "the client's log": clientLog.lines(),
      "the run's failure messages": failures.map((f) => f.message),
    }),
  );
  return { observation, failures, simulatedMs: clock.now(), closeStartedMs, seed, clientLog: clientLog.lines() };
}

/**
 * Closes the client and the simulator, still on the virtual clock, whatever happened.
 * Returns what the client left behind once its `close()` resolved (timers, open
 * sockets); nothing when the shutdown itself failed, which is reported instead.
 */
async function shutdown(
  clock: VirtualClock,
  session: RealtimeSession,
  model: RealtimeModel,
  simulator: Simulator,
  observer: Observer,
  sockets: readonly SocketLike[],
  failures: Failure[],
): Promise<Failure[]> {
  observer.captureFinalState(session);
  let closedAt = 0;
  let open: { readyState: number }[] = [];
  try {
    await clock.run(
      (async () => {
        // A session that died (retries exhausted, R2.8) rejects close() with its fatal error.
        await session.close().catch((e: unknown) => observer.recordError('session_failed', e));
        // Sessions a scenario opened besides its own (openSession); none in most runs.
        if (model.sessions.length > 0) await model.close();
        // Before the simulator closes what the client left open.
        closedAt = clock.now();
        open = sockets.map((s) => ({ readyState: s.readyState }));
        await simulator.close();
        await observer.drained();
      })(),
      { maxMs: clock.now() + 60_000 },
    );
  } catch (e) {
    if (failures.length === 0) {
      const pending = pendingWork(clock, observer);
      failures.push({
        kind: 'error',
        message: `the client or the simulator did not shut down: ${(e as Error).message}${pending}`,
      });
    }
    return [];
  }
  // The client's timers are its own business: the simulator closing cannot clear them.
  return leftAfterClose(clock, open, closedAt);
}

async function preloadAudio(steps: readonly Step[], baseDir: string): Promise<Map<number, PcmClip>> {
  const clips = new Map<number, PcmClip>();
  // Steps that push the same audio share one clip (read-only: frames are cut from it), so a
  // WAV file is read and decoded, or a tone made, once per run, not once per step.
  const made = new Map<string, PcmClip>();
  for (const { step, index: i } of placeSteps(steps)) {
    if (!('call' in step) || step.call !== 'pushAudio') continue;
    const { frameMs: _frameMs, realtime: _realtime, ...source } = step.args;
    const key = JSON.stringify(source);
    let clip = made.get(key);
    if (clip === undefined) {
      clip = await loadAudioSource(step.args, baseDir);
      made.set(key, clip);
    }
    clips.set(i, clip);
  }
  return clips;
}

/**
 * What a run that can no longer progress was still waiting on, as far as the harness can see:
 * generations whose streams never ended and the client's pending timers. Empty if nothing.
 */
function pendingWork(clock: VirtualClock, observer: Observer): string {
  const parts = observer.unendedGenerations().map((id) => `the streams of generation ${id} never ended`);
  for (const t of clock.pendingTimerList(CLIENT_CLOCK_OWNER))
    parts.push(
      `client timer ${t.label !== undefined ? `'${t.label}'` : `set at ${t.origin ?? '?'}`} due at ${t.dueAt} ms`,
    );
  return parts.length === 0 ? '' : ` (still pending: ${parts.join('; ')})`;
}

function toFailure(
  e: unknown,
  steps: StepRunner,
  clock: Clock,
  seed: number,
  scenario: Scenario,
  pending: string,
): Failure {
  const where =
    `at step ${steps.currentIndex} (${steps.describeCurrent()}), ` + `virtual time ${clock.now()} ms, seed ${seed}`;
  if (isRtSimError(e, 'RTSIM_CLOCK_LIMIT')) {
    return { kind: 'timeout', message: `the scenario did not finish within timeoutMs ${scenario.timeoutMs} ${where}` };
  }
  if (isRtSimError(e, 'RTSIM_CLOCK_DEADLOCK')) {
    return { kind: 'deadlock', message: `the run waited for something that can no longer happen ${where}${pending}` };
  }
  if (isRtSimError(e, 'RTSIM_HARNESS_WAIT_TIMEOUT'))
    return { kind: 'timeout', message: `${withoutPrefix(e.message)} ${where}` };
  const message = e instanceof Error ? withoutPrefix(e.message) : String(e);
  return { kind: 'error', message: `${message} ${where}` };
}
