/**
 * One connection of the simulator: the session state machine of reference §1–§4 and §9,
 * and the two paths every frame takes.
 *
 * Outbound: the session builds an event → server-event triggers of the script → protocol
 * faults (drop / duplicate / delay / reorder) → downstream wire faults → the connection.
 * Inbound: the connection → upstream wire faults → parse → client-event triggers → `hang`
 * → the handler of the event type.
 */
import type { Clock, Random, TimerHandle } from '../clock/index.js';
import type { ServerConnection } from '../link/index.js';
import type {
  ClientEvent,
  ConversationItem,
  FieldPath,
  IdSource,
  ResponseCreateParams,
  ResponseMetadata,
  SessionConfig,
  ServerEvent,
  ToolDefinition,
} from '../protocol/index.js';
import {
  CANCEL_FAILED_MESSAGE,
  MAX_FRAME_BYTES,
  MAX_JSON_DEPTH,
  PROTOCOL_ERROR_CODES,
  RtSimError,
  formatPath,
  isBase64,
  jsonTextDepth,
  parseClientEvent,
  parseServerEvent,
} from '../protocol/index.js';
import type { JsonObject } from '../transcript/index.js';
import type { AudioLibrary } from './audio-source.js';
import { bytesPerSample, formatRate } from './audio-format.js';
import type { Direction, ReplyConfig, ServerConfig } from './config.js';
import { SERVER_DEFAULTS } from './config.js';
import { Conversation } from './conversation.js';
import type { EventFault } from './faults/protocol.js';
import { ProtocolFaults } from './faults/protocol.js';
import type { WireItem, WireToxic } from './faults/wire.js';
import { Wire } from './faults/wire.js';
import type { RealtimeUrl } from './handshake.js';
import { parseRealtimeUrl } from './handshake.js';
import { readForceMessage } from './force-message.js';
import type { ServerToolItem } from './server-tools.js';
import { checkDeclared, isServerToolEventType, listMcpTools } from './server-tools.js';
import { InputBuffer } from './input-buffer.js';
import { checkAppendAudio, checkBinaryAudio, checkItemContent } from './content-check.js';
import type { OutgoingEvent } from './outgoing.js';
import type { ReplySource } from './reply-source.js';
import type { RequestError } from './request-error.js';
import { requestError } from './request-error.js';
import type { ResolvedReply } from './response-player.js';
import { ResponsePlayer } from './response-player.js';
import { truncateRefusal } from './truncate-refusal.js';
import type { ResumptionStore, StoredConversation } from './resumption.js';
import type { ConnectionPlayer, TranscriptReplay } from './replay/index.js';
import type { ReplayEvent, ScriptConnection } from './script/actions.js';
import type { ScriptEngine } from './script/engine.js';
import type { ErrorSpec } from './script/rules.js';
import type { ServerProfile, Shaper } from './profile/index.js';
import { createShaper, openingEvents } from './profile/index.js';
import type { SessionState } from './session-config.js';
import { applySessionUpdate, initialSessionState, sessionEcho } from './session-config.js';
import { inputTokens } from './usage.js';
import { lifetimeMessage } from './lifetime-message.js';
import type { VadEvent, VadSettings } from './vad.js';
import { withoutPrefix } from '../errors/index.js';

/** Who ended a connection. */
export type CloseInitiator = 'client' | 'server' | 'fault';

/** What a session needs from its simulator. */
export interface SessionContext {
  readonly clock: Clock;
  readonly ids: IdSource;
  /** Randomness of wire faults (jitter, slicing). */
  readonly random: Random;
  readonly server: ServerConfig;
  /** The era of the service imitated: defaults and the shape of every built frame. */
  readonly profile: ServerProfile;
  readonly audio: AudioLibrary;
  readonly replies: ReplySource;
  readonly script: ScriptEngine;
  readonly resumption: ResumptionStore;
  /** Check every frame the session builds against the protocol catalogue and throw on a bad one. */
  readonly strict: boolean;
  /** `server.transcript`: each connection plays its recorded twin instead of the session logic below. */
  readonly transcript?: TranscriptReplay;
  /** Every frame crossing the simulator's edge. */
  frame(session: SimSession, direction: 'in' | 'out', text: string): void;
  /** The connection ended. */
  ended(session: SimSession, code: number, reason: string, initiator: CloseInitiator): void;
}

/** A read-only view of a session, for tests and the harness. */
export interface SimSessionInfo {
  /** 1-based number of the accepted connection. */
  connection: number;
  url: string;
  model: string;
  conversationId: string;
  open: boolean;
  /** The effective session config, as `session.updated` would show it. */
  session: SessionConfig;
  /** The server's conversation, in order. */
  items: ConversationItem[];
  /** Installed wire faults per direction. */
  faults: { downstream: string[]; upstream: string[] };
}

