/**
 * The shape of a scenario file once loaded and validated. The `client`, `server` and
 * `script` blocks belong to the client and the simulator, which validate them.
 */
import type { ConnectWith } from './socket-classes.js';
import type { ThrownValue } from './constructor-throws.js';
import type { RealtimeSessionEventName } from '../client/index.js';

/** Where a scenario's audio for `pushAudio` comes from. */
export type AudioSourceSpec =
  | { wav: string }
  | { tone: { hz: number; ms: number; level?: number } }
  | { silenceMs: number };

/** Audio in a message: a tone made as 24 kHz mono frames of `frameMs` (default 20). */
export interface ChatAudioSpec {
  hz: number;
  ms: number;
  level?: number;
  frameMs?: number;
}

/**
 * A chat item as a scenario writes it. `createdAt` (ms) orders an `add` (ChatContext.insert);
 * a message has `text`, `audio` (with its `transcript`) or both, text first.
 */
export type ChatItemSpec =
  | {
      role: 'user' | 'assistant' | 'system' | 'developer';
      text?: string;
      audio?: ChatAudioSpec;
      transcript?: string;
      id?: string;
      createdAt?: number;
    }
  | { functionCall: { name: string; arguments: string; callId?: string }; id?: string; createdAt?: number }
  | {
      functionOutput: { callId: string; output: string; name?: string; isError?: boolean };
      id?: string;
      createdAt?: number;
    };

/** The filters of `updateChatCtx` `copy` (ChatContext.copy). */
export interface ChatCopySpec {
  excludeFunctionCall?: boolean;
  excludeInstructions?: boolean;
  excludeEmptyMessage?: boolean;
}

/** A tool as a scenario writes it; `result` makes the runner answer calls like an agent. */
export interface ToolSpec {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
  result?: string;
}

/** One client call. */
export type CallStep =
  | {
      call: 'generateReply';
      args?: { instructions?: string; tools?: ToolSpec[]; toolChoice?: string };
      await?: boolean;
    }
  | { call: 'say'; args: { text: string; interruptible?: boolean; voice?: string }; await?: boolean }
  | { call: 'updateInstructions'; args: { instructions: string } }
  | {
      call: 'updateTools';
      /**
       * `rawTools` go to the client as written, unchecked: how it treats tools it must refuse (§5.12).
       * A mapping is agents-js's name → tool shape.
       */
      args: { tools?: ToolSpec[]; rawTools?: unknown[] | Record<string, unknown> };
    }
  | {
      call: 'updateChatCtx';
      /**
       * `copy`: start from `session.chatCtx.copy(copy)`; `recordContext`: record the context handed
       * to the client (`chat_ctx_built`); `duplicateIds`: let ids repeat, so the client must refuse them.
       */
      args: {
        items?: ChatItemSpec[];
        add?: ChatItemSpec[];
        copy?: ChatCopySpec;
        recordContext?: boolean;
        duplicateIds?: boolean;
      };
      await?: boolean;
    }
  | { call: 'updateOptions'; args: Record<string, unknown> }
  | { call: 'interrupt' }
  | {
      call: 'truncate';
      args: {
        messageId?: string;
        audioEndMs: number;
        modalities?: ('audio' | 'text')[];
        audioTranscript?: string;
        skipIfNoMessage?: boolean;
      };
    }
  | { call: 'pushAudio'; args: AudioSourceSpec & { frameMs?: number; realtime?: boolean } }
  | {
      call: 'pushFrame';
      /** One frame built by hand and pushed unchecked, as an application might build a bad one. */
      args: {
        sampleRate: number;
        numChannels: number;
        samplesPerChannel?: number;
        dataLength?: number;
        data?: 'int16' | 'float32' | 'null' | 'missing' | 'noPrototype';
      };
    }
  | { call: 'pushVideo'; args: { data: string; mimeType?: string } }
  | { call: 'commitAudio' }
  | { call: 'clearAudio' }
  | { call: 'close'; await?: boolean }
  | { call: 'openSession' }
  | { call: 'modelUpdateOptions'; args: Record<string, unknown> }
  | { call: 'inspectModel' }
  | { call: 'closeModel' };

export type CallName = CallStep['call'];

/** Waits for something the client observes. */
export type WaitStep = { wait: 'idle' | string | { event: string; count?: number; timeoutMs?: number } };

/** Lets virtual time pass. */
export type SleepStep = { sleep: number };

/** A client call, a wait or a sleep: what a branch of a `parallel` block holds. */
export type PlainStep = CallStep | WaitStep | SleepStep;

/**
 * Keys of a top-level step: `id` names it, so an `await` step can join it; `background: true`
 * starts it and goes on to the next step at once (it is joined by `await`, or at the end).
 */
export interface StepKeys {
  id?: string;
  background?: boolean;
}

/**
 * Branches that run at the same time, each one step or a list of steps in order; the block
 * ends when every branch has (user audio streaming while a reply plays, a tool output during speech).
 */
