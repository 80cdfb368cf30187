/**
 * The zod schema of the client's options as data (a scenario's `client:` block) and at run
 * time (the `RealtimeModel` constructor), worded as the client's messages are:
 * `must be X, got Y`, what came as its kind or as JSON, and a hint where one helps.
 */
import { z } from 'zod';
import { didYouMean } from '../errors/index.js';
import type { FailureStyle, Pick } from '../protocol/index.js';
import {
  SUPPORTED_PCM_RATES,
  XAI_SERVER_VAD_LIMITS,
  crossCheck,
  expecting,
  isPlainObject,
  pickOne,
  refuse,
} from '../protocol/index.js';
import { redactCredentials } from './redact.js';

/** Bounds of the client's numeric options: durations up to 24 hours, 1000 retries, speed 4, 1,000,000 tokens. */
export const CLIENT_OPTION_BOUNDS = {
  durationMs: 86_400_000,
  maxRetry: 1000,
  speed: 4,
  outputTokens: 1_000_000,
} as const;
const BOUNDS = CLIENT_OPTION_BOUNDS;
const DURATION = `${BOUNDS.durationMs} (24 h)`;

/** The options a `RealtimeModel` takes as data (a scenario's `client:` block has all but `apiKey`). */
export const CLIENT_DATA_KEYS = [
  'apiKey',
  'baseURL',
  'model',
  'modalities',
  'voice',
  'turnDetection',
  'inputAudioTranscription',
  'inputAudioNoiseReduction',
  'toolChoice',
  'speed',
  'tracing',
  'maxResponseOutputTokens',
  'outputAudioRate',
  'maxSessionDuration',
  'idleTimeoutMs',
  'healthyConnectionMs',
  'connOptions',
  'fatalErrorCodes',
  'userTranscripts',
] as const;
/** The options only code can give: a clock, a socket factory, a logger… */
export const RUNTIME_KEYS = ['clock', 'random', 'socketFactory', 'WebSocket', 'logger', 'env'] as const;
/** Fields of `connOptions`. */
export const CONN_OPTION_KEYS = ['maxRetry', 'retryIntervalMs', 'timeoutMs'] as const;
/** Fields of `turnDetection` (snake_case, as on the wire). */
export const TURN_DETECTION_KEYS: readonly string[] = [
  'type',
  'threshold',
  'prefix_padding_ms',
  'silence_duration_ms',
  'idle_timeout_ms',
  'create_response',
  'interrupt_response',
];
/** Fields of `inputAudioTranscription`. */
export const TRANSCRIPTION_KEYS: readonly string[] = ['model', 'language', 'prompt', 'language_hint', 'keyterms'];

/** The JSON kind of what came, as the client's messages name it. */
export function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value;
}
/** What came, written as JSON. */
const json = (value: unknown): string => String(JSON.stringify(value));

/** The client's wording. Unknown keys are worded by each mapping (see {@link unknownKeys}). */
export const CLIENT_STYLE: FailureStyle = {
  describe: (value) => kind(value),
  sentence: (expected, got) => `must be ${expected}, got ${got}`,
  unknownKey: (key) => ({ message: `unknown option "${key}"` }),
};

/** A schema named `must be <expected>`, what came shown by `got` (its kind unless told). */
function must<T extends z.ZodType>(schema: T, expected: string, got: (v: unknown) => string = kind, hint?: string): T {
  return expecting(schema, expected, hint, got);
}

/** The first of `options` that accepts the value, else one sentence for the whole value. */
function firstOf<const T extends readonly z.ZodType[]>(options: T, sentence: (v: unknown) => string): z.ZodUnion<T> {
  const pick = (v: unknown): Pick => options.find((o) => o.safeParse(v).success) ?? { message: sentence(v) };
  return pickOne('a valid value', options, pick);
}

/** Reports keys of a mapping outside `known` in the mapping's own words. */
function unknownKeys<T extends z.ZodType>(
  schema: T,
  known: readonly string[],
  say: (key: string) => { message: string; hint?: string | undefined },
): T {
  return crossCheck(schema, (value, ctx) => {
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      const { message, hint } = say(key);
      refuse(ctx, message, { path: [key], hint });
    }
  });
}

