/**
 * Frame transforms of the server profiles: small functions that turn an event as the
 * session builds it (the 2025-12 shapes) into the shape of another era. Each one touches
 * only the event types it names; the profile table (`profiles.ts`) lists which apply.
 */
import type { AudioFormat } from '../../protocol/index.js';
import { base64ByteLength, isPlainObject } from '../../protocol/index.js';
import { bytesPerSample, formatRate } from '../audio-format.js';

/** A server event as a plain JSON object (transforms add and remove fields). */
export type Frame = Record<string, unknown>;

/** What the transforms read from their session. */
export interface ShapeHost {
  /** Milliseconds of audio behind a conversation item (0 when unknown). */
  audioMs(itemId: string): number;
  /** Id of the item before `itemId` in the conversation, `null` for the first or an unknown one. */
  previousOf(itemId: string): string | null;
  /** Id of the last item of the conversation, `null` when empty. */
  lastItemId(): string | null;
  /** The session's output audio format now. */
  outputFormat(): AudioFormat;
  /** `xaiQuirks.topLevelUsage` (default true): `false` leaves the top-level `usage` out. */
  readonly topLevelUsage: boolean;
  /** Prefix of the echoed voice. */
  readonly voiceEchoPrefix: string;
}

/** Running figures of one session the transforms keep between events. */
export interface ShapeState {
  readonly host: ShapeHost;
  /** Output audio seconds per response id, from its audio deltas. */
  readonly outputSeconds: Map<string, number>;
  /** Audio seconds billed so far in the session (user input plus model output). */
  billedSeconds: number;
}

/** One transform: may change the frame in place; returns the frame to send. */
type Transform = (frame: Frame, state: ShapeState) => Frame;

/** The beta format name live sessions echo (`pcm16`, `g711_ulaw`, `g711_alaw`). */
function betaFormatName(format: unknown): string | undefined {
  if (!isPlainObject(format)) return undefined;
  if (format['type'] === 'audio/pcm') return 'pcm16';
  if (format['type'] === 'audio/pcmu') return 'g711_ulaw';
  if (format['type'] === 'audio/pcma') return 'g711_alaw';
  return undefined;
}

function prefixVoice(voice: unknown, prefix: string): unknown {
  return typeof voice === 'string' && prefix !== '' && !voice.startsWith(prefix)
    ? `${prefix}${voice.toLowerCase()}`
    : voice;
}

/**
 * `session.created` / `.updated` as live 2026 sessions echo them: the voice with its prefix,
 * `modalities`, `instructions` `""` when unset, beta format names, `temperature`, and
 * `tool_choice: "not implemented"` in `session.updated`.
 */
const sessionEcho: Transform = (frame, state) => {
  if (frame['type'] !== 'session.created' && frame['type'] !== 'session.updated') return frame;
  const session = frame['session'];
  if (!isPlainObject(session)) return frame;
  const prefix = state.host.voiceEchoPrefix;
  session['voice'] = prefixVoice(session['voice'], prefix);
  const audio = isPlainObject(session['audio']) ? session['audio'] : undefined;
  const output = audio && isPlainObject(audio['output']) ? audio['output'] : undefined;
  const input = audio && isPlainObject(audio['input']) ? audio['input'] : undefined;
  if (output) output['voice'] = prefixVoice(output['voice'], prefix);
  if (Array.isArray(session['output_modalities']))
    session['modalities'] = [...(session['output_modalities'] as unknown[])];
  if (session['instructions'] === null || session['instructions'] === undefined) session['instructions'] = '';
  const inName = betaFormatName(input?.['format']);
  const outName = betaFormatName(output?.['format']);
  if (inName) session['input_audio_format'] = inName;
  if (outName) session['output_audio_format'] = outName;
  if (session['temperature'] === undefined) session['temperature'] = 0.8;
  if (frame['type'] === 'session.updated') session['tool_choice'] = 'not implemented';
  return frame;
};

/**
 * `status_details: "unimplemented"` on `response.created` and on a completed `response.done`.
 * Failed, cancelled and incomplete responses keep the object that says why (an assumption:
 * the captures only show completed responses, and a client needs the reason).
 */
const statusDetails: Transform = (frame) => {
  if (frame['type'] !== 'response.created' && frame['type'] !== 'response.done') return frame;
  const response = frame['response'];
  if (!isPlainObject(response)) return frame;
  const details = response['status_details'];
  const plain =
    details === null || details === undefined || (isPlainObject(details) && details['type'] === 'completed');
  if ((response['status'] === 'in_progress' || response['status'] === 'completed') && plain)
    response['status_details'] = 'unimplemented';
  return frame;
};

function audioPartsOf(item: unknown): void {
  if (!isPlainObject(item) || !Array.isArray(item['content'])) return;
  for (const part of item['content'] as unknown[])
    if (isPlainObject(part) && part['type'] === 'output_audio') part['type'] = 'audio';
}

