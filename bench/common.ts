/**
 * Shared pieces of `npm run bench`: targets, tables and small statistics.
 *
 * Bench code measures real time (performance.now, process.memoryUsage): it lives outside
 * src/, where the clock rule (only src/clock reads time) applies, and it never runs in tests.
 */

/** One pass/fail target: `figure` compared with `threshold`. */
export interface Target {
  /** What is measured, e.g. "scenario suite speed-up". */
  name: string;
  figure: number;
  threshold: number;
  /** `min`: the figure must be at least the threshold; `max`: strictly under it; `atMost`: at most it. */
  kind: 'min' | 'max' | 'atMost';
  unit: string;
  pass: boolean;
  /** Decimals when printed. */
  digits: number;
  /** A figure printed beside this one for comparison, not a target (e.g. the one-worker run). */
  beside?: { label: string; figure: number; unit?: string };
}

/** NaN (a figure that could not be measured) never passes. */
export function atLeast(name: string, figure: number, threshold: number, unit: string, digits = 1): Target {
  return { name, figure, threshold, kind: 'min', unit, pass: figure >= threshold, digits };
}

export function under(name: string, figure: number, threshold: number, unit: string, digits = 1): Target {
  return { name, figure, threshold, kind: 'max', unit, pass: figure < threshold, digits };
}

/** A ceiling the figure may reach (issue 14's P4 says "≤ 3×"). NaN never passes. */
export function atMost(name: string, figure: number, threshold: number, unit: string, digits = 1): Target {
  return { name, figure, threshold, kind: 'atMost', unit, pass: figure <= threshold, digits };
}

export function describeTarget(t: Target): string {
  const rel = t.kind === 'min' ? '>=' : t.kind === 'atMost' ? '<=' : '<';
  const beside = t.beside ? `; ${t.beside.label}: ${t.beside.figure.toFixed(t.digits)} ${t.beside.unit ?? t.unit}` : '';
  return `${t.name}: ${t.figure.toFixed(t.digits)} ${t.unit} (target ${rel} ${t.threshold} ${t.unit}${beside})`;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const MB = 1024 * 1024;

export const mb = (bytes: number): string => (bytes / MB).toFixed(1);

/** A Markdown-style table, columns padded; numbers are right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = header.map(
    (_, i) => rows.length > 0 && rows.every((r) => /^[-+]?[\d.,]+( ?[a-zA-Z%]+)?$|^-$/.test(r[i] ?? '')),
  );
  const cell = (text: string, i: number): string => (numeric[i] ? text.padStart(widths[i]!) : text.padEnd(widths[i]!));
  const line = (cells: readonly string[]): string => `| ${header.map((_, i) => cell(cells[i] ?? '', i)).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

/** Forces a full collection; the bench runs node with --expose-gc (see package.json). */
export function forceGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('global.gc is missing: run node with --expose-gc (npm run bench does)');
  gc();
  gc();
}

/** PCM16 pieces joined into one array. */
export function concat(parts: readonly Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The `p`th percentile (0–100, nearest rank) of `xs`; NaN when empty. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