const nonEmpty = (): z.ZodString => must(z.string().min(1), 'a non-empty string');
const str = (): z.ZodString => must(z.string(), 'a string');
const bool = (): z.ZodBoolean => must(z.boolean(), 'a boolean');
/** A list checked as a whole (one message for any bad entry): `items` is its entries' JSON Schema. */
function listOf(items: Record<string, unknown>, ok: (v: unknown) => boolean, expected: string, hint?: string) {
  const list = z
    .array(z.unknown())
    .refine((entries) => entries.every(ok))
    .meta({ items });
  return must(list, expected, kind, hint);
}

const baseURL = must(
  z
    .string()
    .superRefine((url, ctx) => {
      if (!/^(wss?|https?):\/\//.test(url) || !URL.canParse(url))
        refuse(
          ctx,
          `must be an absolute ws://, wss://, http:// or https:// URL, got ${JSON.stringify(redactCredentials(url))}`,
        );
    })
    .meta({ pattern: '^(wss?|https?)://' }),
  'a string',
);

const modalities = must(
  z
    .array(z.unknown())
    .min(1)
    .refine((m) => m.every((x) => x === 'audio' || x === 'text'))
    .meta({ items: { enum: ['audio', 'text'] } }),
  'a non-empty list of "audio" and "text"',
  json,
);

const vadNumbers = Object.fromEntries(
  Object.entries(XAI_SERVER_VAD_LIMITS).map(([key, [min, max]]) => [
    key,
    must(z.number().min(min).max(max), `a number from ${min} to ${max}`, json).optional(),
  ]),
);
const serverVad = unknownKeys(
  must(
    z
      .looseObject({
        type: must(z.literal('server_vad'), '"server_vad"', json, 'xAI has no semantic_vad; use null for manual turns'),
        ...vadNumbers,
        idle_timeout_ms: must(
          z.number().min(0).max(BOUNDS.durationMs),
          `a number of milliseconds from 0 to ${DURATION} or null`,
          json,
        )
          .nullable()
          .optional(),
        create_response: bool().optional(),
        interrupt_response: bool().optional(),
      })
      .meta({ additionalProperties: false }),
    'null (manual turns) or a server_vad object',
  ),
  TURN_DETECTION_KEYS,
  (key) => ({
    message: `unknown turn detection field "${key}"`,
    hint: didYouMean(key, TURN_DETECTION_KEYS) ?? 'fields are snake_case as on the wire',
  }),
);

const transcription = unknownKeys(
  must(
    z
      .looseObject({
        model: str().optional(),
        language: str().optional(),
        prompt: str().optional(),
        language_hint: str().optional(),
        keyterms: listOf({ type: 'string' }, (t) => typeof t === 'string', 'a list of strings').optional(),
      })
      .meta({ additionalProperties: false }),
    'null or an object like { model: "gpt-4o-mini-transcribe" }',
  ),
  TRANSCRIPTION_KEYS,
  (key) => ({ message: `unknown transcription field "${key}"`, hint: didYouMean(key, TRANSCRIPTION_KEYS) }),
);

const noiseKinds = z.enum(['near_field', 'far_field']);
const noiseReduction = firstOf(
  [z.null(), noiseKinds, z.looseObject({ type: noiseKinds })],
  (v) => `must be null, "near_field", "far_field" or { type }, got ${json(v)}`,
);

const functionName = z.string().min(1);
const toolChoice = firstOf(
  [
    z.null(),
    z.enum(['auto', 'none', 'required']),
    z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: functionName }) }),
    // `name` beside `type` counts only when `function` is not a mapping (which then must name it).
    z
      .looseObject({ type: z.literal('function'), name: functionName })
      .refine((v) => !isPlainObject((v as Record<string, unknown>)['function'])),
  ],
  (v) => `must be "auto", "none", "required", null or { type: "function", name }, got ${json(v)}`,
);

const tracing = firstOf(
  [z.null(), z.literal('auto'), z.record(z.string(), z.unknown())],
  (v) => `must be null, "auto" or an object, got ${kind(v)}`,
);

const outputTokens = firstOf(
  [z.literal('inf'), z.number().int().gt(0).max(BOUNDS.outputTokens)],
  (v) => `must be a positive integer up to ${BOUNDS.outputTokens} or "inf", got ${json(v)}`,
);

const sessionMs = (): z.ZodType =>
  must(
    z.number().gt(0).max(BOUNDS.durationMs),
    `a positive number of milliseconds up to ${DURATION} or null`,
    json,
  ).nullable();

