/**
 * The rule catalogue: every rule id of docs/protocol.md, with its title and the clauses that
 * have a behaviour of their own (issue 12). A scenario's `rules:` may name only what is here
 * (`§5.3`, `§5.3/excludes`); docs/rule-map.md is generated from this list and the scenarios'
 * declarations, and a test fails while a contract rule or clause has no scenario.
 *
 * A plain id stands for the rule's main behaviour, a clause for one behaviour inside it that
 * needs a scenario of its own (a timeout path, what a burst leaves out, a second handler).
 * Sections that describe rather than oblige the client are `informational`, with the reason;
 * they need no scenario and a scenario may not claim them.
 */
import type { RuleEntry } from './rule-entry.js';
import { CALL_RULES } from './rules-calls.js';
import { CHAT_AND_QUIRK_RULES } from './rules-chat-quirks.js';
import { CONNECTION_RULES } from './rules-connection.js';
import { WIRE_RULES } from './rules-wire.js';

export type { RuleClause, RuleEntry } from './rule-entry.js';

/** Every rule id of docs/protocol.md, in the order of the page. */
export const RULE_CATALOGUE: readonly RuleEntry[] = [
  ...WIRE_RULES,
  ...CONNECTION_RULES,
  ...CALL_RULES,
  ...CHAT_AND_QUIRK_RULES,
];

const BY_ID = new Map(RULE_CATALOGUE.map((r) => [r.id, r]));

/** The catalogue entry of a rule id (`§5.3`), if there is one. */
export function findRule(id: string): RuleEntry | undefined {
  return BY_ID.get(id);
}

/**
 * Every id a scenario can cover: the plain id of each contract rule and `<id>/<slug>` of
 * each of its clauses, in catalogue order. Informational rules are not in it.
 */
export function coverableRuleRefs(): string[] {
  const out: string[] = [];
  for (const r of RULE_CATALOGUE) {
    if (r.informational !== undefined) continue;
    out.push(r.id);
    for (const cl of r.clauses) out.push(`${r.id}/${cl.slug}`);
  }
  return out;
}

/**
 * Why `ref` (already of the `R<n>.<n>` / `§<n>.<n>[/slug]` form) cannot be declared, with a
 * hint, or undefined when it names a contract rule or one of its clauses.
 */
export function ruleRefProblem(
  ref: string,
  guess: (word: string, options: readonly string[]) => string | undefined,
): { message: string; hint: string } | undefined {
  const [id = '', slug] = ref.split('/');
  const entry = BY_ID.get(id);
  if (!entry) {
    const near = guess(
      id,
      RULE_CATALOGUE.map((r) => r.id),
    );
    return {
      message: `unknown rule id ${id}`,
      hint: near
        ? `did you mean ${near}? (docs/rule-map.md lists every rule)`
        : 'docs/rule-map.md lists every rule id of docs/protocol.md',
    };
  }
  if (entry.informational !== undefined) {
    return {
      message: `${id} (${entry.title}) is informational: ${entry.informational}`,
      hint: 'a scenario can only check rules of the client contract; docs/rule-map.md lists them',
    };
  }
  if (slug === undefined || entry.clauses.some((cl) => cl.slug === slug)) return undefined;
  const slugs = entry.clauses.map((cl) => cl.slug);
  const near = guess(slug, slugs);
  const known = slugs.length > 0 ? `its clauses: ${slugs.join(', ')}` : `${id} has no clauses: write ${id}`;
  return { message: `${id} has no clause "${slug}"`, hint: near ? `did you mean ${id}/${near}? (${known})` : known };
}
