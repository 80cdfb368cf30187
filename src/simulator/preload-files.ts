/**
 * What a simulator reads from disk before a run: the WAV files its replies name and the replay
 * files its script plays, so that nothing is read during a run on the virtual clock.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { RtSimError } from '../protocol/index.js';
import { AudioLibrary } from './audio-source.js';
import type { AudioSpec, ReplyConfig } from './config.js';
import { parseReplayFile } from './replay-file.js';
import type { ReplayEvent } from './script/actions.js';
import type { ScriptRule } from './script/rules.js';
import type { SimulatorConfig } from './simulator-config.js';

/** The files of a config, read. */
export interface PreloadedFiles {
  audio: AudioLibrary;
  /** Replay events by the path the script names. */
  replays: Map<string, ReplayEvent[]>;
}

function audioSpecs(reply: ReplyConfig | undefined): AudioSpec[] {
  return reply?.audio ? [reply.audio] : [];
}

function wavFiles(config: SimulatorConfig): string[] {
  const specs: AudioSpec[] = [
    ...audioSpecs(config.server?.reply),
    ...(config.server?.replies ?? []).flatMap(audioSpecs),
  ];
  for (const rule of config.script ?? []) {
    for (const action of rule.do ?? []) if ('respond' in action) specs.push(...audioSpecs(action.respond));
  }
  return [...new Set(specs.flatMap((s) => ('wav' in s ? [s.wav] : [])))];
}

function replayFiles(rules: readonly ScriptRule[]): string[] {
  const files = rules.flatMap((r) =>
    (r.do ?? []).flatMap((a) => ('replay' in a && 'file' in a.replay ? [a.replay.file] : [])),
  );
  return [...new Set(files)];
}

/**
 * Reads every WAV and replay file `config` names, relative to `baseDir`. Throws RtSimError
 * `RTSIM_SIM_BAD_REPLAY` for a replay file it cannot read.
 */
export async function preloadFiles(config: SimulatorConfig, baseDir: string): Promise<PreloadedFiles> {
  const audio = new AudioLibrary(baseDir);
  for (const file of wavFiles(config)) await audio.preload(file);
  const replays = new Map<string, ReplayEvent[]>();
  for (const file of replayFiles(config.script ?? [])) {
    const full = path.resolve(baseDir, file);
    let text: string;
    try {
      text = await readFile(full, 'utf8');
    } catch (e) {
      throw new RtSimError(
        'RTSIM_SIM_BAD_REPLAY',
        `replay file: expected a readable file at ${file} (resolved to ${full}), ` +
          `got ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        { file: full },
      );
    }
    replays.set(file, parseReplayFile(text, file));
  }
  return { audio, replays };
}
