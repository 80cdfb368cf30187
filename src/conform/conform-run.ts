/**
 * One scenario of `rt-sim conform`: its server served on loopback (real clock), the adapter
 * started and told to connect, the steps played through it, then closed; judged by the served
 * verdict, the adapter's events and its manners (protocol errors, exit code). Bounded by a timeout.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Clock, RealClock } from '../clock/index.js';
import { type Scenario, serveScenario } from '../harness/index.js';
import { AdapterProcess } from './adapter-process.js';
import type { AdapterEvent } from './adapter-protocol.js';
import { judgeExpectations, wireExpectations } from './conform-checks.js';
import { judgeRules, type RuleOutcome } from './conform-rules.js';
import { ConformSteps, StepNotApplicable } from './conform-steps.js';

/** How long an adapter may take to exit after `close`, in ms, before it is killed. */
export const EXIT_GRACE_MS = 5000;
/** The default bound on one scenario, in real ms. */
export const DEFAULT_CONFORM_TIMEOUT_MS = 30_000;
/** The key the adapter is given: the served scenario accepts any. */
export const CONFORM_API_KEY = 'rt-sim-conform-key';

/** How to run a scenario through an adapter. */
export interface ConformOptions {
  /** The adapter's shell command. */
  adapter: string;
  /** The folder the adapter runs in. */
  cwd: string;
  /** The bound on the whole scenario, in real ms. */
  timeoutMs: number;
  clock?: Clock;
}

/** One scenario's conformance. */
export interface ConformResult {
  scenario: string;
  file: string;
  /** The rules it covers (its `rules:`). */
  rules: string[];
  /** Each rule judged by the expectations that check it (conform-rules.ts). */
  ruleOutcomes: RuleOutcome[];
  /** `not_applicable` when nothing in it could be judged for a foreign client. */
  status: 'passed' | 'failed' | 'not_applicable';
  durationMs: number;
  failures: string[];
  /** Expectations no adapter can show, with why. */
  notApplicable: string[];
  /** Expectations judged. */
  checked: number;
  /** The end of the adapter's stderr; kept when the scenario failed. */
  adapterLog: string;
}

