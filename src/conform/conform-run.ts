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
import { judgeExpectations, wireExpectations } from './conform-checks.js';
import { ConformSteps } from './conform-steps.js';

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
  const served = await serveScenario(
    { ...scenario, expect: wireExpectations(scenario.expect) },
    { host: '127.0.0.1', port: 0, anyKey: true, control: false },
  );
  const tmpDir = await mkdtemp(path.join(tmpdir(), 'rt-sim-conform-'));
  const adapter = new AdapterProcess(options.adapter, clock, options.cwd);
  const steps = new ConformSteps({
    adapter,
    clock,
    scenario,
    tmpDir,
    serverFrames: () => served.verdict().frames.server,
  });
  const failures: string[] = [];
  /** Set at the timeout: what the abandoned steps throw afterwards is its consequence, not news. */
  let over = false;
  const body = async (): Promise<void> => {
    await adapter.send('connect', { url: served.url, apiKey: CONFORM_API_KEY, options: scenario.client });
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
        if (!over) failures.push(e instanceof Error ? e.message : String(e));
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
  failures.push(...verdict.failures.map((f) => `wire: ${f}`));
  const judged = judgeExpectations(scenario.expect, (name) => adapter.count(name));
  failures.push(...judged.failures.map((f) => `events: ${f}`));
  const status = failures.length > 0 ? 'failed' : judged.checked === 0 ? 'not_applicable' : 'passed';
  return {
    scenario: scenario.name,
    file: scenario.file,
    rules: scenario.rules ?? [],
    status,
    durationMs: Math.round(clock.now() - started),
    failures,
    notApplicable: judged.notApplicable,
    checked: judged.checked,
    adapterLog: status === 'failed' ? adapter.stderr : '',
  };
}
