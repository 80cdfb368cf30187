import path from 'node:path';
import { blockValidators, validateScenario } from '../harness/index.js';
import type { Scenario } from '../harness/index.js';
import { RtSimError } from '../protocol/index.js';
import type { EndSetup, FaultSpec, FaultTrigger, FuzzCase, ReplySetup, StepSpec } from './fuzz-case.js';

/** Virtual-time bound of every generated run: far above what a case needs (a few seconds). */
export const FUZZ_TIMEOUT_MS = 60_000;
/** Connect timeout of the generated client. */
const CONNECT_TIMEOUT_MS = 2000;
/** Half-open detection time used when a case black-holes a connection but chose none. */
const FORCED_IDLE_TIMEOUT_MS = 1500;

/** A scenario document: the mapping the YAML loader produces from a scenario file. */
export type ScenarioDocument = Record<string, unknown>;

/**
 * How long the run goes on after its last `wait: idle`, so a drop near the end is followed
 * by the reconnect (R2.3: 100 ms, then `retryIntervalMs` per refused attempt) before the
 * harness closes the session.
 */
export function settleMs(c: FuzzCase): number {
  return 100 + c.client.maxRetry * c.client.retryIntervalMs + 1000;
}

/** The `idleTimeoutMs` the case's client gets: forced on when a fault black-holes a connection. */
export function effectiveIdleTimeoutMs(c: FuzzCase): number | null {
  const blackHole = c.faults.some((f) => f.kind === 'timeout');
  return c.client.idleTimeoutMs ?? (blackHole ? FORCED_IDLE_TIMEOUT_MS : null);
}

/**
 * The faults the scenario really gets: handshake refusals are cut to the retry budget (a
 * drop and then `count` refusals are `count + 1` failures in a row, R2.3/R2.4, so `count`
 * stays at most `maxRetry - 1`) and only the first refusal rule is kept (two would add up).
 * An `exhaustRetries` fault is the one place the budget is spent on purpose: it takes the
 * handshake rules, and other refusals are left out.
 */
export function effectiveFaults(c: FuzzCase): FaultSpec[] {
  const out: FaultSpec[] = [];
  let refusal = false;
  const exhaust = c.faults.find((f) => f.kind === 'exhaustRetries');
  for (const f of c.faults) {
    if (f.kind === 'exhaustRetries') {
      if (f === exhaust) out.push(f);
    } else if (f.kind === 'refuseHandshake') {
      const count = Math.min(f.count, c.client.maxRetry - 1);
      if (exhaust || refusal || count < 1) continue;
      refusal = true;
      out.push({ ...f, count });
    } else {
      out.push(f);
    }
  }
  return out;
}

