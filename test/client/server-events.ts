/** Builders of server events for client tests, in the shapes of reference §3. */
import { encodePcm16 } from '../../src/protocol/index.js';
import type { PeerConnection } from './peer.js';

type Ev = Record<string, unknown>;

export const usage = {
  total_tokens: 30,
  input_tokens: 10,
  output_tokens: 20,
  input_token_details: {
    text_tokens: 4,
    audio_tokens: 5,
    image_tokens: 1,
    cached_tokens: 2,
    cached_tokens_details: { text_tokens: 1, audio_tokens: 1, image_tokens: 0 },
  },
  output_token_details: { text_tokens: 8, audio_tokens: 12 },
};

export function responseCreated(id: string, metadata: Record<string, string> | null = null): Ev {
  return {
    type: 'response.created',
    response: { id, object: 'realtime.response', status: 'in_progress', output: [], metadata },
  };
}

export function assistantItem(id: string, status = 'in_progress'): Ev {
  return { id, object: 'realtime.item', type: 'message', role: 'assistant', status, content: [] };
}

export function userAudioItem(id: string, transcript: string | null = null): Ev {
  return {
    id,
    object: 'realtime.item',
    type: 'message',
    role: 'user',
    status: 'completed',
    content: [{ type: 'input_audio', transcript }],
  };
}

export function outputItemAdded(responseId: string, item: Ev, outputIndex = 0): Ev {
  return { type: 'response.output_item.added', response_id: responseId, output_index: outputIndex, item };
}

export function outputItemDone(responseId: string, item: Ev, outputIndex = 0): Ev {
  return { type: 'response.output_item.done', response_id: responseId, output_index: outputIndex, item };
}

export function itemAdded(item: Ev, previousItemId: string | null = null): Ev {
  return { type: 'conversation.item.added', previous_item_id: previousItemId, item };
}

export function itemDeleted(itemId: string): Ev {
  return { type: 'conversation.item.deleted', item_id: itemId };
}

function ref(responseId: string, itemId: string): Ev {
  return { response_id: responseId, item_id: itemId, output_index: 0, content_index: 0 };
}

export function contentPartAdded(responseId: string, itemId: string, partType = 'audio'): Ev {
  return { type: 'response.content_part.added', ...ref(responseId, itemId), part: { type: partType } };
}

export function transcriptDelta(responseId: string, itemId: string, delta: string): Ev {
  return { type: 'response.output_audio_transcript.delta', ...ref(responseId, itemId), delta };
}

export function transcriptDone(responseId: string, itemId: string, transcript: string): Ev {
  return { type: 'response.output_audio_transcript.done', ...ref(responseId, itemId), transcript };
}

export function textDelta(responseId: string, itemId: string, delta: string, type = 'response.output_text.delta'): Ev {
  return { type, ...ref(responseId, itemId), delta };
}

export function audioDelta(responseId: string, itemId: string, samples: Int16Array): Ev {
  return { type: 'response.output_audio.delta', ...ref(responseId, itemId), delta: encodePcm16(samples) };
}

export function responseDone(
  id: string,
  opts: { status?: string; statusDetails?: unknown; usage?: unknown; output?: Ev[] } = {},
): Ev {
  const response: Ev = {
    id,
    object: 'realtime.response',
    status: opts.status ?? 'completed',
    output: opts.output ?? [],
  };
  if (opts.statusDetails !== undefined) response['status_details'] = opts.statusDetails;
  if (opts.usage !== undefined) response['usage'] = opts.usage;
  return { type: 'response.done', response };
}

export function functionCallItem(id: string, callId: string, name: string, args: string, status = 'completed'): Ev {
  return { id, object: 'realtime.item', type: 'function_call', status, call_id: callId, name, arguments: args };
}

export function serverError(message: string | null, extra: Ev = {}): Ev {
  return { type: 'error', error: { type: 'invalid_request_error', code: 'bad', message, param: null, ...extra } };
}

/** Options of {@link playAudioResponse}. */
export interface AudioResponse {
  responseId: string;
  itemId: string;
  previousItemId?: string | null;
  metadata?: Record<string, string> | null;
  deltas?: string[];
  /** Sent at transcript.done; default: the deltas joined. `null` leaves the event out. */
  transcript?: string | null;
  audio?: Int16Array[];
  status?: string;
  usage?: unknown;
  /** Leave out response.done (the response stays in flight). */
  open?: boolean;
}

/** Sends §4.2 steps 5–16 for one assistant audio message. */
export function playAudioResponse(pc: PeerConnection, r: AudioResponse): void {
  const deltas = r.deltas ?? ['Hel', 'lo.'];
  pc.send(responseCreated(r.responseId, r.metadata ?? null));
  pc.send(outputItemAdded(r.responseId, assistantItem(r.itemId)));
  pc.send(itemAdded(assistantItem(r.itemId), r.previousItemId ?? null));
  pc.send(contentPartAdded(r.responseId, r.itemId));
  for (const [i, d] of deltas.entries()) {
    pc.send(transcriptDelta(r.responseId, r.itemId, d));
    const audio = r.audio?.[i];
    if (audio) pc.send(audioDelta(r.responseId, r.itemId, audio));
  }
  pc.send({ type: 'response.output_audio.done', ...ref(r.responseId, r.itemId) });
  const transcript = r.transcript === undefined ? deltas.join('') : r.transcript;
  if (transcript !== null) pc.send(transcriptDone(r.responseId, r.itemId, transcript));
  pc.send(outputItemDone(r.responseId, assistantItem(r.itemId, 'completed')));
  if (r.open) return;
  pc.send(
    responseDone(r.responseId, {
      status: r.status ?? 'completed',
      ...(r.usage !== undefined ? { usage: r.usage } : {}),
    }),
  );
}
