/**
 * The client's liberal reader of server frames ("liberal client, strict fake"): for each
 * event type the client handles it checks and extracts only the fields its handler uses.
 * Extra fields, strings where objects were expected in fields the client does not read
 * (xAI's `status_details: "unimplemented"`), missing `output_index` / `content_index` /
 * `event_id`, unknown statuses, part types and item types all pass. The strict catalogue
 * check (`validateServerEvent` in src/protocol) is for the simulator and the recorder to
 * flag deviations; the client never gates on it.
 */
import { FieldReader, isJson, type Json } from './read-fields.js';

interface Base {
  /** The wire type, aliases kept (`response.audio.delta` …). */
  type: string;
  /** `response_id` when the frame has one as a string. */
  responseId?: string;
}

/** A server event in the form the client's handlers take. */
export type ReadEvent =
  | (Base & { kind: 'speech_started' })
  | (Base & { kind: 'speech_stopped' })
  | (Base & { kind: 'timeout_triggered'; itemId?: string; audioStartMs?: number; audioEndMs?: number })
  | (Base & { kind: 'session_created'; sessionId?: string; model?: string; voice?: string })
  | (Base & { kind: 'response_created'; id: string; clientEventId?: string })
  | (Base & { kind: 'output_item_added'; itemType?: string; itemId?: string })
  | (Base & { kind: 'content_part_added'; itemId: string; partType?: string })
  | (Base & { kind: 'item_added'; item: Json; itemId: string; previousItemId: string | null | undefined })
  | (Base & { kind: 'item_deleted'; itemId: string })
  | (Base & { kind: 'transcription_completed'; itemId: string; transcript: string; interim: boolean })
  | (Base & { kind: 'transcription_updated'; itemId: string; transcript: string })
  | (Base & { kind: 'transcription_failed'; itemId?: string; error: unknown })
  | (Base & { kind: 'text_delta' | 'transcript_delta' | 'audio_delta'; itemId: string; delta: string })
  | (Base & { kind: 'transcript_done'; itemId: string; transcript: string })
  | (Base & { kind: 'part_done' })
  | (Base & { kind: 'output_item_done'; item: OutputItem })
  | (Base & {
      kind: 'response_done';
      id?: string;
      status?: string;
      failure?: ResponseFailure;
      statusDetails?: unknown;
      usage: unknown;
      topLevelUsage: unknown;
    })
  | (Base & { kind: 'server_error'; body: Json; message: string; code?: string });

/** The item of `response.output_item.done`, as far as the client reads it. */
export type OutputItem =
  | { type: 'function_call'; id?: string; callId: string; name: string; args: string; status?: string }
  | { type: 'message'; id: string }
  /** Any other item type: server-side tool calls (`web_search_call`, `mcp_call` …), left alone. */
  | { type: 'other'; itemType?: string };

/** What a failed `response.done` says about the failure (from an object `status_details`). */
export interface ResponseFailure {
  /** `status_details.error`, when it is an object. */
  error?: Json;
  errorType?: string;
}

type Reader = (f: FieldReader, base: Base) => ReadEvent;

const transcriptDelta: Reader = (f, b) => ({
  ...b,
  kind: 'transcript_delta',
  itemId: f.string('item_id'),
  delta: f.string('delta'),
});
const textDelta: Reader = (f, b) => ({
  ...b,
  kind: 'text_delta',
  itemId: f.string('item_id'),
  delta: f.string('delta'),
});
const audioDelta: Reader = (f, b) => ({
  ...b,
  kind: 'audio_delta',
  itemId: f.string('item_id'),
  delta: f.string('delta'),
});
// The transcript is only copied into the mirror; without it the deltas are used (§8.1).
const transcriptDone: Reader = (f, b) => ({
  ...b,
  kind: 'transcript_done',
  itemId: f.string('item_id'),
  transcript: f.optString('transcript') ?? '',
});
const partDone: Reader = (_f, b) => ({ ...b, kind: 'part_done' });
const itemAdded: Reader = (f, b) => {
  const item = f.object('item');
  const previous = f.raw('previous_item_id');
  return {
    ...b,
    kind: 'item_added',
    item,
    itemId: f.string('item.id'),
    previousItemId: typeof previous === 'string' || previous === null ? previous : undefined,
  };
};

