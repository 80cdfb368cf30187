import type { CaseResult } from './check-case.js';
import type { Invariant } from './violation.js';

/** How many cases of a campaign one invariant held on. */
export interface InvariantTally {
  name: string;
  rule: string;
  /** Cases it was checked on and held (a case whose run threw checks none). */
  held: number;
}

/** The tally of every invariant over `results`, in the invariants' order. */
export function tallyInvariants(invariants: readonly Invariant[], results: readonly CaseResult[]): InvariantTally[] {
  const checked = results.filter((r) => r.error === undefined);
  return invariants.map((inv) => ({
    name: inv.name,
    rule: inv.rule,
    held: checked.filter((r) => !r.violations.some((v) => v.invariant === inv.name)).length,
  }));
}