const connOptions = unknownKeys(
  must(
    z
      .looseObject({
        maxRetry: must(
          z.number().int().min(0).max(BOUNDS.maxRetry),
          `a whole number from 0 to ${BOUNDS.maxRetry}`,
          json,
        ).optional(),
        retryIntervalMs: must(
          z.number().min(0).max(BOUNDS.durationMs),
          `a number of milliseconds from 0 to ${DURATION}`,
          json,
        ).optional(),
        timeoutMs: must(
          z.number().gt(0).max(BOUNDS.durationMs),
          `a number of milliseconds > 0 and at most ${DURATION}`,
          json,
        ).optional(),
      })
      .meta({ additionalProperties: false }),
    'an object',
  ),
  CONN_OPTION_KEYS,
  (key) => {
    const inMs = CONN_OPTION_KEYS.find((k) => k.toLowerCase() === `${key.replace(/_/g, '')}ms`.toLowerCase());
    return {
      message: `unknown option "${key}"`,
      hint: inMs ? `durations are milliseconds: use "${inMs}"` : didYouMean(key, CONN_OPTION_KEYS),
    };
  },
);

/** The data options, each as the client checks it (also the JSON Schema of a scenario's client: block). */
export const DATA_OPTIONS = {
  apiKey: nonEmpty(),
  baseURL,
  model: nonEmpty(),
  modalities,
  voice: must(z.string(), 'a voice name or null', kind, 'xAI voices: ara, eve, leo, rex, sal').nullable(),
  turnDetection: serverVad.nullable(),
  inputAudioTranscription: transcription.nullable(),
  inputAudioNoiseReduction: noiseReduction,
  toolChoice,
  speed: must(
    z.number().gt(0).max(BOUNDS.speed),
    `a positive number at most ${BOUNDS.speed}`,
    json,
    'xAI accepts 0.7 to 1.5',
  ),
  tracing,
  maxResponseOutputTokens: outputTokens,
  outputAudioRate: must(z.literal(SUPPORTED_PCM_RATES), `one of ${SUPPORTED_PCM_RATES.join(', ')} (Hz)`, json),
  maxSessionDuration: sessionMs(),
  idleTimeoutMs: sessionMs(),
  healthyConnectionMs: must(
    z.number().min(0).max(BOUNDS.durationMs),
    `a number of milliseconds from 0 to ${DURATION}`,
    json,
  ),
  connOptions,
  fatalErrorCodes: listOf(
    { type: 'string', minLength: 1 },
    (c) => typeof c === 'string' && c !== '',
    'a list of error codes (strings)',
    'e.g. ["invalid_api_key"]; [] never gives up',
  ),
  userTranscripts: must(z.enum(['turn', 'reference']), '"turn" or "reference"', json),
} satisfies Record<(typeof CLIENT_DATA_KEYS)[number], z.ZodType>;

// Any object, class instances included (a clock, a logger): zod's record takes plain ones only.
const anObject = (): z.ZodType => must(z.custom<object>(isPlainObject), 'an object');
const aFunction = (): z.ZodType =>
  must(
    z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function'),
    'a function',
  );
const RUNTIME_OPTIONS = {
  clock: anObject(),
  random: anObject(),
  socketFactory: aFunction(),
  WebSocket: aFunction(),
  logger: anObject(),
  env: anObject(),
} satisfies Record<(typeof RUNTIME_KEYS)[number], z.ZodType>;

function optional(fields: Record<string, z.ZodType>): Record<string, z.ZodType> {
  return Object.fromEntries(Object.entries(fields).map(([k, s]) => [k, s.optional()]));
}

/** A scenario's `client:` block: the data options; code-only options are named as such. */
export const clientBlockSchema = unknownKeys(z.looseObject(optional(DATA_OPTIONS)), CLIENT_DATA_KEYS, (key) =>
  (RUNTIME_KEYS as readonly string[]).includes(key)
    ? { message: `"${key}" cannot be set in a scenario file`, hint: 'the harness provides it' }
    : { message: `unknown option "${key}"`, hint: didYouMean(key, CLIENT_DATA_KEYS) },
);

const RUNTIME_KNOWN: readonly string[] = [...CLIENT_DATA_KEYS, ...RUNTIME_KEYS];
/** The `RealtimeModel` constructor's options: data and code. */
export const modelOptionsSchema = unknownKeys(
  z.looseObject(optional({ ...DATA_OPTIONS, ...RUNTIME_OPTIONS })),
  RUNTIME_KNOWN,
  (key) => ({ message: `unknown option "${key}"`, hint: didYouMean(key, RUNTIME_KNOWN) }),
);

/** True for a value the option schemas check (a mapping); `undefined` and `null` mean no options. */
export function isOptionMapping(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value);
}