type Phase = 'open' | 'closing' | 'closed';

/** The simulator's side of one connection. */
export class SimSession implements ScriptConnection {
  readonly url: RealtimeUrl;
  readonly conversation: Conversation;
  private readonly sessionId: string;
  private state: SessionState;
  private readonly input: InputBuffer;
  private readonly down: Wire;
  private readonly up: Wire;
  private readonly protocolFaults: ProtocolFaults;
  private readonly timers = new Set<TimerHandle>();
  private idleTimer: TimerHandle | undefined;
  private phase: Phase = 'open';
  private closeInitiator: CloseInitiator = 'client';
  private active: ResponsePlayer | undefined;
  /** Responses waiting for the active one to finish (server VAD without interruption, scripts). */
  private readonly queued: { reply: ResolvedReply; metadata: ResponseMetadata | null; interruptible: boolean }[] = [];
  /** Responses server VAD must not cancel (`force_message` with `interruptible: false`). */
  private readonly uninterruptible = new WeakSet<ResponsePlayer>();
  private speechItemId: string | undefined;
  private hangs: { event: string | undefined; left: number | 'all' }[] = [];
  private resumable: StoredConversation | undefined;
  /** Set when replaying a transcript: it replaces the session logic of this class. */
  private readonly player: ConnectionPlayer | undefined;
  private readonly shaper: Shaper;

  constructor(
    private readonly ctx: SessionContext,
    private readonly conn: ServerConnection,
    readonly connection: number,
  ) {
    this.url = parseRealtimeUrl(conn.request.url);
    this.sessionId = ctx.ids.next('sess_');
    this.state = initialSessionState(this.url.model ?? ctx.server.model ?? ctx.profile.defaultModel, ctx.profile.initialTurnDetection);
    if (ctx.server.tools) this.state.tools = structuredClone(ctx.server.tools);
    this.input = new InputBuffer(this.vadSettings());
    this.resumable = this.url.conversationId !== undefined ? ctx.resumption.take(this.url.conversationId) : undefined;
    this.conversation = new Conversation(this.resumable ? this.url.conversationId! : ctx.ids.next('conv_'));
    this.shaper = createShaper(ctx.profile, {
      audioMs: (id) => this.conversation.audioMs(id),
      previousOf: (id) => this.conversation.previousOf(id),
      lastItemId: () => this.conversation.last()?.id ?? null,
      outputFormat: () => this.state.outputFormat,
      topLevelUsage: ctx.server.xaiQuirks?.topLevelUsage !== false,
    });
    this.down = new Wire(ctx.clock, ctx.random, (item) => this.deliver(item), (why) => this.drop(why));
    this.up = new Wire(
      ctx.clock,
      ctx.random,
      (item) => {
        if (item.kind === 'text') this.receive(item.text);
        if (item.kind === 'binary') this.receiveBinary(item.data);
      },
      (why) => this.drop(why),
    );
    this.protocolFaults = new ProtocolFaults(ctx.clock, (text) => this.down.push({ kind: 'text', text }));
    const latency = ctx.server.latency;
    if (latency) {
      const directions: Direction[] = latency.direction === 'both' ? ['downstream', 'upstream'] : [latency.direction ?? 'downstream'];
      for (const d of directions) this.installWire(d, { name: 'latency', options: { ms: latency.ms, jitterMs: latency.jitterMs ?? 0 } });
    }
    conn.onMessage((text) => {
      if (this.phase === 'closed') return;
      if (textBytesOver(text, MAX_FRAME_BYTES)) return this.tooBig();
      ctx.frame(this, 'in', text);
      this.up.push({ kind: 'text', text });
    });
    // Binary frames reach the session only to be refused or used by `audio.input.transport`.
    conn.onBinary?.((data) => {
      if (this.phase === 'closed') return;
      if (data.byteLength > MAX_FRAME_BYTES) return this.tooBig();
      this.up.push({ kind: 'binary', data });
    });
    conn.onClose((code, reason) => this.ended(code, reason));
    this.player = ctx.transcript?.attach(connection, ctx.clock, {
      send: (frame) => this.sendReplayed(frame),
      close: (code, reason) => this.closeReplayed(code, reason),
    });
  }

  /** True until the connection closes or starts closing. */
  get open(): boolean {
    return this.phase === 'open';
  }

