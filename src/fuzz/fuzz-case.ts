/**
 * The model a fuzz run is generated in: a small, shrinkable description of one scenario
 * (client options, server behaviour, faults, client steps). `toScenarioDocument` turns it
 * into the scenario mapping the YAML loader would produce, resolving every constraint
 * between the parts there, so that each shrunk case is still a valid, meaningful scenario.
 */
import type { PcmRate } from '../protocol/index.js';

/** Client options a case varies. */
export interface ClientSetup {
  /** `turnDetection: null` (manual commits) instead of server VAD. */
  manualTurns: boolean;
  /** Text-only model (`modalities: [text]`) instead of audio. */
  textOnly: boolean;
  /** `connOptions.maxRetry`. */
  maxRetry: number;
  /** `connOptions.retryIntervalMs`. */
  retryIntervalMs: number;
  /** `idleTimeoutMs`; forced on when a case black-holes a connection. */
  idleTimeoutMs: number | null;
  /** `maxSessionDuration`: the client recycles its socket after this long (§5.4); null: never. */
  maxSessionDurationMs: number | null;
  /** `outputAudioRate` (§1.5): the rate the client asks the output audio at. */
  outputAudioRate: PcmRate;
}

/** One reply of the simulated model. */
export interface ReplySetup {
  /** The transcript, as words (joined with spaces, a full stop added). */
  words: string[];
  ttftMs: number;
  chunkMs: number;
  /** Tone length of the reply audio; null: transcript only, no audio deltas. */
  toneMs: number | null;
  transcriptDeltaWords: number;
  startTime: boolean;
  /** A call of the `lookup` tool after the message (or instead of it); null: no call. */
  call: CallSetup | null;
  /** How the response ends early (docs/scenario-server.md "Ending a response early"); null: it completes. */
  end: EndSetup | null;
  /** `reply.pacing`: `realtime`, `burst`, or a factor (`{ factor }`). */
  pacing: 'realtime' | 'burst' | number;
}

/** A function call a reply makes (`reply.functionCall`). */
export interface CallSetup {
  /** The `topic` argument: the call's arguments are `{"topic":"<topic>"}`. */
  topic: string;
  /** `reply.argumentsDeltaChars`; null: the simulator's default (32, one delta). */
  argumentsDeltaChars: number | null;
  /** The reply says its words first (a message item, then the call); false: the call alone. */
  withMessage: boolean;
  /** Topics of further calls of the same response (several calls in one response); empty: one call. */
  more: string[];
}

/** The one cut point of an early end (docs/scenario-server.md "Ending a response early"). */
export interface CutSetup {
  at: 'afterAudioChunks' | 'afterAudioMs' | 'afterTranscriptDeltas' | 'afterItems' | 'afterArgumentDeltas';
  n: number;
}

/** A response that ends early: `reply.fail`, `reply.cancel` or `reply.incomplete`. */
export type EndSetup =
  /** Fails with `code`; with no cut point, before any output. */
  | { kind: 'fail'; code: 'internal_error' | 'rate_limited'; cut: CutSetup | null }
  /** The server cancels it; with no cut point, before any output. */
  | { kind: 'cancel'; reason: 'turn_detected' | 'client_cancelled'; cut: CutSetup | null }
  /** It ends `incomplete`; with no cut point, after its whole output. */
  | { kind: 'incomplete'; reason: 'max_output_tokens' | 'content_filter'; cut: CutSetup | null };

/** xAI quirks (docs/scenario-server.md `xaiQuirks`). */
export interface QuirkSetup {
  nullPreviousItemId: boolean;
  emptyDeletedItemId: boolean;
  transcriptInUserItem: boolean;
  textEvents: 'xai' | 'openai';
}

/** Network latency of every connection. */
export interface LatencySetup {
  ms: number;
  jitterMs: number;
  direction: 'downstream' | 'upstream' | 'both';
}

/** The `server:` block a case varies. */
export interface ServerSetup {
  /** `server.profile`: the era of the service the simulator imitates (docs/deviations.md). */
  profile: 'xai-2026' | 'xai-2025-12';
  replies: ReplySetup[];
  quirks: QuirkSetup;
  latency: LatencySetup | null;
  userWords: string[];
  transcriptionDelayMs: number;
  sessionCreated: boolean;
  /** `server.refuseTruncate`: every truncate of assistant audio is answered with an `error`. */
  refuseTruncate: boolean;
  /**
   * `server.lifetimeMs`: the session expires (an `error`, then a close) this long after it opened;
   * null: the default hour.
   */
  lifetimeMs: number | null;
  /**
   * `coalesceFrames` (a scenario key, on the link below the server): the server frames of one
   * instant reach the client in one tick, as `ws` emits the frames of one TCP segment.
   */
  coalesceFrames: boolean;
}

