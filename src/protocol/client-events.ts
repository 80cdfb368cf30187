/**
 * Client → server events (reference §2). `event_id` is optional everywhere: the plugin only
 * sets it on some events (`<prefix><12hex>`, §2) and the server echoes it in `error.event_id`.
 */
import type { ConversationItem } from './items.js';
import type { ResponseCreateParams } from './response.js';
import type { SessionConfig } from './session.js';

interface ClientEventBase {
  event_id?: string;
}

/** §2.1: full config, instructions, tools or options update. */
export interface SessionUpdateEvent extends ClientEventBase {
  type: 'session.update';
  session: SessionConfig;
}

/** §2.2: one base64 chunk of PCM16 (4800 bytes from the plugin). */
export interface InputAudioBufferAppendEvent extends ClientEventBase {
  type: 'input_audio_buffer.append';
  audio: string;
}

/** §2.3: manual commit of the input buffer. */
export interface InputAudioBufferCommitEvent extends ClientEventBase {
  type: 'input_audio_buffer.commit';
}

/** §2.4: drops uncommitted input audio. */
export interface InputAudioBufferClearEvent extends ClientEventBase {
  type: 'input_audio_buffer.clear';
}

/** §2.5: `previous_item_id` is `"root"` for the first item, absent to append. */
export interface ConversationItemCreateEvent extends ClientEventBase {
  type: 'conversation.item.create';
  previous_item_id?: string | null;
  item: ConversationItem;
}

/** §2.6. */
export interface ConversationItemDeleteEvent extends ClientEventBase {
  type: 'conversation.item.delete';
  item_id: string;
}

/** §2.7: cuts an assistant audio item to what was played. */
export interface ConversationItemTruncateEvent extends ClientEventBase {
  type: 'conversation.item.truncate';
  item_id: string;
  content_index: number;
  audio_end_ms: number;
}

/** Never sent by the plugin; unsupported by xAI (reference §1.8). */
export interface ConversationItemRetrieveEvent extends ClientEventBase {
  type: 'conversation.item.retrieve';
  item_id: string;
}

/** §2.8: the plugin always sends `response.instructions` and `metadata.client_event_id`. */
export interface ResponseCreateEvent extends ClientEventBase {
  type: 'response.create';
  response?: ResponseCreateParams;
}

/** §2.9: the plugin sends neither `event_id` nor `response_id`. */
export interface ResponseCancelEvent extends ClientEventBase {
  type: 'response.cancel';
  response_id?: string;
}

/** WebRTC/SIP only in OpenAI; never sent by the plugin, unsupported by xAI (reference §1.8). */
export interface OutputAudioBufferClearEvent extends ClientEventBase {
  type: 'output_audio_buffer.clear';
}

/** Any client event of the catalogue. */
export type ClientEvent =
  | SessionUpdateEvent
  | InputAudioBufferAppendEvent
  | InputAudioBufferCommitEvent
  | InputAudioBufferClearEvent
  | ConversationItemCreateEvent
  | ConversationItemDeleteEvent
  | ConversationItemTruncateEvent
  | ConversationItemRetrieveEvent
  | ResponseCreateEvent
  | ResponseCancelEvent
  | OutputAudioBufferClearEvent;

/** The `type` of a {@link ClientEvent}. */
export type ClientEventType = ClientEvent['type'];

/** The client event of a given type. */
export type ClientEventOf<T extends ClientEventType> = Extract<ClientEvent, { type: T }>;

/** Every {@link ClientEventType}, in catalogue order. */
export const CLIENT_EVENT_TYPES = [
  'session.update',
  'input_audio_buffer.append',
  'input_audio_buffer.commit',
  'input_audio_buffer.clear',
  'conversation.item.create',
  'conversation.item.delete',
  'conversation.item.truncate',
  'conversation.item.retrieve',
  'response.create',
  'response.cancel',
  'output_audio_buffer.clear',
] as const satisfies readonly ClientEventType[];

// Fails to compile when a member of the union is missing from the list above.
type UnlistedClientEventType = Exclude<ClientEventType, (typeof CLIENT_EVENT_TYPES)[number]>;
const listsEveryClientEventType: [UnlistedClientEventType] extends [never] ? true : UnlistedClientEventType = true;
void listsEveryClientEventType;

const clientTypes: ReadonlySet<string> = new Set(CLIENT_EVENT_TYPES);

/** True when `type` names an event of the client catalogue. */
export function isClientEventType(type: string): type is ClientEventType {
  return clientTypes.has(type);
}
