/**
 * One response of the simulated model, through the lifecycle of reference §4: created,
 * output items, content parts, transcript and audio deltas paced on the clock, done events,
 * and `response.done` with usage. Cancellation (the client's, or a scripted cut with status
 * `cancelled` or `incomplete`) closes whatever is open with `incomplete` items; a failure in
 * the middle aborts: only `response.done`, its partial output marked `incomplete`.
 */
import type { Clock, TimerHandle } from '../clock/index.js';
import type {
  FunctionCallItem,
  IdSource,
  MessageItem,
  RealtimeResponse,
  ResponseStatusReason,
  Usage,
} from '../protocol/index.js';
import { SAMPLE_RATE } from '../protocol/index.js';
import { encodeAudio } from './audio-format.js';
import { playServerToolCall } from './server-tools.js';
import { computeUsage } from './usage.js';
import { deltaIntervalMs } from './pacing.js';
import { deltaSchedule } from './delta-schedule.js';
import { ResponseOutput, type OutputHost, type OutputItem } from './response-output.js';
import type { OutputCounters, ResponseCut } from './response-cut.js';
import type { ResponsePlan } from './response-plan.js';
import { cutDue, noOutput } from './response-cut.js';

/** What a response needs from its session. */
export interface ResponseHost extends OutputHost {
  readonly clock: Clock;
  readonly ids: IdSource;
  /** Sends output audio bytes as one binary frame (`audio.output.transport: binary`). */
  emitBinary?(data: Uint8Array): void;
  /** Called once, after `response.done` went out (not after `dispose`). */
  finished(player: ResponsePlayer): void;
}

interface CallState {
  item: FunctionCallItem & { id: string };
  arguments: string;
}

interface MessageState {
  item: MessageItem & { id: string };
  partType: 'audio' | 'text';
  transcript: string;
  audioMs: number;
}

/** Plays one response. */
export class ResponsePlayer {
  readonly id: string;
  private readonly timers = new Set<TimerHandle>();
  private readonly startedAt: number;
  private message: MessageState | undefined;
  private call: CallState | undefined;
  /** What went out so far, for cut points. */
  private readonly sent: OutputCounters = noOutput();
  private readonly output: ResponseOutput;
  private finishedState = false;
  /** What went out so far, for usage. */
  private outputChars = 0;
  private audioMs = 0;

  constructor(
    private readonly host: ResponseHost,
    private readonly plan: ResponsePlan,
  ) {
    this.id = host.ids.next('resp_');
    this.output = new ResponseOutput(host, this.id, plan.inConversation);
    this.startedAt = host.clock.now();
  }

  /** Sends `response.created` and schedules the rest. */
  start(): void {
    this.host.emit({ type: 'response.created', response: this.responseObject('in_progress') });
    const { reply } = this.plan;
    this.at(reply.ttftMs, () => {
      const cut = reply.cut;
      // Without a point, a failure or cancellation comes before any output (failed: no usage).
      if (cut && cut.at === undefined && cut.status !== 'incomplete')
        return this.finish(cut.status, cut.status === 'failed' ? null : undefined, cut.details);
      if (this.cutIfDue()) return;
      this.playServerTools();
      if (reply.transcript !== null) this.stream(reply.transcript);
      else this.finishWithCalls(0);
    });
  }

  /** Cancels the response: open parts and items close as `incomplete`, status `cancelled`. */
  cancel(reason: ResponseStatusReason): void {
    if (this.finishedState) return;
    this.stopTimers();
    if (this.message) this.closeMessage('incomplete');
    this.finish('cancelled', undefined, { type: 'cancelled', reason });
  }

  /** Stops without sending anything more (the connection is gone). */
  dispose(): void {
    this.finishedState = true;
    this.stopTimers();
  }

  private at(offsetMs: number, fn: () => void): void {
    const timer = this.host.clock.setTimeout(
      () => {
        this.timers.delete(timer);
        if (!this.finishedState) fn();
      },
      this.startedAt + offsetMs - this.host.clock.now(),
    );
    this.timers.add(timer);
  }

  private stopTimers(): void {
    for (const t of this.timers) this.host.clock.clearTimeout(t);
    this.timers.clear();
  }

  private responseObject(status: RealtimeResponse['status']): RealtimeResponse {
    return {
      id: this.id,
      object: 'realtime.response',
      status,
      status_details: null,
      output: [],
      usage: null,
      metadata: this.plan.metadata,
      conversation_id: this.plan.inConversation ? this.host.conversation.id : null,
      output_modalities: [...this.plan.outputModalities],
    };
  }

