import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffGolden } from '../../src/harness/diff.js';
import { checkGolden } from '../../src/harness/golden.js';
import { serializeObservation } from '../../src/harness/observation.js';
import type { Observation } from '../../src/harness/observation.js';

function observation(frames: number): Observation {
  return {
    scenario: 's',
    seed: 1,
    simulatedMs: 100,
    connections: [{ attempt: 1, conn: 1, t: 0, outcome: 'open' }],
    frames: Array.from({ length: frames }, (_, i) => ({ t: i * 10, conn: 1, from: 'server' as const, type: 'ping', body: { type: 'ping', n: i } })),
    events: [],
    audio: { input: { appends: 0, bytes: 0, times: [] }, output: { frames: 0, samples: 0, times: [] } },
    chatCtx: [],
    tools: [],
    metrics: [],
  };
}

describe('golden files', () => {
  it('serialises one record per line, so a diff points at a record', () => {
    const text = serializeObservation(observation(2));
    expect(text.split('\n')).toContain('    {"t":10,"conn":1,"from":"server","type":"ping","body":{"type":"ping","n":1}}');
    expect(JSON.parse(text)).toEqual(observation(2));
  });

  it('names the first differing record and shows it with context', () => {
    const a = serializeObservation(observation(6));
    const changed = observation(6);
    (changed.frames[3]!.body as { n: number }).n = 99;
    const diff = diffGolden(a, serializeObservation(changed))!;
    expect(diff.record).toBe('frames[3]');
    expect(diff.text).toContain('-     {"t":30,"conn":1,"from":"server","type":"ping","body":{"type":"ping","n":3}}');
    expect(diff.text).toContain('+     {"t":30,"conn":1,"from":"server","type":"ping","body":{"type":"ping","n":99}}');
    expect(diff.text.split('\n').filter((l) => l.startsWith('  ')).length).toBeGreaterThan(0);
  });

  it('gives no diff for identical texts', () => {
    expect(diffGolden('a\nb\n', 'a\nb\n')).toBeUndefined();
  });

  it('writes only on update, and reports a missing file otherwise', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rtsim-golden-'));
    const file = path.join(dir, 'g', 'x.json');
    expect(await checkGolden(file, 'A\n', false)).toEqual({ status: 'missing', file });
    expect(await checkGolden(file, 'A\n', true)).toEqual({ status: 'written', file });
    expect(await readFile(file, 'utf8')).toBe('A\n');
    expect(await checkGolden(file, 'A\n', false)).toEqual({ status: 'match' });
    expect(await checkGolden(file, 'A\n', true)).toEqual({ status: 'match' });
    await writeFile(file, 'B\n');
    expect(await checkGolden(file, 'A\n', false)).toMatchObject({ status: 'differs', diff: { line: 1 } });
  });
});
