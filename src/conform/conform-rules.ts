/**
 * Each rule of a scenario judged for a foreign client by the expectations that check it
 * (`expectationsOfRule`): failed when one of them failed, or when they passed in a scenario
 * that failed for a reason no expectation names (the adapter's manners, a timeout, an error the
 * server sent); passed when one passed; otherwise not applicable, with why.
 */
import { expectationsOfRule, type Scenario } from '../harness/index.js';
import type { ExpectationStatus } from './conform-checks.js';

/** One rule's outcome in one scenario. */
export interface RuleOutcome {
  rule: string;
  status: ExpectationStatus;
  /** Why it is not applicable, or the failure that made it fail when no expectation of it did. */
  why?: string;
}

/** What a scenario's run came to, for its rules. */
export interface RunOutcome {
  /** Each expectation's status, by index. */
  statuses: readonly ExpectationStatus[];
  /** The first failure no expectation names, if there is one. */
  otherFailure?: string;
  /** Why the steps could not be played, when they could not. */
  unplayable?: string;
}

/** The outcome of each of the scenario's `rules:`, in its order. */
export function judgeRules(scenario: Scenario, run: RunOutcome): RuleOutcome[] {
  return (scenario.rules ?? []).map((rule): RuleOutcome => {
    if (run.unplayable !== undefined) return { rule, status: 'not_applicable', why: run.unplayable };
    const at = expectationsOfRule(scenario.expect, rule);
    if (at.length === 0)
      return {
        rule,
        status: 'not_applicable',
        why: "no expectation names it: rt-sim's own run judges it by the golden",
      };
    const of = at.map((i) => run.statuses[i] ?? 'not_applicable');
    if (of.includes('failed')) return { rule, status: 'failed' };
    if (!of.includes('passed'))
      return { rule, status: 'not_applicable', why: 'none of the expectations that check it applies' };
    if (run.otherFailure !== undefined) return { rule, status: 'failed', why: run.otherFailure };
    return { rule, status: 'passed' };
  });
}
