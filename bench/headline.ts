/**
 * The one table `npm run bench` ends with: issue 14's figures P1-P6, each beside the baseline
 * measured in the same run (its target's `beside`, so the ratio holds on any machine), its
 * target and pass or miss.
 */
import { table } from './common.js';
import type { Target } from './common.js';

/** One line of the headline table. */
export interface Headline {
  /** `P1` … `P6`. */
  id: string;
  /** The figure's target as measured (its name says what it is), or undefined when not run. */
  target: Target | undefined;
}

/** The measured value with its unit, as the table prints it. */
export function formatFigure(t: Target): string {
  return Number.isNaN(t.figure) ? 'not measured' : `${t.figure.toFixed(t.digits)} ${t.unit}`;
}

function formatThreshold(t: Target): string {
  return `${t.kind === 'min' ? '>=' : t.kind === 'atMost' ? '<=' : '<'} ${t.threshold} ${t.unit}`;
}

/** The same run's baseline of a figure, or `-`. */
function formatBeside(t: Target): string {
  if (!t.beside) return '-';
  return `${t.beside.label}: ${t.beside.figure.toFixed(t.digits)} ${t.beside.unit ?? t.unit}`;
}

export function formatHeadlines(rows: readonly Headline[]): string {
  return [
    'Issue 14 figures (baselines measured in this run)',
    table(
      ['#', 'figure', 'baseline (same run)', 'measured', 'target', 'result'],
      rows.map((r) => [
        r.id,
        r.target ? r.target.name.replace(/^P\d\s+/, '') : '(not run)',
        r.target ? formatBeside(r.target) : '-',
        r.target ? formatFigure(r.target) : '-',
        r.target ? formatThreshold(r.target) : '-',
        r.target === undefined ? 'not run' : r.target.pass ? 'pass' : 'MISS',
      ]),
    ),
  ].join('\n');
}