  /** Runs connect triggers, then greets the client (reference §4.1). */
  start(): void {
    this.ctx.script.connected(this);
    if (!this.open) return;
    // A replay sends what the recorded server sent, greeting and pings included.
    if (this.player) return this.player.start();
    for (const opening of openingEvents(this.ctx.profile, this.ctx.server.sessionCreated)) {
      if (opening === 'session.created') this.emit({ type: 'session.created', session: sessionEcho(this.state, this.sessionId) });
      else this.emit({ type: 'conversation.created', conversation: { id: this.conversation.id, object: 'realtime.conversation' } });
    }
    const lifetime = this.ctx.server.lifetimeMs === undefined ? SERVER_DEFAULTS.lifetimeMs : this.ctx.server.lifetimeMs;
    if (lifetime !== null && lifetime > 0) this.after(lifetime, () => this.expire(lifetime));
    const ping = this.ctx.server.ping;
    if (ping && ping.everyMs > 0) {
      const tick = (): void => {
        this.emit({ type: 'ping', timestamp: this.ctx.clock.now() });
        this.after(ping.everyMs, tick);
      };
      this.after(ping.everyMs, tick);
    }
  }

  /** A snapshot for tests and reports. */
  info(): SimSessionInfo {
    return {
      connection: this.connection,
      url: this.conn.request.url,
      model: this.state.model,
      conversationId: this.conversation.id,
      open: this.open,
      session: sessionEcho(this.state, this.sessionId),
      items: structuredClone([...this.conversation.items()]),
      faults: { downstream: this.down.faults(), upstream: this.up.faults() },
    };
  }

  // ---------------------------------------------------------------- outbound

  /** Sends a server event the session built: triggers, protocol faults, wire. */
  private emit(event: OutgoingEvent): void {
    if (!this.open) return;
    const { event: full, text } = this.stamp(event, true);
    this.ctx.script.serverEvent(this, full);
    if (!this.open) return; // a trigger closed the connection: the event never leaves
    this.protocolFaults.send(full.type, text);
  }