  private playServerTools(): void {
    for (const { call, tool } of this.plan.serverTools ?? []) {
      playServerToolCall(call, tool, {
        ids: this.host.ids,
        responseId: this.id,
        emit: (e) => this.host.emit(e),
        addItem: (item) => {
          this.output.add(item as unknown as OutputItem);
          return this.output.length - 1;
        },
        finishItem: (item) => this.output.finish(item as unknown as OutputItem, 0),
      });
    }
  }

  private ref(): { response_id: string; item_id: string; output_index: number; content_index: number } {
    const m = this.message!;
    return {
      response_id: this.id,
      item_id: m.item.id,
      output_index: this.output.indexOf(m.item.id),
      content_index: 0,
    };
  }

  private stream(transcript: string): void {
    const { reply, outputModalities } = this.plan;
    const textOnly = !outputModalities.includes('audio');
    const audio = textOnly ? null : reply.audio;
    const item: MessageItem & { id: string } = {
      id: this.host.ids.next('item_'),
      object: 'realtime.item',
      type: 'message',
      role: 'assistant',
      status: 'in_progress',
      content: [],
    };
    this.message = { item, partType: textOnly ? 'text' : 'audio', transcript: '', audioMs: 0 };
    this.output.add(item);
    this.host.emit({
      type: 'response.content_part.added',
      ...this.ref(),
      part: textOnly ? { type: 'text', text: '' } : { type: 'audio', transcript: '' },
    });

    const { chunks, piecesAt, ticks } = deltaSchedule(audio, reply.chunkMs, transcript, reply.transcriptDeltaWords);

    /** Sends tick `k`; false when the response was cut on the way. */
    const tick = (k: number): boolean => {
      for (const piece of piecesAt.get(k) ?? []) {
        this.sendText(piece, textOnly, (k * reply.chunkMs) / 1000);
        if (this.cutIfDue()) return false;
      }
      const chunk = chunks[k];
      if (chunk) {
        const bytes = encodeAudio(chunk, this.plan.outputFormat);
        const ms = (chunk.length * 1000) / SAMPLE_RATE;
        this.message!.audioMs += ms;
        this.sent.audioChunks++;
        this.sent.audioMs += ms;
        if (this.plan.outputTransport === 'binary' && this.host.emitBinary) this.host.emitBinary(bytes);
        else
          this.host.emit({
            type: 'response.output_audio.delta',
            ...this.ref(),
            delta: Buffer.from(bytes).toString('base64'),
          });
        if (this.cutIfDue()) return false;
      }
      return true;
    };
    const interval = deltaIntervalMs(reply.pacing, reply.chunkMs);
    const run = (from: number): void => {
      for (let k = from; k < ticks; k++) {
        if (!tick(k)) return;
        // `burst` (interval 0) sends every delta at once, in this loop.
        if (k + 1 < ticks && interval > 0) return this.at(reply.ttftMs + (k + 1) * interval, () => run(k + 1));
      }
      if (this.endsIncompleteAfter(reply.functionCalls.length === 0)) return;
      this.closeMessage('completed');
      this.itemDone();
      if (!this.finishedState) this.finishWithCalls(0);
    };
    run(0);
  }

  /** Counts a finished output item and cuts between items when due. */
  private itemDone(): void {
    this.sent.itemsDone++;
    this.cutIfDue();
  }

  /** An `incomplete` without a point cuts after the last delta of the last item. */
  private endsIncompleteAfter(lastItem: boolean): boolean {
    const cut = this.plan.reply.cut;
    if (!lastItem || cut?.status !== 'incomplete' || cut.at !== undefined) return false;
    this.endEarly(cut);
    return true;
  }

  /** Ends the response at its cut point, if it is due now. */
  private cutIfDue(): boolean {
    const cut = this.plan.reply.cut;
    if (this.finishedState || cut?.at === undefined || !cutDue(cut.at, this.sent)) return false;
    this.endEarly(cut);
    return true;
  }

  private endEarly(cut: ResponseCut): void {
    this.stopTimers();
    if (cut.status === 'failed') this.abortOpen();
    else {
      if (this.message) this.closeMessage('incomplete');
      if (this.call) this.closeCall('incomplete');
    }
    this.finish(cut.status, this.plan.reply.usage, cut.details);
  }

  /** A failure sends no done events: what was open is in `response.done` only, `incomplete`. */
  private abortOpen(): void {
    const m = this.message;
    if (m) {
      this.message = undefined;
      const content =
        m.partType === 'text'
          ? [{ type: 'output_text' as const, text: m.transcript }]
          : [{ type: 'output_audio' as const, transcript: m.transcript }];
      this.output.settle({ ...m.item, status: 'incomplete', content }, Math.round(m.audioMs));
      this.audioMs += m.audioMs;
    }
    const c = this.call;
    if (c) {
      this.call = undefined;
      this.outputChars += c.arguments.length;
      this.output.settle({ ...c.item, status: 'incomplete', arguments: c.arguments }, 0);
    }
  }

