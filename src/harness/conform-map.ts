/**
 * Which scenarios a foreign client can run (`conform: true`, `rt-sim conform`): the steps an
 * adapter can be told to do, the client events it reports under its own names, and the
 * problems of a marked scenario that asks for something else (each with its path, so the
 * loader names the line).
 */
import type { DocPath, PathIssue } from './issue.js';

/** Client events a scenario names, and the adapter event that stands for each (docs/conform.md). */
export const ADAPTER_EVENT_OF: Readonly<Record<string, string>> = {
  generation_created: 'response_started',
  generation_done: 'done',
  error: 'error',
  session_reconnected: 'reconnected',
  function_call: 'function_call',
  metrics_collected: 'metrics',
  input_speech_started: 'speech_started',
  input_speech_stopped: 'speech_stopped',
  input_audio_transcription_completed: 'input_transcript',
  session_failed: 'session_failed',
};

/**
 * Fields of an event's data that the adapter event reports under the same name and path
 * (docs/conform.md): an expectation that matches only these is judged on the adapter's events.
 * Ids are not among them: rt-sim's event data holds them as `<call#1>` placeholders.
 */
export const ADAPTER_MATCH_FIELDS: Readonly<Record<string, readonly string[]>> = {
  error: ['recoverable'],
  function_call: ['name', 'arguments'],
  generation_created: ['userInitiated'],
};

/** Calls an adapter command stands for, with the args each may have (`any`: the client's options, passed whole). */
const MAPPABLE_CALLS: Readonly<Record<string, readonly string[] | 'any'>> = {
  generateReply: ['instructions'],
  updateInstructions: ['instructions'],
  updateTools: ['tools'],
  updateChatCtx: ['items', 'add'],
  interrupt: [],
  truncate: ['messageId', 'audioEndMs'],
  pushAudio: ['wav', 'tone', 'silenceMs', 'frameMs', 'realtime', 'sampleRate'],
  commitAudio: [],
  clearAudio: [],
  updateOptions: 'any',
  say: ['text', 'interruptible', 'voice'],
  close: [],
};

/** Top-level keys that shape rt-sim's own client in ways no adapter command can. */
const CLIENT_ONLY_KEYS = ['connectWith', 'constructorThrows', 'readStreamsAfterMs', 'coalesceFrames', 'listenerThrows'];

/** Why one plain step (a call, a wait or a sleep) has no adapter command, or undefined when it has one. */
function plainProblem(step: Record<string, unknown>): { message: string; path: DocPath } | undefined {
  if ('sleep' in step) return undefined;
  if ('wait' in step) {
    const w = step['wait'];
    const event = typeof w === 'string' ? w : (w as Record<string, unknown>)['event'];
    if (event === 'idle' || (typeof event === 'string' && event in ADAPTER_EVENT_OF)) return undefined;
    return { message: `wait ${String(event)}: an adapter reports no such event`, path: ['wait'] };
  }
  const call = String(step['call']);
  const allowed = MAPPABLE_CALLS[call];
  if (allowed === undefined) return { message: `call ${call} has no adapter command`, path: ['call'] };
  const args = (step['args'] ?? {}) as Record<string, unknown>;
  const extra = allowed === 'any' ? [] : Object.keys(args).filter((k) => !allowed.includes(k));
  if (extra.length > 0)
    return { message: `call ${call} with ${extra.join(', ')} has no adapter command`, path: ['args', extra[0]!] };
  return undefined;
}

/**
 * The problems of a scenario marked `conform: true` (its document, already valid): each step an
 * adapter cannot be told to do, and each key only rt-sim's own client can honour.
 */
export function conformIssues(doc: Record<string, unknown>): PathIssue[] {
  const hint = 'remove conform: true, or write the step with the calls docs/conform.md lists';
  const issues: PathIssue[] = [];
  for (const key of CLIENT_ONLY_KEYS)
    if (doc[key] !== undefined)
      issues.push({ path: [key], message: `conform: ${key} shapes rt-sim's own client only`, hint });
  const steps = doc['steps'] as Record<string, unknown>[];
  const check = (step: Record<string, unknown>, at: DocPath): void => {
    const problem = plainProblem(step);
    if (problem) issues.push({ path: [...at, ...problem.path], message: `conform: ${problem.message}`, hint });
  };
  for (const [i, step] of steps.entries()) {
    if ('await' in step && !('call' in step)) continue;
    if (!('parallel' in step)) {
      check(step, ['steps', i]);
      continue;
    }
    for (const [b, branch] of (step['parallel'] as unknown[]).entries()) {
      if (!Array.isArray(branch)) check(branch as Record<string, unknown>, ['steps', i, 'parallel', b]);
      else
        for (const [k, inner] of branch.entries())
          check(inner as Record<string, unknown>, ['steps', i, 'parallel', b, k]);
    }
  }
  return issues;
}
