/** A path into a scenario document, as YAML keys and sequence indexes. */
export type DocPath = (string | number)[];

/** One problem found in a scenario, before it is tied to a file position. */
export interface PathIssue {
  path: DocPath;
  message: string;
  hint?: string;
}

/** One problem found in a scenario file, with where it is and how to fix it. */
export interface ScenarioIssue extends PathIssue {
  file: string;
  line: number;
  col: number;
}

/** Renders a path the way a reader would write it: `steps[2].args.instructions`. */
export function formatPath(path: DocPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out === '' ? '(top level)' : out;
}

/** `file:line:col: path: message (hint: …)`, the form editors and terminals link. */
export function formatIssue(issue: ScenarioIssue): string {
  const hint = issue.hint ? `\n  hint: ${issue.hint}` : '';
  return `${issue.file}:${issue.line}:${issue.col}: ${formatPath(issue.path)}: ${issue.message}${hint}`;
}
