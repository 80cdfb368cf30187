import { type ChatContext, FunctionCallOutput } from '../client/index.js';
import type {
  AudioFrame,
  FunctionTool,
  RealtimeModel,
  RealtimeSession,
  ToolChoiceOption,
  ToolsInput,
} from '../client/index.js';
import type { Clock } from '../clock/index.js';
import { RtSimError } from '../protocol/index.js';
import type { IdSource } from '../protocol/index.js';
import { clipFrames, DEFAULT_FRAME_MS, type PcmClip } from './audio-source.js';
import { expectGeneration } from './call-results.js';
import { chatCtxApiProblems, describeItems } from './chat-ctx-api.js';
import { buildChatCtx } from './chat-steps.js';
import type { GenerationSummary, Observer } from './observe.js';
import type { CallStep, PlainStep, Scenario, Step, ToolSpec } from './scenario.js';
import { branchesOf, isAwait, isParallel, placeSteps, type PlacedStep } from './step-tree.js';

/** How long `wait: idle` needs the server to stay quiet (pings aside), in virtual ms. */
export const IDLE_QUIET_MS = 500;
const IDLE_POLL_MS = 50;

/** What the step runner drives. */
export interface StepContext {
  clock: Clock;
  session: RealtimeSession;
  /** The model the session came from, for the model-level calls (`openSession`, `modelUpdateOptions` …). */
  model: RealtimeModel;
  /** Opens one more session of the model and puts the run's checks on it. */
  openSession: () => RealtimeSession;
  observer: Observer;
  scenario: Scenario;
  clips: Map<number, PcmClip>;
  /** Ids of the chat items the scenario creates, from the scenario's seed. */
  ids: IdSource;
}

/**
 * Plays a scenario's steps against the client, in order, on the scenario's clock. It also
 * plays the agent's part for tools that have a canned `result`: when a generation ends with
 * calls to them, it sends their outputs and asks for the next reply (reference §4.4).
 */
/** The data a `pushFrame` step puts in its frame, by kind: PCM16 silence, or something no frame may hold. */
const FRAME_DATA: Record<'int16' | 'float32' | 'null' | 'missing' | 'noPrototype', (length: number) => unknown> = {
  int16: (length) => new Int16Array(length),
  float32: (length) => new Float32Array(length),
  null: () => null,
  missing: () => undefined,
  // An object with no constructor at all (Object.create(null)), as some decoders build.
  noPrototype: () => Object.create(null),
};

export class StepRunner {
  currentIndex = -1;
  private readonly consumed = new Map<string, number>();
  private readonly background: Promise<unknown>[] = [];
  private readonly toolResults = new Map<string, string>();
  /** Calls running on in the background (`await: false`, the agent's tool replies). */
  private pendingCalls = 0;
  /** The background calls not yet settled, described for messages (`generateReply (step 2)`). */
  private readonly unsettled = new Set<{ what: string }>();
  /** The sessions the run opened, the scenario's own first: `inspectModel` numbers them from 1. */
  private readonly sessions: RealtimeSession[];
  /** Every step in document order, `parallel` blocks opened (step-tree.ts), and each one's number. */
  private readonly placed: PlacedStep[];
  private readonly numbers = new Map<Step | PlainStep, number>();
  /** Steps with an `id`, as they run: what `await` joins. */
  private readonly named = new Map<string, Promise<void>>();

  constructor(private readonly ctx: StepContext) {
    this.placed = placeSteps(ctx.scenario.steps);
    for (const p of this.placed) this.numbers.set(p.step, p.index);
    this.sessions = [ctx.session];
    for (const tool of ctx.scenario.tools) if (tool.result !== undefined) this.toolResults.set(tool.name, tool.result);
    ctx.observer.onGenerationDone((g) => this.answerToolCalls(g));
  }

  describeCurrent(): string {
    const step = this.placed[this.currentIndex]?.step;
    if (!step) return this.currentIndex < 0 ? 'before the first step' : 'after the last step';
    if (isParallel(step)) return 'parallel';
    if (isAwait(step)) return `await ${[step.await].flat().join(', ')}`;
    if ('call' in step) return `call ${step.call}`;
    if ('sleep' in step) return `sleep ${step.sleep}`;
    return `wait ${typeof step.wait === 'string' ? step.wait : step.wait.event}`;
  }

