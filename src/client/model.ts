import { RealClock, createRandom, type Clock, type Random } from '../clock/index.js';
import { wsSocketFactory, type SocketFactory } from '../link/index.js';
import { createIdSource, XAI_BASE_URL, XAI_DEFAULT_MODEL, type IdSource, type Modality } from '../protocol/index.js';
import { consoleLogger, redactingLogger, type Logger } from './logger.js';
import { assertModelOptions, resolveApiKey } from './option-checks.js';
import {
  defaultSessionOptions,
  DEFAULT_CONN_OPTIONS,
  DEFAULT_FATAL_ERROR_CODES,
  type ClientBehaviour,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_HEALTHY_CONNECTION_MS,
  toNoiseReduction,
  type ConnOptions,
  type RealtimeModelOptions,
  type SessionOptions,
  type WebSocketCtor,
} from './options.js';
import { applyOptions, RealtimeSession } from './session.js';
import type { UpdateOptionsInput } from './session-update.js';
import { networkLocation, processBaseUrl } from './url.js';

/**
 * The model label (R1.5). rt-sim keeps the reference plugin's module + class name so that
 * metrics and errors read the same as LiveKit's.
 */
export const REFERENCE_LABEL = 'livekit.plugins.xai.realtime.realtime_model.RealtimeModel';

/** `User-Agent` of the handshake (the reference sends `LiveKit Agents`). */
export const USER_AGENT = 'rt-sim';

/** Seed of the id source when no `random` is given: ids repeat from run to run. */
export const DEFAULT_ID_SEED = 0x5eed;

/** What the model supports (R1.4). */
export interface RealtimeCapabilities {
  messageTruncation: boolean;
  turnDetection: boolean;
  userTranscription: boolean;
  autoToolReplyGeneration: boolean;
  audioOutput: boolean;
  manualFunctionCalls: boolean;
}

/**
 * The xAI realtime model (agents-js `RealtimeModel`, reference §5.1): its options, and
 * {@link session} to open a conversation. Options are shared with its sessions, so
 * {@link updateOptions} reaches every live session (§5.14).
 *
 * @throws RtSimError `RTSIM_CLIENT_NO_API_KEY` without an API key, `RTSIM_CLIENT_BAD_OPTION`
 *   for an invalid option.
 */
export class RealtimeModel {
  /** R1.5. */
  readonly label = REFERENCE_LABEL;
  /** The model name (R1.2). */
  readonly model: string;
  /** The network location of the base URL, `api.x.ai` by default (R1.5). */
  readonly provider: string;
  /** Output modalities, `['audio']` for xAI (R1.2). */
  readonly modalities: readonly Modality[];
  readonly capabilities: RealtimeCapabilities;
  /** The session options, shared with every session. */
  readonly options: SessionOptions;
  /** The WebSocket URL (§1.1). */
  readonly url: string;
  readonly conn: Readonly<ConnOptions>;
  readonly maxSessionDurationMs: number | null;
  readonly idleTimeoutMs: number | null;
  /** How long a socket must stay up, `session.update` answered, to reset the retry counter. */
  readonly healthyConnectionMs: number;
  /** Where the client follows the live service rather than the reference. */
  readonly behaviour: ClientBehaviour;
  readonly clock: Clock;
  readonly random: Random;
  readonly logger: Logger;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #ids: IdSource;
  readonly #socketFactory: SocketFactory | undefined;
  readonly #WebSocket: WebSocketCtor | undefined;
  readonly #sessions = new Set<RealtimeSession>();

