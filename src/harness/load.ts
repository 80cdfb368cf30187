import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, isAlias, isNode, parseDocument, visit } from 'yaml';
import type { Document } from 'yaml';
import { RtSimError } from '../protocol/index.js';
import type { DocPath, PathIssue, ScenarioIssue } from './issue.js';
import { formatIssue } from './issue.js';
import { preflightFiles } from './preflight.js';
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
      `${issues.length} problem${issues.length === 1 ? '' : 's'} in ` +
        `${first?.file ?? 'scenario'}:\n${issues.map(formatIssue).join('\n')}`,
      { file: first?.file, line: first?.line },
    );
    this.issues = issues;
  }
}

/** Parses and validates scenario text; `file` is only used in messages and to resolve fixtures. */
export function parseScenario(text: string, file: string, validators?: BlockValidators): Scenario {
  return parseWithDocument(text, file, validators).scenario;
}

/**
 * Aliases a document may expand: a "billion laughs" file (aliases of aliases) would
 * otherwise take memory and time without bound; real scenarios use a handful.
 */
const MAX_ALIAS_COUNT = 100;

interface Parsed {
  scenario: Scenario;
  raw: unknown;
  doc: Document;
  lineCounter: LineCounter;
  displayFile: string;
}

function parseWithDocument(text: string, file: string, validators?: BlockValidators): Parsed {
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
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // The yaml package throws a ReferenceError for an alias bomb or an alias without an anchor.
    const message = (e as Error).message;
    const pos = aliasPosition(doc, lineCounter, message);
    throw new ScenarioError([
      {
        file: displayFile,
        line: pos?.line ?? 1,
        col: pos?.col ?? 1,
        path: [],
        message: /Excessive alias count/.test(message)
          ? `the YAML aliases expand too far (more than ${MAX_ALIAS_COUNT} alias uses)`
          : `not valid YAML: ${message.split('\n')[0]}`,
        hint: /Excessive alias count/.test(message)
          ? 'write the values out, or use fewer aliases (* references to & anchors)'
          : 'set an anchor (&name) before its alias (*name)',
      },
    ]);
  }
  const { scenario, issues } = validateScenario(
    value,
    { file: path.resolve(file), baseDir: path.dirname(path.resolve(file)) },
    validators,
  );
  if (issues.length > 0 || !scenario) {
    throw new ScenarioError(issues.map((i) => locate(doc, lineCounter, displayFile, i)));
  }
  return { scenario, raw: value, doc, lineCounter, displayFile };
}

/** Where the alias named in the yaml package's message is (else the first alias), for the message's line. */
function aliasPosition(doc: Document, lines: LineCounter, message: string): { line: number; col: number } | undefined {
  const name = /: (\S+)$/.exec(message)?.[1];
  let found: { line: number; col: number } | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (
        !isAlias(node) ||
        !node.range ||
        (name !== undefined && /Unresolved alias/.test(message) && node.source !== name)
      )
        return undefined;
      found = lines.linePos(node.range[0]);
      return visit.BREAK;
    },
  });
  return found;
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
        message:
          code === 'ENOENT'
            ? 'no such file'
            : code === 'EISDIR'
              ? 'is a folder, expected a .yaml file'
              : `cannot be read (${code ?? String(e)})`,
        hint: 'give the path of a scenario .yaml file, or a folder that holds some',
      },
    ]);
  }
  const parsed = parseWithDocument(text, file, validators);
  // `validate` and `run` both come here: files a run would fail to load fail now.
  const issues = await preflightFiles(parsed.scenario, parsed.raw);
  if (issues.length > 0)
    throw new ScenarioError(issues.map((i) => locate(parsed.doc, parsed.lineCounter, parsed.displayFile, i)));
  return parsed.scenario;
}

/** Finds the line of the deepest node on `issue.path` that exists in the document. */
function locate(doc: Document, lines: LineCounter, file: string, issue: PathIssue): ScenarioIssue {
  let at: DocPath = issue.path;
  for (;;) {
    const node = at.length === 0 ? doc.contents : doc.getIn(at, true);
    if (isNode(node) && node.range) {
      const pos = lines.linePos(node.range[0]);
      // An unknown key points at the key itself; anything else at the offending value.
      const keyPos =
        at.length > 0 && at === issue.path && issue.message.startsWith('unknown key')
          ? keyPosition(doc, lines, at)
          : undefined;
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
  if (typeof parent !== 'object' || parent === null || typeof last !== 'string' || !('items' in parent))
    return undefined;
  const items = (parent as { items: unknown[] }).items;
  for (const pair of items) {
    const key = (pair as { key?: unknown }).key;
    if (isNode(key) && (key as { value?: unknown }).value === last && key.range) return lines.linePos(key.range[0]);
  }
  return undefined;
}
