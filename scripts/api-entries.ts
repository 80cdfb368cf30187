/**
 * The package's entries and the names each exports, types included, read with the
 * TypeScript checker from the sources the build compiles them from. Used by
 * scripts/api-doc.ts (writes docs/api.md) and test/architecture/api-doc.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(import.meta.dirname, '..');

/** One exported name: what it is and the first sentence of its TSDoc. */
export interface ExportInfo {
  name: string;
  kind: string;
  summary: string;
}

function kindOf(decl: ts.Declaration | undefined): string {
  if (!decl) return 'value';
  if (ts.isClassDeclaration(decl)) return 'class';
  if (ts.isFunctionDeclaration(decl)) return 'function';
  if (ts.isInterfaceDeclaration(decl)) return 'interface';
  if (ts.isTypeAliasDeclaration(decl)) return 'type';
  if (ts.isVariableDeclaration(decl)) return 'const';
  return 'value';
}

/** First sentence of a TSDoc comment, on one line; "reference §N" becomes "§N" (docs/protocol.md). */
function summaryOf(doc: string): string {
  const flat = doc
    .replace(/\{@link\s+([^}\s]+)\s*\}/g, '`$1`')
    .replace(/\s+/g, ' ')
    .trim();
  const first = /^(.+?[.:])(\s|$)/.exec(flat)?.[1] ?? flat;
  return first.replace(/:$/, '.').replace(/\breference §/g, '§');
}

/** A type-checking program over source files (absolute paths), as the package's build sees them. */
export function sourceProgram(files: string[]): ts.Program {
  return ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  });
}

/** Every entry of package.json `exports` (`rt-sim`, `rt-sim/client`, …) with its exports, sorted. */
export function readEntries(): Map<string, ExportInfo[]> {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    exports: Record<string, { import: string }>;
  };
  const files = new Map<string, string>();
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    files.set(
      `rt-sim${subpath.slice(1)}`,
      path.join(ROOT, target.import.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts')),
    );
  }
  const program = sourceProgram([...files.values()]);
  const checker = program.getTypeChecker();
  const out = new Map<string, ExportInfo[]>();
  for (const [entry, file] of files) {
    const source = program.getSourceFile(file);
    const module = source && checker.getSymbolAtLocation(source);
    const symbols = module ? checker.getExportsOfModule(module) : [];
    out.set(
      entry,
      symbols
        .map((s) => {
          const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
          return {
            name: s.name,
            kind: kindOf(target.declarations?.[0]),
            summary: summaryOf(ts.displayPartsToString(target.getDocumentationComment(checker))),
          };
        })
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
  }
  return out;
}
