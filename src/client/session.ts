import type { Clock } from '../clock/index.js';
import { withoutPrefix } from '../errors/index.js';
import type { SocketFactory } from '../link/index.js';
import type { ClientEvent, IdSource, Modality } from '../protocol/index.js';
import { AudioInput, appendEvent, bytesToBase64, type AudioFrame } from './audio/index.js';
import { type ChatContext, ChatMessage, toToolDefinition, toWireItem, type FunctionTool } from './chat/index.js';
import { runConnectionLoop } from './connection.js';
import { TypedEmitter } from './emitter.js';
import { ClientErrorCode, RealtimeError } from './errors.js';
import type { RealtimeSessionEvents } from './events.js';
import type { GenerationCreatedEvent } from './generation.js';
import { modelError, type HandlerDeps, type ModelInfo } from './handler-deps.js';
import type { Logger } from './logger.js';
import { toNoiseReduction, type ClientBehaviour, type ConnOptions, type SessionOptions } from './options.js';
import { SendQueue } from './send-queue.js';
import { replaceMessageText, syncChatCtx } from './session-chat-ctx.js';
import type { SessionCore } from './session-core.js';
import { requestReply, requestSay, type GenerateReplyOptions, type SayOptions } from './session-replies.js';
import { SessionSockets } from './session-sockets.js';
import { SessionState } from './session-state.js';
import { validTools, type ToolsInput } from './session-tools.js';
import {
  instructionsSessionUpdate,
  optionsSessionUpdate,
  toolsSessionUpdate,
  type UpdateOptionsInput,
} from './session-update.js';

export {
  GENERATE_REPLY_TIMEOUT_MS,
  SAY_TIMEOUT_MS,
  type GenerateReplyOptions,
  type SayOptions,
} from './session-replies.js';
export { UPDATE_CHAT_CTX_TIMEOUT_MS } from './session-chat-ctx.js';
export type { ToolsInput } from './session-tools.js';

/** An encoded image to show the model (`pushVideo`); rt-sim does not encode raw video. */
export interface VideoFrame {
  /** The encoded image bytes (JPEG unless `mimeType` says otherwise). */
  data: Uint8Array;
  /** Default `image/jpeg`. */
  mimeType?: string;
}

/** Arguments of {@link RealtimeSession.truncate} (§5.10). */
export interface TruncateOptions {
  messageId: string;
  /** Milliseconds of the assistant's audio that were played. */
  audioEndMs: number;
  /** With `audio` (the default) the server item is truncated; otherwise the text path runs. */
  modalities?: Modality[];
  /** Text path: the transcript that replaces the message's content. */
  audioTranscript?: string;
}

/** What a session needs from its model. */
export interface SessionHost {
  readonly info: ModelInfo;
  /** Shared with the model and every session (§5.14). */
  readonly options: SessionOptions;
  readonly conn: ConnOptions;
  readonly idleTimeoutMs: number | null;
  /** A socket up this long, its `session.update` answered, resets the retry counter. */
  readonly healthyConnectionMs: number;
  readonly behaviour: ClientBehaviour;
  readonly maxSessionDurationMs: number | null;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly logger: Logger;
  /** Looked up at every connect, so the transport can change between connections. */
  socketFactory(): SocketFactory;
  /** Told once, when the session closes or dies. */
  release(session: RealtimeSession): void;
}

/**
 * One realtime conversation (agents-js `RealtimeSession`, reference §5): a send queue that
 * outlives sockets, the connect/retry loop, the reconnect burst, recycling, audio in,
 * replies, chat-context sync, and the server-event handlers, emitting the events of §5.19.
 *
 * Calls never block on the network: they queue events. The futures (`generateReply`,
 * `updateChatCtx`) settle on the server's answer, a timeout, a drop or `close()`.
 */
export class RealtimeSession extends TypedEmitter<RealtimeSessionEvents> {
  // The session's own phase (open, closing, dead) lives here, with the calls that queue events.
  // The families work over #core: session-chat-ctx.ts (updateChatCtx, truncate's text path,
  // the mirror across sockets), session-replies.ts (generateReply, say), session-sockets.ts
  // (connect, reconnect burst, run, received frames); server-handlers.ts answers the server.
  readonly #host: SessionHost;
  readonly #clock: Clock;
  readonly #ids: IdSource;
  readonly #logger: Logger;
  readonly #queue = new SendQueue<ClientEvent>();
  readonly #state: SessionState;
  readonly #audio = new AudioInput();
  readonly #deps: HandlerDeps;
  readonly #core: SessionCore;
  readonly #sockets: SessionSockets;
  readonly #stopSleeping = new AbortController();
  readonly #main: Promise<void>;
  #closing = false;
  #dead: Error | undefined;
  #chatCtxLock: Promise<void> = Promise.resolve();

