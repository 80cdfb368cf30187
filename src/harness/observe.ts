import type { RealtimeSession } from '../client/index.js';
import type { Clock } from '../clock/index.js';
import { pcm16BytesView } from '../audio/index.js';
import {
  SAMPLE_RATE,
  base64ByteLength,
  createNormaliser,
  decodePcm16,
  digestBytes,
  readPath,
} from '../protocol/index.js';
import type { Simulator } from '../simulator/index.js';
import { InputSoundMeter, NO_SOUND } from './input-sound.js';
import type {
  ChatSnapshot,
  ConnectionRecord,
  EventRecord,
  FrameRecord,
  LogRecord,
  Observation,
} from './observation.js';
import type { Scenario } from './scenario.js';
import { causeOf, detailsOf, toJsonSafe } from './json-safe.js';
import { summariseItem } from './chat-summary.js';
import { Ring } from './ring.js';

/** Session events that are frames seen from the client; the simulator's edge records those. */
const RAW_FRAME_EVENTS = new Set(['openai_server_event_received', 'openai_client_event_queued']);

/** What the harness learns from one generation's streams once they end. */
export interface GenerationSummary {
  responseId: string;
  /** `modalities`: what the message's `modalities` promise resolved to (§5.16). */
  messages: {
    messageId: string;
    text: string;
    audioFrames: number;
    audioSamples: number;
    modalities: string[] | null;
  }[];
  functionCalls: { callId: string; name: string; arguments: string }[];
}

/** Chat-context snapshots an observation keeps, the most recent (one per generation end). */
const MAX_CHAT_SNAPSHOTS = 100;

type Waiter = { name: string; count: number; resolve: () => void };

/**
 * Records what a run shows: frames at the simulator's edge, the client's events, audio
 * timing on both sides, final chat context, tools and metrics. `finish` normalises it
 * into an {@link Observation}.
 */
export class Observer {
  private readonly connections: ConnectionRecord[] = [];
  private readonly frames: FrameRecord[] = [];
  private readonly events: EventRecord[] = [];
  private readonly metrics: unknown[] = [];
  private readonly inputTimes: number[] = [];
  private inputBytes = 0;
  /** The input rate the client's latest session.update declared (xAI's default 24 kHz until then). */
  private inputRate: number = SAMPLE_RATE;
  private inputSound: InputSoundMeter | undefined;
  private readonly outputTimes: number[] = [];
  private outputSamples = 0;
  private readonly outputRates: number[] = [];
  private chatCtx: unknown[] = [];
  private tools: unknown[] = [];
  private readonly counts = new Map<string, number>();
  private waiters: Waiter[] = [];
  private readonly consumers = new Set<Promise<void>>();
  private readonly generationListeners: ((g: GenerationSummary) => void)[] = [];
  /** The session whose chat context is snapshotted as each generation ends (the first attached). */
  private snapshotOf: RealtimeSession | undefined;
  private readonly chatSnapshots = new Ring<ChatSnapshot>(MAX_CHAT_SNAPSHOTS);
  /** Virtual time of the last server frame other than `ping`, for `wait: idle`. */
  lastServerFrameAt = 0;
  /** Generations created and not yet ended. */
  activeGenerations = 0;
  /** Response ids of the generations whose streams have not all ended, in creation order. */
  private readonly unended: string[] = [];
  /** The simulator observed, whose rule firings `finish` reads. */
  private simulator: Simulator | undefined;
  /** One normaliser for the whole observation, so an id has one placeholder everywhere. */
  private readonly normaliser = createNormaliser();

  constructor(
    private readonly clock: Clock,
    private readonly scenario: Scenario,
    private readonly seed: number,
  ) {}

  attach(session: RealtimeSession, simulator: Simulator): void {
    this.attachSimulator(simulator);
    this.attachSession(session);
  }

  /** Records a client session's events only (rt-sim/vitest adds clients to a running simulator). */
  attachSession(session: RealtimeSession): void {
    this.snapshotOf ??= session;
    session.onAny((name, payload) => this.onEvent(String(name), payload));
  }