/** Where a connection fault strikes: some time into the nth connection, or on the nth event of a type. */
export type FaultTrigger = { afterMs: number; connection: number } | { event: string; nth: number };

/** One fault of the script. */
export type FaultSpec =
  /** Drops the next `count` server events of `event`, from its `nth` occurrence. */
  | { kind: 'drop'; event: string; nth: number; count: number }
  /** Sends them `times` more times. */
  | { kind: 'duplicate'; event: string; nth: number; count: number; times: number }
  /** Holds them `ms` while later events overtake. */
  | { kind: 'delayEvent'; event: string; nth: number; count: number; ms: number }
  /** Holds them until `by` later events went out. */
  | { kind: 'reorder'; event: string; nth: number; count: number; by: number }
  /** Drops the connection without a close frame (the client sees 1006). */
  | { kind: 'resetPeer'; at: FaultTrigger }
  /** Closes the connection cleanly with `code`. */
  | { kind: 'close'; at: FaultTrigger; code: number }
  /** The response asked for by the `nth` `response.create` fails. */
  | { kind: 'failNextResponse'; nth: number; code: string }
  /** Refuses `count` handshakes in a row from the `handshake`th attempt (kept within the retry budget). */
  | { kind: 'refuseHandshake'; status: 429 | 503; handshake: number; count: number }
  /** Black hole (half-open socket) on the nth connection after `afterMs`; `ms` 0 keeps it open. */
  | { kind: 'timeout'; afterMs: number; connection: number; ms: number }
  /**
   * Spends the retry budget: drops the first connection after `afterMs`, then refuses
   * `maxRetry - 1 + over` handshakes in a row. `over` 0 leaves the client its last retry;
   * 1 and 2 run past the budget, so the session dies (R2.4).
   */
  | { kind: 'exhaustRetries'; afterMs: number; status: 429 | 503; over: 0 | 1 | 2 };

/** One client step of a case; some expand to several scenario steps. */
export type StepSpec =
  | { kind: 'generateReply'; instructions: string | null }
  /** Adds a user message: its words, and (when `withAudio`) 40 ms of tone as an audio part. */
  | { kind: 'addUserText'; words: string[]; withAudio: boolean }
  /**
   * Rewrites the chat context as an agent does: `clear` hands over an empty context (every item
   * deleted), `dropCalls` a copy without function calls and outputs, `dropInstructions` one
   * without system messages (§6.1).
   */
  | { kind: 'editChat'; edit: 'clear' | 'dropCalls' | 'dropInstructions' }
  /** Sleeps `afterMs` (0: none), then interrupts. */
  | { kind: 'interrupt'; afterMs: number }
  /** Asks for a reply, waits for idle, then truncates the last assistant message (audio path, or text path). */
  | { kind: 'truncate'; audioEndMs: number; textPath: boolean }
  /** A user turn: a tone, then silence (server VAD) or `commitAudio` (manual turns), in frames of `frameMs`. */
  | { kind: 'speak'; hz: number; toneMs: number; silenceMs: number; sampleRate: PcmRate; frameMs: number }
  /**
   * Barge-in, as a `parallel` block: one branch asks for a reply and waits for idle, the other
   * speaks a user turn (as `speak`) `afterMs` later, while the reply plays.
   */
  | {
      kind: 'bargeIn';
      afterMs: number;
      hz: number;
      toneMs: number;
      silenceMs: number;
      sampleRate: PcmRate;
      frameMs: number;
    }
  /**
   * Pushes `ms` of 24 kHz tone (in two pushes when `splitMs` > 0), then commits: 99, 100 and 101 ms
   * meet the 100 ms threshold (R6.4).
   */
  | { kind: 'commitAt'; ms: 99 | 100 | 101; splitMs: number }
  | { kind: 'sleep'; ms: number }
  | { kind: 'waitIdle' };

/** One generated scenario, before it is turned into a scenario document. */
export interface FuzzCase {
  /** The scenario's `seed` (ids, jitter). */
  seed: number;
  client: ClientSetup;
  server: ServerSetup;
  faults: FaultSpec[];
  steps: StepSpec[];
}