  async runAll(): Promise<void> {
    if (this.ctx.scenario.tools.length > 0) this.ctx.session.updateTools(this.ctx.scenario.tools.map(toFunctionTool));
    for (const step of this.ctx.scenario.steps) {
      const running = this.runTop(step);
      if ('id' in step && step.id !== undefined) this.named.set(step.id, running);
      if ('background' in step && step.background === true) {
        // Joined by an `await` step or at the end; a failure surfaces there, not as an unhandled rejection.
        running.catch(() => undefined);
        this.background.push(running);
      } else await running;
    }
    this.currentIndex = this.placed.length;
    await Promise.all(this.background);
  }

  /** One top-level step: a `parallel` block runs its branches at once, an `await` joins background steps. */
  private async runTop(step: Step): Promise<void> {
    const index = this.numbers.get(step)!;
    this.currentIndex = index;
    if (isAwait(step)) {
      for (const id of [step.await].flat()) await this.named.get(id);
      return;
    }
    if (!isParallel(step)) return this.run(step, index);
    await Promise.all(
      branchesOf(step).map(async (branch) => {
        for (const inner of branch) {
          const at = this.numbers.get(inner)!;
          this.currentIndex = at;
          await this.run(inner, at);
        }
      }),
    );
  }

  private async run(step: PlainStep, index: number): Promise<void> {
    if ('sleep' in step) return this.ctx.clock.sleep(step.sleep);
    if ('wait' in step) {
      const w = typeof step.wait === 'string' ? { event: step.wait } : step.wait;
      return w.event === 'idle' ? this.waitIdle(w.timeoutMs) : this.waitEvent(w.event, w.count ?? 1, w.timeoutMs);
    }
    return this.call(step, index);
  }

  private async call(step: CallStep, index: number): Promise<void> {
    const s = this.ctx.session;
    switch (step.call) {
      case 'generateReply': {
        const { instructions, tools, toolChoice } = step.args ?? {};
        const options = {
          ...(tools ? { tools: tools.map(toFunctionTool) } : {}),
          ...(toolChoice === undefined ? {} : { toolChoice: toToolChoice(toolChoice) }),
        };
        const p = s.generateReply(instructions, options).then((g) => expectGeneration('generateReply', g));
        return step.await === false ? this.detach(p, step.call, index) : void (await p);
      }
      case 'say': {
        const { text, interruptible, voice } = step.args;
        const p = s
          .say(text, {
            ...(interruptible === undefined ? {} : { interruptible }),
            ...(voice === undefined ? {} : { voice }),
          })
          .then((g) => expectGeneration('say', g));
        return step.await === false ? this.detach(p, step.call, index) : void (await p);
      }
      case 'updateInstructions':
        return void (await s.updateInstructions(step.args.instructions));
      case 'updateTools':
        // rawTools are handed over as written: the client, not the harness, must refuse the bad ones.
        return void (await s.updateTools(
          step.args.rawTools !== undefined
            ? (step.args.rawTools as ToolsInput)
            : (step.args.tools ?? []).map(toFunctionTool),
        ));
      case 'updateChatCtx': {
        let ctx: ChatContext;
        try {
          ctx = buildChatCtx(step.args, s.chatCtx, this.ctx.ids);
        } catch (e) {
          // With duplicateIds the client's refusal of a repeated id is the evidence, not a failure.
          if (step.args.duplicateIds !== true) throw e;
          return this.ctx.observer.recordError('call_failed', e, { call: step.call, step: index });
        }
        if (step.args.recordContext === true)
          this.ctx.observer.record('chat_ctx_built', { step: index, items: describeItems(ctx.items) });
        this.apiProblems.push(...chatCtxApiProblems(ctx, `the context of step ${index} (updateChatCtx)`));
        const p = s.updateChatCtx(ctx);
        return step.await === false ? this.detach(p, step.call, index) : p;
      }
      case 'updateOptions':
        return void (await s.updateOptions(step.args));
      case 'interrupt':
        return void (await s.interrupt());
      case 'truncate': {
        const messageId = step.args.messageId ?? this.lastAssistantId(step.args.skipIfNoMessage === true);
        if (messageId === undefined) return;
        return void (await s.truncate({
          messageId,
          audioEndMs: step.args.audioEndMs,
          // Left out, it reaches the client left out: its own default applies.
          ...(step.args.modalities === undefined ? {} : { modalities: step.args.modalities }),
          ...(step.args.audioTranscript === undefined ? {} : { audioTranscript: step.args.audioTranscript }),
        }));
      }
      case 'pushAudio':
        return this.pushAudio(
          this.ctx.clips.get(index)!,
          step.args.frameMs ?? DEFAULT_FRAME_MS,
          step.args.realtime ?? true,
        );
      case 'pushFrame':
        return this.pushFrame(step.args, index);
      case 'pushVideo':
        return s.pushVideo({
          data: Buffer.from(step.args.data, 'base64'),
          ...(step.args.mimeType === undefined ? {} : { mimeType: step.args.mimeType }),
        });
      case 'commitAudio':
        return void (await s.commitAudio());
      case 'clearAudio':
        return void (await s.clearAudio());
      case 'close':
        return step.await === false ? this.detach(s.close(), step.call, index) : s.close();
      case 'openSession':
        return void this.sessions.push(this.ctx.openSession());
      case 'modelUpdateOptions':
        return this.ctx.model.updateOptions(step.args);
      case 'inspectModel':
        return this.ctx.observer.record('model_state', this.modelState());
      case 'closeModel':
        return this.ctx.model.close();
    }
  }

