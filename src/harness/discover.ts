import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { RtSimError } from '../protocol/index.js';

const SCENARIO_FILE = /\.ya?ml$/;

/**
 * Expands files and folders into scenario files, folders searched recursively, sorted by
 * path so every machine runs them in the same order. A path that does not exist is an
 * error naming it, not an empty run.
 */
export async function discoverScenarios(inputs: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const input of inputs) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(input);
    } catch {
      throw new RtSimError(
        'RTSIM_CLI_NO_SUCH_PATH',
        `expected a scenario file or folder, but "${input}" does not exist`,
        { path: input },
      );
    }
    if (info.isDirectory()) {
      for (const file of await walk(input)) found.add(file);
    } else {
      found.add(path.normalize(input));
    }
  }
  const files = [...found].sort();
  if (files.length === 0) {
    throw new RtSimError('RTSIM_CLI_NO_SCENARIOS', `no .yaml scenario files found in ${inputs.join(', ')}`);
  }
  return files;
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'fixtures' || entry.name.startsWith('.')) continue;
      out.push(...(await walk(full)));
    } else if (SCENARIO_FILE.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

/** Parses `--shard I/N` (1-based). */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new RtSimError('RTSIM_CLI_BAD_SHARD', `--shard expects I/N with 1 ≤ I ≤ N, e.g. 1/3, got "${text}"`);
  }
  return { index, count };
}

/** The files of shard `index` of `count`: every count-th file, so shards stay balanced. */
export function selectShard<T>(files: readonly T[], shard: { index: number; count: number }): T[] {
  return files.filter((_, i) => i % shard.count === shard.index - 1);
}
