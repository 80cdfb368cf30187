/**
 * Plays a marked scenario's steps through an adapter (docs/conform.md): each call as its
 * command, sleeps on the real clock, waits on the adapter's events, `parallel` branches at
 * once and `background` steps joined by `await`, as rt-sim's own step runner does.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { encodeWav } from '../audio/index.js';
import type { Clock } from '../clock/index.js';
import {
  ADAPTER_EVENT_OF,
  branchesOf,
  IDLE_QUIET_MS,
  isAwait,
  isParallel,
  loadAudioSource,
  type Scenario,
  type Step,
} from '../harness/index.js';
import { type AdapterProcess, UnsupportedCommand } from './adapter-process.js';

/** A step the adapter cannot play (it waits on an event the adapter said it does not report): the scenario is n/a. */
export class StepNotApplicable extends Error {}

/** A plain step: a call, a wait or a sleep (what a `parallel` branch holds). */
type PlainStep = Exclude<Step, { await: string | string[] } | { parallel: unknown }>;
/** A call step. */
type CallStep = Extract<PlainStep, { call: string }>;

const IDLE_POLL_MS = 50;

/** What the steps drive and watch. */
export interface ConformStepContext {
  adapter: AdapterProcess;
  clock: Clock;
  scenario: Scenario;
  /** Frames the server has sent so far (for `wait: idle`). */
  serverFrames: () => number;
  /** A folder of this run's own, for the WAV files of `push_audio`. */
  tmpDir: string;
  /** Whether the adapter reports `event` (false when its reply to `connect` listed others only). */
  reports: (event: string) => boolean;
}

/** Runs the steps in order; a failing command or wait throws, naming the step. */
export class ConformSteps {
  /** The step running now, described (`step 3 (call generateReply)`), for a timeout's message. */
  current = 'before the first step';
  private readonly consumed = new Map<string, number>();
  private readonly named = new Map<string, Promise<void>>();
  private wavs = 0;

  constructor(private readonly ctx: ConformStepContext) {}

  /** Every step; background steps are joined at the end. */
  async runAll(): Promise<void> {
    const background: Promise<void>[] = [];
    for (const [i, step] of this.ctx.scenario.steps.entries()) {
      const running = this.runTop(step, i);
      if ('id' in step && step.id !== undefined) this.named.set(step.id, running);
      if ('background' in step && step.background === true) {
        running.catch(() => undefined);
        background.push(running);
      } else await running;
    }
    await Promise.all(background);
  }

  private async runTop(step: Step, i: number): Promise<void> {
    if (isAwait(step)) {
      for (const id of [step.await].flat()) await this.named.get(id);
      return;
    }
    if (!isParallel(step)) return this.run(step as PlainStep, `step ${i + 1}`);
    await Promise.all(
      branchesOf(step).map(async (branch, b) => {
        for (const [k, inner] of branch.entries()) await this.run(inner, `step ${i + 1} (branch ${b + 1}.${k + 1})`);
      }),
    );
  }

  private async run(step: PlainStep, where: string): Promise<void> {
    const what =
      'sleep' in step
        ? `sleep ${step.sleep}`
        : 'wait' in step
          ? `wait ${typeof step.wait === 'string' ? step.wait : step.wait.event}`
          : `call ${step.call}`;
    this.current = `${where} (${what})`;
    try {
      if ('sleep' in step) return await this.ctx.clock.sleep(step.sleep);
      if ('wait' in step) {
        const w = typeof step.wait === 'string' ? { event: step.wait } : step.wait;
        return w.event === 'idle' ? await this.waitIdle() : await this.waitEvent(w.event, w.count ?? 1);
      }
      await this.call(step);
    } catch (e) {
      const message = `${where} (${what}): ${e instanceof Error ? e.message : String(e)}`;
      const unplayable = e instanceof StepNotApplicable || e instanceof UnsupportedCommand;
      throw unplayable ? new StepNotApplicable(message) : new Error(message);
    }
  }

