/**
 * `runFuzz` with worker threads and shards: the cases are fast-check's own, in its order; a
 * campaign gives the same report with one thread or two, and its shards together run exactly
 * its cases; a thread's failure is a case's failure, never a hang.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  casesOf,
  checkCase,
  createFuzzPool,
  isFailure,
  formatFuzzReport,
  fuzzCaseArbitrary,
  inShard,
  mergeFuzzReports,
  runCampaign,
  runFuzz,
  toFuzzJsonReport,
  type FuzzCase,
  type FuzzReport,
} from '../../src/fuzz/index.js';

const NO_REPLIES = new URL('./fixtures/no-replies-invariants.ts', import.meta.url).href;
const THREAD_ONLY = new URL('./fixtures/thread-only-invariants.ts', import.meta.url).href;
const passing = { violations: [], ran: true, simulatedMs: 1 };

/** The cases `fc.check` runs with `seed`, in order. */
async function checkedCases(seed: number, runs: number): Promise<FuzzCase[]> {
  const seen: FuzzCase[] = [];
  await fc.check(
    fc.asyncProperty(fuzzCaseArbitrary(), async (c) => {
      seen.push(c);
    }),
    { seed, numRuns: runs },
  );
  return seen;
}

/** A report without its wall time, the one figure that may differ between two runs. */
function figures(r: FuzzReport): Omit<FuzzReport, 'wallMs'> {
  const { wallMs: _, ...rest } = r;
  return rest;
}

