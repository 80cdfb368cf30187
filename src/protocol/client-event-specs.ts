/**
 * Required and optional fields of every client event (reference §2), one object check per
 * type. The `Record` makes the compiler insist on a spec for each catalogue member.
 */
import type { ClientEventType } from './client-events.js';
import { count, nullable, object, opt, req, string } from './fields.js';
import type { Check } from './fields.js';
import { index, itemCheck, responseCreateParamsCheck, sessionCheck } from './shared-specs.js';

const eventId = { event_id: opt(string) };

/** Field checks of each client event, keyed by type. */
export const CLIENT_EVENT_SPECS: Readonly<Record<ClientEventType, Check>> = {
  'session.update': object({ ...eventId, session: req(sessionCheck) }),
  'input_audio_buffer.append': object({ ...eventId, audio: req(string) }),
  'input_audio_buffer.commit': object(eventId),
  'input_audio_buffer.clear': object(eventId),
  'conversation.item.create': object({ ...eventId, previous_item_id: opt(nullable(string)), item: req(itemCheck) }),
  'conversation.item.delete': object({ ...eventId, item_id: req(string) }),
  'conversation.item.truncate': object({
    ...eventId,
    item_id: req(string),
    content_index: req(index),
    audio_end_ms: req(count),
  }),
  'conversation.item.retrieve': object({ ...eventId, item_id: req(string) }),
  'response.create': object({ ...eventId, response: opt(responseCreateParamsCheck) }),
  'response.cancel': object({ ...eventId, response_id: opt(string) }),
  'output_audio_buffer.clear': object(eventId),
};