  private async call(step: CallStep): Promise<unknown> {
    const { adapter } = this.ctx;
    switch (step.call) {
      case 'generateReply': {
        const instructions = step.args?.instructions;
        return adapter.send('generate_reply', instructions === undefined ? {} : { instructions });
      }
      case 'updateInstructions':
        return adapter.send('update_instructions', { instructions: step.args.instructions });
      case 'updateTools':
        return adapter.send('update_tools', { tools: step.args.tools ?? [] });
      case 'updateChatCtx':
        return adapter.send('update_chat_ctx', {
          items: step.args.items ?? step.args.add ?? [],
          append: step.args.items === undefined,
        });
      case 'interrupt':
        return adapter.send('interrupt', {});
      case 'truncate':
        return adapter.send('truncate', {
          audioEndMs: step.args.audioEndMs,
          ...(step.args.messageId === undefined ? {} : { messageId: step.args.messageId }),
        });
      case 'pushAudio':
        return this.pushAudio(step.args);
      case 'commitAudio':
        return adapter.send('commit', {});
      case 'clearAudio':
        return adapter.send('clear_audio', {});
      case 'updateOptions':
        return adapter.send('update_options', { options: step.args });
      case 'say': {
        const { text, interruptible, voice } = step.args;
        return adapter.send('say', {
          text,
          ...(interruptible === undefined ? {} : { interruptible }),
          ...(voice === undefined ? {} : { voice }),
        });
      }
      case 'close':
        return adapter.send('close', {});
      default:
        // The loader refuses a marked scenario with any other call (conform-map.ts).
        throw new Error(`call ${step.call} has no adapter command`);
    }
  }

  private async pushAudio(args: Extract<CallStep, { call: 'pushAudio' }>['args']): Promise<void> {
    const clip = await loadAudioSource(args, this.ctx.scenario.baseDir);
    const file = path.join(this.ctx.tmpDir, `push-${++this.wavs}.wav`);
    await writeFile(file, encodeWav(clip.data, clip.sampleRate, clip.numChannels));
    await this.ctx.adapter.send('push_audio', {
      file,
      rate: clip.sampleRate,
      channels: clip.numChannels,
      frameMs: args.frameMs ?? 20,
      realtime: args.realtime ?? true,
    });
  }

  /** Each wait consumes occurrences of its event, so two waits need two. */
  private async waitEvent(name: string, count: number): Promise<void> {
    const event = ADAPTER_EVENT_OF[name] ?? name;
    if (!this.ctx.reports(event))
      throw new StepNotApplicable(`the adapter said at connect that it reports no "${event}" events`);
    const target = (this.consumed.get(event) ?? 0) + count;
    this.consumed.set(event, target);
    const { adapter } = this.ctx;
    if (adapter.count(event) >= target) return;
    await new Promise<void>((resolve, reject) => {
      const stop = adapter.onEvent(() => {
        if (adapter.count(event) < target) return;
        stop();
        resolve();
      });
      adapter.exited.then(() => {
        stop();
        reject(new Error(`the adapter exited before ${target} "${event}" event(s) (got ${adapter.count(event)})`));
      });
    });
  }

  /** Idle: no response in flight by the adapter's events, and no server frame for {@link IDLE_QUIET_MS} real ms. */
  private async waitIdle(): Promise<void> {
    const { clock, adapter, serverFrames } = this.ctx;
    let frames = serverFrames();
    let quietSince = clock.now();
    for (;;) {
      if (adapter.hasExited) throw new Error('the adapter exited while waiting for idle');
      const now = serverFrames();
      if (now !== frames) {
        frames = now;
        quietSince = clock.now();
      }
      const inFlight = adapter.count('response_started') > adapter.count('done');
      if (!inFlight && clock.now() - quietSince >= IDLE_QUIET_MS) return;
      await clock.sleep(IDLE_POLL_MS);
    }
  }
}
