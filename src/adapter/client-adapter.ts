/**
 * rt-sim's own client behind the adapter protocol of `rt-sim conform` (docs/conform.md): each
 * command becomes a call of `RealtimeModel` / `RealtimeSession`, and what the session surfaces
 * becomes an event. Tools with a `result` are answered as an agent would (reference §4.4).
 */
import { decodeWav, interleavePcm16 } from '../audio/index.js';
import {
  type ChatItem,
  ChatContext,
  createAudioFrame,
  type FunctionCall,
  FunctionCallOutput,
  type FunctionTool,
  type GenerationCreatedEvent,
  RealtimeModel,
  type RealtimeModelOptions,
  type RealtimeSession,
} from '../client/index.js';
import type { Clock } from '../clock/index.js';
import { toChatItem } from './chat-items.js';

/** Reports one event (`{event, ...data}` on stdout). */
export type EmitEvent = (event: string, data: Record<string, unknown>) => void;
/** Reads a file's bytes (the WAV of `push_audio`). */
export type ReadFile = (file: string) => Promise<Uint8Array>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One adapter: at most one model and session, driven by commands. */
export class ClientAdapter {
  private model: RealtimeModel | undefined;
  private session: RealtimeSession | undefined;
  private readonly results = new Map<string, string>();
  private itemIds = 0;

  constructor(
    private readonly emit: EmitEvent,
    private readonly clock: Clock,
    private readonly readFile: ReadFile,
  ) {}

  /** Runs one command; resolves when it is done, rejects with why it failed. */
  async handle(cmd: string, data: Record<string, unknown>): Promise<void> {
    if (cmd === 'connect') return this.connect(data);
    if (cmd === 'close') return this.close();
    const s = this.session;
    if (s === undefined) throw new Error(`${cmd} before connect`);
    switch (cmd) {
      case 'generate_reply':
        return void (await s.generateReply(
          typeof data['instructions'] === 'string' ? data['instructions'] : undefined,
        ));
      case 'update_instructions':
        return s.updateInstructions(String(data['instructions']));
      case 'update_tools':
        return s.updateTools(this.tools(data['tools']));
      case 'update_chat_ctx': {
        const items = (Array.isArray(data['items']) ? data['items'] : []).map((i) =>
          toChatItem(i, () => `item_conform_${++this.itemIds}`),
        );
        const ctx = data['append'] === true ? s.chatCtx.copy() : new ChatContext();
        ctx.insert(items);
        return s.updateChatCtx(ctx);
      }
      case 'interrupt':
        return s.interrupt();
      case 'truncate':
        return this.truncate(s, data);
      case 'push_audio':
        return this.pushAudio(s, data);
      case 'commit':
        return s.commitAudio();
      case 'clear_audio':
        return s.clearAudio();
      case 'update_options':
        return s.updateOptions((isObject(data['options']) ? data['options'] : {}) as RealtimeModelOptions);
      case 'say':
        return void (await s.say(String(data['text']), {
          ...(typeof data['interruptible'] === 'boolean' ? { interruptible: data['interruptible'] } : {}),
          ...(typeof data['voice'] === 'string' ? { voice: data['voice'] } : {}),
        }));
      default:
        throw new Error(`unknown command ${JSON.stringify(cmd)}`);
    }
  }

  private async connect(data: Record<string, unknown>): Promise<void> {
    if (this.model !== undefined) throw new Error('connect: already connected');
    const options = isObject(data['options']) ? data['options'] : {};
    this.model = new RealtimeModel({
      ...(options as RealtimeModelOptions),
      apiKey: String(data['apiKey']),
      baseURL: String(data['url']),
    });
    const s = this.model.session();
    this.session = s;
    s.on('generation_created', (g) => void this.follow(s, g));
    s.on('session_reconnected', () => this.emit('reconnected', {}));
    s.on('metrics_collected', (m) => this.emit('metrics', { requestId: m.requestId }));
    s.on('error', (e) => this.emit('error', { message: e.error.message, recoverable: e.recoverable }));
    s.on('input_speech_started', () => this.emit('speech_started', {}));
    s.on('input_speech_stopped', () => this.emit('speech_stopped', {}));
    s.on('input_audio_transcription_completed', (t) =>
      this.emit('input_transcript', { itemId: t.itemId, text: t.transcript }),
    );
  }

