/**
 * The fake xAI realtime server. One `Simulator` handles every connection of a run through
 * src/link's `ConnectionHandler`, so the same core runs behind the in-memory link, a real
 * `ws` server and msw. Everything it does is paced by the given clock and every id and
 * random choice comes from the given seeded generator.
 */
import type { Clock, Random } from '../clock/index.js';
import type {
  ConnectionHandler,
  HandshakeDecision,
  HandshakeRequest,
  HttpAnswer,
  HttpRequest,
  ServerConnection,
} from '../link/index.js';
import { RtSimError } from '../protocol/index.js';
import type { AudioLibrary } from './audio-source.js';
import type { FailureSpec, ServerConfig } from './config.js';
import type { SimulatorConfig } from './simulator-config.js';
import { SERVER_DEFAULTS } from './config.js';
import { ClientSecretStore, answerClientSecrets } from './client-secrets.js';
import { checkHandshake, checkPath } from './handshake.js';
import { profileIdSource, resolveProfile } from './profile/index.js';
import { ReplySource } from './reply-source.js';
import { ResumptionStore } from './resumption.js';
import type { ReplayEvent, ScriptSimulator } from './script/actions.js';
import { ScriptEngine } from './script/engine.js';
import { preloadFiles } from './preload-files.js';
import type { ReplayIssue, TranscriptReplay } from './replay/index.js';
import { loadTranscriptReplay } from './replay/index.js';
import type { SessionContext, SimSessionInfo } from './session.js';
import type { SimCloseEvent, SimConnectionEvent, SimFrame } from './simulator-events.js';
import { SimSession } from './session.js';
import { formatConfigIssues, validateSimulatorConfig } from './validate-config.js';
import { validateActions } from './validate-script.js';
import type { ConfigIssue } from './config-checks.js';
import type { Action } from './script/rules.js';

/** The status a held handshake reports, and that a transport unable to hold one answers with: 504 Gateway Timeout. */
const HELD_STATUS = 504;

/** How to build a simulator. */
export interface CreateSimulatorOptions {
  clock: Clock;
  random: Random;
  /** The `server:` and `script:` blocks of a scenario; checked with {@link validateSimulatorConfig}. */
  config: SimulatorConfig | { server?: unknown; script?: unknown };
  /** Directory WAV and replay paths are relative to. Default: the working directory. */
  baseDir?: string;
  /** Expected API key (overrides `server.apiKey`); `null` accepts any. */
  apiKey?: string | null;
  /**
   * When no key is expected (`apiKey` null): still refuse, with 401, a handshake carrying
   * neither a non-empty Bearer key nor an `xai-client-secret.` token. Default false.
   */
  requireCredentials?: boolean;
  /** Check every frame the simulator builds against the protocol catalogue and throw on a bad one. */
  strict?: boolean;
  /**
   * How many closed sessions {@link Simulator.sessions} keeps, newest first; older ones are
   * freed. Default: all of them (a test inspects each). A long-running server (`serve`)
   * bounds it, so a closed connection leaves nothing behind.
   */
  keepClosedSessions?: number;
}

/**
 * Builds a simulator. Async only to check the config and load WAV and replay files up
 * front, so that no I/O happens during a run on the virtual clock. Throws RtSimError
 * `RTSIM_SIM_CONFIG` (details.issues) for an invalid config.
 */
export async function createSimulator(options: CreateSimulatorOptions): Promise<Simulator> {
  const issues = validateSimulatorConfig(options.config);
  if (issues.length > 0) {
    throw new RtSimError('RTSIM_SIM_CONFIG', `simulator config: ${formatConfigIssues(issues)}`, { issues });
  }
  const config = options.config as SimulatorConfig;
  const baseDir = options.baseDir ?? process.cwd();
  const { audio, replays } = await preloadFiles(config, baseDir);
  const transcript = config.server?.transcript
    ? await loadTranscriptReplay(config.server.transcript, baseDir)
    : undefined;
  return new Simulator(options, config, audio, replays, transcript);
}

/**
 * The fake xAI realtime server. Build it with {@link createSimulator}; give it to a link
 * (`createMemoryLink(sim, …)`, `serveSimulator(sim, …)`, `createXaiHandler(sim)`).
 */
export class Simulator implements ConnectionHandler {
  private readonly clock: Clock;
  private readonly server: ServerConfig;
  private readonly script: ScriptEngine;
  private readonly ctx: SessionContext;
  /** Open sessions and the kept closed ones, in connection order. */
  private readonly all = new Set<SimSession>();
  /** Closed sessions still in `all`, oldest first. */
  private readonly closedKept: SimSession[] = [];
  private readonly keepClosed: number;
  private accepted = 0;
  private readonly frameListeners = new Set<(f: SimFrame) => void>();
  private readonly connectionListeners = new Set<(e: SimConnectionEvent) => void>();
  private readonly closeListeners = new Set<(e: SimCloseEvent) => void>();
  /** Scripted answers to the next handshakes: a refusal, or (`hold`) no answer at all. */
  private readonly refusals: { status: number; body: string | undefined; hold?: true }[] = [];
  private readonly apiKey: string | null;
  private readonly requireCredentials: boolean;
  private attempts = 0;
  /** Attempt number of each accepted handshake, found again from `conn.request`. */
  private readonly acceptedAttempts = new WeakMap<HandshakeRequest, number>();
  private closed = false;
  private readonly transcript: TranscriptReplay | undefined;
  private readonly secrets: ClientSecretStore;
  private readonly replies: ReplySource;
  private readonly replays: ReadonlyMap<string, ReplayEvent[]>;

