/**
 * `server.refuseTruncate`: the server answers every `conversation.item.truncate` of an
 * assistant audio item with an `error` and keeps the item as it was. The error has the shape
 * OpenAI's Realtime API is seen sending for a truncate past the audio's end (public client
 * reports, 2024-10 to 2026-08): `invalid_request_error`, `code`, `param` and `event_id` all
 * null, "Audio content of X ms is already shorter than Y ms". The simulated server behaves as
 * if it held no audio for the item (X = 0), so the sentence stays true for any `audio_end_ms`.
 */
import type { OutgoingEvent } from './outgoing.js';

/** The `error` event refusing a truncate at `audioEndMs`. */
export function truncateRefusal(audioEndMs: number): OutgoingEvent {
  return {
    type: 'error',
    error: {
      type: 'invalid_request_error',
      code: null,
      message: `Audio content of 0ms is already shorter than ${audioEndMs}ms`,
      param: null,
      event_id: null,
    },
  };
}
