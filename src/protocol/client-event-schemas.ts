/**
 * Schemas of every client event (reference §2), one per type; `client-events.ts` infers the
 * event types from them. `type` is a literal of its own: the parser chooses the schema by it.
 */
import { count, nullable, object, string } from './wire-schema.js';
import { index, itemSchema, responseCreateParamsSchema, sessionSchema } from './shared-schemas.js';
import { z } from 'zod';

const eventId = { event_id: string.optional() };
const event = <T extends string, S extends z.core.$ZodLooseShape>(type: T, shape: S) =>
  object({ type: z.literal(type), ...eventId, ...shape });

/** Schemas of each client event, keyed by type. */
export const CLIENT_EVENT_SCHEMAS = {
  'session.update': event('session.update', { session: sessionSchema }),
  'input_audio_buffer.append': event('input_audio_buffer.append', { audio: string }),
  'input_audio_buffer.commit': event('input_audio_buffer.commit', {}),
  'input_audio_buffer.clear': event('input_audio_buffer.clear', {}),
  'conversation.item.create': event('conversation.item.create', {
    previous_item_id: nullable(string).optional(),
    item: itemSchema,
  }),
  'conversation.item.delete': event('conversation.item.delete', { item_id: string }),
  'conversation.item.truncate': event('conversation.item.truncate', {
    item_id: string,
    content_index: index,
    audio_end_ms: count,
  }),
  'conversation.item.retrieve': event('conversation.item.retrieve', { item_id: string }),
  'response.create': event('response.create', { response: responseCreateParamsSchema.optional() }),
  'response.cancel': event('response.cancel', { response_id: string.optional() }),
  'output_audio_buffer.clear': event('output_audio_buffer.clear', {}),
} as const;