  /**
   * Records the simulator's side only: connections and frames (the fake server of rt-sim/vitest;
   * `rt-sim serve` keeps a bounded `ServeLog` instead).
   */
  attachSimulator(simulator: Simulator): void {
    this.simulator = simulator;
    simulator.onConnection((c) => {
      const record: ConnectionRecord = {
        attempt: c.attempt,
        conn: c.connection,
        t: c.time,
        outcome: c.accepted ? 'open' : c.held ? 'held' : 'refused',
      };
      if (!c.accepted && !c.held) record.status = c.status;
      this.connections.push(record);
    });
    simulator.onFrame((f) => {
      const from = f.direction === 'in' ? 'client' : 'server';
      let body: unknown = f.text;
      let type = '(not JSON)';
      try {
        body = JSON.parse(f.text) as unknown;
        const t = (body as { type?: unknown } | null)?.type;
        type = typeof t === 'string' ? t : '(no type)';
      } catch {
        // A malformed frame is kept as text: it is evidence.
      }
      if (from === 'client' && type === 'input_audio_buffer.append') {
        const audio = (body as { audio?: unknown }).audio;
        this.inputTimes.push(f.time);
        this.inputBytes += typeof audio === 'string' ? base64ByteLength(audio) : 0;
        if (typeof audio === 'string') {
          const samples = decodePcm16(audio);
          this.inputSound ??= new InputSoundMeter(this.inputRate);
          this.inputSound.push(samples);
          // The digest the normaliser would make, from the samples decoded once here: checking
          // and decoding every append's base64 twice was 4% of a conversation's run.
          (body as { audio: unknown }).audio = digestBytes(pcm16BytesView(samples));
        }
      } else if (from === 'client' && type === 'session.update') {
        const rate = readPath(body, 'session.audio.input.format.rate');
        if (typeof rate === 'number' && Number.isInteger(rate) && rate >= 8000 && rate <= 48000) this.inputRate = rate;
      }
      // Normalised now, not at the end, so a long run does not hold every audio payload.
      // Frames come first in finish(), in this order, so the placeholders are the same.
      this.frames.push({ t: f.time, conn: f.connection, from, type, body: this.normaliser.normaliseFrame(body) });
      if (from === 'server' && type !== 'ping') this.lastServerFrameAt = f.time;
    });
    simulator.onClose((c) => {
      const record = this.connections.find((r) => r.conn === c.connection);
      if (record && record.closedAt === undefined) {
        record.closedAt = c.time;
        record.code = c.code;
        if (c.reason) record.reason = c.reason;
        record.closedBy = c.initiator;
      }
    });
  }

  /** Calls `listener` each time a generation's streams have all ended. */
  onGenerationDone(listener: (g: GenerationSummary) => void): void {
    this.generationListeners.push(listener);
  }

