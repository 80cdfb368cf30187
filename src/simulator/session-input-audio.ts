/**
 * The input audio family of a session (reference §4.2): `input_audio_buffer.append`,
 * `commit` and `clear`, binary input frames, server VAD turns, and the user item each
 * committed span becomes, with its transcription.
 */
import type { ConversationItem } from '../protocol/index.js';
import type { ServerConfig } from './config.js';
import { SERVER_DEFAULTS } from './config.js';
import { checkAppendAudio, checkBinaryAudio } from './content-check.js';
import { InputBuffer } from './input-buffer.js';
import { requestError } from './request-error.js';
import type { SessionState } from './session-config.js';
import type { SessionCore } from './session-host.js';
import { splitWords } from './split-words.js';
import type { VadEvent, VadSettings } from './vad.js';

/** What the input audio family needs from its session. */
export type InputAudioHost = Pick<
  SessionCore,
  'ids' | 'server' | 'conversation' | 'replies' | 'state' | 'emit' | 'refuse' | 'after'
> & {
  /** The user started speaking, before `speech_started` goes out: the model stops waiting for them. */
  speechStarting(): void;
  /** After `speech_started`: server VAD may cut the active response short. */
  bargeIn(): void;
  /** A VAD turn became a user item and `create_response` allows it: the model answers. */
  answer(): void;
};

/** The VAD settings of a session: its turn detection over the server's defaults. */
export function vadSettings(state: SessionState, server: ServerConfig): VadSettings {
  const td = state.turnDetection;
  return {
    threshold: td?.threshold ?? SERVER_DEFAULTS.threshold,
    prefixPaddingMs: td?.prefix_padding_ms ?? SERVER_DEFAULTS.prefixPaddingMs,
    silenceDurationMs: td?.silence_duration_ms ?? SERVER_DEFAULTS.silenceDurationMs,
    floorDb: server.vad?.floorDb ?? SERVER_DEFAULTS.vadFloorDb,
  };
}

/** The input audio of one session: its buffer, its VAD turns, the items they become. */
export class InputAudio {
  private readonly buffer: InputBuffer;
  /** The item the speech under way will become, named at `speech_started`. */
  private speechItemId: string | undefined;

  constructor(private readonly host: InputAudioHost) {
    this.buffer = new InputBuffer(vadSettings(host.state(), host.server));
  }

  /** Where the input stream stands, in ms since the session's first input sample. */
  get positionMs(): number {
    return this.buffer.positionMs;
  }

  /** Takes the VAD settings of a new session config. */
  configure(): void {
    this.buffer.configure(vadSettings(this.host.state(), this.host.server));
  }

  /** `input_audio_buffer.append`: base64 audio in the session's input format. */
  append(audio: string, eventId: string | undefined): void {
    const bytes = checkAppendAudio(audio, this.host.state().inputFormat);
    if (!Buffer.isBuffer(bytes)) return this.host.refuse(bytes, eventId);
    this.appendBytes(bytes);
  }

  /** A binary frame from the client: raw input audio with `audio.input.transport: binary`, else refused. */
  appendBinary(data: Uint8Array): void {
    const state = this.host.state();
    if (state.extras.inputTransport !== 'binary') {
      const message =
        `Binary frames are accepted only as input audio with 'session.audio.input.transport' set to 'binary'; ` +
        `this session's input transport is 'json'.`;
      return this.host.refuse(requestError('invalid_event', message, 'session.audio.input.transport'), undefined);
    }
    const odd = checkBinaryAudio(data, state.inputFormat);
    if (odd) return this.host.refuse(odd, undefined);
    this.appendBytes(data);
  }

  /** `input_audio_buffer.commit`: the buffered audio becomes a user item, if there is enough of it. */
  commit(eventId: string | undefined): void {
    const buffered = this.buffer.bufferedMs;
    if (buffered < 100) {
      return this.host.refuse(
        requestError(
          'input_audio_buffer_commit_empty',
          `Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer ` +
            `only has ${buffered.toFixed(2)}ms of audio.`,
        ),
        eventId,
      );
    }
    const span = this.buffer.commitAll();
    const itemId = this.speechItemId ?? this.host.ids.next('item_');
    this.speechItemId = undefined;
    this.commitUserAudio(itemId, span.endMs - span.startMs);
  }

  /** `input_audio_buffer.clear`. */
  clear(): void {
    this.buffer.clear();
    this.speechItemId = undefined;
    this.host.emit({ type: 'input_audio_buffer.cleared' });
  }

  /** Appends input audio bytes in the session's input format. */
  private appendBytes(bytes: Uint8Array): void {
    const state = this.host.state();
    for (const e of this.buffer.append(bytes, state.inputFormat, state.turnDetection !== null)) this.onVad(e);
  }

  private onVad(e: VadEvent): void {
    if (e.type === 'speech_started') {
      this.speechItemId = this.host.ids.next('item_');
      this.host.speechStarting();
      this.host.emit({
        type: 'input_audio_buffer.speech_started',
        item_id: this.speechItemId,
        audio_start_ms: e.audioStartMs,
      });
      this.host.bargeIn();
      return;
    }
    const itemId = this.speechItemId ?? this.host.ids.next('item_');
    this.speechItemId = undefined;
    this.host.emit({ type: 'input_audio_buffer.speech_stopped', item_id: itemId, audio_end_ms: e.audioEndMs });
    const span = this.buffer.commitUntil(e.audioEndMs);
    this.commitUserAudio(itemId, span.endMs - span.startMs);
    if (this.host.state().turnDetection?.create_response !== false) this.host.answer();
  }

  /** Turns committed input audio into a user item, then transcribes it (reference §4.2). */
  private commitUserAudio(itemId: string, audioMs: number): void {
    const host = this.host;
    const conversation = host.conversation;
    const quirks = host.server.xaiQuirks ?? {};
    const previous = conversation.last()?.id ?? null;
    host.emit({
      type: 'input_audio_buffer.committed',
      item_id: itemId,
      previous_item_id: quirks.nullPreviousItemId ? null : previous,
    });
    const transcript = host.replies.userTranscript();
    const item: ConversationItem & { id: string } = {
      id: itemId,
      object: 'realtime.item',
      type: 'message',
      role: 'user',
      status: 'completed',
      content: [{ type: 'input_audio', transcript: quirks.transcriptInUserItem ? transcript : null }],
    };
    const placed = conversation.insert(item, undefined);
    conversation.setAudioMs(itemId, audioMs);
    host.emit({
      type: 'conversation.item.added',
      previous_item_id: quirks.nullPreviousItemId || !placed.ok ? null : placed.previousItemId,
      item: structuredClone(item),
    });
    if (host.state().transcription === null) return;
    const transcribe = (): void => {
      if (host.state().transcription?.model === 'grok-transcribe') {
        let partial = '';
        for (const word of splitWords(transcript, 1)) {
          partial += word;
          host.emit({
            type: 'conversation.item.input_audio_transcription.updated',
            item_id: itemId,
            content_index: 0,
            transcript: partial,
          });
        }
      }
      const stored = conversation.get(itemId);
      if (stored?.type === 'message')
        conversation.replace({ ...stored, id: itemId, content: [{ type: 'input_audio', transcript }] });
      host.emit({
        type: 'conversation.item.input_audio_transcription.completed',
        item_id: itemId,
        content_index: 0,
        transcript,
        usage: { type: 'duration', seconds: Math.round(audioMs) / 1000 },
      });
    };
    const delay = host.server.transcriptionDelayMs ?? 0;
    if (delay > 0) host.after(delay, transcribe);
    else transcribe();
  }
}
