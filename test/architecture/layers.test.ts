import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DEPCRUISE = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
  cycle?: { name: string }[];
}

describe('the layer rules of src/ (.dependency-cruiser.cjs)', () => {
  it('hold: no cycle, no import up or across, barrels only, no dev dependency at run time', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [DEPCRUISE, '--config', '.dependency-cruiser.cjs', '--output-type', 'json', 'src'],
      {
        cwd: ROOT,
        maxBuffer: 64 * 1024 * 1024,
      },
    ).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
    const { summary } = JSON.parse(stdout) as { summary: { violations: Violation[]; totalCruised: number } };
    const found = summary.violations.map(
      (v) =>
        `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle ${v.cycle.map((c) => c.name).join(' → ')})` : ''}`,
    );
    expect(found).toEqual([]);
    expect(summary.totalCruised).toBeGreaterThan(200);
  });
});