export type ParallelStep = { parallel: (PlainStep | PlainStep[])[] };

/** Waits for background steps, named by their `id`, to end. */
export type AwaitStep = { await: string | string[] };

/**
 * One step of a scenario: a client call, a wait, a sleep, a `parallel` block, or an `await` of
 * background steps. Steps run one after another unless `background` or `parallel` says otherwise.
 */
export type Step = ((PlainStep | ParallelStep) & StepKeys) | AwaitStep;

/**
 * How many records an event or frame expectation wants, and which ones count: `match` maps
 * dotted paths (`item.content.0.text`) in the frame's normalised body or the event's data to
 * the value they must hold; `afterMs` / `beforeMs` bound the time (inclusive).
 */
export interface CountFilter {
  count?: number;
  min?: number;
  max?: number;
  match?: Record<string, unknown>;
  afterMs?: number;
  beforeMs?: number;
}

/** A check on the run's observation, besides the golden file; `rules` names the scenario's rules it checks. */
export type Expectation = (
  | ({ event: string } & CountFilter)
  | ({ frame: string; from: 'client' | 'server' } & CountFilter)
  | { connections: number }
  | { chatCtx: { role?: string; type?: string; text?: string }[] }
  | { inputAudio: InputAudioExpectation }
) & { rules?: string[] };

/**
 * What the server heard of the client's input audio (every `input_audio_buffer.append`),
 * measured over its 10 ms windows above -50 dBFS: each given value must be met within its
 * tolerance (see {@link INPUT_AUDIO_TOLERANCE}).
 */
export interface InputAudioExpectation {
  /** The pitch: zero crossings per second, halved (a tone's frequency; a voiced sound's fundamental). */
  hz?: number;
  /** The RMS level of the sound, in dBFS. */
  dbfs?: number;
  /** How long the sound lasted, in ms. */
  soundMs?: number;
}

/** How far the measured input audio may be from an `inputAudio` expectation and still meet it. */
export const INPUT_AUDIO_TOLERANCE = {
  /**
   * Relative: 2% of the expected pitch (a resampler's rounding stays well inside; 22.05 kHz sent as
   * 24 kHz is 8.8% off).
   */
  hzRatio: 0.02,
  /** 1 dB (keeping one stereo channel, or summing without averaging, is 6 dB or more off). */
  dbfs: 1,
  /** 30 ms: three 10 ms windows (a filter's ramp at each end of a sound). */
  soundMs: 30,
} as const;

/** A validated scenario. */
export interface Scenario {
  name: string;
  description?: string;
  /** The rule ids (and clauses) of docs/protocol.md this scenario checks: the source of docs/rule-map.md. */
  rules?: string[];
  /** Seed of every random choice in the run (ids, jitter, toxicity); `--seed` overrides it. */
  seed: number;
  /** Upper bound on virtual time; the run fails past it. */
  timeoutMs: number;
  /** Whether the run is compared with `golden/<name>.json`. */
  golden: boolean;
  /** Fit for foreign clients: `rt-sim conform` runs it through an adapter (docs/conform.md). */
  conform?: boolean;
  client: Record<string, unknown>;
  /** How the client gets its sockets: the harness's factory (default) or a WebSocket class over the same link. */
  connectWith?: ConnectWith;
  /** What the first socket constructions throw, one each, in order (`constructorThrows`). */
  constructorThrows?: ThrownValue[];
  /** How long after a reply message arrives the harness starts reading its text and audio streams (default 0). */
  readStreamsAfterMs?: number;
  /** The in-memory link delivers the server frames of one instant in one tick (`coalesceFrames`). */
  coalesceFrames?: boolean;
  /** Client events the harness listens to with a listener that throws (`listenerThrows`). */
  listenerThrows?: RealtimeSessionEventName[];
  server: Record<string, unknown>;
  script: unknown[];
  tools: ToolSpec[];
  steps: Step[];
  expect: Expectation[];
  /** Absolute path of the file, and the folder fixtures are resolved from. */
  file: string;
  baseDir: string;
}

export const CALL_NAMES: readonly CallName[] = [
  'generateReply',
  'say',
  'updateInstructions',
  'updateTools',
  'updateChatCtx',
  'updateOptions',
  'interrupt',
  'truncate',
  'pushAudio',
  'pushFrame',
  'pushVideo',
  'commitAudio',
  'clearAudio',
  'close',
  'openSession',
  'modelUpdateOptions',
  'inspectModel',
  'closeModel',
];

/** Client events a `wait` step can name (reference §5.19, plus rt-sim's extras). */
export const WAITABLE_EVENTS: readonly string[] = [
  'idle',
  'input_speech_started',
  'input_speech_stopped',
  'input_audio_transcription_completed',
  'generation_created',
  'generation_done',
  'session_reconnected',
  'metrics_collected',
  'error',
  'connection_opened',
  'connection_closed',
  'function_call',
  'call_failed',
];

export const DEFAULT_SEED = 1;
export const DEFAULT_TIMEOUT_MS = 120_000;