/** The transcript of a list of words. */
export function sentence(words: readonly string[]): string {
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** The tool generated calls go to; the harness answers each call with its `result`, as an agent would. */
export const FUZZ_TOOL = {
  name: 'lookup',
  description: 'Looks a topic up.',
  parameters: { type: 'object', properties: { topic: { type: 'string' } }, required: ['topic'] },
  result: '{"found":true}',
} as const;

/**
 * The replies the scenario really gets: when every reply of the cycle calls the tool, the
 * last one's call is left out. The harness answers each finished call with a new
 * response, which takes the next reply; a cycle of calls only would never end.
 */
export function effectiveReplies(c: FuzzCase): ReplySetup[] {
  const replies = c.server.replies;
  if (!replies.every((r) => r.call !== null)) return replies;
  return replies.map((r, i) => (i === replies.length - 1 ? { ...r, call: null } : r));
}

function end(e: EndSetup): [string, Record<string, unknown>] {
  const cut = e.cut === null ? {} : { [e.cut.at]: e.cut.n };
  switch (e.kind) {
    case 'fail':
      return ['fail', { code: e.code, ...cut }];
    case 'cancel':
      return ['cancel', { reason: e.reason, ...cut }];
    case 'incomplete':
      return ['incomplete', { reason: e.reason, ...cut }];
  }
}

function reply(r: ReplySetup): Record<string, unknown> {
  // A reply with a call and no transcript has no message item (docs/scenario-server.md "Replies").
  const spoken = r.call === null || r.call.withMessage;
  const out: Record<string, unknown> = spoken
    ? { transcript: sentence(r.words), audio: r.toneMs === null ? null : { tone: { hz: 440, ms: r.toneMs } } }
    : {};
  Object.assign(out, {
    ttftMs: r.ttftMs,
    chunkMs: r.chunkMs,
    transcriptDeltaWords: r.transcriptDeltaWords,
    startTime: r.startTime,
  });
  if (r.call !== null) {
    const calls = [r.call.topic, ...r.call.more].map((topic) => ({ name: FUZZ_TOOL.name, arguments: { topic } }));
    out['functionCall'] = calls.length === 1 ? calls[0] : calls;
    if (r.call.argumentsDeltaChars !== null) out['argumentsDeltaChars'] = r.call.argumentsDeltaChars;
  }
  if (r.end !== null) {
    const [key, value] = end(r.end);
    out[key] = value;
  }
  if (r.pacing !== 'realtime') out['pacing'] = r.pacing === 'burst' ? 'burst' : { factor: r.pacing };
  return out;
}

function trigger(at: FaultTrigger): Record<string, unknown> {
  return 'afterMs' in at ? { afterMs: at.afterMs, connection: at.connection } : { event: at.event, count: at.nth };
}

/** The script rules of a fault (docs/scenario-server.md "Script"): one, or two for `exhaustRetries`. */
function rules(c: FuzzCase, f: FaultSpec, index: number): Record<string, unknown>[] {
  const name = `fault-${index + 1}-${f.kind}`;
  if (f.kind === 'exhaustRetries') {
    const drop = { name: `${name}-drop`, when: { afterMs: f.afterMs, connection: 1 }, do: [{ resetPeer: {} }] };
    const count = refusalsOf(c, f);
    // With maxRetry 1 the drop alone leaves the last retry: nothing to refuse.
    return count === 0
      ? [drop]
      : [
          drop,
          {
            name: `${name}-refuse`,
            when: { handshake: true, count: 2 },
            do: [{ refuseHandshake: { status: f.status, count } }],
          },
        ];
  }
  return [rule(f, name)];
}

/** Handshakes an `exhaustRetries` fault refuses after its drop. */
function refusalsOf(c: FuzzCase, f: FaultSpec & { kind: 'exhaustRetries' }): number {
  return c.client.maxRetry - 1 + f.over;
}

/** The one script rule of a fault other than `exhaustRetries`. */
function rule(f: Exclude<FaultSpec, { kind: 'exhaustRetries' }>, name: string): Record<string, unknown> {
  switch (f.kind) {
    case 'drop':
      return { name, when: { event: f.event, count: f.nth }, do: [{ drop: { count: f.count } }] };
    case 'duplicate':
      return { name, when: { event: f.event, count: f.nth }, do: [{ duplicate: { count: f.count, times: f.times } }] };
    case 'delayEvent':
      return { name, when: { event: f.event, count: f.nth }, do: [{ delayEvent: { count: f.count, ms: f.ms } }] };
    case 'reorder':
      return { name, when: { event: f.event, count: f.nth }, do: [{ reorder: { count: f.count, by: f.by } }] };
    case 'resetPeer':
      return { name, when: trigger(f.at), do: [{ resetPeer: {} }] };
    case 'close':
      return { name, when: trigger(f.at), do: [{ close: { code: f.code, reason: 'fuzz close' } }] };
    case 'failNextResponse':
      return { name, when: { event: 'response.create', count: f.nth }, do: [{ failNextResponse: { code: f.code } }] };
    case 'refuseHandshake':
      return {
        name,
        when: { handshake: true, count: f.handshake },
        do: [{ refuseHandshake: { status: f.status, count: f.count } }],
      };
    case 'timeout':
      return { name, when: { afterMs: f.afterMs, connection: f.connection }, do: [{ timeout: { ms: f.ms } }] };
  }
}

/** The id of the user item a case's `addUserText` step `index` creates: unique, and shaped like an id. */
export function userItemId(index: number): string {
  return `item_fuzzuser${String(index).padStart(4, '0')}`;
}

function steps(c: FuzzCase, step: StepSpec, index: number): Record<string, unknown>[] {
  switch (step.kind) {
    case 'generateReply':
      return [
        step.instructions === null
          ? { call: 'generateReply', await: false }
          : { call: 'generateReply', args: { instructions: step.instructions }, await: false },
      ];
    case 'addUserText':
      // The step number keeps texts apart once shrinking has made every sentence "Hello.".
      return [
        {
          call: 'updateChatCtx',
          args: {
            add: [
              {
                role: 'user',
                text: `${sentence(step.words)} (step ${index + 1})`,
                id: userItemId(index),
                // An audio part goes out as input_audio; a reconnect burst re-creates the message as text (§5.3).
                ...(step.withAudio ? { audio: { hz: 300, ms: 40 } } : {}),
              },
            ],
          },
          await: false,
        },
      ];
    case 'editChat': {
      const args =
        step.edit === 'clear'
          ? { items: [] }
          : { copy: step.edit === 'dropCalls' ? { excludeFunctionCall: true } : { excludeInstructions: true } };
      return [{ call: 'updateChatCtx', args, await: false }];
    }
    case 'interrupt':
      return step.afterMs > 0 ? [{ sleep: step.afterMs }, { call: 'interrupt' }] : [{ call: 'interrupt' }];
    case 'truncate':
      // The step asks for a reply first and waits for it to end, so there is usually an
      // assistant message to truncate; when faults kept every reply out, the truncate does
      // nothing (skipIfNoMessage) and the run goes on, under `rt-sim run` as under the fuzzer.
      return [
        { call: 'generateReply', await: false },
        { wait: 'idle' },
        step.textPath
          ? {
              call: 'truncate',
              args: {
                audioEndMs: step.audioEndMs,
                modalities: ['text'],
                audioTranscript: 'Cut short.',
                skipIfNoMessage: true,
              },
            }
          : { call: 'truncate', args: { audioEndMs: step.audioEndMs, skipIfNoMessage: true } },
      ];
    case 'bargeIn': {
      const user = steps(c, { ...step, kind: 'speak' }, index);
      return [
        {
          parallel: [
            [{ call: 'generateReply', await: false }, { wait: 'idle' }],
            step.afterMs > 0 ? [{ sleep: step.afterMs }, ...user] : user,
          ],
        },
      ];
    }
    case 'speak': {
      const shape = { sampleRate: step.sampleRate, frameMs: step.frameMs };
      const tone = { call: 'pushAudio', args: { tone: { hz: step.hz, ms: step.toneMs }, ...shape } };
      return c.client.manualTurns
        ? [tone, { call: 'commitAudio' }]
        : [tone, { call: 'pushAudio', args: { silenceMs: step.silenceMs, ...shape } }];
    }
    case 'commitAt': {
      const parts = step.splitMs > 0 ? [step.splitMs, step.ms - step.splitMs] : [step.ms];
      const pushes = parts.map((ms) => ({ call: 'pushAudio', args: { tone: { hz: 440, ms }, sampleRate: 24000 } }));
      // Under server VAD a manual commit is not how turns end: the tone is followed by silence instead.
      return c.client.manualTurns
        ? [...pushes, { call: 'commitAudio' }]
        : [...pushes, { call: 'pushAudio', args: { silenceMs: 600, sampleRate: 24000 } }];
    }
    case 'sleep':
      return [{ sleep: step.ms }];
    case 'waitIdle':
      return [{ wait: 'idle' }];
  }
}

/** A few words per reply, for the description: whether it calls the tool, how it ends, its pacing. */
export function describeReply(r: ReplySetup): string {
  const calls = r.call === null ? '' : r.call.more.length === 0 ? 'a call' : `${r.call.more.length + 1} calls`;
  const parts = [r.call === null ? 'spoken' : r.call.withMessage ? `spoken, then ${calls}` : calls];
  if (r.end !== null) parts.push(`${r.end.kind}${r.end.cut === null ? '' : ` ${r.end.cut.at} ${r.end.cut.n}`}`);
  if (r.pacing !== 'realtime') parts.push(r.pacing === 'burst' ? 'burst' : `${r.pacing}x`);
  return parts.join(', ');
}

/** One line per fault, for the description and the report. */
export function describeFault(f: FaultSpec): string {
  if (f.kind === 'exhaustRetries') {
    return (
      `drop connection 1 after ${f.afterMs} ms, then refuse ` +
      `maxRetry${f.over === 0 ? ' - 1' : f.over === 1 ? '' : ' + 1'} handshake(s) with ` +
      `${f.status}${f.over === 0 ? ' (the last retry left)' : ' (past the retry budget)'}`
    );
  }
  const at = (t: FaultTrigger): string =>
    'afterMs' in t ? `${t.afterMs} ms into connection ${t.connection}` : `on ${t.event} #${t.nth}`;
  switch (f.kind) {
    case 'drop':
      return `drop ${f.count} ${f.event} from #${f.nth}`;
    case 'duplicate':
      return `duplicate ${f.count} ${f.event} from #${f.nth} (${f.times} extra)`;
    case 'delayEvent':
      return `delay ${f.count} ${f.event} from #${f.nth} by ${f.ms} ms`;
    case 'reorder':
      return `reorder ${f.event} #${f.nth} by ${f.by}`;
    case 'resetPeer':
      return `reset the peer ${at(f.at)}`;
    case 'close':
      return `close ${f.code} ${at(f.at)}`;
    case 'failNextResponse':
      return `fail the response after response.create #${f.nth} (${f.code})`;
    case 'refuseHandshake':
      return `refuse ${f.count} handshake(s) with ${f.status} from attempt ${f.handshake}`;
    case 'timeout': {
      const dropped = f.ms > 0 ? `, dropped ${f.ms} ms later` : '';
      return `black-hole connection ${f.connection} after ${f.afterMs} ms${dropped}`;
    }
  }
}

/**
 * The scenario document of a case, as a scenario file would hold it (`golden: false`: a
 * fuzz run has no golden file). Constraints between the parts are resolved here (see
 * {@link effectiveFaults}, {@link effectiveIdleTimeoutMs}), so every case, shrunk or not,
 * gives a valid scenario.
 */
export function toScenarioDocument(c: FuzzCase, name: string): ScenarioDocument {
  const idleTimeoutMs = effectiveIdleTimeoutMs(c);
  const faults = effectiveFaults(c);
  const client: Record<string, unknown> = {
    voice: 'ara',
    connOptions: {
      maxRetry: c.client.maxRetry,
      retryIntervalMs: c.client.retryIntervalMs,
      timeoutMs: CONNECT_TIMEOUT_MS,
    },
  };
  if (c.client.manualTurns) client['turnDetection'] = null;
  if (c.client.textOnly) client['modalities'] = ['text'];
  if (idleTimeoutMs !== null) client['idleTimeoutMs'] = idleTimeoutMs;
  if (c.client.maxSessionDurationMs !== null) client['maxSessionDuration'] = c.client.maxSessionDurationMs;
  if (c.client.outputAudioRate !== 24000) client['outputAudioRate'] = c.client.outputAudioRate;
  const replies = effectiveReplies(c);
  const server: Record<string, unknown> = {
    profile: c.server.profile,
    replies: replies.map(reply),
    xaiQuirks: { ...c.server.quirks },
    userTranscript: sentence(c.server.userWords),
  };
  if (c.server.latency) server['latency'] = { ...c.server.latency };
  if (c.server.transcriptionDelayMs > 0) server['transcriptionDelayMs'] = c.server.transcriptionDelayMs;
  if (c.server.sessionCreated) server['sessionCreated'] = true;
  if (c.server.refuseTruncate) server['refuseTruncate'] = true;
  if (c.server.lifetimeMs !== null) server['lifetimeMs'] = c.server.lifetimeMs;
  // Keep-alives well inside the idle timeout, so only a black hole looks half-open.
  if (idleTimeoutMs !== null) server['ping'] = { everyMs: Math.floor(idleTimeoutMs / 3) };
  const description = [
    `Generated by rt-sim fuzz. ${c.client.manualTurns ? 'Manual turns' : 'Server VAD'}, ` +
      `${c.client.textOnly ? 'text' : 'audio'} output` +
      `${c.client.outputAudioRate === 24000 ? '' : ` at ${c.client.outputAudioRate} Hz`},`,
    `maxRetry ${c.client.maxRetry}${c.server.coalesceFrames ? ', frames of one instant in one tick' : ''}.`,
    `Replies: ${replies.map(describeReply).join('; ')}.`,
    `Faults: ${faults.length === 0 ? 'none' : faults.map(describeFault).join('; ')}.`,
  ].join(' ');
  return {
    name,
    description,
    seed: c.seed,
    timeoutMs: FUZZ_TIMEOUT_MS,
    golden: false,
    ...(c.server.coalesceFrames ? { coalesceFrames: true } : {}),
    client,
    server,
    ...(replies.some((r) => r.call !== null) ? { tools: [structuredClone(FUZZ_TOOL)] } : {}),
    script: faults.flatMap((f, i) => rules(c, f, i)),
    steps: [...c.steps.flatMap((s, i) => steps(c, s, i)), { wait: 'idle' }, { sleep: settleMs(c) }],
    // Faults and races make the server answer with errors by design (a refused truncate, a
    // cancel that found no response): declared, so the file replays under `rt-sim run`,
    // where an undeclared server error fails a run. The invariants judge how the client took them.
    expect: [{ frame: 'error', from: 'server', min: 0 }],
  };
}

/**
 * Validates a scenario document with the harness validator (client and simulator blocks
 * included) and returns the {@link Scenario} the runner takes.
 *
 * @throws RtSimError `RTSIM_FUZZ_INVALID_SCENARIO` listing the problems: a generator bug.
 */
export function validateDocument(doc: ScenarioDocument, file: string): Scenario {
  const abs = path.resolve(file);
  const { scenario, issues } = validateScenario(doc, { file: abs, baseDir: path.dirname(abs) }, blockValidators);
  if (!scenario || issues.length > 0) {
    const list = issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new RtSimError('RTSIM_FUZZ_INVALID_SCENARIO', `the fuzz generator built an invalid scenario: ${list}`, {
      issues,
    });
  }
  return scenario;
}

/** The validated scenario of a case, named `name`, as if read from `file`. */
export function buildScenario(c: FuzzCase, name: string, file: string): Scenario {
  return validateDocument(toScenarioDocument(c, name), file);
}
