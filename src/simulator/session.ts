/**
 * One connection of the simulator: the session state machine of reference §1–§4 and §9,
 * and the two paths every frame takes.
 *
 * Outbound: the session builds an event → server-event triggers of the script → protocol
 * faults (drop / duplicate / delay / reorder) → downstream wire faults → the connection.
 * Inbound: the connection → upstream wire faults → parse → client-event triggers → `hang`
 * → the handler of the event type.
 */
import type { ServerConnection } from '../link/index.js';
import { type ClientEvent, type SessionConfig, MAX_FRAME_BYTES, parseClientEvent } from '../protocol/index.js';
import { Conversation } from './conversation.js';
import type { WireItem } from './faults/wire.js';
import { type RealtimeUrl, parseRealtimeUrl } from './handshake.js';
import { readForceMessage } from './force-message.js';
import type { OutgoingEvent } from './outgoing.js';
import type { RequestError } from './request-error.js';
import type { StoredConversation } from './resumption.js';
import { createShaper, openingEvents } from './profile/index.js';
import { type SessionState, applySessionUpdate, initialSessionState, sessionEcho } from './session-config.js';
import type { SessionCore } from './session-host.js';
import { InputAudio } from './session-input-audio.js';
import { SessionItems } from './session-items.js';
import { SessionResponses } from './session-responses.js';
import { SessionTimers } from './session-timers.js';
import { Hangs } from './session-hangs.js';
import { scheduleLifetime } from './session-lifetime.js';
import { ReplayedConnection } from './session-replay.js';
import { SessionWires } from './session-wires.js';
import type { Action } from './script/rules.js';
import * as inbound from './session-inbound.js';
import { type StampOptions, requestErrorEvent, stampEvent } from './session-outbound.js';
import { ScriptedConnection } from './session-script.js';
import type { CloseInitiator, SessionContextOf, SimSessionInfo } from './session-context.js';

export type { CloseInitiator, SimSessionInfo } from './session-context.js';

/** What a session needs from its simulator. */
export type SessionContext = SessionContextOf<SimSession>;

type Phase = 'open' | 'closing' | 'closed';

/** The simulator's side of one connection. */
export class SimSession {
  readonly url: RealtimeUrl;
  readonly conversation: Conversation;
  private readonly sessionId: string;
  private state: SessionState;
  /** What the family modules below share of this session. */
  private readonly core: SessionCore;
  private readonly input: InputAudio;
  private readonly items: SessionItems;
  private readonly responses: SessionResponses;
  private readonly wires: SessionWires;
  private readonly timers: SessionTimers;
  private phase: Phase = 'open';
  private closeInitiator: CloseInitiator = 'client';
  private readonly hangs = new Hangs();
  private resumable: StoredConversation | undefined;
  /** Set when replaying a transcript: it replaces the session logic of this class. */
  private readonly replayed: ReplayedConnection | undefined;
  /** How built events are stamped: shaped per the profile. */
  private readonly stampBuilt: StampOptions;
  /** The session as script rules act on it. */
  private readonly scripted: ScriptedConnection;

