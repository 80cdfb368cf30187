/**
 * The parts of `npm run mutation` (stryker/parts.mjs) add up to the whole-client run: every
 * file the whole run mutates is in exactly one part, and no part names a file outside it,
 * so `npm run mutation:score` over the parts is the whole client's score.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs config module without type declarations
import { CLIENT_FILES_IN_AUDIO, MUTATION_PARTS } from '../../stryker/parts.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLIENT_FILES = (readdirSync(path.join(ROOT, 'src/client'), { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts'))
  .map((f) => `src/client/${f.split(path.sep).join('/')}`)
  .sort();
const AUDIO_FILES = readdirSync(path.join(ROOT, 'src/audio')).map((f) => `src/audio/${f}`);
/** The client's own files in src/audio (its resampler and PCM16 bytes). */
const IN_AUDIO = CLIENT_FILES_IN_AUDIO as string[];
/**
 * What the whole run mutates: src/client/**\/*.ts but the client's own barrels (public and internal),
 * and the client's files in src/audio.
 */
const WHOLE = [
  ...CLIENT_FILES.filter((f) => f !== 'src/client/index.ts' && f !== 'src/client/internal.ts'),
  ...IN_AUDIO,
].sort();

/** The files a part's patterns select; the parts use only exact paths and `dir/**\/*.ts`. */
function select(patterns: string[]): string[] {
  const chosen = new Set<string>();
  for (const p of patterns) {
    if (p.endsWith('/**/*.ts')) {
      const dir = p.slice(0, -'**/*.ts'.length);
      for (const f of CLIENT_FILES) if (f.startsWith(dir)) chosen.add(f);
    } else {
      expect(p, `pattern ${p} of stryker/parts.mjs is neither an existing path nor dir/**/*.ts`).toMatch(
        /^src\/(client|audio)\/[\w/-]+\.ts$/,
      );
      expect([...CLIENT_FILES, ...AUDIO_FILES], `stryker/parts.mjs names ${p}, which does not exist`).toContain(p);
      chosen.add(p);
    }
  }
  return [...chosen];
}

describe('the mutation parts', () => {
  it('cover every file of the whole-client run exactly once, and nothing else', () => {
    const seen = new Map<string, string>();
    for (const [name, patterns] of Object.entries(MUTATION_PARTS as Record<string, string[]>)) {
      for (const f of select(patterns)) {
        expect(seen.get(f), `${f} is in parts ${seen.get(f)} and ${name}`).toBeUndefined();
        seen.set(f, name);
      }
    }
    expect([...seen.keys()].sort()).toEqual(WHOLE);
  });

  it('name the files of the client in src/audio, which exist', () => {
    expect(IN_AUDIO).toEqual(['src/audio/resampler.ts', 'src/audio/pcm.ts']);
    expect(AUDIO_FILES).toEqual(expect.arrayContaining(IN_AUDIO));
  });
});
