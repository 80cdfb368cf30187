/**
 * Package entry `rt-sim/protocol`: the typed wire catalogue (docs/protocol.md) — every
 * client and server event, session, item, response and usage type, the lists of event
 * types, the parsers and validators — plus the protocol's constants and the error class.
 * The helpers behind them (ids, normalisation, base64 PCM, JSON paths) stay internal: other
 * folders reach them through `./index.ts`, which is not a package export.
 */
export { RtSimError, isRtSimError, type ErrorCode } from '../errors/index.js';
export { PROTOCOL_ERROR_CODES, type ProtocolErrorCode } from './error-codes.js';

export * from './constants.js';

export type {
  AudioFormat,
  AudioInputConfig,
  AudioOutputConfig,
  AudioTransport,
  FileSearchToolDefinition,
  FunctionToolDefinition,
  G711AudioFormat,
  InputAudioTranscription,
  McpToolDefinition,
  Modality,
  NoiseReduction,
  PcmAudioFormat,
  ProviderToolDefinition,
  ServerVadTurnDetection,
  SessionConfig,
  SessionEcho,
  EchoedToolChoice,
  ToolChoice,
  ToolDefinition,
  TurnDetection,
  WebSearchToolDefinition,
  XSearchToolDefinition,
} from './session.js';

export type {
  AudioPart,
  ContentPart,
  ConversationItem,
  FunctionCallItem,
  FunctionCallOutputItem,
  InputAudioPart,
  InputImagePart,
  InputTextPart,
  ItemStatus,
  MessageItem,
  MessageRole,
  OutputAudioPart,
  OutputTextPart,
  TextPart,
} from './items.js';
export { CONTENT_PART_TYPES, ITEM_TYPES } from './items.js';

export type { CachedTokensDetails, InputTokenDetails, OutputTokenDetails, TranscriptionUsage, Usage } from './usage.js';

export type {
  RealtimeResponse,
  ResponseCreateParams,
  ResponseMetadata,
  ResponseStatus,
  ResponseStatusDetails,
  ResponseStatusReason,
  UnimplementedStatusDetails,
} from './response.js';

export type * from './client-events.js';
export { CLIENT_EVENT_TYPES, isClientEventType } from './client-events.js';

export type * from './server-events.js';
export { SERVER_EVENT_TYPES, isServerEventType } from './server-events.js';

export type { ParseResult, UnknownEvent } from './parse.js';
export { parseClientEvent, parseServerEvent, validateClientEvent, validateServerEvent } from './parse.js';

export type { FieldFailure, FieldPath } from './wire-schema.js';