  private sendText(piece: string, textOnly: boolean, startSeconds: number): void {
    const m = this.message!;
    m.transcript += piece;
    this.outputChars += piece.length;
    this.sent.transcriptDeltas++;
    if (textOnly) {
      const type = this.host.quirks.textEvents === 'openai' ? 'response.output_text.delta' : 'response.text.delta';
      this.host.emit({ type, ...this.ref(), delta: piece });
      return;
    }
    this.host.emit({
      type: 'response.output_audio_transcript.delta',
      ...this.ref(),
      delta: piece,
      ...(this.plan.reply.startTime ? { start_time: startSeconds } : {}),
    });
  }

  private closeMessage(status: 'completed' | 'incomplete'): void {
    const m = this.message!;
    const ref = this.ref();
    this.message = undefined;
    if (m.partType === 'text') {
      const type = this.host.quirks.textEvents === 'openai' ? 'response.output_text.done' : 'response.text.done';
      this.host.emit({ type, ...ref, text: m.transcript });
      this.host.emit({ type: 'response.content_part.done', ...ref, part: { type: 'text', text: m.transcript } });
      this.output.finish({ ...m.item, status, content: [{ type: 'output_text', text: m.transcript }] }, 0);
      return;
    }
    if (this.plan.reply.audio) this.host.emit({ type: 'response.output_audio.done', ...ref });
    this.host.emit({ type: 'response.output_audio_transcript.done', ...ref, transcript: m.transcript });
    this.host.emit({ type: 'response.content_part.done', ...ref, part: { type: 'audio', transcript: m.transcript } });
    this.output.finish(
      { ...m.item, status, content: [{ type: 'output_audio', transcript: m.transcript }] },
      Math.round(m.audioMs),
    );
    this.audioMs += m.audioMs;
  }

  private finishWithCalls(from: number): void {
    const calls = this.plan.reply.functionCalls;
    for (let n = from; n < calls.length; n++) {
      const call = calls[n]!;
      const item: FunctionCallItem & { id: string } = {
        id: this.host.ids.next('item_'),
        object: 'realtime.item',
        type: 'function_call',
        status: 'in_progress',
        call_id: call.callId ?? this.host.ids.next('call_'),
        name: call.name,
        arguments: '',
      };
      this.output.add(item);
      this.call = { item, arguments: '' };
      const base = {
        response_id: this.id,
        item_id: item.id,
        output_index: this.output.length - 1,
        call_id: item.call_id,
      };
      const size = this.plan.reply.argumentsDeltaChars;
      for (let i = 0; i < call.arguments.length; i += size) {
        const delta = call.arguments.slice(i, i + size);
        this.call.arguments += delta;
        this.sent.argumentDeltas++;
        this.host.emit({ type: 'response.function_call_arguments.delta', ...base, delta });
        if (this.cutIfDue()) return;
      }
      if (this.endsIncompleteAfter(n === calls.length - 1)) return;
      this.host.emit({
        type: 'response.function_call_arguments.done',
        ...base,
        name: call.name,
        arguments: call.arguments,
      });
      this.call = undefined;
      this.outputChars += call.arguments.length;
      this.output.finish({ ...item, status: 'completed', arguments: call.arguments }, 0);
      this.itemDone();
      if (this.finishedState) return;
    }
    // A point past the end of the output still ends the response with the cut's status.
    const cut = this.plan.reply.cut;
    if (cut?.at !== undefined) return this.finish(cut.status, this.plan.reply.usage, cut.details);
    this.finish('completed', this.plan.reply.usage, null);
  }

  /** Closes a function call cut in the middle of its arguments: no `arguments.done`. */
  private closeCall(status: 'incomplete'): void {
    const c = this.call!;
    this.call = undefined;
    this.outputChars += c.arguments.length;
    this.output.finish({ ...c.item, status, arguments: c.arguments }, 0);
  }

  private finish(
    status: RealtimeResponse['status'],
    usage: Usage | null | undefined,
    details: RealtimeResponse['status_details'],
  ): void {
    this.finishedState = true;
    this.stopTimers();
    const figures = usage === undefined ? computeUsage(this.plan.input, this.outputChars, this.audioMs) : usage;
    const response: RealtimeResponse = {
      ...this.responseObject(status),
      status_details: details,
      output: this.output.snapshot(),
      usage: figures,
    };
    const topLevel = figures !== null && this.host.quirks.topLevelUsage !== false ? { usage: figures } : {};
    this.host.emit({ type: 'response.done', response, ...topLevel });
    this.host.finished(this);
  }
}
