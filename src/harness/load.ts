import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, isNode, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { RtSimError } from '../protocol/index.js';
import type { DocPath, PathIssue, ScenarioIssue } from './issue.js';
import { formatIssue } from './issue.js';
import type { Scenario } from './scenario.js';
import { validateScenario } from './validate.js';
import type { BlockValidators } from './validate.js';

/** Thrown when a scenario cannot be used; `issues` holds every problem with file:line. */
export class ScenarioError extends RtSimError {
  readonly issues: ScenarioIssue[];

  constructor(issues: ScenarioIssue[]) {
    const first = issues[0];
    super(
      'RTSIM_SCENARIO_INVALID',
      `${issues.length} problem${issues.length === 1 ? '' : 's'} in ${first?.file ?? 'scenario'}:\n${issues.map(formatIssue).join('\n')}`,
      { file: first?.file, line: first?.line },
    );
    this.issues = issues;
  }
}

/** Parses and validates scenario text; `file` is only used in messages and to resolve fixtures. */
export function parseScenario(text: string, file: string, validators?: BlockValidators): Scenario {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const displayFile = path.relative(process.cwd(), file) || file;
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return {
          file: displayFile,
          line: pos.line,
          col: pos.col,
          path: [],
          message: `not valid YAML: ${e.message.split('\n')[0]}`,
          hint: 'check indentation and that every [ and { is closed',
        };
      }),
    );
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  const { scenario, issues } = validateScenario(value, { file: path.resolve(file), baseDir: path.dirname(path.resolve(file)) }, validators);
  if (issues.length > 0 || !scenario) {
    throw new ScenarioError(issues.map((i) => locate(doc, lineCounter, displayFile, i)));
  }
  return scenario;
}

/** Reads and validates one scenario file. A missing file is a ScenarioError too. */
export async function loadScenario(file: string, validators?: BlockValidators): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ScenarioError([
      {
        file,
        line: 0,
        col: 0,
        path: [],
        message: code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, expected a .yaml file' : `cannot be read (${code ?? String(e)})`,
        hint: 'give the path of a scenario .yaml file, or a folder that holds some',
      },
    ]);
  }
  return parseScenario(text, file, validators);
}

/** Finds the line of the deepest node on `issue.path` that exists in the document. */
function locate(doc: Document, lines: LineCounter, file: string, issue: PathIssue): ScenarioIssue {
  let at: DocPath = issue.path;
  for (;;) {
    const node = at.length === 0 ? doc.contents : doc.getIn(at, true);
    if (isNode(node) && node.range) {
      const pos = lines.linePos(node.range[0]);
      // An unknown key points at the key itself; anything else at the offending value.
      const keyPos = at.length > 0 && at === issue.path && issue.message.startsWith('unknown key') ? keyPosition(doc, lines, at) : undefined;
      const p = keyPos ?? pos;
      return { ...issue, file, line: p.line, col: p.col };
    }
    if (at.length === 0) return { ...issue, file, line: 1, col: 1 };
    at = at.slice(0, -1);
  }
}

function keyPosition(doc: Document, lines: LineCounter, at: DocPath): { line: number; col: number } | undefined {
  const parent = at.length === 1 ? doc.contents : doc.getIn(at.slice(0, -1), true);
  const last = at[at.length - 1];
  if (typeof parent !== 'object' || parent === null || typeof last !== 'string' || !('items' in parent)) return undefined;
  const items = (parent as { items: unknown[] }).items;
  for (const pair of items) {
    const key = (pair as { key?: unknown }).key;
    if (isNode(key) && (key as { value?: unknown }).value === last && key.range) return lines.linePos(key.range[0]);
  }
  return undefined;
}