  /** Pushes a clip in frames of `frameMs`, one frame per `frameMs` of virtual time when `realtime`. */
  private async pushAudio(clip: PcmClip, frameMs: number, realtime: boolean): Promise<void> {
    for (const frame of clipFrames(clip, frameMs)) {
      this.ctx.session.pushAudio(frame);
      if (realtime) await this.ctx.clock.sleep((frame.samplesPerChannel * 1000) / clip.sampleRate);
    }
  }

  /**
   * Pushes one frame built as the scenario wrote it, unchecked. The client must refuse a bad one
   * at once; the refusal becomes a `call_failed` record, so a scenario can expect it.
   */
  private pushFrame(spec: Extract<CallStep, { call: 'pushFrame' }>['args'], index: number): void {
    const { sampleRate, numChannels } = spec;
    const perChannel = spec.samplesPerChannel ?? spec.dataLength ?? 0;
    const length = spec.dataLength ?? (Number.isInteger(perChannel * numChannels) ? perChannel * numChannels : 0);
    const data = FRAME_DATA[spec.data ?? 'int16'](length);
    const frame = { data, sampleRate, numChannels, samplesPerChannel: perChannel } as unknown as AudioFrame;
    try {
      this.ctx.session.pushAudio(frame);
    } catch (e) {
      this.ctx.observer.recordError('call_failed', e, { call: 'pushFrame', step: index });
    }
  }

  /** Each `wait` on an event consumes occurrences, so two waits need two occurrences. */
  private async waitEvent(name: string, count: number, timeoutMs?: number): Promise<void> {
    const target = (this.consumed.get(name) ?? 0) + count;
    this.consumed.set(name, target);
    await this.withTimeout(
      this.ctx.observer.waitForCount(name, target),
      timeoutMs,
      `wait for ${count} more "${name}" event(s) (seen ${this.ctx.observer.count(name)} of ${target})`,
    );
  }

  /** Idle: no generation running, no background call pending, and no server frame for a while. */
  private async waitIdle(timeoutMs?: number): Promise<void> {
    const { clock, observer } = this.ctx;
    const idle = (async () => {
      for (;;) {
        const quietFor = clock.now() - observer.lastServerFrameAt;
        if (observer.activeGenerations === 0 && this.pendingCalls === 0 && quietFor >= IDLE_QUIET_MS) return;
        await clock.sleep(quietFor >= IDLE_QUIET_MS ? IDLE_POLL_MS : IDLE_QUIET_MS - quietFor);
      }
    })();
    await this.withTimeout(idle, timeoutMs, 'wait for idle');
  }

