/**
 * Client → server events (reference §2), inferred from their schemas in
 * `client-event-schemas.ts`. `event_id` is optional everywhere: the plugin only sets it on
 * some events (`<prefix><12hex>`, §2) and the server echoes it in `error.event_id`.
 */
import type { z } from 'zod';
import type { CLIENT_EVENT_SCHEMAS } from './client-event-schemas.js';

type Schemas = typeof CLIENT_EVENT_SCHEMAS;

/** Any client event of the catalogue. */
export type ClientEvent = { [T in keyof Schemas]: z.infer<Schemas[T]> }[keyof Schemas];

/** The `type` of a {@link ClientEvent}. */
export type ClientEventType = ClientEvent['type'];

/** The client event of a given type. */
export type ClientEventOf<T extends ClientEventType> = z.infer<Schemas[T]>;

/** §2.1: full config, instructions, tools or options update. */
export type SessionUpdateEvent = ClientEventOf<'session.update'>;

/** §2.2: one base64 chunk of PCM16 (4800 bytes from the plugin). */
export type InputAudioBufferAppendEvent = ClientEventOf<'input_audio_buffer.append'>;

/** §2.3: manual commit of the input buffer. */
export type InputAudioBufferCommitEvent = ClientEventOf<'input_audio_buffer.commit'>;

/** §2.4: drops uncommitted input audio. */
export type InputAudioBufferClearEvent = ClientEventOf<'input_audio_buffer.clear'>;

/** §2.5: `previous_item_id` is `"root"` for the first item, absent to append. */
export type ConversationItemCreateEvent = ClientEventOf<'conversation.item.create'>;

/** §2.6. */
export type ConversationItemDeleteEvent = ClientEventOf<'conversation.item.delete'>;

/** §2.7: cuts an assistant audio item to what was played. */
export type ConversationItemTruncateEvent = ClientEventOf<'conversation.item.truncate'>;

/** Never sent by the plugin; unsupported by xAI (reference §1.8). */
export type ConversationItemRetrieveEvent = ClientEventOf<'conversation.item.retrieve'>;

/** §2.8: the plugin always sends `response.instructions` and `metadata.client_event_id`. */
export type ResponseCreateEvent = ClientEventOf<'response.create'>;

/** §2.9: the plugin sends neither `event_id` nor `response_id`. */
export type ResponseCancelEvent = ClientEventOf<'response.cancel'>;

/** WebRTC/SIP only in OpenAI; never sent by the plugin, unsupported by xAI (reference §1.8). */
export type OutputAudioBufferClearEvent = ClientEventOf<'output_audio_buffer.clear'>;

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
