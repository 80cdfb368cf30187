import type { CompareDifference, EventPlace, TranscriptComparison } from './compare.js';
import type { TranscriptHeader } from './header.js';

/** A side of a comparison as the report names it: its file and header. */
export interface ComparedFile {
  file: string;
  header: TranscriptHeader;
}

/** The comparison as readable text, one difference a line, ending with a verdict line. */
export function formatComparison(result: TranscriptComparison, a: ComparedFile, b: ComparedFile): string {
  const lines = [`A: ${a.file} (${origin(a.header)})`, `B: ${b.file} (${origin(b.header)})`];
  let conn = 0;
  for (const diff of result.differences) {
    if (diff.conn !== conn) {
      conn = diff.conn;
      lines.push(`connection ${conn}`);
    }
    lines.push(`  ${describe(diff, result.toleranceMs)}`);
  }
  for (const s of result.streams) {
    lines.push(
      `conn ${s.conn} ${s.dir}: ${s.aligned} aligned, ${s.missing} ` +
        `missing from B, ${s.extra} extra in B, ${s.reordered} reordered`,
    );
  }
  const n = result.differences.length;
  lines.push(
    n === 0
      ? `same: no difference in event order, shape or timing (tolerance ${result.toleranceMs} ms)`
      : `${n} difference(s) (timing tolerance ${result.toleranceMs} ms)`,
  );
  return `${lines.join('\n')}\n`;
}

/** The comparison as JSON: both files with their origin, the counts and every difference. */
export function formatComparisonJson(result: TranscriptComparison, a: ComparedFile, b: ComparedFile): string {
  const side = (f: ComparedFile): Record<string, unknown> => ({
    file: f.file,
    source: f.header.source ?? null,
    date: f.header.date ?? null,
    client: f.header.client ?? null,
    model: f.header.model ?? null,
  });
  return `${JSON.stringify({ a: side(a), b: side(b), ...result }, null, 2)}\n`;
}

function origin(header: TranscriptHeader): string {
  if (header.source === undefined) return 'origin unknown';
  return `${header.source}, ${header.date ?? '?'}, client ${header.client ?? '?'}, model ${header.model ?? '?'}`;
}

function at(place: EventPlace | undefined): string {
  if (place === undefined) return '';
  return `#${place.index + 1}${place.line === undefined ? '' : ` line ${place.line}`} t=${place.t}`;
}

function describe(diff: CompareDifference, toleranceMs: number): string {
  switch (diff.kind) {
    case 'connection':
      return `connection: only ${diff.only.toUpperCase()} has connection ${diff.conn}`;
    case 'close':
      return `close: A ${diff.a}, B ${diff.b}`;
    case 'missing':
      return `order  ${diff.dir} ${diff.type}: missing from B (A ${at(diff.a)})`;
    case 'extra':
      return `order  ${diff.dir} ${diff.type}: extra in B (B ${at(diff.b)})`;
    case 'reordered':
      return `order  ${diff.dir} ${diff.type}: reordered (A ${at(diff.a)}, B ${at(diff.b)})`;
    case 'shape':
      return (
        `shape  ${diff.dir} ${diff.type} ${diff.path}: A ${kinds(diff.aKinds)}, ` +
        `B ${kinds(diff.bKinds)} (A ${at(diff.a)}, B ${at(diff.b)})`
      );
    case 'timing':
      return (
        `timing ${diff.dir} ${diff.type}: B ${diff.deltaMs > 0 ? '+' : ''}${diff.deltaMs} ms, beyond ` +
        `±${toleranceMs} ms (A ${at(diff.a)}, B ${at(diff.b)})`
      );
  }
}

function kinds(list: string[]): string {
  return list.length === 0 ? 'absent' : list.join(' or ');
}
