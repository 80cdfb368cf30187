/**
 * The rules an expectation checks (`rules:` on an expectation). Each must be one of the
 * scenario's own `rules:`. In a scenario where some expectation names rules, a rule is judged
 * by the expectations that name it (rt-sim conform's table of rules); where none does, every
 * expectation on the client stands for every rule, as a scenario of one rule needs, and a
 * count of what the server sent for none: it shows what the fake did more than what the client did.
 */
import type { PathIssue } from './issue.js';
import type { Expectation } from './scenario.js';

/** The problems of the expectations' `rules:` in a document whose shape is already valid. */
export function expectRuleIssues(doc: Record<string, unknown>): PathIssue[] {
  const listed = new Set((doc['rules'] as string[] | undefined) ?? []);
  const issues: PathIssue[] = [];
  const expect = (doc['expect'] as Record<string, unknown>[] | undefined) ?? [];
  for (const [i, e] of expect.entries()) {
    const named = (e['rules'] as string[] | undefined) ?? [];
    const seen = new Set<string>();
    for (const [j, id] of named.entries()) {
      if (seen.has(id)) issues.push({ path: ['expect', i, 'rules', j], message: `${id} is named twice` });
      else if (!listed.has(id))
        issues.push({
          path: ['expect', i, 'rules', j],
          message: `${id} is not among the scenario's rules: [${[...listed].join(', ')}]`,
          hint: 'an expectation names rules the scenario lists: add it to rules: at the top, or fix the id',
        });
      seen.add(id);
    }
  }
  return issues;
}

/** An expectation as JSON, without the rules it names: how reports quote it. */
export function expectationText(e: Expectation): string {
  const { rules: _, ...check } = e;
  return JSON.stringify(check);
}

/**
 * The indexes in `expect` of the expectations that judge `rule`: those naming it, or, when none
 * names a rule, every one but the counts of server frames.
 */
export function expectationsOfRule(expect: readonly Expectation[], rule: string): number[] {
  const named = expect.some((e) => e.rules !== undefined);
  const out: number[] = [];
  for (const [i, e] of expect.entries()) {
    const judges = named ? e.rules?.includes(rule) : !('frame' in e && e.from === 'server');
    if (judges) out.push(i);
  }
  return out;
}
