/**
 * Required and optional fields of every server event (reference §3, §1.9), one object check
 * per type. The `Record` makes the compiler insist on a spec for each catalogue member.
 */
import { anything, array, count, nullable, number, object, oneOf, opt, req, string } from './fields.js';
import type { Check, FieldSpec } from './fields.js';
import type { ServerEventType } from './server-events.js';
import {
  index,
  itemCheck,
  responseCheck,
  sessionEchoCheck,
  transcriptionUsageCheck,
  usageCheck,
} from './shared-specs.js';

const eventId = { event_id: req(string) };
const contentRef = {
  ...eventId,
  response_id: req(string),
  item_id: req(string),
  output_index: req(index),
  content_index: req(index),
};
const itemPlacement = object({ ...eventId, previous_item_id: opt(nullable(string)), item: req(itemCheck) });
const outputItem = object({ ...eventId, response_id: req(string), output_index: req(index), item: req(itemCheck) });
const contentPart = object({
  ...contentRef,
  part: req(
    object({
      type: req(oneOf('audio', 'text', 'output_audio', 'output_text')),
      text: opt(string),
      transcript: opt(string),
      audio: opt(string),
    }),
  ),
});
const delta: Record<string, FieldSpec> = { delta: req(string) };
/** Transcript events: clients of the live 2026 service model them without the two indexes. */
const transcriptRef = {
  ...eventId,
  response_id: req(string),
  item_id: req(string),
  output_index: opt(index),
  content_index: opt(index),
};
const transcriptDelta = object({ ...transcriptRef, ...delta, start_time: opt(nullable(number)) });
const transcriptDone = object({ ...transcriptRef, transcript: req(string) });
const logprobs = opt(nullable(array(anything)));

/** Field checks of each server event, keyed by type. */
export const SERVER_EVENT_SPECS: Readonly<Record<ServerEventType, Check>> = {
  error: object({
    ...eventId,
    error: req(
      object({
        type: req(string),
        code: opt(nullable(string)),
        message: req(nullable(string)),
        param: opt(nullable(string)),
        event_id: opt(nullable(string)),
      }),
    ),
  }),
  'session.created': object({ ...eventId, session: req(sessionEchoCheck) }),
  'session.updated': object({ ...eventId, session: req(sessionEchoCheck) }),
  'conversation.created': object({ ...eventId, conversation: req(object({ id: req(string), object: opt(string) })) }),
  'conversation.item.added': itemPlacement,
  'conversation.item.created': itemPlacement,
  'conversation.item.done': itemPlacement,
  'conversation.item.deleted': object({ ...eventId, item_id: req(string) }),
  'conversation.item.truncated': object({
    ...eventId,
    item_id: req(string),
    content_index: req(index),
    audio_end_ms: req(number),
  }),
  'conversation.item.input_audio_transcription.delta': object({
    ...eventId,
    item_id: req(string),
    content_index: opt(index),
    delta: opt(string),
    logprobs,
  }),
  'conversation.item.input_audio_transcription.completed': object({
    ...eventId,
    item_id: req(string),
    content_index: opt(index),
    transcript: req(string),
    usage: opt(nullable(transcriptionUsageCheck)),
    logprobs,
    status: opt(oneOf('in_progress', 'completed')),
  }),
  'conversation.item.input_audio_transcription.failed': object({
    ...eventId,
    item_id: req(string),
    content_index: opt(index),
    error: req(
      object({
        type: opt(string),
        code: opt(nullable(string)),
        message: opt(nullable(string)),
        param: opt(nullable(string)),
      }),
    ),
  }),
  'conversation.item.input_audio_transcription.updated': object({
    event_id: opt(string),
    item_id: req(string),
    content_index: opt(index),
    transcript: req(string),
  }),
  'input_audio_buffer.speech_started': object({ ...eventId, item_id: req(string), audio_start_ms: req(number) }),
  'input_audio_buffer.speech_stopped': object({ ...eventId, item_id: req(string), audio_end_ms: req(number) }),
  'input_audio_buffer.committed': object({ ...eventId, item_id: req(string), previous_item_id: opt(nullable(string)) }),
  'input_audio_buffer.cleared': object(eventId),
  'input_audio_buffer.timeout_triggered': object({
    ...eventId,
    item_id: req(string),
    audio_start_ms: req(number),
    audio_end_ms: req(number),
  }),
  'response.created': object({ ...eventId, response: req(responseCheck) }),
  'response.output_item.added': outputItem,
  'response.output_item.done': outputItem,
  'response.content_part.added': contentPart,
  'response.content_part.done': contentPart,
  'response.output_text.delta': object({ ...contentRef, ...delta }),
  'response.output_text.done': object({ ...contentRef, text: req(string) }),
  'response.text.delta': object({ ...contentRef, ...delta }),
  'response.text.done': object({ ...contentRef, text: req(string) }),
  'response.output_audio_transcript.delta': transcriptDelta,
  'response.output_audio_transcript.done': transcriptDone,
  'response.audio_transcript.delta': transcriptDelta,
  'response.audio_transcript.done': transcriptDone,
  'response.output_audio.delta': object({ ...contentRef, ...delta }),
  'response.output_audio.done': object(contentRef),
  'response.audio.delta': object({ ...contentRef, ...delta }),
  'response.audio.done': object(contentRef),
  'response.function_call_arguments.delta': object({
    ...eventId,
    response_id: req(string),
    item_id: req(string),
    output_index: req(index),
    call_id: req(string),
    ...delta,
  }),
  'response.function_call_arguments.done': object({
    ...eventId,
    response_id: req(string),
    item_id: req(string),
    output_index: req(index),
    call_id: req(string),
    name: opt(string),
    arguments: req(string),
  }),
  // Live 2026: the figures are in the top-level `usage`; `response_id` and `previous_item_id` ride along.
  'response.done': object({
    ...eventId,
    response: req(responseCheck),
    usage: opt(nullable(usageCheck)),
    response_id: opt(string),
    previous_item_id: opt(nullable(string)),
  }),
  'rate_limits.updated': object({
    ...eventId,
    rate_limits: req(
      array(object({ name: opt(string), limit: opt(number), remaining: opt(number), reset_seconds: opt(number) })),
    ),
  }),
  // Live 2026: `{type, timestamp}` with integer milliseconds and no `event_id`.
  ping: object({ event_id: opt(string), timestamp: req(count) }),
};
