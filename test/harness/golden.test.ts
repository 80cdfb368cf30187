import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffGolden, goldenDiff } from '../../src/harness/diff.js';
import { checkGolden } from '../../src/harness/golden.js';
import { serializeObservation } from '../../src/harness/observation.js';
import type { Observation } from '../../src/harness/observation.js';

function observation(frames: number): Observation {
  return {
    scenario: 's',
    seed: 1,
    simulatedMs: 100,
    connections: [{ attempt: 1, conn: 1, t: 0, outcome: 'open' }],
    frames: Array.from({ length: frames }, (_, i) => ({
      t: i * 10,
      conn: 1,
      from: 'server' as const,
      type: 'ping',
      body: { type: 'ping', n: i },
    })),
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
    expect(text.split('\n')).toContain(
      '    {"t":10,"conn":1,"from":"server","type":"ping","body":{"type":"ping","n":1}}',
    );
    expect(JSON.parse(text)).toEqual(observation(2));
  });

  it("writes the client's log after the events only when it has a line, one record per line", () => {
    const silent = serializeObservation({ ...observation(1), log: [] });
    expect(silent).toBe(serializeObservation(observation(1)));
    expect(silent).not.toContain('"log"');
    const warned = {
      ...observation(1),
      log: [{ t: 10, level: 'warn' as const, message: 'deleted item not in the mirror' }],
    };
    const text = serializeObservation(warned);
    const record = '{"t":10,"level":"warn","message":"deleted item not in the mirror"}';
    expect(text).toContain(`  "events": [],\n  "log": [\n    ${record}\n  ],\n  "audio": {`);
    expect(JSON.parse(text)).toEqual(warned);
    const diff = diffGolden(silent, text);
    expect(diff?.path).toBe('log');
    expect(diff?.sections).toEqual(["the client's log"]);
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
    expect(goldenDiff('a\nb\n', 'a\nb\n')).toBe('');
  });

  it('names the JSON path of the first changed value and the sections that differ', () => {
    const a = observation(6);
    const b = observation(6);
    (b.frames[4]!.body as { n: number }).n = 7;
    b.metrics = [{ ttft: 2 }];
    const diff = diffGolden(serializeObservation(a), serializeObservation(b))!;
    expect(diff.path).toBe('frames[4].body.n');
    expect(diff.sections).toEqual(['wire frames', 'metrics']);
    expect(diff.text).toMatch(/^── wire frames ──\n/);
    expect(diff.text).toContain('── metrics ──');
    expect(diff.text).not.toContain('── events ──');
  });

  it('keeps three lines of context around a change, not the whole file', () => {
    const a = observation(30);
    const b = observation(30);
    (b.frames[15]!.body as { n: number }).n = -1;
    const lines = diffGolden(serializeObservation(a), serializeObservation(b))!.text.split('\n');
    expect(lines.filter((l) => l.startsWith('-')).length).toBe(1);
    expect(lines.filter((l) => l.startsWith('+')).length).toBe(1);
    expect(lines.filter((l) => l.startsWith('  ')).length).toBe(6);
  });

  it('cuts a long line around its change instead of printing all of it', () => {
    const a = observation(2);
    const b = observation(2);
    const long = 'x'.repeat(600);
    a.frames[1]!.body = { type: 'ping', head: long, status: 'completed', tail: long };
    b.frames[1]!.body = { type: 'ping', head: long, status: 'cancelled', tail: long };
    const diff = diffGolden(serializeObservation(a), serializeObservation(b))!;
    expect(diff.path).toBe('frames[1].body.status');
    const changed = diff.text.split('\n').filter((l) => l.startsWith('-') || l.startsWith('+'));
    expect(changed).toHaveLength(2);
    for (const l of changed) expect(l.length).toBeLessThan(200);
    expect(changed[0]).toContain('"status":"completed"');
    expect(changed[1]).toContain('"status":"cancelled"');
    expect(changed[0]).toMatch(/^- …\(\d+ chars\)….*…\(\d+ chars\)$/);
  });

  it('reads as one text with where the run first differs, for reports and matchers', () => {
    const a = observation(3);
    const b = observation(4);
    const text = goldenDiff(serializeObservation(a), serializeObservation(b));
    expect(text).toMatch(/^first difference at frames\[3\] \(line \d+\); - golden, \+ this run:\n── wire frames ──\n/);
    expect(text).toContain('+     {"t":30,"conn":1,"from":"server","type":"ping","body":{"type":"ping","n":3}}');
  });

  it('still diffs texts that are not JSON, by line', () => {
    const diff = diffGolden('a\nb\nc\n', 'a\nB\nc\n')!;
    expect(diff.line).toBe(2);
    expect(diff.path).toBeUndefined();
    expect(diff.text).toBe('  a\n- b\n+ B\n  c');
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
