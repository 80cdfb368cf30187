/**
 * What one response of the simulated model plays: the reply, resolved from the scenario and
 * its audio loaded, and the session's settings it is played with (reference §4.4).
 */
import type {
  AudioFormat,
  AudioTransport,
  Modality,
  ResponseMetadata,
  ToolDefinition,
  Usage,
} from '../protocol/index.js';
import type { PacingSpec, ServerToolCallConfig } from './config.js';
import type { ResponseCut } from './response-cut.js';
import type { InputTokens } from './usage.js';

/** A reply ready to play: config resolved, audio loaded. */
export interface ResolvedReply {
  /** The assistant's words; `null` when the reply is only function calls. */
  transcript: string | null;
  /** 24 kHz mono PCM16, or `null` for no audio deltas. */
  audio: Int16Array | null;
  ttftMs: number;
  chunkMs: number;
  transcriptDeltaWords: number;
  startTime: boolean;
  /** `undefined`: computed; `null`: omitted. */
  usage: Usage | null | undefined;
  functionCalls: { name: string; arguments: string; callId?: string }[];
  /** Audio pacing; `realtime` is one delta per `chunkMs`. */
  pacing: PacingSpec;
  /** Characters per `response.function_call_arguments.delta`. */
  argumentsDeltaChars: number;
  /** The response ends early (failed, cancelled by the server, or incomplete). */
  cut?: ResponseCut;
  /** Server-side tool calls, played before the spoken answer. */
  serverTools?: ServerToolCallConfig[];
}

/** How to play one response. */
export interface ResponsePlan {
  reply: ResolvedReply;
  metadata: ResponseMetadata | null;
  outputModalities: Modality[];
  outputFormat: AudioFormat;
  /** `binary`: audio chunks go through the response host's `emitBinary` instead of `response.output_audio.delta`. */
  outputTransport?: AudioTransport;
  /** `false` for out-of-band responses (`conversation: "none"`): nothing enters the conversation. */
  inConversation: boolean;
  input: InputTokens;
  /** The reply's server-side tool calls the session declared, with their tool. */
  serverTools?: { call: ServerToolCallConfig; tool: ToolDefinition }[];
}
