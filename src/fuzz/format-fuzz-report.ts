import path from 'node:path';
import type { FuzzReport } from './run-fuzz.js';

/**
 * The console report of a fuzz run: on failure the seed, path, invariant, where, and the commands;
 * then a one-line summary.
 */
export function formatFuzzReport(report: FuzzReport, cwd: string = process.cwd()): string {
  const lines: string[] = [];
  const f = report.failure;
  if (f) {
    lines.push(
      `FAILED: a case breaks ` +
        `${f.violations.length > 0 ? f.violations.map((v) => v.invariant).join(', ') : 'the property (it threw)'}`,
    );
    const shard = report.shard ? ` of shard ${report.shard.index}/${report.shard.count}` : '';
    lines.push(
      `  seed ${report.seed}, path ${f.path} (after ${report.runs} run(s)${shard}, ${report.shrinks} shrink(s))`,
    );
    if (f.error !== undefined) lines.push(`  error: ${f.error}`);
    for (const v of f.violations) {
      const where = [
        v.frameIndex === undefined ? '' : `frame #${v.frameIndex}`,
        v.eventIndex === undefined ? '' : `event #${v.eventIndex}`,
        v.t === undefined ? '' : `t=${v.t} ms`,
      ]
        .filter(Boolean)
        .join(', ');
      lines.push(`  invariant ${v.invariant} (${v.rule})${where ? ` at ${where}` : ''}:`);
      lines.push(`    ${v.message}`);
    }
    lines.push(`  scenario: ${path.relative(cwd, f.scenarioFile) || f.scenarioFile}`);
    lines.push(`  reproduce: ${f.reproduce[0]}`);
    lines.push(`         or: ${f.reproduce[1]}`);
  }
  const verdict = report.passed ? `all ${report.invariants} invariants held` : 'an invariant broke';
  lines.push(
    `fuzz: ${report.runs} run(s), ${report.shrinks} shrink(s), ${report.executions} scenario run(s), seed ` +
      `${report.seed}: ${report.wallMs} ms wall, ${Math.round(report.simulatedMs)} ms simulated; ${verdict}`,
  );
  return `${lines.join('\n')}\n`;
}
