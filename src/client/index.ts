/**
 * Public API of `src/client`: the realtime client for the xAI voice API, with the names of
 * LiveKit's agents-js realtime API (`RealtimeModel`, `RealtimeSession`, the §5.19 events),
 * plus the chat model (`./chat`) and input audio (`./audio`) it is built on. Other folders
 * import only from here.
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
  validateClientOptions,
  CLIENT_DATA_KEYS,
  CONN_OPTION_KEYS,
  TURN_DETECTION_KEYS,
  TRANSCRIPTION_KEYS,
  type OptionIssue,
} from './option-checks.js';
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
export { Channel } from './channel.js';
export * from './chat/index.js';
export * from './audio/index.js';
