/**
 * Issue 13: the public API of each package entry is what docs/api.md lists; what other
 * folders of rt-sim use besides lives in internal barrels (`src/<folder>/internal.ts`, and
 * `src/protocol/index.ts` beside the entry `public.ts`), which no entry reaches. The layer rules
 * (.dependency-cruiser.cjs) forbid an entry to import an internal barrel; this test checks the
 * declarations themselves, types included, so that an internal reached some other way fails too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { sourceProgram } from '../../scripts/api-entries.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PKG = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, { import: string }>;
};

/** The source file of each package entry, relative to the root (`src/client/index.ts`). */
const ENTRY_SOURCES = Object.fromEntries(
  Object.entries(PKG.exports).map(([subpath, t]) => [
    subpath,
    t.import.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'),
  ]),
);

/** Each internal barrel with the public entry of its folder. */
const BARRELS: { internal: string; entry: string }[] = [
  ...readdirSync(path.join(ROOT, 'src'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      const internal = `src/${d.name}/internal.ts`;
      return readdirSync(path.join(ROOT, 'src', d.name)).includes('internal.ts')
        ? [{ internal, entry: `src/${d.name}/index.ts` }]
        : [];
    }),
  { internal: 'src/protocol/index.ts', entry: 'src/protocol/public.ts' },
];

/** The declarations each module exports, by exported name, aliases followed to what they name. */
let exportsOf: (file: string) => Map<string, ts.Declaration[]>;
/**
 * What an internal barrel adds to its public entry: the names of its own export statements,
 * every statement but the `export *` of the entry itself.
 */
let additionsOf: (barrel: { internal: string; entry: string }) => Map<string, ts.Declaration[]>;

beforeAll(() => {
  const files = [...new Set([...Object.values(ENTRY_SOURCES), ...BARRELS.flatMap((b) => [b.internal, b.entry])])];
  const program = sourceProgram(files.map((f) => path.join(ROOT, f)));
  const checker = program.getTypeChecker();
  exportsOf = (file) => {
    const source = program.getSourceFile(path.join(ROOT, file));
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`${file} is not a module`);
    return new Map(
      checker.getExportsOfModule(module).map((s) => {
        const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
        return [s.name, target.declarations ?? []];
      }),
    );
  };
  additionsOf = ({ internal, entry }) => {
    const source = program.getSourceFile(path.join(ROOT, internal))!;
    const all = exportsOf(internal);
    const entrySpecifier = `./${path.basename(entry).replace(/\.ts$/, '.js')}`;
    const names = source.statements.flatMap((st) => {
      if (!ts.isExportDeclaration(st) || !st.moduleSpecifier || !ts.isStringLiteral(st.moduleSpecifier)) return [];
      const from = st.moduleSpecifier.text;
      if (from === entrySpecifier) return [];
      if (st.exportClause && ts.isNamedExports(st.exportClause))
        return st.exportClause.elements.map((e) => e.name.text);
      return [...exportsOf(path.join(path.dirname(internal), from.replace(/\.js$/, '.ts')))].map(([name]) => name);
    });
    return new Map(names.map((n) => [n, all.get(n) ?? []]));
  };
}, 60_000);

describe('internal barrels', () => {
  it('are found: the client, the simulator and the protocol have one', () => {
    expect(BARRELS.map((b) => b.internal).sort()).toEqual(
      expect.arrayContaining(['src/client/internal.ts', 'src/protocol/index.ts', 'src/simulator/internal.ts']),
    );
  });

  it('are no package export', () => {
    const internals = new Set(BARRELS.map((b) => b.internal));
    expect(Object.values(ENTRY_SOURCES).filter((f) => internals.has(f))).toEqual([]);
  });

  it("export their folder's whole public API, the same declarations", () => {
    for (const { internal, entry } of BARRELS) {
      const inner = exportsOf(internal);
      const missing = [...exportsOf(entry)].filter(([name, decls]) => inner.get(name)?.[0] !== decls[0]);
      expect(
        missing.map(([name]) => name),
        `${internal} lacks exports of ${entry}`,
      ).toEqual([]);
    }
  });

  it('add something to the public entry, or they would have no reason to be', () => {
    for (const barrel of BARRELS) expect(additionsOf(barrel).size, barrel.internal).toBeGreaterThan(0);
    expect([...additionsOf(BARRELS.find((b) => b.internal === 'src/client/internal.ts')!).keys()]).toContain(
      'validateClientOptions',
    );
  });

  it('no package entry exports a declaration an internal barrel adds, types included', () => {
    const internalOnly = new Map<ts.Declaration, string>();
    for (const barrel of BARRELS)
      for (const [name, decls] of additionsOf(barrel))
        for (const d of decls) internalOnly.set(d, `${name} (${barrel.internal})`);
    expect(internalOnly.size).toBeGreaterThan(10);
    const leaks: string[] = [];
    for (const [subpath, file] of Object.entries(ENTRY_SOURCES))
      for (const decls of exportsOf(file).values())
        for (const d of decls) if (internalOnly.has(d)) leaks.push(`${subpath} exports ${internalOnly.get(d)}`);
    expect(leaks).toEqual([]);
  });

  it('the layer rules know every package entry, so none may import an internal barrel', () => {
    const config = readFileSync(path.join(ROOT, '.dependency-cruiser.cjs'), 'utf8');
    const listed = /const PUBLIC_ENTRIES = \[([\s\S]*?)\];/.exec(config)?.[1] ?? '';
    const patterns = [...listed.matchAll(/'([^']+)'/g)].map((m) => new RegExp(m[1]!.replace(/\\\\/g, '\\')));
    expect(patterns.length).toBe(Object.keys(ENTRY_SOURCES).length);
    for (const [subpath, file] of Object.entries(ENTRY_SOURCES))
      expect(
        patterns.some((p) => p.test(file)),
        `${subpath} (${file})`,
      ).toBe(true);
  });
});
