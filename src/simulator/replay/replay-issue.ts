/**
 * What a replay reports: client frames the recording did not expect, and recorded frames
 * that were never used. The harness turns each into a failure of kind `replay`.
 */

/** One field where a live client frame differs from a recorded one. `undefined` means absent. */
export interface FieldDifference {
  /** Path in the frame, e.g. `session.instructions` or `item.content[0].text`. */
  path: string;
  expected: unknown;
  got: unknown;
}

/** The recorded client frame closest to an unexpected live one, and how they differ. */
export interface NearMiss {
  /** Its line in the transcript. */
  line: number;
  /** Its type. */
  type: string;
  /** Empty when the frame matches but comes later in the recording (a skip or a reorder). */
  fields: FieldDifference[];
}

/** One problem a replay found. */
export interface ReplayIssue {
  /**
   * `unexpected`: a live client frame (or connection) the recording does not have at that
   * point. `unused`: recorded frames that were never matched or never sent.
   */
  kind: 'unexpected' | 'unused';
  /** The transcript, as the scenario names it resolved from the working directory. */
  file: string;
  /** Live connection number; null for a recorded connection the client never opened. */
  connection: number | null;
  /** The recorded connection played on it. */
  recordedConnection: number;
  /** 1-based number of the live client frame on its connection (`unexpected` only). */
  liveIndex: number | null;
  /** The transcript line concerned: the frame that was expected next, or the first unused one. */
  transcriptLine: number | null;
  /** Last line of a run of unused frames reported together. */
  lastLine?: number;
  /** Type of the frame concerned: the live frame's for `unexpected`, the recorded one's for `unused`. */
  frame: string;
  message: string;
  nearMiss?: NearMiss;
}

/** `file:line: message`, the form the harness and the CLI print. */
export function formatReplayIssue(issue: ReplayIssue): string {
  const where = issue.transcriptLine === null ? issue.file : `${issue.file}:${issue.transcriptLine}`;
  return `${where}: ${issue.message}`;
}

/** One difference as a short phrase: `session.instructions: expected "a", got "b"`. */
export function formatDifference(d: FieldDifference): string {
  return `${d.path}: expected ${show(d.expected)}, got ${show(d.got)}`;
}

function show(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