  constructor(
    private readonly ctx: SessionContext,
    private readonly conn: ServerConnection,
    readonly connection: number,
  ) {
    this.url = parseRealtimeUrl(conn.request.url);
    this.sessionId = ctx.ids.next('sess_');
    const model = this.url.model ?? ctx.server.model ?? ctx.profile.defaultModel;
    this.state = initialSessionState(model, ctx.profile.initialTurnDetection);
    if (ctx.server.tools) this.state.tools = structuredClone(ctx.server.tools);
    this.resumable = this.url.conversationId !== undefined ? ctx.resumption.take(this.url.conversationId) : undefined;
    this.conversation = new Conversation(this.resumable ? this.url.conversationId! : ctx.ids.next('conv_'));
    this.timers = new SessionTimers(ctx.clock, () => this.open);
    this.core = {
      clock: ctx.clock,
      ids: ctx.ids,
      server: ctx.server,
      conversation: this.conversation,
      replies: ctx.replies,
      isOpen: () => this.open,
      state: () => this.state,
      emit: (e) => this.emit(e),
      refuse: (error, eventId) => this.sendRequestError(error, eventId),
      after: (ms, fn) => this.timers.after(ms, fn),
      clear: (timer) => this.timers.clear(timer),
    };
    this.responses = new SessionResponses({
      ...this.core,
      emitBinary: (data) => this.emitBinary(data),
      inputPositionMs: () => this.input.positionMs,
    });
    this.input = new InputAudio({
      ...this.core,
      speechStarting: () => this.responses.stopIdle(),
      bargeIn: () => this.responses.bargeIn(),
      answer: () => this.responses.answer(),
    });
    this.items = new SessionItems({ ...this.core, forceMessage: (item, id) => this.forceMessage(item, id) });
    const shaper = createShaper(ctx.profile, {
      audioMs: (id) => this.conversation.audioMs(id),
      previousOf: (id) => this.conversation.previousOf(id),
      lastItemId: () => this.conversation.last()?.id ?? null,
      outputFormat: () => this.state.outputFormat,
      topLevelUsage: ctx.server.xaiQuirks?.topLevelUsage !== false,
    });
    const stampScripted: StampOptions = { ids: ctx.ids, shaper: undefined, strict: ctx.strict, connection };
    this.stampBuilt = { ...stampScripted, shaper };
    this.wires = new SessionWires(ctx.clock, ctx.random, ctx.server.latency, {
      deliver: (item) => this.deliver(item),
      receive: (item) => {
        if (item.kind === 'text') this.receive(item.text);
        if (item.kind === 'binary') this.receiveBinary(item.data);
      },
      drop: (why) => this.drop(why),
    });
    this.scripted = new ScriptedConnection({
      connection,
      wires: this.wires,
      hangs: this.hangs,
      stamp: stampScripted,
      isOpen: () => this.open,
      after: (ms, fn) => this.timers.after(ms, fn),
      sendBinary: (data) => this.emitBinary(data),
      failClientSends: (count) => conn.failClientSends?.(count),
      sendInvalidUtf8: () => conn.sendInvalidUtf8?.(),
      close: (code, reason) => this.close(code, reason),
      drop: (why) => this.drop(why),
      respond: (reply) => this.responses.start(ctx.replies.custom(reply), null),
      forceMessage: (item) => this.forceMessage(item, undefined),
    });
    conn.onMessage((text) => {
      if (this.phase === 'closed') return;
      if (inbound.textBytesOver(text, MAX_FRAME_BYTES)) return this.tooBig();
      ctx.frame(this, 'in', text);
      this.wires.receive({ kind: 'text', text });
    });
    // Binary frames reach the session only to be refused or used by `audio.input.transport`.
    conn.onBinary?.((data) => {
      if (this.phase === 'closed') return;
      if (data.byteLength > MAX_FRAME_BYTES) return this.tooBig();
      this.wires.receive({ kind: 'binary', data });
    });
    conn.onClose((code, reason) => this.ended(code, reason));
    const replayHost = {
      wires: this.wires,
      isOpen: () => this.open,
      admit: (event: { type: string }) => this.admit(event),
      serverEvent: (event: { type: string }) => ctx.script.serverEvent(this.scripted, event),
      close: (code: number, reason: string) => this.close(code, reason),
      drop: (why: string) => this.drop(why),
    };
    this.replayed = ctx.transcript && new ReplayedConnection(ctx.transcript, connection, ctx.clock, replayHost);
  }

  /** True until the connection closes or starts closing. */
  get open(): boolean {
    return this.phase === 'open';
  }

  /** Runs connect triggers, then greets the client (reference §4.1). */
  start(): void {
    this.ctx.script.connected(this.scripted);
    if (!this.open) return;
    // A replay sends what the recorded server sent, greeting and pings included.
    if (this.replayed) return this.replayed.start();
    const conversation = { id: this.conversation.id, object: 'realtime.conversation' } as const;
    for (const opening of openingEvents(this.ctx.profile, this.ctx.server.sessionCreated)) {
      if (opening === 'session.created') this.emit({ type: 'session.created', session: this.echo() });
      else this.emit({ type: 'conversation.created', conversation });
    }
    scheduleLifetime({ ...this.core, close: (code, reason) => this.close(code, reason) });
  }