  /** @internal Use {@link createSimulator}. */
  constructor(
    options: CreateSimulatorOptions,
    config: SimulatorConfig,
    audio: AudioLibrary,
    replays: ReadonlyMap<string, ReplayEvent[]>,
    transcript?: TranscriptReplay,
  ) {
    this.transcript = transcript;
    this.clock = options.clock;
    this.server = config.server ?? {};
    this.apiKey = options.apiKey !== undefined ? options.apiKey : (this.server.apiKey ?? null);
    this.requireCredentials = options.requireCredentials ?? false;
    this.keepClosed = options.keepClosedSessions ?? Number.POSITIVE_INFINITY;
    const replies = new ReplySource(this.server, audio);
    this.replies = replies;
    this.replays = replays;
    const scriptSim: ScriptSimulator = {
      refuseHandshakes: (status, body, count) => {
        for (let i = 0; i < count; i++) this.refusals.push({ status, body });
      },
      holdHandshakes: (count) => {
        for (let i = 0; i < count; i++) this.refusals.push({ status: HELD_STATUS, body: undefined, hold: true });
      },
      failResponses: (failure: FailureSpec, count) => replies.failNext(failure, count),
      replayFile: (file) => replays.get(file) ?? [],
    };
    this.script = new ScriptEngine(config.script ?? [], this.clock, options.random.fork('script'), scriptSim);
    const profile = resolveProfile(this.server.profile);
    this.ctx = {
      clock: this.clock,
      ids: profileIdSource(profile, options.random.fork('ids')),
      profile,
      random: options.random.fork('wire'),
      server: this.server,
      audio,
      replies,
      script: this.script,
      resumption: new ResumptionStore(this.clock, this.server.resumption?.ttlMs ?? SERVER_DEFAULTS.resumptionTtlMs),
      strict: options.strict ?? false,
      ...(transcript ? { transcript } : {}),
      frame: (session, direction, text) => {
        const frame: SimFrame = { connection: session.connection, direction, time: this.clock.now(), text };
        for (const listener of this.frameListeners) listener(frame);
      },
      ended: (session, code, reason, initiator) => {
        const event: SimCloseEvent = {
          connection: session.connection,
          time: this.clock.now(),
          code,
          reason,
          initiator,
        };
        for (const listener of this.closeListeners) listener(event);
        this.forget(session);
      },
    };
    // Forked last, so that adding it left every other seeded stream as it was.
    this.secrets = new ClientSecretStore(this.clock, options.random.fork('client-secrets'));
  }

