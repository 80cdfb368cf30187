/**
 * Issue 12: the rule map. docs/rule-map.md is what `npm run docs:rules` makes of the rule
 * catalogue and the bundled scenarios' `rules:`; every rule id of docs/protocol.md is in the
 * catalogue; and every contract rule and clause has a scenario, except the known gaps below.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_CATALOGUE, coverableRuleRefs } from '../../src/harness/index.js';
import { collectCoverage, renderRuleMap, uncoveredRefs } from '../../scripts/rule-map.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The rules and clauses still without a scenario: a ratchet. An id may leave this list (when
 * a scenario declares it) but never join it. Issue 12 is done when the list is empty.
 */
const KNOWN_UNCOVERED: readonly string[] = [];

/** The rule ids of docs/protocol.md's headings (`#### R2.5 …`, `### §5.3 …`); §2.1a … §2.1d are clauses of §2.1. */
function protocolHeadingIds(): string[] {
  const text = readFileSync(path.join(ROOT, 'docs/protocol.md'), 'utf8');
  return [...text.matchAll(/^#{2,4} (R\d+\.\d+|§\d+\.\d+) /gm)].map((m) => m[1]!);
}

describe('the rule catalogue', () => {
  it('has every rule id of docs/protocol.md, in the order of the page, and nothing else', () => {
    expect(RULE_CATALOGUE.map((r) => r.id)).toEqual(protocolHeadingIds());
  });

  it('gives each clause a unique lower-case slug and each informational rule a reason and no clauses', () => {
    for (const r of RULE_CATALOGUE) {
      // the texts go into table cells of docs/rule-map.md: no cell break, no HTML tag
      for (const text of [r.title, r.informational ?? '', ...r.clauses.map((c) => c.title)])
        expect(text, r.id).not.toMatch(/[|<>]/);
      const slugs = r.clauses.map((c) => c.slug);
      expect(new Set(slugs).size, r.id).toBe(slugs.length);
      for (const s of slugs) expect(s, r.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      if (r.informational !== undefined) {
        expect(r.informational.length, r.id).toBeGreaterThan(10);
        expect(r.clauses, r.id).toEqual([]);
      }
    }
  });
});

describe('docs/rule-map.md', () => {
  it('is what npm run docs:rules makes of the catalogue and the scenarios', () => {
    const committed = readFileSync(path.join(ROOT, 'docs/rule-map.md'), 'utf8');
    expect(committed, 'docs/rule-map.md is stale: run npm run docs:rules').toBe(renderRuleMap());
  });

  it('has a row for every rule and clause of the catalogue', () => {
    const page = renderRuleMap();
    for (const r of RULE_CATALOGUE) expect(page, r.id).toContain(`| ${r.id} | ${r.title} |`);
    for (const ref of coverableRuleRefs()) expect(page, ref).toContain(`| ${ref} |`);
  });
});

describe('the bundled scenarios', () => {
  const coverage = collectCoverage();

  it('declare only contract rules and clauses of the catalogue', () => {
    const known = new Set(coverableRuleRefs());
    expect([...coverage.keys()].filter((ref) => !known.has(ref))).toEqual([]);
  });

  it('check every contract rule and clause, apart from the known gaps (issue 12 must empty that list)', () => {
    const known = new Set(KNOWN_UNCOVERED);
    const newGaps = uncoveredRefs(coverage).filter((ref) => !known.has(ref));
    expect(newGaps, "rules or clauses with no scenario: declare them in a scenario's rules:").toEqual([]);
  });

  it('leave no known gap on the list once a scenario covers it (the list only shrinks)', () => {
    const covered = KNOWN_UNCOVERED.filter((ref) => (coverage.get(ref) ?? []).length > 0);
    expect(covered, 'now covered: remove them from KNOWN_UNCOVERED').toEqual([]);
  });

  it('list only ids of the catalogue as known gaps', () => {
    const refs = new Set(coverableRuleRefs());
    expect(KNOWN_UNCOVERED.filter((ref) => !refs.has(ref))).toEqual([]);
  });
});
