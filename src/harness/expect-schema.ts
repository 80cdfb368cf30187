/**
 * The schemas of a scenario's `expect:` (what the run must show), of tools as the client
 * declares them, and of the chat items `updateChatCtx` adds.
 */
import { z } from 'zod';
import type { Pick } from '../protocol/index.js';
import { crossCheck, expecting, isPlainObject, jsonHasKeys, pickOne, refuse } from '../protocol/index.js';
import { choice, flag, mapping, positiveNumber, text, wholeNumber } from './schema-parts.js';

/** A tool as the client declares it. */
const tool = expecting(
  z.strictObject({
    name: expecting(z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/), 'a tool name of 1 to 64 letters, digits, "_" or "-"'),
    description: text.optional(),
    parameters: mapping.optional(),
    result: text.optional(),
  }),
  'a tool mapping { name, description?, parameters?, result? }',
);

/** A list of tools (`tools:`, and the args of generateReply and updateTools); a new instance each time. */
export function tools(): z.ZodArray<typeof tool> {
  return expecting(z.array(tool), 'a list of tools');
}

/** A mapping of text fields: those in `required` must be text, those in `optional` may be. */
function textFields(required: readonly string[], optional: readonly string[]): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const key of required) shape[key] = text;
  for (const key of optional) shape[key] = text.optional();
  return expecting(z.strictObject(shape), `{ ${[...required, ...optional.map((k) => `${k}?`)].join(', ')} }`);
}

/** The most audio one chat message may hold, in ms: it is sent in one frame. */
export const MAX_CHAT_AUDIO_MS = 10_000;
/** When an item was made, in ms: orders an `add` (ChatContext.insert). */
const createdAt = wholeNumber(0, 1_000_000_000_000).optional();
const chatAudio = expecting(
  z.strictObject({
    hz: positiveNumber(12_000),
    ms: positiveNumber(MAX_CHAT_AUDIO_MS),
    level: expecting(z.number().gt(0).max(1), 'a peak level in (0, 1]').optional(),
    frameMs: wholeNumber(1, 1000).optional(),
  }),
  '{ hz, ms, level?, frameMs? }',
);
const roleItem = crossCheck(
  z
    .strictObject({
      role: choice(['user', 'assistant', 'system', 'developer'], 'user, assistant, system or developer'),
      text: text.optional(),
      audio: chatAudio.optional(),
      transcript: text.optional(),
      id: text.optional(),
      createdAt,
    })
    .meta({
      allOf: [
        { anyOf: [jsonHasKeys('text'), jsonHasKeys('audio')] },
        // A transcript belongs to audio.
        { anyOf: [{ not: jsonHasKeys('transcript') }, jsonHasKeys('audio')] },
      ],
    }),
  (item, ctx) => {
    if (!('text' in item) && !('audio' in item)) refuse(ctx, 'a message needs text, audio or both');
    if ('transcript' in item && !('audio' in item))
      refuse(ctx, 'transcript belongs to audio: give the message audio too', { path: ['transcript'] });
  },
);
const callItem = z.strictObject({
  functionCall: textFields(['name', 'arguments'], ['callId']),
  id: text.optional(),
  createdAt,
});
const functionOutput = expecting(
  z.strictObject({ callId: text, output: text, name: text.optional(), isError: flag.optional() }),
  '{ callId, output, name?, isError? }',
);
const outputItem = z.strictObject({ functionOutput, id: text.optional(), createdAt });

const chatItem = pickOne(
  '{ role, text } or { functionCall } or { functionOutput }',
  [roleItem, callItem, outputItem],
  (item) => {
    if (!isPlainObject(item)) return undefined;
    if ('role' in item) return roleItem;
    if ('functionCall' in item && 'functionOutput' in item)
      return { message: 'a chat item is either a functionCall or a functionOutput, not both' };
    if ('functionCall' in item) return callItem;
    if ('functionOutput' in item) return outputItem;
    return { message: 'expected one of the keys role, functionCall or functionOutput' };
  },
);

/** A list of chat items; a new instance each time. */
export function chatItems(): z.ZodType {
  return expecting(z.array(chatItem), 'a list of chat items');
}

const bigCount = (): z.ZodOptional<z.ZodNumber> => wholeNumber(0, 1_000_000_000).optional();
/** The scenario's rules an expectation checks (expect-rules.ts); a new instance each time. */
const ruleNames = (): z.ZodOptional<z.ZodType> =>
  expecting(
    z.array(expecting(z.string(), 'a rule id')).min(1).max(100),
    "a list of the scenario's rule ids this expectation checks",
  ).optional();
const counts = {
  rules: ruleNames(),
  count: bigCount(),
  min: bigCount(),
  max: bigCount(),
  match: expecting(
    z
      .record(z.string(), z.unknown())
      .refine((m) => Object.keys(m).length > 0)
      .meta({ minProperties: 1 }),
    'a mapping of dotted paths to values, e.g. { "item.content.0.text": "Hi." }',
  ).optional(),
  afterMs: bigCount(),
  beforeMs: bigCount(),
};

const eventExpectation = z.strictObject({ event: expecting(z.string(), 'an event name'), ...counts });
const frameExpectation = z.strictObject({
  frame: expecting(z.string(), 'a frame type such as response.create'),
  from: choice(['client', 'server'], 'client or server'),
  ...counts,
});
const connectionsExpectation = z.strictObject({ connections: wholeNumber(0, 1_000_000), rules: ruleNames() });
const chatCtxItem = expecting(
  z.strictObject({ role: text.optional(), type: text.optional(), text: text.optional() }),
  '{ role?, type?, text? }',
);
const chatCtxExpectation = z.strictObject({
  chatCtx: expecting(z.array(chatCtxItem), 'a list of { role?, type?, text? }'),
  rules: ruleNames(),
});
const inputAudio = expecting(
  z
    .strictObject({
      hz: positiveNumber(24_000).optional(),
      dbfs: expecting(z.number().min(-120).max(0), 'a level from -120 to 0 dBFS').optional(),
      soundMs: wholeNumber(0, 1_000_000_000).optional(),
    })
    .refine((a) => Object.keys(a).length > 0)
    .meta({ minProperties: 1 }),
  '{ hz?, dbfs?, soundMs? } with at least one of them',
);
const inputAudioExpectation = z.strictObject({ inputAudio, rules: ruleNames() });

const EXPECTATIONS = {
  event: eventExpectation,
  frame: frameExpectation,
  connections: connectionsExpectation,
  chatCtx: chatCtxExpectation,
  inputAudio: inputAudioExpectation,
} as const;

const expectation = pickOne('a mapping', Object.values(EXPECTATIONS), (e): Pick => {
  if (!isPlainObject(e)) return undefined;
  const key = (Object.keys(EXPECTATIONS) as (keyof typeof EXPECTATIONS)[]).find((k) => k in e);
  return key === undefined
    ? { message: 'expected one of the keys event, frame, connections, chatCtx or inputAudio' }
    : EXPECTATIONS[key];
});

/** The schema of `expect:`. */
export const expectSchema = expecting(z.array(expectation), 'a list of expectations');