  /** The effective session config, as `session.updated` shows it. */
  private echo(): SessionConfig {
    return sessionEcho(this.state, this.sessionId);
  }

  /** A snapshot for tests and reports. */
  /** Runs a `do` list on this session now (serve's control API). */
  act(actions: readonly Action[]): void {
    this.ctx.script.act(actions, this.scripted);
  }

  /** Removes the faults added so far: wire faults, protocol faults, hangs (serve's control API). */
  clearFaults(): void {
    this.wires.clear(undefined);
    this.wires.clearEventFaults();
    this.hangs.clear();
  }

  info(): SimSessionInfo {
    return {
      connection: this.connection,
      url: this.conn.request.url,
      model: this.state.model,
      conversationId: this.conversation.id,
      open: this.open,
      session: this.echo(),
      items: structuredClone([...this.conversation.items()]),
      faults: this.wires.faults(),
    };
  }

  // ---------------------------------------------------------------- outbound

  /** Sends a server event the session built: triggers, protocol faults, wire. */
  private emit(event: OutgoingEvent): void {
    if (!this.open) return;
    const { event: full, text } = stampEvent(event, this.stampBuilt);
    this.ctx.script.serverEvent(this.scripted, full);
    if (!this.open) return; // a trigger closed the connection: the event never leaves
    this.wires.sendEvent(full.type, text);
  }

  /** An item leaving the downstream wire reaches the client. */
  private deliver(item: WireItem): void {
    if (this.phase === 'closed') return;
    if (item.kind === 'close') {
      this.conn.close(item.code, item.reason);
      return;
    }
    // Binary audio frames are not reported to frame listeners, which take JSON text.
    if (item.kind === 'binary') return this.conn.sendBinary?.(item.data);
    this.ctx.frame(this, 'out', item.text);
    this.conn.send(item.text);
  }

  /** Output audio as one binary frame: past the JSON event triggers and protocol faults, through the wire faults. */
  private emitBinary(data: Uint8Array): void {
    if (this.open) this.wires.sendDown({ kind: 'binary', data });
  }

  /** A binary frame from the client: input audio with `audio.input.transport: binary`, else refused. */
  private receiveBinary(data: Uint8Array): void {
    if (!this.open || this.replayed) return;
    this.input.appendBinary(data);
  }

  private sendRequestError(error: RequestError, eventId: string | undefined): void {
    this.emit(requestErrorEvent(error, eventId));
  }

  // ---------------------------------------------------------------- inbound

  /** A text frame leaving the upstream wire: checked, parsed, through the script, then handled. */
  private receive(text: string): void {
    if (!this.open) return;
    const tooDeep = inbound.depthRefusal(text);
    if (tooDeep) return this.sendRequestError(tooDeep, inbound.eventIdOf(text));
    if (this.replayed) return this.replayed.receive(text);
    const parsed = parseClientEvent(text);
    if (!parsed.ok) return this.sendRequestError(inbound.parseRefusal(parsed.error), inbound.eventIdOf(text));
    if (!this.admit(parsed.event)) return;
    const type = parsed.event.type;
    if (!parsed.known) return this.sendRequestError(inbound.unknownTypeRefusal(type), inbound.eventIdOf(text));
    this.handle(parsed.event);
  }

  /** Runs the script's client-event triggers, then `hang`; true when the event goes on to its handler. */
  private admit(event: { type: string }): boolean {
    this.ctx.script.clientEvent(this.scripted, event);
    return this.open && !this.hangs.swallows(event.type);
  }

