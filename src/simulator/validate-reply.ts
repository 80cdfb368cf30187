/**
 * The schema of a reply of the simulated model as a scenario writes it: transcript, audio,
 * timing, usage, function and server-side tool calls, pacing, and how it ends early (fail,
 * cancel, incomplete, with at most one cut point).
 */
import { z } from 'zod';
import { MAX_JSON_DEPTH, expecting, isPlainObject, jsonHasKeys, phraseOf, refuse } from '../protocol/index.js';
import type { Check } from './config-checks.js';
import {
  SCENARIO_NUMBER_BOUNDS as BOUNDS,
  bool,
  describe,
  either,
  factor,
  has,
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
} from './config-checks.js';

const tokens = num({ min: 0, max: BOUNDS.tokens });

/** Token counts, in mappings nested at most the protocol's depth limit below the usage mapping. */
const usageNumbers = expecting(
  z
    .record(z.string(), z.unknown())
    .superRefine((value, ctx) => {
      const walk = (v: Record<string, unknown>, path: (string | number)[]): void => {
        if (path.length > MAX_JSON_DEPTH)
          return refuse(ctx, `expected mappings nested at most ${MAX_JSON_DEPTH} deep, got deeper`, { path });
        for (const [k, x] of Object.entries(v)) {
          if (isPlainObject(x)) walk(x, [...path, k]);
          else if (!tokens.safeParse(x).success)
            refuse(ctx, `expected ${phraseOf(tokens)}, got ${describe(x)}`, { path: [...path, k] });
        }
      };
      walk(value, []);
    })
    .meta({
      additionalProperties: { anyOf: [{ type: 'number', minimum: 0, maximum: BOUNDS.tokens }, { type: 'object' }] },
    }),
  'a mapping of token counts',
);

const audioMs = num({ min: 0, max: BOUNDS.audioMs });
const wavAudio = obj({ wav: nonEmptyStr }, ['wav']);
const toneAudio = obj(
  {
    tone: obj({ hz: num({ above: 0, max: BOUNDS.toneHz }), ms: audioMs, level: num({ above: 0, max: 1 }) }, [
      'hz',
      'ms',
    ]),
  },
  ['tone'],
);
const silenceAudio = obj({ silence: obj({ ms: audioMs }, ['ms']) }, ['silence']);
const noAudio = z.null();
const audioSpec = either(
  '{ wav }, { tone: { hz, ms, level? } }, { silence: { ms } } or null',
  [noAudio, wavAudio, toneAudio, silenceAudio],
  (v) => {
    if (v === null) return noAudio;
    if (has(v, 'wav')) return wavAudio;
    if (has(v, 'tone')) return toneAudio;
    if (has(v, 'silence')) return silenceAudio;
    return undefined;
  },
);

const jsonText = z.string();
const jsonArguments = either('a JSON string or a mapping', [jsonText, mapping], (v) =>
  typeof v === 'string' ? jsonText : isPlainObject(v) ? mapping : undefined,
);

/** A function call of a reply: `{ name, arguments?, callId? }`. */
export const functionCall = obj({ name: nonEmptyStr, arguments: jsonArguments, callId: nonEmptyStr }, ['name']);

const nonNegativeInt = num({ min: 0, int: true, max: BOUNDS.count });
const cutPoint = {
  afterAudioChunks: nonNegativeInt,
  afterAudioMs: ms,
  afterTranscriptDeltas: nonNegativeInt,
  afterItems: nonNegativeInt,
  afterArgumentDeltas: nonNegativeInt,
};
const cutPointNames = Object.keys(cutPoint);

/** A mapping of `fields` plus at most one cut point key (src/simulator/response-cut.ts). */
function withCutPoint<const F extends Record<string, Check>>(fields: F, required: readonly (keyof F & string)[] = []) {
  const mappingOf = obj({ ...fields, ...cutPoint }, required);
  const pairs = cutPointNames.flatMap((a, i) => cutPointNames.slice(i + 1).map((b) => jsonHasKeys(a, b)));
  const checked = mappingOf.meta({ not: { anyOf: pairs } }).superRefine((v, ctx) => {
    const points = cutPointNames.filter((k) => (v as Record<string, unknown>)[k] !== undefined);
    if (points.length > 1)
      refuse(ctx, `expected at most one cut point, got ${points.join(' and ')}`, {
        hint: `keep one of ${points.join(', ')}`,
        path: [points[1] as string],
      });
  });
  return expecting(checked, `a mapping with keys ${Object.keys({ ...fields, ...cutPoint }).join(', ')}`);
}

const pacingName = oneOf('realtime', 'burst');
const pacingFactor = obj({ factor }, ['factor']);
const pacing = either('realtime, burst or { factor }', [pacingName, pacingFactor], (v) =>
  typeof v === 'string' ? pacingName : isPlainObject(v) ? pacingFactor : undefined,
);

const SERVER_TOOL_TYPES = ['web_search', 'x_search', 'file_search', 'mcp'] as const;
const mcpCall = obj(
  { type: str, serverLabel: nonEmptyStr, name: nonEmptyStr, arguments: jsonArguments, output: str, error: str },
  ['type', 'name'],
);
const searchCall = obj({ type: str, query: str, results: listOf(mapping) }, ['type']);
const serverToolType = oneOf(...SERVER_TOOL_TYPES);
// Only picked for a missing or unknown type, which it refuses as the old check did: by the type alone.
const unknownServerTool = z.object({ type: serverToolType }).catchall(z.unknown()).meta({ not: {} });
const serverToolCall = either(
  `a server-side tool call { type: ${SERVER_TOOL_TYPES.join(' | ')}, … }`,
  [mcpCall, searchCall, unknownServerTool],
  (v) => {
    if (!isPlainObject(v)) return undefined;
    const type = v['type'];
    if (type === 'mcp') return mcpCall;
    if (typeof type === 'string' && (SERVER_TOOL_TYPES as readonly string[]).includes(type)) return searchCall;
    return unknownServerTool;
  },
);

const functionCalls = listOf(functionCall, { nonEmpty: true });
const serverToolCalls = listOf(serverToolCall, { nonEmpty: true });

/** A reply of the simulated model (`server.reply`, `replies`, the `respond` action). */
export const reply = obj({
  transcript: str,
  audio: audioSpec,
  ttftMs: ms,
  chunkMs: num({ above: 0, max: BOUNDS.durationMs }),
  transcriptDeltaWords: positiveInt,
  startTime: bool,
  usage: nullable(usageNumbers),
  functionCall: either('a function call { name, arguments? } or a list of them', [functionCalls, functionCall], (v) =>
    Array.isArray(v) ? functionCalls : functionCall,
  ),
  fail: withCutPoint({ type: nonEmptyStr, code: nonEmptyStr, statusDetails: oneOf('full', 'none', 'no-error') }),
  cancel: withCutPoint({ reason: oneOf('turn_detected', 'client_cancelled') }),
  incomplete: withCutPoint({ reason: oneOf('max_output_tokens', 'content_filter') }, ['reason']),
  pacing,
  argumentsDeltaChars: positiveInt,
  serverTool: either('a server-side tool call or a list of them', [serverToolCalls, serverToolCall], (v) =>
    Array.isArray(v) ? serverToolCalls : serverToolCall,
  ),
});