  private async close(): Promise<void> {
    if (this.session) this.emit('chat_ctx', { items: this.session.chatCtx.items.map(describeItem) });
    try {
      await this.session?.close();
    } catch (e) {
      // close() rejects with why a session that had failed for good ended: it is closed all the same,
      // and that is news of the session, not of the close (rt-sim's runner records it so too).
      this.emit('session_failed', { message: e instanceof Error ? e.message : String(e) });
    }
    await this.model?.close();
  }

  private tools(given: unknown): FunctionTool[] {
    const list = Array.isArray(given) ? given.filter(isObject) : [];
    for (const t of list) if (typeof t['result'] === 'string') this.results.set(String(t['name']), t['result']);
    return list.map((t) => ({
      name: String(t['name']),
      description: typeof t['description'] === 'string' ? t['description'] : '',
      parameters: isObject(t['parameters']) ? t['parameters'] : { type: 'object', properties: {}, required: [] },
    }));
  }

  private truncate(s: RealtimeSession, data: Record<string, unknown>): void {
    let messageId = typeof data['messageId'] === 'string' ? data['messageId'] : undefined;
    if (messageId === undefined) {
      const items = s.chatCtx.items;
      messageId = [...items].reverse().find((i) => i.type === 'message' && i.role === 'assistant')?.id;
    }
    if (messageId === undefined) throw new Error('truncate: no assistant message yet');
    s.truncate({ messageId, audioEndMs: Number(data['audioEndMs']) });
  }

  /** Pushes the WAV in frames of `frameMs`, one per `frameMs` of real time when `realtime`. */
  private async pushAudio(s: RealtimeSession, data: Record<string, unknown>): Promise<void> {
    const decoded = decodeWav(await this.readFile(String(data['file'])), String(data['file']));
    const pcm = interleavePcm16(decoded);
    const channels = decoded.channels.length;
    const frameMs = typeof data['frameMs'] === 'number' ? data['frameMs'] : 20;
    const perFrame = Math.max(1, Math.round((decoded.sampleRate * frameMs) / 1000));
    const total = pcm.length / channels;
    for (let start = 0; start < total; start += perFrame) {
      const n = Math.min(perFrame, total - start);
      s.pushAudio(createAudioFrame(pcm.slice(start * channels, (start + n) * channels), decoded.sampleRate, channels));
      if (data['realtime'] !== false) await this.clock.sleep((n * 1000) / decoded.sampleRate);
    }
  }

  /** Reports a response from start to done: its transcripts, audio and calls; then answers tools that have a result. */
  private async follow(s: RealtimeSession, g: GenerationCreatedEvent): Promise<void> {
    this.emit('response_started', { responseId: g.responseId, userInitiated: g.userInitiated });
    const calls: FunctionCall[] = [];
    const messages = (async () => {
      const reading: Promise<void>[] = [];
      for await (const m of g.messageStream)
        reading.push(
          (async () => {
            let text = '';
            for await (const t of m.textStream) text += t;
            this.emit('transcript', { messageId: m.messageId, text });
          })(),
          (async () => {
            let frames = 0;
            let samples = 0;
            for await (const f of m.audioStream) {
              frames++;
              samples += f.samplesPerChannel;
            }
            this.emit('audio', { messageId: m.messageId, frames, samples });
          })(),
        );
      await Promise.all(reading);
    })();
    const functions = (async () => {
      for await (const c of g.functionStream) {
        calls.push(c);
        this.emit('function_call', { callId: c.callId, name: c.name, arguments: c.args });
      }
    })();
    await Promise.all([messages, functions]);
    this.emit('done', { responseId: g.responseId });
    const answered = calls.filter((c) => this.results.has(c.name));
    if (answered.length === 0) return;
    const ctx = s.chatCtx.copy();
    for (const c of answered)
      ctx.insert(
        new FunctionCallOutput({
          id: `item_conform_${++this.itemIds}`,
          callId: c.callId,
          name: c.name,
          output: this.results.get(c.name)!,
          isError: false,
        }),
      );
    await s.updateChatCtx(ctx);
    await s.generateReply();
  }
}

/** A chat item as the `chat_ctx` event shows it: its type, and a message's role and text. */
function describeItem(item: ChatItem): Record<string, unknown> {
  if (item.type !== 'message') return { type: item.type, id: item.id };
  return { type: 'message', id: item.id, role: item.role, text: item.textContent ?? null };
}