/** Runs `scenario` through the adapter and judges it. */
export async function conformScenario(scenario: Scenario, options: ConformOptions): Promise<ConformResult> {
  const clock = options.clock ?? new RealClock();
  const started = clock.now();
  const wire = wireExpectations(scenario.expect);
  const served = await serveScenario(
    { ...scenario, expect: wire },
    { host: '127.0.0.1', port: 0, anyKey: true, control: false },
  );
  const tmpDir = await mkdtemp(path.join(tmpdir(), 'rt-sim-conform-'));
  /** The events the adapter reports, when it listed them in its reply to `connect`. */
  let reported: Set<string> | undefined;
  const adapter = new AdapterProcess(options.adapter, clock, options.cwd);
  const steps = new ConformSteps({
    adapter,
    clock,
    scenario,
    tmpDir,
    serverFrames: () => served.verdict().frames.server,
    reports: (name) => reported?.has(name) ?? true,
  });
  const failures: string[] = [];
  /** Set at the timeout: what the abandoned steps throw afterwards is its consequence, not news. */
  let over = false;
  /** Why the steps could not be played through this adapter, when they could not. */
  let unplayable: string | undefined;
  const body = async (): Promise<void> => {
    const connected = await adapter.send('connect', {
      url: served.url,
      apiKey: CONFORM_API_KEY,
      options: scenario.client,
    });
    if (connected.events !== undefined) reported = new Set(connected.events);
    if (scenario.tools.length > 0) await adapter.send('update_tools', { tools: scenario.tools });
    await steps.runAll();
    steps.current = 'the final close';
    await adapter.send('close', {});
    adapter.endInput();
    const code = await adapter.waitOrKill(EXIT_GRACE_MS);
    if (code !== 0 && !over)
      failures.push(`adapter: exited with ${code} after close (expected 0 within ${EXIT_GRACE_MS} ms)`);
  };
  const abort = new AbortController();
  const timeout = clock.sleep(options.timeoutMs, abort.signal).then(
    () => 'timeout' as const,
    () => 'done' as const,
  );
  const outcome = await Promise.race([
    body().then(
      () => 'done' as const,
      (e: unknown) => {
        if (e instanceof StepNotApplicable) unplayable = e.message;
        else if (!over) failures.push(e instanceof Error ? e.message : String(e));
        return 'done' as const;
      },
    ),
    timeout,
  ]);
  abort.abort();
  over = true;
  if (outcome === 'timeout') failures.push(`timed out after ${options.timeoutMs} ms, at ${steps.current}`);
  adapter.kill();
  await adapter.exited;
  const verdict = await served.close();
  await rm(tmpDir, { recursive: true, force: true });
  failures.push(...adapter.problems().map((p) => `adapter protocol: ${p}`));
  // The verdict numbers the expectations it was given; the report names them as the file does.
  const asWritten = (f: string): string =>
    f.replace(/^expect\[(\d+)\]/, (m, i: string) => {
      const at = scenario.expect.indexOf(wire[Number(i)]!);
      return at < 0 ? m : `expect[${at}]`;
    });
  // Failures so far name no expectation: the adapter's manners, a step, the timeout.
  const other = [...failures];
  const judged = judgeExpectations(
    scenario.expect,
    (name) => adapter.count(name),
    (name) => reported?.has(name) ?? true,
    lastChatCtx(adapter.events),
    (name) => adapter.events.filter((e) => e.event === name).map((e) => e.data),
  );
  for (const f of verdict.failures.map(asWritten)) {
    failures.push(`wire: ${f}`);
    const at = /^expect\[(\d+)\]/.exec(f);
    if (at) judged.statuses[Number(at[1])] = 'failed';
    else other.push(`wire: ${f}`);
  }
  failures.push(...judged.failures.map((f) => `events: ${f}`));
  if (unplayable !== undefined)
    // What the run showed after a step it could not play judges nothing; the adapter's manners still do.
    return {
      ...result(
        scenario,
        clock.now() - started,
        adapter.problems().map((p) => `adapter protocol: ${p}`),
      ),
      notApplicable: [unplayable],
      ruleOutcomes: judgeRules(scenario, { statuses: [], unplayable }),
      ...(adapter.problems().length > 0 ? { status: 'failed' as const, adapterLog: adapter.stderr } : {}),
    };
  const status = failures.length > 0 ? 'failed' : judged.checked === 0 ? 'not_applicable' : 'passed';
  return {
    scenario: scenario.name,
    file: scenario.file,
    rules: scenario.rules ?? [],
    ruleOutcomes: judgeRules(scenario, {
      statuses: judged.statuses,
      ...(other[0] !== undefined ? { otherFailure: other[0] } : {}),
    }),
    status,
    durationMs: Math.round(clock.now() - started),
    failures,
    notApplicable: judged.notApplicable,
    checked: judged.checked,
    adapterLog: status === 'failed' ? adapter.stderr : '',
  };
}

/** A scenario's result with nothing judged: not applicable unless `failures` says otherwise. */
function result(scenario: Scenario, ms: number, failures: string[]): ConformResult {
  return {
    scenario: scenario.name,
    file: scenario.file,
    rules: scenario.rules ?? [],
    ruleOutcomes: [],
    status: 'not_applicable',
    durationMs: Math.round(ms),
    failures,
    notApplicable: [],
    checked: 0,
    adapterLog: '',
  };
}

/** The items of the last `chat_ctx` event, when the adapter sent one with a list of items. */
function lastChatCtx(events: readonly AdapterEvent[]): unknown[] | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.event === 'chat_ctx' && Array.isArray(e.data['items'])) return e.data['items'];
  }
  return undefined;
}