  /** Mints the `event_id` (unless given), shapes a built event per the profile, serialises; in strict mode checks the frame. */
  private stamp(event: OutgoingEvent | Record<string, unknown>, shaped = false): { event: ServerEvent; text: string } {
    const { type, event_id: given, ...rest } = event as Record<string, unknown>;
    const minted = { type, event_id: typeof given === 'string' ? given : this.ctx.ids.next('event_'), ...rest } as ServerEvent;
    const full = shaped ? this.shaper.shape(minted) : minted;
    const text = JSON.stringify(full);
    if (this.ctx.strict) {
      const parsed = parseServerEvent(text);
      if (!parsed.ok || (!parsed.known && !isServerToolEventType(type))) {
        const why = parsed.ok ? `an unknown event type "${String(type)}"` : withoutPrefix(parsed.error.message);
        throw new RtSimError('RTSIM_SIM_INVALID_FRAME', `simulator (strict): expected every outgoing frame to parse with the protocol catalogue, got ${why}`, {
          connection: this.connection,
          frame: full,
        });
      }
    }
    return { event: full, text };
  }

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
    if (this.open) this.down.push({ kind: 'binary', data });
  }

  /** A binary frame from the client: raw input audio with `audio.input.transport: binary`, else refused with an error. */
  private receiveBinary(data: Uint8Array): void {
    if (!this.open || this.player) return;
    if (this.state.extras.inputTransport !== 'binary') {
      const message = `Binary frames are accepted only as input audio with 'session.audio.input.transport' set to 'binary'; this session's input transport is 'json'.`;
      return this.sendRequestError(requestError('invalid_event', message, 'session.audio.input.transport'), undefined);
    }
    const odd = checkBinaryAudio(data, this.state.inputFormat);
    if (odd) return this.sendRequestError(odd, undefined);
    this.appendBytes(data);
  }

  private sendRequestError(error: RequestError, eventId: string | undefined): void {
    this.emit({
      type: 'error',
      error: { type: 'invalid_request_error', code: error.code, message: error.message, param: error.param ?? null, event_id: eventId ?? null },
    });
  }

  // ---------------------------------------------------------------- inbound

  private receive(text: string): void {
    if (!this.open) return;
    // Refused before anything walks it: no check below has to bound its own recursion.
    if (jsonTextDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      const message = `Invalid frame: JSON nested more than ${MAX_JSON_DEPTH} levels deep; the limit is ${MAX_JSON_DEPTH}.`;
      return this.sendRequestError(requestError('invalid_event', message), eventIdOf(text));
    }
    if (this.player) return this.receiveReplayed(text);
    const parsed = parseClientEvent(text);
    if (!parsed.ok) {
      const code = parsed.error.code === PROTOCOL_ERROR_CODES.NOT_JSON ? 'invalid_json' : 'invalid_event';
      this.sendRequestError(requestError(code, withoutPrefix(parsed.error.message), paramOf(parsed.error)), eventIdOf(text));
      return;
    }
    if (!parsed.known) {
      const type = parsed.event.type;
      this.ctx.script.clientEvent(this, parsed.event);
      if (this.open && !this.swallowed(type)) {
        this.sendRequestError(requestError('invalid_event_type', `Invalid value: '${type}'. This event type is not supported.`, 'type'), eventIdOf(text));
      }
      return;
    }
    const event = parsed.event;
    this.ctx.script.clientEvent(this, event);
    if (!this.open || this.swallowed(event.type)) return;
    this.handle(event);
  }

  /** Replay: script triggers and `hang` as usual, then the player matches the frame. */
  private receiveReplayed(text: string): void {
    const parsed = parseClientEvent(text);
    if (parsed.ok) {
      this.ctx.script.clientEvent(this, parsed.event);
      if (!this.open || this.swallowed(parsed.event.type)) return;
    }
    this.player?.receive(text);
  }

  /** Replay: a recorded server frame, sent verbatim (no `event_id` minted, no catalogue check) through triggers and faults. */
  private sendReplayed(frame: JsonObject | string): void {
    if (!this.open) return;
    if (typeof frame === 'string') return this.down.push({ kind: 'text', text: frame });
    const type = typeof frame['type'] === 'string' ? frame['type'] : '(no type)';
    this.ctx.script.serverEvent(this, { ...frame, type });
    if (!this.open) return;
    this.protocolFaults.send(type, JSON.stringify(frame));
  }

  /** Replay: the recorded server ended the connection. */
  private closeReplayed(code: number, reason: string): void {
    // 1005 (no code) cannot be sent: a plain normal close is the nearest. Other codes no
    // endpoint may send (1006 and the like) are replayed as the drop they stood for.
    if (code === 1005) return this.close(1000, reason);
    const sendable = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    if (!sendable) return this.drop('replayed drop');
    this.close(code, reason);
  }

  private swallowed(type: string): boolean {
    const at = this.hangs.findIndex((h) => h.event === undefined || h.event === type);
    if (at < 0) return false;
    const hang = this.hangs[at]!;
    if (hang.left !== 'all' && --hang.left <= 0) this.hangs.splice(at, 1);
    return true;
  }

  private handle(event: ClientEvent): void {
    const id = event.event_id;
    switch (event.type) {
      case 'session.update':
        return this.updateSession(event.session, id);
      case 'input_audio_buffer.append':
        return this.append(event.audio, id);
      case 'input_audio_buffer.commit':
        return this.commit(id);
      case 'input_audio_buffer.clear':
        this.input.clear();
        this.speechItemId = undefined;
        return this.emit({ type: 'input_audio_buffer.cleared' });
      case 'conversation.item.create':
        return this.createItem(event.item, event.previous_item_id, id);
      case 'conversation.item.delete': {
        const error = this.conversation.delete(event.item_id);
        if (error) return this.sendRequestError(error, id);
        return this.emit({ type: 'conversation.item.deleted', item_id: this.ctx.server.xaiQuirks?.emptyDeletedItemId ? '' : event.item_id });
      }
      case 'conversation.item.truncate':
        return this.truncate(event.item_id, event.content_index, event.audio_end_ms, id);
      case 'response.create':
        return this.createResponse(event.response ?? {}, id);
      case 'response.cancel': {
        const active = this.active;
        if (!active || (event.response_id !== undefined && event.response_id !== active.id)) {
          return this.sendRequestError(requestError('response_cancel_not_active', CANCEL_FAILED_MESSAGE), id);
        }
        return active.cancel('client_cancelled');
      }
      case 'conversation.item.retrieve':
      case 'output_audio_buffer.clear':
        return this.sendRequestError(requestError('unsupported_event', `${event.type} is not supported by the xAI realtime API.`, 'type'), id);
    }
  }

  private updateSession(update: SessionConfig, eventId: string | undefined): void {
    const result = applySessionUpdate(this.state, update, this.ctx.server.voices ?? []);
    if (!result.ok) return this.sendRequestError(result.error, eventId);
    const before = this.state.tools;
    this.state = result.state;
    this.input.configure(this.vadSettings());
    this.emit({ type: 'session.updated', session: sessionEcho(this.state, this.sessionId) });
    this.listNewMcpServers(before);
    if (this.resumable && this.state.resumption) this.replayHistory(this.resumable);
    this.resumable = undefined;
  }

  /** An mcp tool the session newly declares gets its `mcp_list_tools` item (OpenAI Realtime; xAI 2026). */
  private listNewMcpServers(before: readonly ToolDefinition[]): void {
    const labelOf = (t: ToolDefinition): unknown => (t as { server_label?: unknown }).server_label;
    const known = new Set(before.filter((t) => t.type === 'mcp').map(labelOf));
    for (const tool of this.state.tools) {
      if (tool.type !== 'mcp' || known.has(labelOf(tool))) continue;
      known.add(labelOf(tool));
      const label = String(labelOf(tool) ?? '');
      listMcpTools(tool, this.ctx.server.mcpTools?.[label] ?? [], {
        ids: this.ctx.ids,
        emit: (e) => this.emit(e),
        added: (item) => {
          const placed = this.conversation.insert(asItem(item), undefined);
          const previous = placed.ok && !this.ctx.server.xaiQuirks?.nullPreviousItemId ? placed.previousItemId : null;
          this.emit({ type: 'conversation.item.added', previous_item_id: previous, item: asItem(item) });
        },
        done: (item) => {
          this.conversation.replace(asItem(item));
          this.emit({ type: 'conversation.item.done', item: asItem(item) });
        },
      });
    }
  }

  /** Replays a resumed conversation's items before any live traffic of the new connection. */
  private replayHistory(stored: StoredConversation): void {
    const live = [...this.conversation.items()];
    this.conversation.restore([...stored.items, ...live], stored.audio);
    let previous: string | null = null;
    for (const item of stored.items) {
      this.emit({ type: 'conversation.item.added', previous_item_id: this.ctx.server.xaiQuirks?.nullPreviousItemId ? null : previous, item: structuredClone(item) });
      previous = item.id ?? null;
    }
  }

  private append(audio: string, eventId: string | undefined): void {
    const bytes = checkAppendAudio(audio, this.state.inputFormat);
    if (!Buffer.isBuffer(bytes)) return this.sendRequestError(bytes, eventId);
    this.appendBytes(bytes);
  }

  /** Appends input audio bytes in the session's input format. */
  private appendBytes(bytes: Uint8Array): void {
    const vad = this.state.turnDetection !== null;
    for (const e of this.input.append(bytes, this.state.inputFormat, vad)) this.onVad(e);
  }

  private onVad(e: VadEvent): void {
    if (e.type === 'speech_started') {
      this.speechItemId = this.ctx.ids.next('item_');
      if (this.idleTimer) this.clear(this.idleTimer);
      this.idleTimer = undefined;
      this.emit({ type: 'input_audio_buffer.speech_started', item_id: this.speechItemId, audio_start_ms: e.audioStartMs });
      if (this.active && this.state.turnDetection?.interrupt_response !== false && !this.uninterruptible.has(this.active)) this.active.cancel('turn_detected');
      return;
    }
    const itemId = this.speechItemId ?? this.ctx.ids.next('item_');
    this.speechItemId = undefined;
    this.emit({ type: 'input_audio_buffer.speech_stopped', item_id: itemId, audio_end_ms: e.audioEndMs });
    const span = this.input.commitUntil(e.audioEndMs);
    this.commitUserAudio(itemId, span.endMs - span.startMs);
    if (this.state.turnDetection?.create_response !== false) this.startResponse(this.ctx.replies.next(this.endsWithToolOutput()), null);
  }

  private commit(eventId: string | undefined): void {
    const buffered = this.input.bufferedMs;
    if (buffered < 100) {
      return this.sendRequestError(
        requestError(
          'input_audio_buffer_commit_empty',
          `Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has ${buffered.toFixed(2)}ms of audio.`,
        ),
        eventId,
      );
    }
    const span = this.input.commitAll();
    const itemId = this.speechItemId ?? this.ctx.ids.next('item_');
    this.speechItemId = undefined;
    this.commitUserAudio(itemId, span.endMs - span.startMs);
  }

  /** Turns committed input audio into a user item, then transcribes it (reference §4.2). */
  private commitUserAudio(itemId: string, audioMs: number): void {
    const quirks = this.ctx.server.xaiQuirks ?? {};
    const previous = this.conversation.last()?.id ?? null;
    this.emit({ type: 'input_audio_buffer.committed', item_id: itemId, previous_item_id: quirks.nullPreviousItemId ? null : previous });
    const transcript = this.ctx.replies.userTranscript();
    const item: ConversationItem & { id: string } = {
      id: itemId,
      object: 'realtime.item',
      type: 'message',
      role: 'user',
      status: 'completed',
      content: [{ type: 'input_audio', transcript: quirks.transcriptInUserItem ? transcript : null }],
    };
    const placed = this.conversation.insert(item, undefined);
    this.conversation.setAudioMs(itemId, audioMs);
    this.emit({
      type: 'conversation.item.added',
      previous_item_id: quirks.nullPreviousItemId || !placed.ok ? null : placed.previousItemId,
      item: structuredClone(item),
    });
    if (this.state.transcription === null) return;
    const transcribe = (): void => {
      if (this.state.transcription?.model === 'grok-transcribe') {
        let partial = '';
        for (const word of transcript.split(/(?<=\s)(?=\S)/).filter((w) => w !== '')) {
          partial += word;
          this.emit({ type: 'conversation.item.input_audio_transcription.updated', item_id: itemId, content_index: 0, transcript: partial });
        }
      }
      const stored = this.conversation.get(itemId);
      if (stored?.type === 'message') this.conversation.replace({ ...stored, id: itemId, content: [{ type: 'input_audio', transcript }] });
      this.emit({
        type: 'conversation.item.input_audio_transcription.completed',
        item_id: itemId,
        content_index: 0,
        transcript,
        usage: { type: 'duration', seconds: Math.round(audioMs) / 1000 },
      });
    };
    const delay = this.ctx.server.transcriptionDelayMs ?? 0;
    if (delay > 0) this.after(delay, transcribe);
    else transcribe();
  }

  private createItem(item: ConversationItem | { type: string }, previousItemId: string | null | undefined, eventId: string | undefined): void {
    if (item.type === 'force_message') return this.forceMessage(item as Record<string, unknown>, eventId);
    if (item.type !== 'message' && item.type !== 'function_call' && item.type !== 'function_call_output') {
      return this.sendRequestError(requestError('invalid_value', `Invalid 'item.type': '${item.type}' is not a supported item type.`, 'item.type'), eventId);
    }
    const known = item as ConversationItem;
    const badContent = checkItemContent(known);
    if (badContent) return this.sendRequestError(badContent, eventId);
    let audioMs = 0;
    const stored = structuredClone(known) as ConversationItem & { id: string };
    stored.id = known.id ?? this.ctx.ids.next('item_');
    stored.object = 'realtime.item';
    stored.status = 'completed';
    if (stored.type === 'message') {
      for (const part of stored.content) {
        if (part.type === 'input_audio' && part.audio !== undefined) {
          const bytes = Buffer.from(part.audio, 'base64').length;
          audioMs += (Math.floor(bytes / bytesPerSample(this.state.inputFormat)) * 1000) / formatRate(this.state.inputFormat);
          // The service does not echo audio bytes back.
          delete part.audio;
        }
      }
    }
    const placed = this.conversation.insert(stored, previousItemId);
    if (!placed.ok) return this.sendRequestError(placed.error, eventId);
    if (audioMs > 0) this.conversation.setAudioMs(stored.id, Math.round(audioMs));
    const previous = this.ctx.server.xaiQuirks?.nullPreviousItemId ? null : placed.previousItemId;
    this.emit({ type: 'conversation.item.added', previous_item_id: previous, item: structuredClone(stored) });
  }

  /** xAI's `force_message`: speaks the given text through a whole response lifecycle, no `response.create`. */
  forceMessage(item: Record<string, unknown>, eventId?: string): void {
    const read = readForceMessage(item, this.ctx.server.voices ?? []);
    if (!read.ok) return this.sendRequestError(read.error, eventId);
    this.startResponse(this.ctx.replies.spoken(read.message.text), null, {}, read.message.interruptible);
  }

  private truncate(itemId: string, contentIndex: number, audioEndMs: number, eventId: string | undefined): void {
    const item = this.conversation.get(itemId);
    if (!item) return this.sendRequestError(requestError('item_not_found', `Invalid 'item_id': no item with id '${itemId}' in the conversation.`, 'item_id'), eventId);
    if (item.type !== 'message' || item.role !== 'assistant') {
      return this.sendRequestError(requestError('invalid_value', `Invalid 'item_id': only assistant messages can be truncated, '${itemId}' is not one.`, 'item_id'), eventId);
    }
    const part = item.content[contentIndex];
    if (!part || (part.type !== 'output_audio' && part.type !== 'audio')) {
      return this.sendRequestError(requestError('invalid_value', `Invalid 'content_index': item '${itemId}' has no audio part at index ${contentIndex}.`, 'content_index'), eventId);
    }
    if (this.ctx.server.refuseTruncate) return this.emit(truncateRefusal(audioEndMs));
    const audioMs = this.conversation.audioMs(itemId);
    if (audioEndMs > audioMs) {
      return this.sendRequestError(
        requestError('invalid_value', `Invalid 'audio_end_ms': ${audioEndMs} ms is longer than the item's ${audioMs} ms of audio.`, 'audio_end_ms'),
        eventId,
      );
    }
    this.conversation.setAudioMs(itemId, audioEndMs);
    this.emit({ type: 'conversation.item.truncated', item_id: itemId, content_index: contentIndex, audio_end_ms: audioEndMs });
  }

  // ---------------------------------------------------------------- responses

  private endsWithToolOutput(): boolean {
    return this.conversation.last()?.type === 'function_call_output';
  }

  private createResponse(params: ResponseCreateParams, eventId: string | undefined): void {
    if (this.active) {
      return this.sendRequestError(
        requestError(
          'conversation_already_has_active_response',
          `Conversation already has an active response in progress: ${this.active.id}. Wait until the response is finished before creating a new one.`,
        ),
        eventId,
      );
    }
    this.startResponse(this.ctx.replies.next(this.endsWithToolOutput()), params.metadata ?? null, params);
  }

  private startResponse(reply: ResolvedReply, metadata: ResponseMetadata | null, params: ResponseCreateParams = {}, interruptible = true): void {
    if (!this.open) return;
    if (this.active) {
      this.queued.push({ reply, metadata, interruptible });
      return;
    }
    if (this.idleTimer) this.clear(this.idleTimer);
    this.idleTimer = undefined;
    const instructions = params.instructions ?? this.state.instructions;
    const serverTools = [];
    for (const call of reply.serverTools ?? []) {
      const declared = checkDeclared(call, params.tools ?? this.state.tools);
      if (declared.ok) serverTools.push({ call, tool: declared.tool });
      else this.sendRequestError(declared.error, undefined);
    }
    const player = new ResponsePlayer(
      {
        clock: this.ctx.clock,
        ids: this.ctx.ids,
        conversation: this.conversation,
        quirks: this.ctx.server.xaiQuirks ?? {},
        emit: (e) => this.emit(e),
        emitBinary: (data) => this.emitBinary(data),
        finished: (p) => this.responseFinished(p),
      },
      {
        reply,
        metadata,
        outputModalities: params.output_modalities ?? this.state.outputModalities,
        outputFormat: this.state.outputFormat,
        ...(this.state.extras.outputTransport === undefined ? {} : { outputTransport: this.state.extras.outputTransport }),
        inConversation: params.conversation !== 'none',
        input: inputTokens(this.conversation.items(), instructions, (id) => this.conversation.audioMs(id)),
        serverTools,
      },
    );
    this.active = player;
    if (!interruptible) this.uninterruptible.add(player);
    player.start();
  }

  private responseFinished(player: ResponsePlayer): void {
    if (this.active === player) this.active = undefined;
    const next = this.queued.shift();
    if (next) return this.startResponse(next.reply, next.metadata, {}, next.interruptible);
    const idle = this.state.turnDetection?.idle_timeout_ms;
    if (idle !== undefined && idle !== null && idle > 0) this.idleTimer = this.after(idle, () => this.idleTimeout());
  }

  /** xAI's `idle_timeout_ms`: nobody spoke after the reply, so the model speaks again. */
  private idleTimeout(): void {
    this.idleTimer = undefined;
    const at = this.input.positionMs;
    this.emit({ type: 'input_audio_buffer.timeout_triggered', item_id: this.ctx.ids.next('item_'), audio_start_ms: at, audio_end_ms: at });
    this.startResponse(this.ctx.replies.next(this.endsWithToolOutput()), null);
  }

  // ---------------------------------------------------------------- timers and closing

  private after(ms: number, fn: () => void): TimerHandle {
    const timer = this.ctx.clock.setTimeout(() => {
      this.timers.delete(timer);
      if (this.open) fn();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  private clear(timer: TimerHandle): void {
    this.ctx.clock.clearTimeout(timer);
    this.timers.delete(timer);
  }

  private vadSettings(): VadSettings {
    const td = this.state.turnDetection;
    return {
      threshold: td?.threshold ?? SERVER_DEFAULTS.threshold,
      prefixPaddingMs: td?.prefix_padding_ms ?? SERVER_DEFAULTS.prefixPaddingMs,
      silenceDurationMs: td?.silence_duration_ms ?? SERVER_DEFAULTS.silenceDurationMs,
      floorDb: this.ctx.server.vad?.floorDb ?? SERVER_DEFAULTS.vadFloorDb,
    };
  }

  private expire(lifetimeMs: number): void {
    this.emit({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        code: 'session_expired',
        message: lifetimeMessage(lifetimeMs),
        param: null,
        event_id: null,
      },
    });
    this.close(1000, 'session expired');
  }

  /** Stops everything the session was doing; nothing more goes out. */
  private stopActivity(): void {
    this.player?.end();
    this.active?.dispose();
    this.active = undefined;
    this.queued.length = 0;
    for (const t of this.timers) this.ctx.clock.clearTimeout(t);
    this.timers.clear();
    this.idleTimer = undefined;
    this.protocolFaults.dispose();
  }

  /** Drops the connection abruptly (a fault): the client sees 1006. */
  private drop(_why: string): void {
    if (this.phase === 'closed') return;
    this.closeInitiator = 'fault';
    this.phase = 'closing';
    this.stopActivity();
    this.down.dispose();
    this.up.dispose();
    this.conn.terminate();
  }

  private ended(code: number, reason: string): void {
    if (this.phase === 'closed') return;
    const initiator = this.phase === 'open' ? 'client' : this.closeInitiator;
    this.phase = 'closed';
    this.stopActivity();
    this.down.dispose();
    this.up.dispose();
    this.ctx.script.disconnected(this);
    if (this.state.resumption) {
      this.ctx.resumption.save(this.conversation.id, {
        items: structuredClone([...this.conversation.items()]),
        audio: new Map(this.conversation.audioLengths()),
        endedAt: this.ctx.clock.now(),
      });
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
    this.closeInitiator = 'server';
    this.phase = 'closing';
    this.stopActivity();
    this.down.dispose();
    this.up.dispose();
    this.conn.close(code, reason);
  }

  // ---------------------------------------------------------------- script actions

  sendScripted(event: Record<string, unknown>): void {
    if (!this.open) return;
    const { event: full, text } = this.stamp(event);
    this.protocolFaults.send(full.type, text);
  }

  sendRaw(text: string): void {
    if (this.open) this.down.push({ kind: 'text', text });
  }

  sendBinary(data: Uint8Array): void {
    this.emitBinary(data);
  }

  failClientSends(count: number): void {
    this.conn.failClientSends?.(count);
  }

  sendError(error: ErrorSpec): void {
    this.sendScripted({
      type: 'error',
      error: { type: error.type ?? 'invalid_request_error', code: error.code ?? null, message: error.message, param: error.param ?? null, event_id: error.event_id ?? null },
    });
  }

  close(code: number, reason: string): void {
    if (!this.open) return;
    this.closeInitiator = 'server';
    this.phase = 'closing';
    this.stopActivity();
    this.down.push({ kind: 'close', code, reason });
  }

  resetPeer(afterMs: number): void {
    if (afterMs > 0) this.after(afterMs, () => this.drop('resetPeer'));
    else this.drop('resetPeer');
  }

  installWire(direction: Direction, toxic: WireToxic): void {
    (direction === 'upstream' ? this.up : this.down).install(toxic);
  }

  clearWire(direction: Direction | undefined): void {
    if (direction !== 'upstream') this.down.clear();
    if (direction !== 'downstream') this.up.clear();
  }

  addEventFault(fault: EventFault): void {
    this.protocolFaults.add(fault);
  }

  hang(event: string | undefined, count: number | 'all'): void {
    this.hangs.push({ event, left: count });
  }

  respond(reply: ReplyConfig): void {
    this.startResponse(this.ctx.replies.custom(reply), null);
  }

  replay(events: readonly ReplayEvent[]): void {
    let at = 0;
    for (const { afterMs, event } of events) {
      at += afterMs;
      if (at <= 0) this.sendScripted(event);
      else this.after(at, () => this.sendScripted(event));
    }
  }
}

/** Provider-tool items travel where conversation items do; the catalogue lets their type through. */
function asItem(item: ServerToolItem): ConversationItem & { id: string } {
  return structuredClone(item) as unknown as ConversationItem & { id: string };
}

/** True when `text` takes more than `limit` bytes in UTF-8; counts only when the length alone cannot tell. */
function textBytesOver(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  return text.length * 3 > limit && Buffer.byteLength(text, 'utf8') > limit;
}

/** The field a refused frame got wrong, as `param` names it (`session.tools[0].name`): the bad field, or `type` when it is missing. */
function paramOf(error: RtSimError): string | undefined {
  if (error.code === PROTOCOL_ERROR_CODES.NO_TYPE) return 'type';
  const path = error.details['path'];
  return Array.isArray(path) && path.length > 0 ? formatPath(path as FieldPath) : undefined;
}

function eventIdOf(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    const id = value && typeof value === 'object' ? (value as { event_id?: unknown }).event_id : undefined;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
