/**
 * Frame hot path: every frame of the committed golden transcripts (golden/*.json), audio put
 * back as base64 of its recorded size, parsed and validated as the simulator (client frames)
 * and the recorder (server frames) do, with `parseClientEvent` / `parseServerEvent`.
 *
 * The figure is a ratio against `JSON.parse` alone over the same texts in the same run
 * (rounds interleaved, medians), so it compares across machines and runs; the absolute
 * microseconds per frame are printed too. There is no target: the figure is compared before
 * and after a change to the protocol checks (issue 13: "the frame hot path must not get slower").
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseClientEvent, parseServerEvent } from '../dist/protocol/index.js';
import { median, table } from './common.js';
import type { Target } from './common.js';

/** One group of frames: a direction, audio or not, valid or refused. */
export interface FrameGroupResult {
  group: string;
  frames: number;
  /** Mean UTF-16 length of a frame's text. */
  meanChars: number;
  jsonUsPerFrame: number;
  parseUsPerFrame: number;
  /** Median over rounds of parse+validate time over JSON.parse time (1 = validation costs nothing). */
  ratio: number;
}

export interface ParseFramesResult {
  rounds: number;
  groups: FrameGroupResult[];
  targets: Target[];
}

type Direction = 'client' | 'server';
const AUDIO_TYPES = new Set(['input_audio_buffer.append', 'response.output_audio.delta', 'response.audio.delta']);

/** A deterministic base64 text of `bytes` bytes, as a recorded audio or image field had. */
function base64Of(bytes: number): string {
  const buf = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) buf[i] = (i * 31 + 7) & 0xff;
  return buf.toString('base64');
}

/** Undoes the golden normaliser's digests (`{bytes, sha}`, `{bytes, mime, sha}`) so frames have their real size. */
function restore(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(restore);
  if (typeof value !== 'object' || value === null) return value;
  const o = value as Record<string, unknown>;
  if (typeof o['bytes'] === 'number' && typeof o['sha'] === 'string') {
    const data = base64Of(o['bytes']);
    return typeof o['mime'] === 'string' ? `data:${o['mime']};base64,${data}` : data;
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, restore(v)]));
}

async function loadGroups(dir: string): Promise<Map<string, { direction: Direction; texts: string[] }>> {
  const groups = new Map<string, { direction: Direction; texts: string[] }>();
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  for (const file of files) {
    const golden = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as { frames?: unknown[] };
    for (const frame of golden.frames ?? []) {
      const { from, body } = frame as { from?: unknown; body?: unknown };
      if (from !== 'client' && from !== 'server') continue;
      const text = JSON.stringify(restore(body));
      const parsed = from === 'client' ? parseClientEvent(text) : parseServerEvent(text);
      const type = (body as { type?: unknown } | null)?.type;
      const kind = !parsed.ok ? 'refused' : AUDIO_TYPES.has(String(type)) ? 'audio' : 'other';
      const name = `${from} ${kind}`;
      const group = groups.get(name) ?? { direction: from, texts: [] };
      group.texts.push(text);
      groups.set(name, group);
    }
  }
  return groups;
}

function timeRound(texts: readonly string[], run: (text: string) => unknown): number {
  let sink = 0;
  const t0 = performance.now();
  for (const text of texts) if (run(text) !== undefined) sink++;
  const ms = performance.now() - t0;
  if (sink < 0) console.log(sink);
  return ms;
}

/** Runs the frame bench: `rounds` interleaved rounds of JSON.parse and parse+validate per group. */
export async function parseFrames(opts: { goldenDir: string; rounds: number }): Promise<ParseFramesResult> {
  const groups = await loadGroups(opts.goldenDir);
  const results: FrameGroupResult[] = [];
  for (const [group, { direction, texts }] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    results.push(measure(group, direction, texts, opts.rounds));
  }
  return { rounds: opts.rounds, groups: results, targets: [] };
}

function measure(group: string, direction: Direction, texts: readonly string[], rounds: number): FrameGroupResult {
  const parse = direction === 'client' ? parseClientEvent : parseServerEvent;
  // Warm up both paths so the JIT has compiled them before the timed rounds (zod's parsers are
  // compiled per schema on first use, then optimised: 3 rounds left client frames unsettled).
  for (let i = 0; i < 10; i++) {
    timeRound(texts, JSON.parse);
    timeRound(texts, parse);
  }
  const json: number[] = [];
  const full: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    json.push(timeRound(texts, JSON.parse));
    full.push(timeRound(texts, parse));
    // Each round's own ratio: the two timings are taken back to back, so a busy machine slows both.
    ratios.push((full.at(-1) ?? 0) / (json.at(-1) ?? 1));
  }
  const jsonMs = median(json);
  const parseMs = median(full);
  return {
    group,
    frames: texts.length,
    meanChars: texts.reduce((n, t) => n + t.length, 0) / Math.max(1, texts.length),
    jsonUsPerFrame: (jsonMs * 1000) / texts.length,
    parseUsPerFrame: (parseMs * 1000) / texts.length,
    ratio: median(ratios),
  };
}

export function formatParseFrames(r: ParseFramesResult): string {
  return [
    `Frame parse + validate (golden frames, medians of ${r.rounds} rounds; ` +
      'ratio = parse+validate / JSON.parse per round)',
    table(
      ['group', 'frames', 'mean chars', 'JSON.parse µs/frame', 'parse+validate µs/frame', 'ratio'],
      r.groups.map((g) => [
        g.group,
        String(g.frames),
        g.meanChars.toFixed(0),
        g.jsonUsPerFrame.toFixed(2),
        g.parseUsPerFrame.toFixed(2),
        `${g.ratio.toFixed(2)}x`,
      ]),
    ),
  ].join('\n');
}
