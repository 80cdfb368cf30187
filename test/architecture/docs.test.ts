import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_DOC, renderCliDocs } from '../../scripts/docs-cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const THIS_FILE = path.relative(ROOT, import.meta.filename);

/** Every file under `dir` (relative to the root), recursively. */
function filesUnder(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

/** The Markdown pages a user reads: docs/, the README and CONTRIBUTING.md. */
const PAGES = [...filesUnder('docs').filter((f) => f.endsWith('.md')), 'README.md', 'CONTRIBUTING.md'];

/** Lines of `text` outside fenced code blocks, with inline code spans blanked. */
function proseLines(text: string): string[] {
  const lines: string[] = [];
  let fence: string | null = null;
  for (const line of text.split('\n')) {
    const m = /^\s*(```+|~~~+)/.exec(line);
    if (m?.[1] !== undefined) {
      if (fence === null) fence = m[1];
      else if (m[1].startsWith(fence)) fence = null;
      lines.push('');
      continue;
    }
    lines.push(fence === null ? line.replace(/`[^`]*`/g, (s) => ' '.repeat(s.length)) : '');
  }
  return lines;
}

/** GitHub's anchor for a heading: rendered text, lower case, punctuation dropped, spaces to `-`. */
function githubSlug(heading: string): string {
  const text = heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`/g, '')
    .replace(/\*\*|__/g, '');
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a Markdown file offers: heading slugs (numbered when repeated) and `<a id/name>`. */
function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fence = false;
  for (const line of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (fence) continue;
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (h?.[1] !== undefined) {
      const base = githubSlug(h[1]);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      anchors.add(n === 0 ? base : `${base}-${n}`);
    }
    for (const a of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) if (a[1] !== undefined) anchors.add(a[1]);
  }
  return anchors;
}

/** The ids docs/protocol.md defines: each heading that starts with one (`§5.16 …`, `R2.3 …`). */
function protocolIds(): Set<string> {
  const ids = new Set<string>();
  for (const line of read('docs/protocol.md').split('\n')) {
    const m = /^#{2,6}\s+(§\d+(?:\.\d+)?[a-z]?|R\d+\.\d+)\s/.exec(line);
    if (m?.[1] !== undefined) ids.add(m[1]);
  }
  return ids;
}

/** Rule ids cited in `text`, except section numbers of other documents ("RFC 6455 §7.4"). */
function citedIds(text: string): string[] {
  const ids: string[] = [];
  for (const m of text.matchAll(/\bR\d+\.\d+\b|§\d+(?:\.\d+)?[a-z]?(?![\w.]*\d)/g)) {
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    if (/RFC\s*\d+\s*$/.test(before)) continue;
    ids.push(m[0]);
  }
  return ids;
}

describe('docs that stand on their own', () => {
  it('no file of docs/, src/, test/, scripts/, the README or package.json points to ../shared or the notes', () => {
    const files = [
      ...filesUnder('docs'),
      ...filesUnder('src'),
      ...filesUnder('test'),
      ...filesUnder('scripts'),
      'README.md',
      'CONTRIBUTING.md',
      'package.json',
    ].filter((f) => f !== THIS_FILE);
    const offenders = files.flatMap((file) =>
      read(file)
        .split('\n')
        .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
        .filter(({ line }) => /\.\.\/shared|shared\/reference|reference\/protocol\.md|\bdesign\.md\b/.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });

  it('docs/protocol.md defines every section and rule id that src/, test/, docs/ and the README cite', () => {
    const defined = protocolIds();
    const files = [...filesUnder('src'), ...filesUnder('test'), ...PAGES].filter(
      (f) => /\.(ts|md)$/.test(f) && f !== THIS_FILE,
    );
    const missing = files.flatMap((file) =>
      [...new Set(citedIds(read(file)))].filter((id) => !defined.has(id)).map((id) => `${file}: ${id}`),
    );
    expect(missing).toEqual([]);
    // The ids the citations rest on, so a renumbering cannot pass by deleting them all.
    for (const id of ['§1.9', '§2.1a', '§5.16', '§5.17', '§6.1', '§8.13', 'R1.1', 'R2.9', 'R6.5'])
      expect(defined).toContain(id);
  });

  it('cites nothing of its own that it does not define, and names every rule of §5 as a heading', () => {
    const defined = protocolIds();
    const text = read('docs/protocol.md');
    expect([...new Set(citedIds(text))].filter((id) => !defined.has(id))).toEqual([]);
    const rules = ['R1.', 'R2.', 'R6.'].flatMap((p, k) =>
      Array.from({ length: [7, 9, 5][k] ?? 0 }, (_, i) => `${p}${i + 1}`),
    );
    expect(rules.filter((id) => !defined.has(id))).toEqual([]);
  });

  it('every relative link of docs/ and the README reaches a file of the repo, and its anchor when it names one', () => {
    const broken: string[] = [];
    for (const page of PAGES) {
      proseLines(read(page)).forEach((line, i) => {
        for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
          const target = m[1] ?? '';
          if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
          const [file = '', anchor] = target.split('#');
          const resolved =
            file === '' ? path.join(ROOT, page) : path.resolve(ROOT, path.dirname(page), decodeURIComponent(file));
          const where = `${page}:${i + 1}: ${target}`;
          if (path.relative(ROOT, resolved).startsWith('..')) broken.push(`${where} (outside the repository)`);
          else if (!existsSync(resolved)) broken.push(`${where} (no such file)`);
          else if (
            anchor !== undefined &&
            resolved.endsWith('.md') &&
            statSync(resolved).isFile() &&
            !anchorsOf(readFileSync(resolved, 'utf8')).has(anchor)
          )
            broken.push(`${where} (no such heading)`);
        }
      });
    }
    expect(broken).toEqual([]);
  });

  it('computes anchors as GitHub does', () => {
    expect(githubSlug('§2 Client → server event catalogue')).toBe('2-client--server-event-catalogue');
    expect(githubSlug('### `xaiQuirks`'.replace(/^#+ /, ''))).toBe('xaiquirks');
    expect(githubSlug("Where nothing is known: rt-sim's assumptions")).toBe(
      'where-nothing-is-known-rt-sims-assumptions',
    );
    expect(githubSlug('R6.4 `commit_audio()`')).toBe('r64-commit_audio');
    expect([...anchorsOf('# A\n## A\n```\n# not a heading\n```\n<a id="x"></a>')]).toEqual(['a', 'a-1', 'x']);
  });

  it('docs/cli.md is the help the CLI prints now', { timeout: 90_000 }, async () => {
    // The sources, not dist/, so a stale build cannot hide a changed flag; same `main`.
    const fromSources = [process.execPath, '--import', 'tsx', path.join(ROOT, 'scripts', 'dev-cli.ts')];
    const expected = await renderCliDocs(fromSources);
    const actual = existsSync(CLI_DOC) ? readFileSync(CLI_DOC, 'utf8') : '';
    expect(actual, "docs/cli.md differs from the CLI's --help: run `npm run docs:cli` and commit docs/cli.md").toBe(
      expected,
    );
    expect(expected).toMatch(/## `rt-sim run`/);
  });
});