  /** Observes every frame in both directions as it crosses the simulator's edge. Returns an unsubscribe function. */
  onFrame(listener: (frame: SimFrame) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  /** Observes handshake outcomes (accepted, or refused with a status). Returns an unsubscribe function. */
  onConnection(listener: (event: SimConnectionEvent) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  /** Observes the end of each accepted connection. Returns an unsubscribe function. */
  onClose(listener: (event: SimCloseEvent) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Every session so far (open and closed; closed ones up to `keepClosedSessions`), in connection order. */
  sessions(): SimSessionInfo[] {
    return [...this.all].map((s) => s.info());
  }

  /** The script's current named state. */
  get scriptState(): string {
    return this.script.state;
  }

  /** Rules that fired so far: rule index, name and clock time. */
  firedRules(): readonly { index: number; name: string | undefined; time: number }[] {
    return this.script.fired;
  }

  /** How many times a rule fired since the start; {@link firedRules} keeps only the most recent. */
  firedRuleCount(): number {
    return this.script.firedCount;
  }

  /**
   * What the replay of `server.transcript` found so far: client frames the recording did not
   * expect, and (once their connection ended, or after {@link close}) recorded frames never
   * used. Empty without a transcript. The harness reports each as a failure of kind `replay`.
   */
  replayIssues(): ReplayIssue[] {
    return this.transcript?.issues() ?? [];
  }

  /**
   * What is wrong with a `do` list for {@link act}: paths are relative to the list; an empty
   * path means `connection` is not open. Empty when it can run.
   */
  actionIssues(actions: unknown, connection?: number): ConfigIssue[] {
    const issues = validateActions(actions, connection !== undefined);
    if (issues.length > 0) return issues;
    (actions as Action[]).forEach((a, index) => {
      if ('replay' in a && 'file' in a.replay && !this.replays.has(a.replay.file))
        issues.push({
          path: [index, 'replay', 'file'],
          message:
            "expected a replay file the scenario's script names (read before the run), " +
            `got ${JSON.stringify(a.replay.file)}`,
          hint: 'give the events inline: { replay: { events: [...] } }',
        });
    });
    if (issues.length > 0 || connection === undefined || this.openSession(connection)) return issues;
    const open = [...this.all].filter((s) => s.open).map((s) => s.connection);
    return [
      { path: [], message: `expected an open connection, got ${connection} (open: ${open.join(', ') || 'none'})` },
    ];
  }

  /**
   * Runs a `do` list now, as a rule's actions would run (`rt-sim serve`'s control API): on the
   * open session of `connection`, or, without one, the actions that need no connection.
   *
   * @throws RtSimError `RTSIM_SIM_BAD_ACTIONS` (details.issues) when {@link actionIssues} finds any.
   */
  act(actions: unknown, connection?: number): void {
    const issues = this.actionIssues(actions, connection);
    if (issues.length > 0)
      throw new RtSimError('RTSIM_SIM_BAD_ACTIONS', `actions: ${formatConfigIssues(issues)}`, { issues });
    const session = connection === undefined ? undefined : this.openSession(connection);
    if (session) session.act(actions as Action[]);
    else this.script.act(actions as Action[], undefined);
  }

  private openSession(connection: number): SimSession | undefined {
    for (const s of this.all) if (s.connection === connection && s.open) return s;
    return undefined;
  }

  /**
   * Removes the faults added so far (serve's control API reset): handshake refusals and holds and
   * response failures not yet used, and on every open session its wire faults, protocol faults and hangs.
   * The script's rules stay; they may add faults again.
   */
  clearFaults(): void {
    this.refusals.length = 0;
    this.replies.clearFailures();
    for (const session of this.all) if (session.open) session.clearFaults();
  }

  /** @see ConnectionHandler.handshake */
  handshake(request: HandshakeRequest): HandshakeDecision {
    const attempt = ++this.attempts;
    const refused = (status: number, body: string, reason: string): HandshakeDecision => {
      this.notify({
        accepted: false,
        connection: null,
        attempt,
        time: this.clock.now(),
        url: request.url,
        status,
        reason,
      });
      return { accept: false, status, body };
    };
    if (this.closed)
      return refused(
        503,
        JSON.stringify({ error: { type: 'server_error', message: 'The simulator is closed.' } }),
        'simulator closed',
      );
    // A wrong path is answered before the script's refusals, so it never uses one up.
    const wrongPath = checkPath(request);
    if (wrongPath) return refused(wrongPath.status, wrongPath.body, wrongPath.reason);
    this.script.handshake();
    const scripted = this.refusals.shift();
    if (scripted?.hold) {
      this.notify({
        accepted: false,
        connection: null,
        attempt,
        time: this.clock.now(),
        url: request.url,
        status: HELD_STATUS,
        reason: 'held by the script: never answered',
        held: true,
      });
      return { accept: false, status: HELD_STATUS, body: '', hold: true };
    }
    if (scripted) {
      const body =
        scripted.body ??
        JSON.stringify({
          error: {
            type: 'server_error',
            code: String(scripted.status),
            message: `Refused by the script with HTTP ${scripted.status}.`,
          },
        });
      return refused(scripted.status, body, `refused by the script with HTTP ${scripted.status}`);
    }
    const outcome = checkHandshake(request, {
      apiKey: this.apiKey,
      requireCredentials: this.requireCredentials,
      clientSecrets: this.server.clientSecrets,
      models: this.server.models,
      minted: this.secrets,
    });
    if (!outcome.accept) return refused(outcome.status, outcome.body, outcome.reason);
    this.acceptedAttempts.set(request, attempt);
    return outcome.protocol === undefined ? { accept: true } : { accept: true, protocol: outcome.protocol };
  }

  /** @see ConnectionHandler.http: `POST /v1/realtime/client_secrets` mints an ephemeral secret. */
  http(request: HttpRequest): HttpAnswer | undefined {
    return answerClientSecrets(
      request,
      { apiKey: this.apiKey, requireCredentials: this.requireCredentials },
      this.secrets,
    );
  }

  /** @see ConnectionHandler.connection */
  connection(conn: ServerConnection): void {
    if (this.closed) {
      conn.close(1001, 'simulator closed');
      return;
    }
    const session = new SimSession(this.ctx, conn, ++this.accepted);
    this.all.add(session);
    this.notify({
      accepted: true,
      connection: session.connection,
      attempt: this.acceptedAttempts.get(conn.request) ?? this.attempts,
      time: this.clock.now(),
      url: conn.request.url,
    });
    session.start();
  }

  /** Closes every connection (1001) and stops all timers; later handshakes are refused with 503. */
  async close(): Promise<void> {
    this.closed = true;
    for (const session of [...this.all]) session.shutdown(1001, 'simulator closed');
    this.script.dispose();
    this.transcript?.finish();
  }

  /** A session ended: kept for {@link sessions} while within `keepClosedSessions`, else freed. */
  private forget(session: SimSession): void {
    if (this.keepClosed === Number.POSITIVE_INFINITY) return;
    this.closedKept.push(session);
    while (this.closedKept.length > this.keepClosed) this.all.delete(this.closedKept.shift()!);
  }

  private notify(event: SimConnectionEvent): void {
    for (const listener of this.connectionListeners) listener(event);
  }
}
