/**
 * scripts/mutation-reports.mjs merges the reports the mutation scripts read: a later run of the
 * same source (a run limited to some lines) updates the mutants it tested again, one mutant at a time.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script module without type declarations
import { mergeEntry } from '../../scripts/mutation-reports.mjs';

type Mutant = { status: string; mutatorName: string; replacement?: string; location: object };
type Entry = { source?: string; mutants?: Mutant[] };
const merge = mergeEntry as (earlier: Entry | undefined, later: Entry) => Entry;
const at = (line: number, column: number) => ({ start: { line, column }, end: { line, column: column + 3 } });
const mutant = (line: number, status: string, replacement = 'true'): Mutant => ({
  status,
  mutatorName: 'ConditionalExpression',
  replacement,
  location: at(line, 4),
});

describe('merging mutation reports', () => {
  it('updates the mutants a later run of the same source tested again and keeps the others', () => {
    const earlier = { source: 'a\nb\nc', mutants: [mutant(1, 'Survived'), mutant(2, 'Survived'), mutant(3, 'Killed')] };
    const later = { source: 'a\nb\nc', mutants: [mutant(2, 'Killed')] };
    expect(merge(earlier, later).mutants?.map((m) => m.status)).toEqual(['Survived', 'Killed', 'Killed']);
  });

  it('tells mutants on one place apart by their replacement', () => {
    const earlier = { source: 'x', mutants: [mutant(1, 'Survived', 'true'), mutant(1, 'Survived', 'false')] };
    const later = { source: 'x', mutants: [mutant(1, 'Killed', 'false')] };
    expect(merge(earlier, later).mutants?.map((m) => `${m.replacement}:${m.status}`)).toEqual([
      'true:Survived',
      'false:Killed',
    ]);
  });

  it('takes a later report of another source text whole, and a first report as it is', () => {
    const later = { source: 'new', mutants: [mutant(1, 'Killed')] };
    expect(merge({ source: 'old', mutants: [mutant(1, 'Survived'), mutant(2, 'Survived')] }, later)).toBe(later);
    expect(merge(undefined, later)).toBe(later);
  });
});