  constructor(host: SessionHost) {
    super(host.logger);
    this.#host = host;
    this.#clock = host.clock;
    this.#ids = host.ids;
    this.#logger = host.logger;
    this.#state = new SessionState(host.clock);
    this.#deps = {
      state: this.#state,
      emitter: this,
      clock: host.clock,
      logger: host.logger,
      ids: host.ids,
      model: host.info,
      options: host.options,
      behaviour: host.behaviour,
    };
    this.#core = {
      state: this.#state,
      clock: host.clock,
      ids: host.ids,
      logger: host.logger,
      emitter: this,
      send: (event) => this.#send(event),
      isClosed: () => this.closed,
      closedError: (call) => this.#closedError(call),
    };
    this.#sockets = new SessionSockets({ ...this.#core, queue: this.#queue, deps: this.#deps }, host);
    // R2.1: the loop starts, then the full session.update is queued, so it is the first frame.
    this.#main = runConnectionLoop(host.conn, {
      isClosing: () => this.#closing,
      connect: () => this.#sockets.connect(),
      reconnect: (ws) => this.#sockets.reconnect(ws),
      run: (ws) => this.#sockets.run(ws),
      healthy: () => this.#sockets.healthy(),
      onError: (error, recoverable) => this.emit('error', modelError(this.#deps, error, recoverable)),
      sleep: (ms) => this.#clock.sleep(ms, this.#stopSleeping.signal, 'reconnect backoff').catch(() => {}),
    });
    this.#main.then(
      () => this.#host.release(this),
      (error: unknown) => this.#die(error instanceof Error ? error : new Error(String(error))),
    );
    this.#send(this.#sockets.fullUpdate());
  }

  /** The mirror of the server conversation, as a context over the same item objects (§5.15). */
  get chatCtx(): ChatContext {
    return this.#state.mirror.toChatContext(this.#ids);
  }

  /** The tools last sent by `updateTools` that were valid (a copy, §5.15). */
  get tools(): FunctionTool[] {
    return [...this.#state.tools];
  }

  /** True once `close()` was called or the session died. */
  get closed(): boolean {
    return this.#closing || this.#dead !== undefined;
  }

  /**
   * Adds input audio (R6.1–R6.3): resampled to 24 kHz mono and sent as 100 ms appends;
   * the rest waits for more audio or a commit.
   *
   * @throws RtSimError `RTSIM_AUDIO_BAD_FRAME` for an invalid frame.
   */
  pushAudio(frame: AudioFrame): void {
    for (const chunk of this.#audio.push(frame)) this.#send(appendEvent(chunk));
  }

  /**
   * Ends the user turn (R6.4, with the fixes of §8.9 and §8.10): when at least 100 ms was
   * pushed since the last commit or clear, the held remainder goes out as a last append,
   * then `input_audio_buffer.commit`. Otherwise nothing is sent.
   */
  commitAudio(): void {
    const { remainder, commit } = this.#audio.commit();
    if (!commit) return;
    if (remainder) this.#send(appendEvent(remainder));
    this.#send({ type: 'input_audio_buffer.commit' });
  }

  /** Drops the user turn: always sends `input_audio_buffer.clear` and resets the counter (R6.5). */
  clearAudio(): void {
    this.#audio.clear();
    this.#send({ type: 'input_audio_buffer.clear' });
  }

  /** Shows the model an image: a user message appended to the conversation, no future (§5.7). */
  pushVideo(frame: VideoFrame): void {
    const mimeType = frame.mimeType ?? 'image/jpeg';
    const image = `data:${mimeType};base64,${bytesToBase64(frame.data)}`;
    const message = new ChatMessage({
      id: this.#ids.next('item_'),
      role: 'user',
      content: [{ type: 'image_content', image, mimeType }],
    });
    this.#send({ type: 'conversation.item.create', event_id: this.#ids.next('video_'), item: toWireItem(message) });
  }

  /**
   * Asks for a response (§5.8). Resolves with the generation once the server's
   * `response.created` echoes this request (`userInitiated: true`); rejects with a
   * `RealtimeError` after 5 s without it, on a drop, or on close. `options` sets `tools` /
   * `tool_choice` for this response only (sent only when given).
   */
  generateReply(instructions?: string, options: GenerateReplyOptions = {}): Promise<GenerationCreatedEvent> {
    return requestReply(this.#core, instructions, options);
  }

  /**
   * Makes the service speak `text` verbatim through an xAI `force_message` item (a
   * `conversation.item.create`, no `response.create`). The service's `response.created`
   * for it carries no `client_event_id`, so pending `say`s are matched in order: the oldest
   * takes the next `response.created` without one. Resolves with that generation
   * (`userInitiated: true`); rejects with a `RealtimeError` after {@link SAY_TIMEOUT_MS},
   * on a drop, or on close.
   */
  say(text: string, options: SayOptions = {}): Promise<GenerationCreatedEvent> {
    return requestSay(this.#core, text, options);
  }

  /** Cancels the response in flight; sends nothing when none is (§5.9, §8.13 fix). */
  interrupt(): void {
    if (this.#state.generation) this.#send({ type: 'response.cancel' });
  }

  /**
   * Cuts an assistant message to what the user heard (§5.10): the audio path sends
   * `conversation.item.truncate`; the text path replaces the message's content with
   * `audioTranscript` through a delete and a create. A message a reconnect burst re-creates
   * as text always takes the text path (nothing is sent without `audioTranscript`).
   */
  truncate(opts: TruncateOptions): void {
    const modalities = opts.modalities ?? ['audio'];
    // Beyond the reference: a message the reconnect burst re-creates as text has no audio to
    // cut, and the server refuses such a truncate (invalid_value), so it takes the text path.
    const textOnly = this.#state.textOnly.has(opts.messageId);
    if (modalities.includes('audio') && !textOnly) {
      this.#send({
        type: 'conversation.item.truncate',
        item_id: opts.messageId,
        content_index: 0,
        audio_end_ms: Math.max(0, Math.round(opts.audioEndMs)),
      });
      return;
    }
    if (opts.audioTranscript !== undefined) replaceMessageText(this.#core, opts.messageId, opts.audioTranscript);
  }

  /**
   * Makes the server conversation match `chatCtx` (§5.11): the deletes and creates of the
   * §6.1 diff against the mirror, each acknowledged by `conversation.item.deleted` /
   * `.added`. Calls run one at a time. Rejects with a `RealtimeError` after 5 s without all
   * acknowledgements, on a drop or on close.
   */
  updateChatCtx(chatCtx: ChatContext): Promise<void> {
    const run = this.#chatCtxLock.then(() => syncChatCtx(this.#core, chatCtx));
    this.#chatCtxLock = run.catch(() => {});
    return run;
  }

  /**
   * Sends the tools (§5.12) without waiting for an answer. Invalid tools are dropped with an
   * error log; the valid ones become {@link tools}.
   */
  updateTools(tools: ToolsInput): Promise<void> {
    const valid = validTools(tools, this.#logger);
    this.#send(toolsSessionUpdate(this.#ids, this.#host.info.model, valid.map(toToolDefinition)));
    this.#state.tools = valid;
    return Promise.resolve();
  }

  /** Sends new instructions and keeps them for later full updates (§5.13). No answer is awaited. */
  updateInstructions(instructions: string): Promise<void> {
    this.#state.instructions = instructions;
    this.#send(instructionsSessionUpdate(this.#ids, instructions));
    return Promise.resolve();
  }

  /**
   * Changes session options (§5.14): each given option (a `null` counts) is stored in the
   * options shared with the model and sent in one `session.update`; nothing given, nothing sent.
   */
  updateOptions(given: UpdateOptionsInput): void {
    applyOptions(this.#host.options, given);
    const event = optionsSessionUpdate(this.#ids, given);
    if (event) this.#send(event);
  }

  /**
   * Closes the session: queued events are still sent, then the socket closes with 1000 and
   * the loop ends; pending futures fail with a `RealtimeError` and the response in flight
   * ends. Resolves when the loop has ended; rejects with the fatal error of a session that
   * had died (R2.8). Safe to call more than once.
   */
  close(): Promise<void> {
    if (!this.#closing) {
      this.#closing = true;
      this.#queue.close();
      this.#stopSleeping.abort();
      this.#state.failPending(
        new RealtimeError(
          ClientErrorCode.closed,
          'session closed: expected the server to answer first, got close() while the call was pending',
        ),
      );
      this.#state.endGeneration(this.#host.info.modalities);
    }
    return this.#main.then(() => undefined);
  }

  #send(event: ClientEvent): void {
    // R2.2: after close (or death) events are dropped.
    this.#queue.put(event);
  }

  #die(error: Error): void {
    this.#dead = error;
    this.#queue.close();
    this.#queue.clear();
    this.#state.failPending(
      new RealtimeError(
        ClientErrorCode.closed,
        `the session died: ${withoutPrefix(error.message)}`,
        {},
        { cause: error },
      ),
    );
    this.#state.endGeneration(this.#host.info.modalities);
    this.#host.release(this);
  }

  #closedError(call: string): RealtimeError {
    const why = this.#dead ? `the session died (${withoutPrefix(this.#dead.message)})` : 'close() was called';
    return new RealtimeError(ClientErrorCode.closed, `${call}: expected an open session, got a closed one: ${why}`);
  }
}

/** Stores the given options in the shared options (§5.14); `null` counts as given. */
export function applyOptions(options: SessionOptions, given: UpdateOptionsInput): void {
  if (given.toolChoice !== undefined) options.toolChoice = given.toolChoice;
  if (given.voice !== undefined) options.voice = given.voice;
  if (given.turnDetection !== undefined) options.turnDetection = given.turnDetection;
  if (given.maxResponseOutputTokens !== undefined) options.maxResponseOutputTokens = given.maxResponseOutputTokens;
  if (given.inputAudioTranscription !== undefined) options.inputAudioTranscription = given.inputAudioTranscription;
  if (given.inputAudioNoiseReduction !== undefined)
    options.inputAudioNoiseReduction = toNoiseReduction(given.inputAudioNoiseReduction);
  if (given.speed !== undefined) options.speed = given.speed;
  if (given.tracing !== undefined) options.tracing = given.tracing;
}
