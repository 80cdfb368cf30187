import type { ConversationItem } from './items.js';
import type { Modality, ToolChoice, ToolDefinition } from './session.js';
import type { Usage } from './usage.js';

/** Lifecycle of a response; `response.done` carries one of the last four (reference §3 notes). */
export type ResponseStatus = 'in_progress' | 'completed' | 'cancelled' | 'failed' | 'incomplete';

/** Why a response ended other than `completed`. */
export type ResponseStatusReason = 'turn_detected' | 'client_cancelled' | 'max_output_tokens' | 'content_filter';

/** `response.status_details`: `{type, reason?, error?}` (reference §3, §4.6). */
export interface ResponseStatusDetails {
  type: 'completed' | 'cancelled' | 'failed' | 'incomplete';
  reason?: ResponseStatusReason | null;
  error?: { type: string; code?: string | null } | null;
}

/** What live 2026 xAI sessions send in `status_details` instead of an object (captured 2026-08-04). */
export type UnimplementedStatusDetails = 'unimplemented';

/** Free-form string metadata; `response.create` puts `client_event_id` there and the server echoes it. */
export type ResponseMetadata = Record<string, string>;

/** The `response` object of `response.created` and `response.done`. */
export interface RealtimeResponse {
  id: string;
  object?: 'realtime.response';
  status: ResponseStatus;
  /** An object, `null`, or (live xAI 2026) the string `"unimplemented"`. */
  status_details?: ResponseStatusDetails | UnimplementedStatusDetails | null;
  /** Items produced so far; `[]` in `response.created`. */
  output?: ConversationItem[];
  usage?: Usage | null;
  /** Echo of `response.create.response.metadata`; `null` for server-initiated responses. */
  metadata?: ResponseMetadata | null;
  conversation_id?: string | null;
  output_modalities?: Modality[];
}

/** `response` of the client's `response.create` (reference §2.8). */
export interface ResponseCreateParams {
  /** The plugin always sends this key, `null` when not given. */
  instructions?: string | null;
  metadata?: ResponseMetadata | null;
  output_modalities?: Modality[];
  tools?: ToolDefinition[];
  tool_choice?: ToolChoice;
  /** `'none'` makes an out-of-band response. */
  conversation?: 'auto' | 'none';
  max_output_tokens?: number | 'inf';
}
