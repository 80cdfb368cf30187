/**
 * Issue 10: docs/api.md names every export of every package entry, types included, in that
 * entry's section (the root's section leaves out what rt-sim/client lists), and nothing
 * that is no longer exported. `npx tsx scripts/api-doc.ts` rewrites the page.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readEntries } from '../../scripts/api-entries.js';
import type { ExportInfo } from '../../scripts/api-entries.js';

const DOC = readFileSync(path.resolve(import.meta.dirname, '../../docs/api.md'), 'utf8');

/** The names listed (`- \`name\``) under each `## \`entry\`` heading of api.md. */
function documented(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  let current: Set<string> | undefined;
  for (const line of DOC.split('\n')) {
    const heading = /^## `([^`]+)`/.exec(line);
    if (heading) {
      current = new Set();
      out.set(heading[1]!, current);
    }
    const item = /^- `([^`]+)`/.exec(line);
    if (item && current) current.add(item[1]!);
  }
  return out;
}

let entries: Map<string, ExportInfo[]>;
beforeAll(() => {
  entries = readEntries();
}, 60_000);

describe('docs/api.md', () => {
  it('has a section for every entry of package.json exports', () => {
    expect([...documented().keys()].sort()).toEqual([...entries.keys()].sort());
  });

  it('lists every export of every entry in its section', () => {
    const doc = documented();
    const client = doc.get('rt-sim/client') ?? new Set();
    const missing: string[] = [];
    for (const [entry, exports] of entries) {
      for (const { name } of exports) {
        const listed = doc.get(entry)?.has(name) || (entry === 'rt-sim' && client.has(name));
        if (!listed) missing.push(`${entry}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('lists nothing an entry does not export', () => {
    const stale: string[] = [];
    for (const [entry, names] of documented()) {
      const exported = new Set((entries.get(entry) ?? []).map((e) => e.name));
      for (const name of names) if (!exported.has(name)) stale.push(`${entry}: ${name}`);
    }
    expect(stale).toEqual([]);
  });
});