describe('a fuzz campaign', () => {
  it("runs fast-check's cases in fast-check's order, and path i replays case i", async () => {
    const expected = await checkedCases(7, 24);
    const got: FuzzCase[] = [];
    await runCampaign(fuzzCaseArbitrary(), {
      seed: 7,
      runs: 24,
      concurrency: 3,
      check: async (i, c) => {
        got[i] = c;
        return passing;
      },
    });
    expect(got).toEqual(expected);
    for (const i of [0, 5, 23]) {
      let replayed: FuzzCase | undefined;
      await fc.check(
        fc.asyncProperty(fuzzCaseArbitrary(), async (c) => {
          replayed ??= c;
        }),
        { seed: 7, path: String(i) },
      );
      expect(replayed, `path ${i}`).toEqual(expected[i]);
    }
  });

  it('split into shards runs every case of the whole exactly once, each in its own shard', async () => {
    const whole = await checkedCases(8, 10);
    const seen = new Map<number, FuzzCase>();
    for (const index of [1, 2, 3]) {
      await runCampaign(fuzzCaseArbitrary(), {
        seed: 8,
        runs: 10,
        shard: { index, count: 3 },
        concurrency: 2,
        check: async (i, c) => {
          expect(seen.has(i)).toBe(false);
          expect(inShard(i, { index, count: 3 })).toBe(true);
          seen.set(i, c);
          return passing;
        },
      });
    }
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const [i, c] of seen) expect(c).toEqual(whole[i]);
  });

  it('counts the cases of each shard so that the shards add up to the campaign', () => {
    expect([1, 2, 3].map((index) => casesOf(10, { index, count: 3 }))).toEqual([4, 3, 3]);
    expect(casesOf(2, { index: 3, count: 3 })).toBe(0);
    expect(casesOf(10, undefined)).toBe(10);
  });

  it('stops after the failing case of lowest index, whichever finishes first', async () => {
    const campaign = await runCampaign(fuzzCaseArbitrary(), {
      seed: 9,
      runs: 40,
      concurrency: 4,
      // Case 6 fails late, case 9 early: 6 is the failure, and nothing after it counts.
      check: async (i) => {
        for (let k = 0; k < (i === 6 ? 50 : 1); k++) await Promise.resolve();
        return i === 6 || i === 9 ? { violations: [], ran: true, simulatedMs: 1, error: `case ${i}` } : passing;
      },
    });
    expect(campaign.failure?.index).toBe(6);
    expect(campaign.results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

describe('runFuzz with worker threads', () => {
  it('reports a failure exactly as one thread does: seed, path, shrunk case, figures and scenario file', async () => {
    const reports: FuzzReport[] = [];
    const files: string[] = [];
    for (const workers of [1, 2]) {
      const cwd = await mkdtemp(path.join(os.tmpdir(), 'rtsim-fuzz-workers-'));
      const report = await runFuzz({ seed: 4, runs: 50, cwd, outDir: 'out', workers, invariantsModule: NO_REPLIES });
      reports.push({
        ...report,
        failure: { ...report.failure!, scenarioFile: path.relative(cwd, report.failure!.scenarioFile) },
      });
      files.push(await readFile(report.failure!.scenarioFile, 'utf8'));
    }
    const [one, two] = reports;
    expect(one!.passed).toBe(false);
    expect(one!.failure!.violations.map((v) => v.invariant)).toEqual(['noReplies']);
    expect(figures(two!)).toEqual(figures(one!));
    expect(files[1]).toBe(files[0]);
    // And as the single fc.check over the whole campaign that rt-sim fuzz ran before threads.
    const { invariants } = (await import(NO_REPLIES)) as typeof import('./fixtures/no-replies-invariants.js');
    const direct = await fc.check(
      fc.asyncProperty(fuzzCaseArbitrary(), async (c) => {
        const r = await checkCase(c, os.tmpdir(), invariants);
        if (isFailure(r)) throw new Error('broken');
      }),
      { seed: 4, numRuns: 50 },
    );
    expect([direct.counterexamplePath, direct.numRuns, direct.numShrinks]).toEqual([
      one!.failure!.path,
      one!.runs,
      one!.shrinks,
    ]);
    expect(direct.counterexample?.[0]).toEqual(one!.failure!.case);
  });

  it('fails a shard with the global path, and its merged report has the failure of the unsharded run', async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'rtsim-fuzz-shards-'));
    const common = { seed: 4, runs: 50, cwd, invariantsModule: NO_REPLIES };
    const whole = await runFuzz(common);
    const shards = [];
    for (const index of [1, 2]) shards.push(await runFuzz({ ...common, shard: { index, count: 2 } }));
    for (const [i, shard] of shards.entries()) {
      const path0 = Number(shard.failure!.path.split(':')[0]);
      expect(path0 % 2, `shard ${i + 1}`).toBe(i);
      expect(formatFuzzReport(shard, cwd)).toContain(
        `path ${shard.failure!.path} (after ${shard.runs} run(s) of shard`,
      );
      // The path printed replays the shrunk case in the unsharded campaign.
      const replay = await runFuzz({ ...common, path: shard.failure!.path });
      expect(replay.failure!.case).toEqual(shard.failure!.case);
      expect(replay.tallies).toEqual([{ name: 'noReplies', rule: 'none (test)', held: 0 }]);
    }
    const merged = mergeFuzzReports(shards.map((r, i) => ({ file: `s${i}.json`, report: toFuzzJsonReport(r, cwd) })));
    expect(merged.passed).toBe(false);
    expect(merged.failure?.path).toBe(whole.failure!.path);
    expect(merged.failure?.case).toEqual(whole.failure!.case);
  });

  it('turns a case that breaks only in a thread into a failure naming it, and ends every thread', async () => {
    const ports = (): number => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;
    const before = ports();
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'rtsim-fuzz-workers-'));
    // Two threads: this one (where the invariant holds: the replay runs here) and a worker thread (where it
    // throws), which gets case 1 at the latest, while this thread runs case 0.
    const report = await runFuzz({ seed: 1, runs: 6, cwd, workers: 2, invariantsModule: THREAD_ONLY });
    expect(report.passed).toBe(false);
    // The case as generated, not shrunk: its replay here passed, so there is nothing to shrink.
    expect(report.failure!.path).toMatch(/^\d$/);
    expect(report.shrinks).toBe(0);
    expect(report.failure!.error).toBe('checked in a worker thread (in a worker thread; its replay here passed)');
    expect(ports()).toBe(before);
  });

  it("gives a thread's load failure to the case, without hanging", async () => {
    const pool = createFuzzPool(1);
    const [c] = fc.sample(fuzzCaseArbitrary(), { seed: 1, numRuns: 1 });
    const result = await pool.run({ case: c!, cwd: os.tmpdir(), invariantsModule: 'file:///nowhere/invariants.js' });
    await pool.destroy();
    expect(result.ran).toBe(false);
    expect(result.error).toMatch(/nowhere\/invariants\.js/);
  });
});
