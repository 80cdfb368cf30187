/**
 * What a run would load before its clock starts (pushed WAVs, reply WAVs, replay and
 * transcript files), loaded now, so that `validate` refuses every file `run` would refuse:
 * one code path for both.
 */
import path from 'node:path';
import { VirtualClock, createRandom } from '../clock/index.js';
import { isRtSimError } from '../protocol/index.js';
import { createSimulator } from '../simulator/index.js';
import { loadAudioSource } from './audio-source.js';
import type { DocPath, PathIssue } from './issue.js';
import type { Scenario } from './scenario.js';
import { placeSteps } from './step-tree.js';
import { withoutPrefix } from '../errors/index.js';

/** Loads the scenario's files as a run would; each one that fails is an issue at the key that names it. */
export async function preflightFiles(scenario: Scenario, raw: unknown): Promise<PathIssue[]> {
  const issues: PathIssue[] = [];
  for (const { step, path: at } of placeSteps(scenario.steps)) {
    if (!('call' in step) || step.call !== 'pushAudio' || step.args === undefined) continue;
    const args = step.args as Record<string, unknown>;
    if (typeof args['wav'] !== 'string') continue;
    try {
      await loadAudioSource({ wav: args['wav'] }, scenario.baseDir);
    } catch (e) {
      if (!isRtSimError(e)) throw e;
      issues.push({
        path: ['steps', ...at, 'args', 'wav'],
        message: withoutPrefix(e.message),
        hint: 'paths are relative to the scenario file',
      });
    }
  }
  try {
    await createSimulator({
      clock: new VirtualClock(),
      random: createRandom(scenario.seed),
      config: { server: scenario.server, script: scenario.script },
      baseDir: scenario.baseDir,
    });
  } catch (e) {
    if (!isRtSimError(e)) throw e;
    const file = typeof e.details['file'] === 'string' ? e.details['file'] : undefined;
    // Some errors carry the file in details, others only name it in the message.
    const at =
      (file === undefined
        ? undefined
        : findValue(raw, (v) => path.resolve(scenario.baseDir, v) === path.resolve(scenario.baseDir, file))) ??
      findValue(raw, (v) => /[./]/.test(v) && v.length >= 3 && e.message.includes(v), ['server', 'script']) ??
      [];
    issues.push({ path: at, message: withoutPrefix(e.message), hint: 'paths are relative to the scenario file' });
  }
  return issues;
}

/**
 * The path of the first non-empty text value in `raw` (under one of `roots`, when given) that
 * `wanted` accepts. Iterative: no recursion on user data.
 */
function findValue(raw: unknown, wanted: (v: string) => boolean, roots?: readonly string[]): DocPath | undefined {
  const record = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const stack: [unknown, DocPath][] =
    roots === undefined ? [[raw, []]] : roots.map((r): [unknown, DocPath] => [record[r], [r]]).reverse();
  while (stack.length > 0) {
    const [v, p] = stack.pop()!;
    if (typeof v === 'string' && v !== '' && wanted(v)) return p;
    if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], [...p, i]]);
    else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v).reverse()) stack.push([x, [...p, k]]);
  }
  return undefined;
}