  private async withTimeout(p: Promise<void>, timeoutMs: number | undefined, what: string): Promise<void> {
    if (timeoutMs === undefined) return p;
    const { clock } = this.ctx;
    const abort = new AbortController();
    const timer = clock.sleep(timeoutMs, abort.signal).then(() => {
      throw new RtSimError('RTSIM_HARNESS_WAIT_TIMEOUT', `${what} timed out after ${timeoutMs} ms`);
    });
    timer.catch(() => undefined);
    try {
      await Promise.race([p, timer]);
    } finally {
      abort.abort();
    }
  }

  /**
   * Lets a call run on while the steps go on. How it ends is evidence: a rejection becomes a
   * `call_failed` event (`{ call, step, code, message }`) that scenarios can expect.
   */
  private detach(p: Promise<unknown>, call: string, step?: number): void {
    this.pendingCalls++;
    const entry = { what: step === undefined ? call : `${call} (step ${step})` };
    this.unsettled.add(entry);
    const guarded = p.then(
      () => {
        this.pendingCalls--;
        this.unsettled.delete(entry);
      },
      (e: unknown) => {
        this.pendingCalls--;
        this.unsettled.delete(entry);
        this.ctx.observer.recordError('call_failed', e, { call, ...(step === undefined ? {} : { step }) });
      },
    );
    this.background.push(guarded);
  }

  /**
   * What the model shows of itself (R1.4, R1.5, R1.6): its fixed properties, capabilities,
   * and its live sessions as the numbers the run gave them (1 is the scenario's session;
   * 0 one the run never opened).
   */
  private modelState(): Record<string, unknown> {
    const m = this.ctx.model;
    return {
      label: m.label,
      model: m.model,
      provider: m.provider,
      modalities: [...m.modalities],
      capabilities: { ...m.capabilities },
      sessions: m.sessions.map((x) => this.sessions.indexOf(x) + 1),
    };
  }

  /** Where the contexts the steps built disagree with their own API (§5.15/chat-ctx-json). */
  readonly apiProblems: string[] = [];

  /** The calls left running in the background (`await: false`, tool replies) whose promise has not settled. */
  unsettledCalls(): string[] {
    return [...this.unsettled].map((e) => e.what);
  }

  /** The last assistant message's id; with `orNone`, undefined when there is none (`skipIfNoMessage`). */
  private lastAssistantId(orNone: boolean): string | undefined {
    const items = this.ctx.session.chatCtx.items;
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i]!;
      if (item.type === 'message' && item.role === 'assistant') return item.id;
    }
    if (orNone) return undefined;
    throw new RtSimError(
      'RTSIM_HARNESS_NO_ASSISTANT_ITEM',
      'truncate: there is no assistant message in the chat context yet',
      {},
      undefined,
    );
  }

  /** Answers calls to tools with a canned result, as an agent would (reference §4.4 steps 7–8). */
  private answerToolCalls(g: GenerationSummary): void {
    const calls = g.functionCalls.filter((c) => this.toolResults.has(c.name));
    if (calls.length === 0) return;
    const s = this.ctx.session;
    const ctx = s.chatCtx.copy();
    for (const c of calls) {
      ctx.insert(
        new FunctionCallOutput({
          id: this.ctx.ids.next('item_'),
          callId: c.callId,
          name: c.name,
          output: this.toolResults.get(c.name)!,
          isError: false,
        }),
      );
    }
    const reply = (async () => {
      await s.updateChatCtx(ctx);
      await s.generateReply();
    })();
    this.detach(reply, 'toolReply');
  }
}

/** A scenario's `toolChoice`: a mode, or the name of the one tool to call. */
function toToolChoice(choice: string): ToolChoiceOption {
  return choice === 'auto' || choice === 'none' || choice === 'required' ? choice : { type: 'function', name: choice };
}

function toFunctionTool(spec: ToolSpec): FunctionTool {
  return {
    name: spec.name,
    description: spec.description ?? '',
    parameters: spec.parameters ?? { type: 'object', properties: {}, required: [] },
  };
}
