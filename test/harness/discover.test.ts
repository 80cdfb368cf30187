import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverScenarios, parseShard, selectShard } from '../../src/harness/discover.js';

describe('scenario discovery', () => {
  it('finds .yaml files in folders, sorted, skipping fixtures', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rtsim-disc-'));
    await mkdir(path.join(dir, 'sub'));
    await mkdir(path.join(dir, 'fixtures'));
    for (const f of ['b.yaml', 'a.yml', 'sub/c.yaml', 'fixtures/x.yaml', 'notes.txt'])
      await writeFile(path.join(dir, f), '');
    expect((await discoverScenarios([dir])).map((f) => path.relative(dir, f))).toEqual([
      'a.yml',
      'b.yaml',
      path.join('sub', 'c.yaml'),
    ]);
  });

  it('names a path that does not exist', async () => {
    await expect(discoverScenarios(['/no/such/dir'])).rejects.toThrow('"/no/such/dir" does not exist');
  });

  it('shards every N-th file so shards stay balanced and cover everything once', () => {
    const files = ['a', 'b', 'c', 'd', 'e'];
    const shards = [1, 2, 3].map((index) => selectShard(files, { index, count: 3 }));
    expect(shards).toEqual([['a', 'd'], ['b', 'e'], ['c']]);
  });

  it.each(['0/2', '3/2', 'x', '1/0', '1-2'])('refuses the shard %s with the expected form', (text) => {
    expect(() => parseShard(text)).toThrow(/--shard expects I\/N/);
  });
});
