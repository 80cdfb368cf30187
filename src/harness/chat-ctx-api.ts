/**
 * §5.15/chat-ctx-json: a chat context's API agrees with its items. An agent reads a context
 * through `toJSON` (with its filters), `getById` and `indexById` as much as through `items`;
 * a client whose context describes items it does not hold misleads every agent that logs,
 * stores or searches it. The harness checks each context a scenario builds and the session's
 * context at the end of the run.
 */
import type { ChatContextJSONOptions, ChatItem } from '../client/index.js';
import { findDifference } from './json-path.js';
import type { Failure } from './report.js';

/** What the check reads of a chat context: what an agent calls. */
export interface ChatCtxApi {
  readonly items: readonly ChatItem[];
  toJSON(opts?: ChatContextJSONOptions): unknown;
  getById(id: string): unknown;
  indexById(id: string): number;
}

/** The filters checked, each alone (and none). */
const FILTERS: readonly ChatContextJSONOptions[] = [
  {},
  { excludeTimestamp: true },
  { excludeImage: true },
  { excludeAudio: true },
  { excludeFunctionCall: true },
];

/** An id no item has: `getById` must give undefined for it, `indexById` -1. */
const UNKNOWN_ID = 'rt-sim-unknown-item';
/** Problems reported per context: the first few name the fault, the rest repeat it. */
const MAX_PROBLEMS = 5;

/**
 * The JSON form of `items` as `toJSON(opts)` must give it, read from the items' own fields:
 * string parts, images with their MIME type, audio as frame shapes with `transcript ?? null`,
 * calls, outputs with `name` and `isError`, `createdAt` when set.
 */
export function describeItems(items: readonly ChatItem[], opts: ChatContextJSONOptions = {}): unknown[] {
  const out: unknown[] = [];
  for (const it of items) {
    const time = it.createdAt !== undefined && !opts.excludeTimestamp ? { createdAt: it.createdAt } : {};
    if (it.type === 'message') {
      const content: unknown[] = [];
      for (const c of it.content) {
        if (typeof c === 'string') content.push(c);
        else if (c.type === 'image_content') {
          if (opts.excludeImage) continue;
          content.push(
            c.mimeType === undefined
              ? { type: c.type, image: c.image }
              : { type: c.type, image: c.image, mimeType: c.mimeType },
          );
        } else if (!opts.excludeAudio) {
          const frames = c.frames.map((f) => ({
            sampleRate: f.sampleRate,
            numChannels: f.numChannels,
            samplesPerChannel: f.samplesPerChannel,
          }));
          content.push({ type: c.type, transcript: c.transcript ?? null, frames });
        }
      }
      out.push({ type: it.type, id: it.id, role: it.role, content, ...time });
    } else if (opts.excludeFunctionCall) {
      // Calls and outputs are left out whole.
    } else if (it.type === 'function_call') {
      out.push({ type: it.type, id: it.id, callId: it.callId, name: it.name, args: it.args, ...time });
    } else {
      const { id, callId, name, output, isError } = it;
      out.push({ type: it.type, id, callId, name, output, isError, ...time });
    }
  }
  return out;
}

/**
 * Where `ctx`'s API disagrees with its items, one sentence each naming `where`, the call, the
 * item and the field; empty when it agrees.
 */
export function chatCtxApiProblems(ctx: ChatCtxApi, where: string): string[] {
  const problems: string[] = [];
  for (const opts of FILTERS) {
    const call = `toJSON(${Object.keys(opts).length === 0 ? '' : JSON.stringify(opts)})`;
    const json = ctx.toJSON(opts);
    const got = (json as { items?: unknown } | null)?.items;
    if (!Array.isArray(got)) {
      problems.push(`${where}: ${call} gave no items list, got ${short(json)}`);
      continue;
    }
    const want = describeItems(ctx.items, opts);
    const n = Math.max(want.length, got.length);
    for (let i = 0; i < n; i++) {
      const field = findDifference(want[i], got[i]);
      if (field === undefined) continue;
      const id = (want[i] ?? got[i]) as { id?: unknown } | undefined;
      problems.push(
        `${where}: ${call} item ${i} (${String(id?.id)}) field ${field.path}: ` +
          `the items hold ${short(field.a)}, toJSON gave ${short(field.b)}`,
      );
      break;
    }
  }
  for (const [i, item] of ctx.items.entries()) {
    if (ctx.getById(item.id) !== item) problems.push(`${where}: getById("${item.id}") does not give item ${i}`);
    const index = ctx.indexById(item.id);
    if (index !== i) problems.push(`${where}: indexById("${item.id}") gave ${index}, the item is at ${i}`);
  }
  const unknown = ctx.getById(UNKNOWN_ID);
  if (unknown !== undefined) problems.push(`${where}: getById of an unknown id gave ${short(unknown)}, not undefined`);
  const unknownIndex = ctx.indexById(UNKNOWN_ID);
  if (unknownIndex !== -1) problems.push(`${where}: indexById of an unknown id gave ${unknownIndex}, not -1`);
  return problems.slice(0, MAX_PROBLEMS);
}

/** The problems as run failures, under §5.15/chat-ctx-json. */
export function chatCtxApiFailures(problems: readonly string[]): Failure[] {
  return problems.map((p) => ({ kind: 'chat-ctx-api', message: `the chat context's API disagrees (§5.15): ${p}` }));
}

/** A value for a message: JSON, cut at 80 characters; `undefined` as such. */
function short(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
