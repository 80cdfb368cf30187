/**
 * Public API of `src/client` (package export `rt-sim/client`, and the package root): the
 * realtime client for the xAI voice API, with the names of LiveKit's agents-js realtime API
 * (`RealtimeModel`, `RealtimeSession`, the §5.19 events), its chat context and audio frames.
 * Only what users need is here, each listed in docs/api.md; what other folders of rt-sim use
 * besides is in `./internal.ts`, the barrel they import.
 */
export {
  RealtimeModel,
  REFERENCE_LABEL,
  USER_AGENT,
  DEFAULT_ID_SEED,
  webSocketClassFactory,
  type RealtimeCapabilities,
} from './model.js';
export {
  RealtimeSession,
  GENERATE_REPLY_TIMEOUT_MS,
  SAY_TIMEOUT_MS,
  UPDATE_CHAT_CTX_TIMEOUT_MS,
  type GenerateReplyOptions,
  type SayOptions,
  type TruncateOptions,
  type ToolsInput,
  type VideoFrame,
} from './session.js';
export {
  DEFAULT_CONN_OPTIONS,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_FATAL_ERROR_CODES,
  type ClientBehaviour,
  type UserTranscriptsMode,
  type ConnOptions,
  type NoiseReductionOption,
  type RealtimeModelOptions,
  type SessionOptions,
  type ToolChoiceOption,
  type TracingOption,
  type WebSocketCtor,
} from './options.js';
export type { UpdateOptionsInput } from './session-update.js';
export { processBaseUrl } from './url.js';
export { APIConnectionError, APIError, ClientErrorCode, RealtimeError, type RealtimeModelError } from './errors.js';
export {
  REALTIME_SESSION_EVENTS,
  type ConnectionClosedEvent,
  type ConnectionOpenedEvent,
  type InputSpeechStartedEvent,
  type InputSpeechStoppedEvent,
  type InputTranscriptionCompleted,
  type RawServerEvent,
  type RealtimeSessionEventName,
  type RealtimeSessionEvents,
  type SessionReconnectedEvent,
} from './events.js';
export type { GenerationCreatedEvent, MessageGeneration } from './generation.js';
export type { CachedTokenDetails, InputTokenDetails, OutputTokenDetails, RealtimeModelMetrics } from './metrics.js';
export { consoleLogger, silentLogger, type Logger } from './logger.js';
export { TypedEmitter, type AnyListener, type Listener } from './emitter.js';
export {
  ChatContext,
  ChatMessage,
  FunctionCall,
  FunctionCallOutput,
  type AudioContent,
  type ChatContent,
  type ChatContentJSON,
  type ChatContextCopyOptions,
  type ChatContextJSON,
  type ChatContextJSONOptions,
  type ChatItem,
  type ChatItemJSON,
  type ChatRole,
  type FunctionTool,
  type ImageContent,
} from './chat/index.js';
export { createAudioFrame, SUPPORTED_INPUT_RATES, type AudioFrame } from './audio/index.js';
