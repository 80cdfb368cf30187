import type { Modality } from '../protocol/index.js';
import type { AudioFrame } from './audio/index.js';
import { Channel } from './channel.js';
import type { FunctionCall } from './chat/index.js';
import { Deferred } from './deferred.js';

/** One assistant message of a response, streamed as it arrives. */
export interface MessageGeneration {
  messageId: string;
  /** Transcript (audio) or text deltas. */
  textStream: AsyncIterable<string>;
  /** 24 kHz mono frames, one per `response.output_audio.delta`. */
  audioStream: AsyncIterable<AudioFrame>;
  /** `['audio','text']` once audio or an audio part shows up, `['text']` for a text part. */
  modalities: Promise<Modality[]>;
}

/** Payload of `generation_created`: one server response. */
export interface GenerationCreatedEvent {
  messageStream: AsyncIterable<MessageGeneration>;
  functionStream: AsyncIterable<FunctionCall>;
  /** True when the response answers this session's `generateReply` (§5.8). */
  userInitiated: boolean;
  responseId: string;
}

/** Per-item state of a response (§5.16 MessageGeneration). */
export class MessageState {
  readonly text = new Channel<string>();
  readonly audio = new Channel<AudioFrame>();
  readonly modalities = new Deferred<Modality[]>();
  /** Text and transcript deltas so far. */
  transcript = '';
  /** The user-facing view pushed on the message stream. */
  readonly view: MessageGeneration;

  constructor(readonly messageId: string) {
    this.view = {
      messageId,
      textStream: this.text,
      audioStream: this.audio,
      modalities: this.modalities.promise,
    };
  }

  /** Ends both streams; an unresolved modalities promise gets `fallback`. */
  close(fallback: readonly Modality[]): void {
    this.text.close();
    this.audio.close();
    this.modalities.resolve([...fallback]);
  }
}

/** Per-response state (§5.16 "generation"). */
export class ResponseGeneration {
  readonly messages = new Channel<MessageGeneration>();
  readonly functions = new Channel<FunctionCall>();
  readonly items = new Map<string, MessageState>();
  /** Call ids already sent to `functions`: a repeated `output_item.done` must not run a tool twice. */
  readonly callIds = new Set<string>();
  /** Resolved when the response ends: `response.done`, a drop, a close or a newer response. */
  readonly done = new Deferred<void>();
  firstTokenMs: number | undefined;

  constructor(
    readonly responseId: string,
    /** `clock.now()` when `response.created` was handled. */
    readonly createdMs: number,
  ) {}

  /** Ends every stream (§5.16 response.done steps 2–4) and resolves `done`. Idempotent. */
  close(fallback: readonly Modality[]): void {
    for (const item of this.items.values()) item.close(fallback);
    this.functions.close();
    this.messages.close();
    this.done.resolve();
  }
}