  /** The dispatch: each client event type to its family. */
  private handle(event: ClientEvent): void {
    const id = event.event_id;
    switch (event.type) {
      case 'session.update':
        return this.updateSession(event.session, id);
      case 'input_audio_buffer.append':
        return this.input.append(event.audio, id);
      case 'input_audio_buffer.commit':
        return this.input.commit(id);
      case 'input_audio_buffer.clear':
        return this.input.clear();
      case 'conversation.item.create':
        return this.items.create(event.item, event.previous_item_id, id);
      case 'conversation.item.delete':
        return this.items.delete(event.item_id, id);
      case 'conversation.item.truncate':
        return this.items.truncate(event.item_id, event.content_index, event.audio_end_ms, id);
      case 'response.create':
        return this.responses.create(event.response ?? {}, id);
      case 'response.cancel':
        return this.responses.cancel(event.response_id, id);
      case 'conversation.item.retrieve':
      case 'output_audio_buffer.clear':
        return this.sendRequestError(inbound.unsupportedRefusal(event.type), id);
    }
  }

  private updateSession(update: SessionConfig, eventId: string | undefined): void {
    const result = applySessionUpdate(this.state, update, this.ctx.server.voices ?? []);
    if (!result.ok) return this.sendRequestError(result.error, eventId);
    const before = this.state.tools;
    this.state = result.state;
    this.input.configure();
    this.emit({ type: 'session.updated', session: this.echo() });
    this.items.listNewMcpServers(before);
    if (this.resumable && this.state.resumption) this.items.replayHistory(this.resumable);
    this.resumable = undefined;
  }

  /** xAI's `force_message`: speaks the given text through a whole response lifecycle, no `response.create`. */
  private forceMessage(item: Record<string, unknown>, eventId: string | undefined): void {
    const read = readForceMessage(item, this.ctx.server.voices ?? []);
    if (!read.ok) return this.sendRequestError(read.error, eventId);
    this.responses.start(this.ctx.replies.spoken(read.message.text), null, {}, read.message.interruptible);
  }

  // ---------------------------------------------------------------- phases: open → closing → closed

  /** Stops everything the session was doing; nothing more goes out. */
  private stopActivity(): void {
    this.replayed?.end();
    this.responses.dispose();
    this.timers.clearAll();
    this.wires.stopEvents();
  }

  /** Enters `closing`: whatever the session was doing stops, nothing new goes out. */
  private beginClosing(initiator: CloseInitiator): void {
    this.closeInitiator = initiator;
    this.phase = 'closing';
    this.stopActivity();
  }

  /** Closes through the wire faults, so the client may see the close late or never (a script or the lifetime). */
  private close(code: number, reason: string): void {
    if (!this.open) return;
    this.beginClosing('server');
    this.wires.sendDown({ kind: 'close', code, reason });
  }

  /** Drops the connection abruptly (a fault): the client sees 1006. */
  private drop(_why: string): void {
    if (this.phase === 'closed') return;
    this.beginClosing('fault');
    this.wires.dispose();
    this.conn.terminate();
  }

  /** The connection closed, from either side: the simulator learns who ended it, resumption keeps the conversation. */
  private ended(code: number, reason: string): void {
    if (this.phase === 'closed') return;
    const initiator = this.phase === 'open' ? 'client' : this.closeInitiator;
    this.phase = 'closed';
    this.stopActivity();
    this.wires.dispose();
    this.ctx.script.disconnected(this.scripted);
    if (this.state.resumption) {
      this.ctx.resumption.save(this.conversation.id, this.items.snapshot(this.ctx.clock.now()));
    }
    this.ctx.ended(this, code, reason, initiator);
  }

  /**
   * A frame over the size limit: closed at once with 1009, as `ws` does on a real socket
   * (serve sets `maxPayload`); the in-memory link and msw only get here. The frame is not
   * reported to frame listeners, as on a real socket, where it never arrives whole.
   */
  private tooBig(): void {
    this.shutdown(1009, `frame over the limit of ${MAX_FRAME_BYTES} bytes`);
  }

  /** Closes at once, bypassing wire faults (simulator shutdown). */
  shutdown(code: number, reason: string): void {
    if (this.phase === 'closed') return;
    this.beginClosing('server');
    this.wires.dispose();
    this.conn.close(code, reason);
  }
}