const READERS: Readonly<Record<string, Reader>> = {
  'input_audio_buffer.speech_started': (_f, b) => ({ ...b, kind: 'speech_started' }),
  'input_audio_buffer.speech_stopped': (_f, b) => ({ ...b, kind: 'speech_stopped' }),
  'input_audio_buffer.timeout_triggered': (f, b) =>
    dropUndefined({
      ...b,
      kind: 'timeout_triggered',
      itemId: f.optString('item_id'),
      audioStartMs: f.optNumber('audio_start_ms'),
      audioEndMs: f.optNumber('audio_end_ms'),
    }),
  'session.created': (f, b) =>
    dropUndefined({
      ...b,
      kind: 'session_created',
      sessionId: f.optString('session.id'),
      model: f.optString('session.model'),
      voice: f.optString('session.voice'),
    }),
  'response.created': (f, b) =>
    dropUndefined({ ...b, kind: 'response_created', id: f.string('response.id'), clientEventId: clientEventIdOf(f) }),
  'response.output_item.added': (f, b) => {
    const itemType = f.optString('item.type');
    // Only a message is tracked, so only a message's id is read (and needed).
    return dropUndefined({
      ...b,
      kind: 'output_item_added',
      itemType,
      itemId: itemType === 'message' ? f.string('item.id') : undefined,
    });
  },
  'response.content_part.added': (f, b) =>
    dropUndefined({
      ...b,
      kind: 'content_part_added',
      itemId: f.string('item_id'),
      partType: f.optString('part.type'),
    }),
  'conversation.item.added': itemAdded,
  'conversation.item.created': itemAdded,
  'conversation.item.deleted': (f, b) => ({ ...b, kind: 'item_deleted', itemId: f.string('item_id') }),
  'conversation.item.input_audio_transcription.completed': (f, b) => ({
    ...b,
    kind: 'transcription_completed',
    itemId: f.string('item_id'),
    transcript: f.string('transcript'),
    interim: f.raw('status') === 'in_progress',
  }),
  'conversation.item.input_audio_transcription.updated': (f, b) => ({
    ...b,
    kind: 'transcription_updated',
    itemId: f.string('item_id'),
    transcript: f.string('transcript'),
  }),
  'conversation.item.input_audio_transcription.failed': (f, b) =>
    dropUndefined({ ...b, kind: 'transcription_failed', itemId: f.optString('item_id'), error: f.raw('error') }),
  'response.output_text.delta': textDelta,
  'response.text.delta': textDelta,
  'response.output_audio_transcript.delta': transcriptDelta,
  'response.audio_transcript.delta': transcriptDelta,
  'response.output_audio.delta': audioDelta,
  'response.audio.delta': audioDelta,
  'response.output_audio_transcript.done': transcriptDone,
  'response.audio_transcript.done': transcriptDone,
  'response.output_text.done': partDone,
  'response.text.done': partDone,
  'response.output_audio.done': partDone,
  'response.audio.done': partDone,
  'response.output_item.done': (f, b) => ({ ...b, kind: 'output_item_done', item: readOutputItem(f) }),
  'response.done': (f, b) => {
    const details = f.raw('response.status_details');
    const failure: ResponseFailure | undefined = isJson(details)
      ? dropUndefined({
          error: isJson(details['error']) ? details['error'] : undefined,
          errorType: f.optString('response.status_details.error.type'),
        })
      : undefined;
    return dropUndefined({
      ...b,
      kind: 'response_done',
      id: f.optString('response.id') ?? f.optString('response_id'),
      status: f.optString('response.status'),
      failure,
      statusDetails: details,
      usage: f.raw('response.usage'),
      topLevelUsage: f.raw('usage'),
    });
  },
  error: (f, b) => {
    const body = f.object('error');
    return dropUndefined({
      ...b,
      kind: 'server_error',
      body,
      message: f.string('error.message'),
      code: f.optString('error.code'),
    });
  },
};

/** Server event types the client reads; every other type is only emitted raw. */
export const READ_EVENT_TYPES: ReadonlySet<string> = new Set(Object.keys(READERS));

/**
 * Reads one parsed frame. Returns undefined for a type the client does not handle (unknown
 * types included).
 *
 * @throws UnreadableEventError (`RTSIM_CLIENT_EVENT_UNREADABLE`) when a field the handler
 *   needs is missing or of the wrong kind.
 */
export function readServerEvent(event: Json): ReadEvent | undefined {
  const type = event['type'];
  if (typeof type !== 'string') return undefined;
  // Own keys only: a frame of type "valueOf" or "__proto__" is an unknown type, not a call of Object.prototype.
  const reader = Object.hasOwn(READERS, type) ? READERS[type] : undefined;
  if (!reader) return undefined;
  const f = new FieldReader(type, event);
  const responseId = f.optString('response_id');
  return reader(f, responseId === undefined ? { type } : { type, responseId });
}

/** `response.metadata.client_event_id` when it is a non-empty string. */
function clientEventIdOf(f: FieldReader): string | undefined {
  const id = f.optString('response.metadata.client_event_id');
  return id === '' ? undefined : id;
}

function readOutputItem(f: FieldReader): OutputItem {
  const type = f.optString('item.type');
  if (type === 'function_call') {
    const id = f.optString('item.id');
    return dropUndefined({
      type,
      id,
      callId: f.string('item.call_id'),
      name: f.string('item.name'),
      args: f.string('item.arguments'),
      status: f.optString('item.status'),
    });
  }
  if (type === 'message') return { type, id: f.string('item.id') };
  if (f.raw('item') !== undefined && !isJson(f.raw('item'))) throw f.fail('item', 'an object', f.raw('item'));
  return dropUndefined({ type: 'other', itemType: type });
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
