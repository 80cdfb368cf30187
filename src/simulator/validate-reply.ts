/**
 * Checks a reply of the simulated model as a scenario writes it: transcript, audio, timing,
 * usage, function and server-side tool calls, pacing, and how it ends early (fail, cancel,
 * incomplete, with at most one cut point).
 */
import { isPlainObject, MAX_JSON_DEPTH } from '../protocol/index.js';
import type { Check } from './config-checks.js';
import {
  SCENARIO_NUMBER_BOUNDS as BOUNDS,
  add,
  bool,
  describe,
  either,
  listOf,
  mapping,
  ms,
  nonEmptyStr,
  nullable,
  num,
  obj,
  oneOf,
  positiveInt,
  str,
  factor,
} from './config-checks.js';

const tokens = num({ min: 0, max: BOUNDS.tokens });
const usageNumbers: Check = (v, p, out) => {
  if (!isPlainObject(v)) return add(out, p, `expected a mapping of token counts, got ${describe(v)}`);
  // Nested mappings recurse: bounded by the protocol's depth limit.
  if (p.length > MAX_JSON_DEPTH)
    return add(out, p, `expected mappings nested at most ${MAX_JSON_DEPTH} deep, got deeper`);
  for (const [k, x] of Object.entries(v)) {
    if (isPlainObject(x)) usageNumbers(x, [...p, k], out);
    else tokens(x, [...p, k], out);
  }
};

const audioSpec: Check = either('{ wav }, { tone: { hz, ms, level? } }, { silence: { ms } } or null', (v) => {
  if (v === null) return () => undefined;
  if (!isPlainObject(v)) return undefined;
  if ('wav' in v) return obj({ wav: nonEmptyStr }, ['wav']);
  const audioMs = num({ min: 0, max: BOUNDS.audioMs });
  if ('tone' in v)
    return obj(
      {
        tone: obj({ hz: num({ above: 0, max: BOUNDS.toneHz }), ms: audioMs, level: num({ above: 0, max: 1 }) }, [
          'hz',
          'ms',
        ]),
      },
      ['tone'],
    );
  if ('silence' in v) return obj({ silence: obj({ ms: audioMs }, ['ms']) }, ['silence']);
  return undefined;
});

/** A function call of a reply: `{ name, arguments?, callId? }`. */
export const functionCall: Check = obj(
  {
    name: nonEmptyStr,
    arguments: either('a JSON string or a mapping', (v) =>
      typeof v === 'string' || isPlainObject(v) ? () => undefined : undefined,
    ),
    callId: nonEmptyStr,
  },
  ['name'],
);

const nonNegativeInt = num({ min: 0, int: true, max: BOUNDS.count });
const cutPoint: Record<string, Check> = {
  afterAudioChunks: nonNegativeInt,
  afterAudioMs: ms,
  afterTranscriptDeltas: nonNegativeInt,
  afterItems: nonNegativeInt,
  afterArgumentDeltas: nonNegativeInt,
};
const cutPointNames = Object.keys(cutPoint);

/** A mapping of `fields` plus at most one cut point key (src/simulator/response-cut.ts). */
function withCutPoint(fields: Record<string, Check>, required: readonly string[] = []): Check {
  const check = obj({ ...fields, ...cutPoint }, required);
  return (v, p, out) => {
    check(v, p, out);
    if (!isPlainObject(v)) return;
    const points = cutPointNames.filter((k) => v[k] !== undefined);
    if (points.length > 1)
      add(
        out,
        [...p, points[1]!],
        `expected at most one cut point, got ${points.join(' and ')}`,
        `keep one of ${points.join(', ')}`,
      );
  };
}

const pacing: Check = either('realtime, burst or { factor }', (v) =>
  typeof v === 'string' ? oneOf('realtime', 'burst') : isPlainObject(v) ? obj({ factor }, ['factor']) : undefined,
);
const jsonArguments: Check = either('a JSON string or a mapping', (v) =>
  typeof v === 'string' || isPlainObject(v) ? () => undefined : undefined,
);

const SERVER_TOOL_TYPES = ['web_search', 'x_search', 'file_search', 'mcp'] as const;
const serverToolCall: Check = (v, p, out) => {
  if (!isPlainObject(v))
    return add(
      out,
      p,
      `expected a server-side tool call { type: ${SERVER_TOOL_TYPES.join(' | ')}, … }, got ${describe(v)}`,
    );
  const type = v['type'];
  if (type === 'mcp')
    return obj(
      { type: str, serverLabel: nonEmptyStr, name: nonEmptyStr, arguments: jsonArguments, output: str, error: str },
      ['type', 'name'],
    )(v, p, out);
  if (typeof type === 'string' && (SERVER_TOOL_TYPES as readonly string[]).includes(type))
    return obj({ type: str, query: str, results: listOf(mapping) }, ['type'])(v, p, out);
  if (type === undefined) return add(out, [...p, 'type'], 'missing required key "type"');
  oneOf(...SERVER_TOOL_TYPES)(type, [...p, 'type'], out);
};

/** A reply of the simulated model (`server.reply`, `replies`, the `respond` action). */
export const reply: Check = obj({
  transcript: str,
  audio: audioSpec,
  ttftMs: ms,
  chunkMs: num({ above: 0, max: BOUNDS.durationMs }),
  transcriptDeltaWords: positiveInt,
  startTime: bool,
  usage: nullable(usageNumbers),
  functionCall: either('a function call { name, arguments? } or a list of them', (v) =>
    Array.isArray(v) ? listOf(functionCall, { nonEmpty: true }) : functionCall,
  ),
  fail: withCutPoint({ type: nonEmptyStr, code: nonEmptyStr, statusDetails: oneOf('full', 'none', 'no-error') }),
  cancel: withCutPoint({ reason: oneOf('turn_detected', 'client_cancelled') }),
  incomplete: withCutPoint({ reason: oneOf('max_output_tokens', 'content_filter') }, ['reason']),
  pacing,
  argumentsDeltaChars: positiveInt,
  serverTool: either('a server-side tool call or a list of them', (v) =>
    Array.isArray(v) ? listOf(serverToolCall, { nonEmpty: true }) : serverToolCall,
  ),
});