  constructor(opts: RealtimeModelOptions = {}) {
    assertModelOptions(opts);
    const apiKey = resolveApiKey(opts.apiKey, opts.env ?? process.env);
    const baseURL = opts.baseURL ?? XAI_BASE_URL;
    this.model = opts.model ?? XAI_DEFAULT_MODEL;
    this.url = processBaseUrl(baseURL, this.model);
    this.provider = networkLocation(baseURL);
    this.modalities = opts.modalities ? [...opts.modalities] : ['audio'];
    const options = defaultSessionOptions();
    if (opts.voice !== undefined) options.voice = opts.voice;
    if (opts.turnDetection !== undefined)
      options.turnDetection = opts.turnDetection === null ? null : { ...opts.turnDetection };
    if (opts.inputAudioTranscription !== undefined) options.inputAudioTranscription = opts.inputAudioTranscription;
    if (opts.inputAudioNoiseReduction !== undefined)
      options.inputAudioNoiseReduction = toNoiseReduction(opts.inputAudioNoiseReduction);
    if (opts.toolChoice !== undefined) options.toolChoice = opts.toolChoice;
    if (opts.speed !== undefined) options.speed = opts.speed;
    if (opts.tracing !== undefined) options.tracing = opts.tracing;
    if (opts.maxResponseOutputTokens !== undefined) options.maxResponseOutputTokens = opts.maxResponseOutputTokens;
    if (opts.outputAudioRate !== undefined) options.outputAudioRate = opts.outputAudioRate;
    this.options = options;
    this.capabilities = {
      messageTruncation: true,
      turnDetection: options.turnDetection !== null,
      userTranscription: true,
      autoToolReplyGeneration: false,
      audioOutput: this.modalities.includes('audio'),
      manualFunctionCalls: true,
    };
    this.conn = Object.freeze({ ...DEFAULT_CONN_OPTIONS, ...opts.connOptions });
    this.maxSessionDurationMs = opts.maxSessionDuration ?? null;
    this.idleTimeoutMs = opts.idleTimeoutMs === undefined ? DEFAULT_IDLE_TIMEOUT_MS : opts.idleTimeoutMs;
    this.healthyConnectionMs = opts.healthyConnectionMs ?? DEFAULT_HEALTHY_CONNECTION_MS;
    this.behaviour = Object.freeze({
      fatalErrorCodes: new Set(opts.fatalErrorCodes ?? DEFAULT_FATAL_ERROR_CODES),
      userTranscripts: opts.userTranscripts ?? 'turn',
    });
    this.clock = opts.clock ?? new RealClock();
    this.random = opts.random ?? createRandom(DEFAULT_ID_SEED);
    this.logger = opts.logger ?? consoleLogger;
    this.#ids = createIdSource(this.random);
    this.#headers = Object.freeze({ Authorization: `Bearer ${apiKey}`, 'User-Agent': USER_AGENT });
    this.#socketFactory = opts.socketFactory;
    this.#WebSocket = opts.WebSocket;
  }

  /** Opens a session (R1.6); it connects at once and queues its full `session.update`. */
  session(): RealtimeSession {
    const session = new RealtimeSession({
      info: { label: this.label, model: this.model, provider: this.provider, modalities: this.modalities },
      options: this.options,
      conn: this.conn,
      idleTimeoutMs: this.idleTimeoutMs,
      healthyConnectionMs: this.healthyConnectionMs,
      behaviour: this.behaviour,
      maxSessionDurationMs: this.maxSessionDurationMs,
      url: this.url,
      headers: this.#headers,
      clock: this.clock,
      ids: this.#ids,
      logger: redactingLogger(this.logger),
      socketFactory: () => this.#factory(),
      release: (s) => this.#sessions.delete(s),
    });
    this.#sessions.add(session);
    return session;
  }

  /** Sessions neither closed nor dead. */
  get sessions(): readonly RealtimeSession[] {
    return [...this.#sessions];
  }

  /**
   * Changes the model's options and forwards them to every live session (§5.14): the
   * current turn detection, transcription and noise reduction always go along, the other
   * options only when given.
   */
  updateOptions(given: UpdateOptionsInput): void {
    applyOptions(this.options, given);
    // A key left undefined counts as not given by the session too, so the given ones pass as they are.
    const forwarded: UpdateOptionsInput = {
      ...given,
      turnDetection: this.options.turnDetection,
      inputAudioTranscription: this.options.inputAudioTranscription,
      inputAudioNoiseReduction: this.options.inputAudioNoiseReduction,
    };
    for (const session of this.#sessions) session.updateOptions(forwarded);
  }

  /** Closes every live session; resolves when all have ended (errors of dead sessions are not rethrown). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#sessions].map((s) => s.close()));
  }

  #factory(): SocketFactory {
    if (this.#socketFactory) return this.#socketFactory;
    if (this.#WebSocket) return webSocketClassFactory(this.#WebSocket);
    return wsSocketFactory;
  }
}

/** A socket factory over a WHATWG-style class; see {@link WebSocketCtor} for how it is called. */
export function webSocketClassFactory(Ctor: WebSocketCtor): SocketFactory {
  return (request) => {
    const protocols = request.protocols ?? [];
    try {
      return new Ctor(request.url, { protocols, headers: { ...request.headers } });
    } catch {
      return new Ctor(request.url, protocols);
    }
  };
}