  /** How many times `name` was seen (client events and harness events alike). */
  count(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  /** Resolves once `name` has been seen at least `count` times in all. */
  waitForCount(name: string, count: number): Promise<void> {
    if (this.count(name) >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ name, count, resolve }));
  }

  /** Response ids of the generations whose message, text, audio or function streams have not all ended. */
  unendedGenerations(): readonly string[] {
    return this.unended;
  }

  /** Resolves when every stream consumer has finished. */
  async drained(): Promise<void> {
    while (this.consumers.size > 0) await Promise.all([...this.consumers]);
  }

  captureFinalState(session: RealtimeSession): void {
    this.chatCtx = session.chatCtx.items.map((item) => summariseItem(item));
    this.tools = session.tools.map((t) => ({ ...t }));
  }

  /**
   * The observation, normalised. `log`: the client's warnings and errors (the runner's
   * `ClientLog`), normalised last, so the ids they quote take the placeholders the frames gave them.
   */
  finish(simulatedMs: number, log: readonly LogRecord[] = []): Observation {
    const n = <T>(v: T): T => this.normaliser.normalise(v) as T;
    const observation: Observation = {
      scenario: this.scenario.name,
      seed: this.seed,
      simulatedMs,
      connections: this.connections,
      frames: this.frames,
      events: this.events.map((e) => (e.data === undefined ? e : { ...e, data: n(e.data) })),
      audio: {
        input: { appends: this.inputTimes.length, bytes: this.inputBytes, times: this.inputTimes },
        output: {
          frames: this.outputTimes.length,
          samples: this.outputSamples,
          ...(this.outputRates.some((r) => r !== SAMPLE_RATE) ? { rates: this.outputRates } : {}),
          times: this.outputTimes,
        },
      },
      chatCtx: n(this.chatCtx),
      tools: n(this.tools),
      metrics: n(this.metrics),
      inputSound: this.inputSound?.result() ?? { ...NO_SOUND },
    };
    if (log.length > 0) observation.log = log.map((r) => this.normaliseLogRecord(r));
    // Last, so that the ids they hold take the placeholders the golden's sections gave them.
    if (this.chatSnapshots.size > 0)
      observation.chatSnapshots = this.chatSnapshots.toArray().map((s) => ({ t: s.t, items: n(s.items) }));
    const fired = this.simulator?.firedRules() ?? [];
    if (fired.length > 0)
      observation.rulesFired = fired.map((f) => ({ t: f.time, rule: f.index, ...(f.name ? { name: f.name } : {}) }));
    return observation;
  }

  private normaliseLogRecord(r: LogRecord): LogRecord {
    const out: LogRecord = { t: r.t, level: r.level, message: this.normaliser.normaliseText(r.message) };
    if (r.fields !== undefined) out.fields = this.normaliser.normaliseProse(r.fields) as Record<string, unknown>;
    return out;
  }

  /** Records an event the harness itself derives (e.g. `generation_done`). */
  record(name: string, data?: unknown): void {
    this.events.push(
      data === undefined ? { t: this.clock.now(), event: name } : { t: this.clock.now(), event: name, data },
    );
    this.bump(name);
  }

  /** Records a harness event for a rejection: `fields`, then the error's `code` and `message`. */
  recordError(name: string, error: unknown, fields: Record<string, unknown> = {}): void {
    const err = error as { code?: unknown; message?: unknown; details?: unknown } | null;
    // The details as error events carry them: the attempts of an exhausted retry budget, the
    // timeout of a call, so a figure copied wrong changes a golden.
    const details = detailsOf(err?.details, 0);
    this.record(name, {
      ...fields,
      code: typeof err?.code === 'string' ? err.code : 'unknown',
      message: typeof err?.message === 'string' ? err.message : String(error),
      ...(details === undefined ? {} : { details }),
      ...causeOf(error),
    });
  }

  private bump(name: string): void {
    this.counts.set(name, this.count(name) + 1);
    const ready = this.waiters.filter((w) => this.count(w.name) >= w.count);
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }

  private onEvent(name: string, payload: unknown): void {
    if (RAW_FRAME_EVENTS.has(name)) return;
    if (name === 'metrics_collected') this.metrics.push(toJsonSafe(payload));
    if (name === 'generation_created') {
      this.activeGenerations++;
      this.consume(payload as GenerationCreated);
    }
    // Streams are consumed above and metrics kept in their own list: the event keeps only ids.
    const data =
      name === 'generation_created'
        ? pick(payload, ['responseId', 'userInitiated'])
        : name === 'metrics_collected'
          ? pick(payload, ['requestId'])
          : toJsonSafe(payload);
    this.record(name, data);
  }

  private consume(g: GenerationCreated): void {
    const summary: GenerationSummary = { responseId: g.responseId, messages: [], functionCalls: [] };
    this.unended.push(g.responseId);
    const messages = (async () => {
      const pending: Promise<void>[] = [];
      for await (const m of g.messageStream) {
        const entry: GenerationSummary['messages'][number] = {
          messageId: m.messageId,
          text: '',
          audioFrames: 0,
          audioSamples: 0,
          modalities: null,
        };
        summary.messages.push(entry);
        pending.push(
          (async () => {
            await this.readLate();
            for await (const piece of m.textStream) entry.text += String(piece);
          })(),
          (async () => {
            await this.readLate();
            for await (const frame of m.audioStream) {
              entry.audioFrames++;
              entry.audioSamples += frame.samplesPerChannel;
              this.outputTimes.push(this.clock.now());
              this.outputSamples += frame.samplesPerChannel;
              if (!this.outputRates.includes(frame.sampleRate)) this.outputRates.push(frame.sampleRate);
            }
          })(),
          (async () => {
            entry.modalities = [...(await m.modalities)];
          })(),
        );
      }
      await Promise.all(pending);
    })();
    const functions = (async () => {
      for await (const call of g.functionStream) {
        const c = { callId: call.callId, name: call.name, arguments: call.args };
        summary.functionCalls.push(c);
        // With its item id: the reference gives the call a fresh one (§8.6), never the wire's.
        this.record('function_call', { id: call.id, ...c });
      }
    })();
    const done = Promise.all([messages, functions]).then(
      () => this.endGeneration(summary),
      (e: unknown) => {
        // A stream that ends in error is still the end of the generation; its error event says why.
        this.record('generation_stream_error', {
          responseId: g.responseId,
          message: e instanceof Error ? e.message : String(e),
        });
        this.endGeneration(summary);
      },
    );
    this.consumers.add(done);
    void done.finally(() => this.consumers.delete(done));
  }

  /** A scenario's `readStreamsAfterMs`: a reader busy elsewhere, so the client must hold what it streams meanwhile. */
  private async readLate(): Promise<void> {
    const ms = this.scenario.readStreamsAfterMs ?? 0;
    if (ms > 0) await this.clock.sleep(ms, undefined, 'late stream reader');
  }

  private endGeneration(summary: GenerationSummary): void {
    this.activeGenerations--;
    const at = this.unended.indexOf(summary.responseId);
    if (at >= 0) this.unended.splice(at, 1);
    this.record('generation_done', summary);
    const items = this.snapshotOf?.chatCtx.items;
    if (items) this.chatSnapshots.push({ t: this.clock.now(), items: items.map((item) => summariseItem(item)) });
    for (const l of this.generationListeners) l(summary);
  }
}

/** The parts of a `generation_created` payload the observer reads. */
interface GenerationCreated {
  responseId: string;
  userInitiated: boolean;
  messageStream: AsyncIterable<{
    messageId: string;
    textStream: AsyncIterable<unknown>;
    audioStream: AsyncIterable<{ samplesPerChannel: number; sampleRate: number }>;
    modalities: Promise<readonly string[]>;
  }>;
  functionStream: AsyncIterable<{ id: string; callId: string; name: string; args: string }>;
}

function pick(value: unknown, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = (value as Record<string, unknown>)[k];
  return out;
}
