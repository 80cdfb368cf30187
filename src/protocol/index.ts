/**
 * Public API of `src/protocol`: the typed wire catalogue (reference §2, §3, §1.9), the
 * parser, constants, id makers, golden normalisation, base64 PCM helpers and the one error
 * class. Other folders import only from here.
 */
export { RtSimError, isRtSimError } from './errors.js';
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

export type { FieldFailure, FieldPath } from './fields.js';

export type { IdSource } from './ids.js';
export { UUID_PATTERN, createIdSource, createSequentialIdSource, createUuidIdSource } from './ids.js';

export type { AudioDigest, Normaliser } from './normalise.js';
export { createNormaliser, digestBase64, digestBytes, looksLikeId } from './normalise.js';

export { base64ByteLength, decodePcm16, encodePcm16, isBase64 } from './base64.js';
export { deepEqual, readPath } from './json-path.js';
