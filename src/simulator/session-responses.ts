/**
 * The response family of a session (reference §4.4–§4.6): `response.create` and
 * `response.cancel`, the queue of responses waiting for the active one (server VAD without
 * interruption, scripts, `force_message`), barge-in, and xAI's `idle_timeout_ms`.
 */
import type { TimerHandle } from '../clock/index.js';
import type { ResponseCreateParams, ResponseMetadata } from '../protocol/index.js';
import { CANCEL_FAILED_MESSAGE } from '../protocol/index.js';
import { requestError } from './request-error.js';
import type { ResolvedReply } from './response-plan.js';
import { ResponsePlayer } from './response-player.js';
import { checkDeclared } from './server-tools.js';
import type { SessionCore } from './session-host.js';
import { inputTokens } from './usage.js';

/** What the response family needs from its session. */
export type ResponsesHost = Pick<
  SessionCore,
  'clock' | 'ids' | 'server' | 'conversation' | 'replies' | 'isOpen' | 'state' | 'emit' | 'refuse' | 'after' | 'clear'
> & {
  /** Output audio as one binary frame (`audio.output.transport: binary`). */
  emitBinary(data: Uint8Array): void;
  /** Where the input stream stands, for `input_audio_buffer.timeout_triggered`. */
  inputPositionMs(): number;
};

interface Queued {
  reply: ResolvedReply;
  metadata: ResponseMetadata | null;
  interruptible: boolean;
}

/** The responses of one session: at most one playing, the others waiting their turn. */
export class SessionResponses {
  private active: ResponsePlayer | undefined;
  /** Responses waiting for the active one to finish (server VAD without interruption, scripts). */
  private readonly queued: Queued[] = [];
  /** Responses server VAD must not cancel (`force_message` with `interruptible: false`). */
  private readonly uninterruptible = new WeakSet<ResponsePlayer>();
  private idleTimer: TimerHandle | undefined;

  constructor(private readonly host: ResponsesHost) {}

  /** `response.create`: refused while another response is active (the client must wait, unlike scripts). */
  create(params: ResponseCreateParams, eventId: string | undefined): void {
    if (this.active) {
      return this.host.refuse(
        requestError(
          'conversation_already_has_active_response',
          `Conversation already has an active response in progress: ${this.active.id}. Wait until the response ` +
            `is finished before creating a new one.`,
        ),
        eventId,
      );
    }
    this.start(this.host.replies.next(this.endsWithToolOutput()), params.metadata ?? null, params);
  }

  /** `response.cancel`: of the active response, or of the one named. */
  cancel(responseId: string | undefined, eventId: string | undefined): void {
    const active = this.active;
    if (!active || (responseId !== undefined && responseId !== active.id)) {
      return this.host.refuse(requestError('response_cancel_not_active', CANCEL_FAILED_MESSAGE), eventId);
    }
    active.cancel('client_cancelled');
  }

  /** The model answers the conversation as it stands (server VAD, the idle timeout). */
  answer(): void {
    this.start(this.host.replies.next(this.endsWithToolOutput()), null);
  }

  /** Plays `reply` now, or after the responses before it. */
  start(
    reply: ResolvedReply,
    metadata: ResponseMetadata | null,
    params: ResponseCreateParams = {},
    interruptible = true,
  ): void {
    const host = this.host;
    if (!host.isOpen()) return;
    if (this.active) {
      this.queued.push({ reply, metadata, interruptible });
      return;
    }
    this.stopIdle();
    const state = host.state();
    const instructions = params.instructions ?? state.instructions;
    const serverTools = [];
    for (const call of reply.serverTools ?? []) {
      const declared = checkDeclared(call, params.tools ?? state.tools);
      if (declared.ok) serverTools.push({ call, tool: declared.tool });
      else host.refuse(declared.error, undefined);
    }
    const player = new ResponsePlayer(
      {
        clock: host.clock,
        ids: host.ids,
        conversation: host.conversation,
        quirks: host.server.xaiQuirks ?? {},
        emit: (e) => host.emit(e),
        emitBinary: (data) => host.emitBinary(data),
        finished: (p) => this.finished(p),
      },
      {
        reply,
        metadata,
        outputModalities: params.output_modalities ?? state.outputModalities,
        outputFormat: state.outputFormat,
        ...(state.extras.outputTransport === undefined ? {} : { outputTransport: state.extras.outputTransport }),
        inConversation: params.conversation !== 'none',
        input: inputTokens(host.conversation.items(), instructions, (id) => host.conversation.audioMs(id)),
        serverTools,
      },
    );
    this.active = player;
    if (!interruptible) this.uninterruptible.add(player);
    player.start();
  }

  /** The user started speaking: server VAD cuts the active response unless told not to. */
  bargeIn(): void {
    const active = this.active;
    if (active && this.host.state().turnDetection?.interrupt_response !== false && !this.uninterruptible.has(active))
      active.cancel('turn_detected');
  }

  /** The user or a new response ends the wait for the user (`idle_timeout_ms`). */
  stopIdle(): void {
    if (this.idleTimer) this.host.clear(this.idleTimer);
    this.idleTimer = undefined;
  }

  /** The session stops: the active response ends without `response.done`, the queue is dropped. */
  dispose(): void {
    this.active?.dispose();
    this.active = undefined;
    this.queued.length = 0;
    // The session clears its timers itself; only the reference is forgotten here.
    this.idleTimer = undefined;
  }

  private endsWithToolOutput(): boolean {
    return this.host.conversation.last()?.type === 'function_call_output';
  }

  private finished(player: ResponsePlayer): void {
    if (this.active === player) this.active = undefined;
    const next = this.queued.shift();
    if (next) return this.start(next.reply, next.metadata, {}, next.interruptible);
    const idle = this.host.state().turnDetection?.idle_timeout_ms;
    if (idle !== undefined && idle !== null && idle > 0)
      this.idleTimer = this.host.after(idle, () => this.idleTimeout());
  }

  /** xAI's `idle_timeout_ms`: nobody spoke after the reply, so the model speaks again. */
  private idleTimeout(): void {
    this.idleTimer = undefined;
    const at = this.host.inputPositionMs();
    this.host.emit({
      type: 'input_audio_buffer.timeout_triggered',
      item_id: this.host.ids.next('item_'),
      audio_start_ms: at,
      audio_end_ms: at,
    });
    this.answer();
  }
}
