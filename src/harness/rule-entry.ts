/**
 * One entry of the rule catalogue (`rule-catalogue.ts`): the types, and the shorthands the
 * rule families (`rules-*.ts`) are written with.
 */
/** One behaviour inside a rule that needs its own scenario. */
export interface RuleClause {
  /** Lower-case words joined by `-`, written after the id: `§5.8/timeout`. */
  readonly slug: string;
  /** What the client does, in one line. */
  readonly title: string;
}

/** A rule id of docs/protocol.md. */
export interface RuleEntry {
  /** `R2.5`, `§5.3`: the heading's id. */
  readonly id: string;
  /** The heading's subject. */
  readonly title: string;
  /** Why no scenario is needed, for sections that oblige the client to nothing. */
  readonly informational?: string;
  /** The clauses with a behaviour of their own; empty when the plain id says it all. */
  readonly clauses: readonly RuleClause[];
}

/** A clause. */
export const c = (slug: string, title: string): RuleClause => ({ slug, title });
/** A contract rule, with its clauses. */
export const rule = (id: string, title: string, clauses: RuleClause[] = []): RuleEntry => ({ id, title, clauses });
/** An informational section: no scenario needed, none may claim it. */
export const info = (id: string, title: string, informational: string): RuleEntry => ({
  id,
  title,
  informational,
  clauses: [],
});
/** The three clauses of a call with a 5 s timeout: its answer just before, at and after it. */
export const TIMING_EDGES = (what: string): RuleClause[] => [
  c('before', `the ${what} arrives just before the 5 s timeout: the call resolves normally`),
  c('at', `the ${what} arrives exactly at the 5 s timeout: one defined outcome, never both`),
  c(
    'after',
    `the ${what} arrives after the 5 s timeout: the call has already failed, the late answer is handled quietly`,
  ),
];