/** Assistant audio content parts have type `"audio"`, not `"output_audio"`, wherever items appear. */
const audioParts: Transform = (frame) => {
  audioPartsOf(frame['item']);
  const response = frame['response'];
  if (isPlainObject(response) && Array.isArray(response['output']))
    for (const item of response['output'] as unknown[]) audioPartsOf(item);
  return frame;
};

const round3 = (n: number): number => Math.round(n * 1000) / 1000;

function withGrokTokens(details: unknown): Frame {
  return { ...(isPlainObject(details) ? details : {}), grok_tokens: 0 };
}

/**
 * `response.usage` is `{}`; the figures move to a top-level `usage` with `grok_tokens`,
 * `output_audio_seconds` (this response's audio, from its deltas) and
 * `billable_audio_seconds` (user plus model audio so far in the session, rounded up).
 */
const topLevelUsage: Transform = (frame, state) => {
  const type = frame['type'];
  if (
    type === 'response.output_audio.delta' &&
    typeof frame['delta'] === 'string' &&
    typeof frame['response_id'] === 'string'
  ) {
    const format = state.host.outputFormat();
    const seconds = base64ByteLength(frame['delta']) / bytesPerSample(format) / formatRate(format);
    state.outputSeconds.set(frame['response_id'], (state.outputSeconds.get(frame['response_id']) ?? 0) + seconds);
    return frame;
  }
  if (
    type === 'conversation.item.added' &&
    isPlainObject(frame['item']) &&
    frame['item']['role'] === 'user' &&
    typeof frame['item']['id'] === 'string'
  ) {
    state.billedSeconds += state.host.audioMs(frame['item']['id']) / 1000;
    return frame;
  }
  const response = frame['response'];
  if (!isPlainObject(response)) return frame;
  if (type === 'response.created') {
    response['usage'] = {};
    return frame;
  }
  if (type !== 'response.done') return frame;
  const id = typeof response['id'] === 'string' ? response['id'] : '';
  const outputSeconds = state.outputSeconds.get(id) ?? 0;
  state.outputSeconds.delete(id);
  state.billedSeconds += outputSeconds;
  const figures =
    isPlainObject(response['usage']) && Object.keys(response['usage']).length > 0 ? response['usage'] : undefined;
  response['usage'] = {};
  delete frame['usage'];
  if (figures && state.host.topLevelUsage) {
    frame['usage'] = {
      ...figures,
      input_token_details: withGrokTokens(figures['input_token_details']),
      output_token_details: withGrokTokens(figures['output_token_details']),
      output_audio_seconds: round3(outputSeconds),
      billable_audio_seconds: Math.ceil(round3(state.billedSeconds)),
    };
  }
  return frame;
};

/**
 * `response.done` carries `response_id` and `previous_item_id` (the item before the
 * response's first output, or the last item when it made none) at the top level.
 */
const responseDoneRefs: Transform = (frame, state) => {
  if (frame['type'] !== 'response.done' || !isPlainObject(frame['response'])) return frame;
  const response = frame['response'];
  const output = Array.isArray(response['output']) ? (response['output'] as unknown[]) : [];
  const first = output[0];
  const firstId = isPlainObject(first) && typeof first['id'] === 'string' ? first['id'] : undefined;
  const previous = firstId !== undefined ? state.host.previousOf(firstId) : state.host.lastItemId();
  const { type, event_id, ...rest } = frame;
  return { type, event_id, response_id: response['id'], previous_item_id: previous, ...rest };
};

const TRANSCRIPT_EVENTS = new Set([
  'response.output_audio_transcript.delta',
  'response.output_audio_transcript.done',
  'response.audio_transcript.delta',
  'response.audio_transcript.done',
]);

/** Transcript deltas and done events without `output_index` / `content_index`. */
const transcriptIndexes: Transform = (frame) => {
  if (typeof frame['type'] !== 'string' || !TRANSCRIPT_EVENTS.has(frame['type'])) return frame;
  delete frame['output_index'];
  delete frame['content_index'];
  return frame;
};

/** `ping` is `{type, timestamp}` with integer milliseconds, no `event_id`. */
const ping: Transform = (frame) => {
  if (frame['type'] !== 'ping') return frame;
  const timestamp = typeof frame['timestamp'] === 'number' ? Math.round(frame['timestamp']) : frame['timestamp'];
  return { type: 'ping', timestamp };
};

/** Every transform, by the name profiles use. */
export const TRANSFORMS = {
  sessionEcho,
  statusDetails,
  audioParts,
  topLevelUsage,
  responseDoneRefs,
  transcriptIndexes,
  ping,
} as const;
/** A key of {@link TRANSFORMS}. */
export type TransformName = keyof typeof TRANSFORMS;
