/**
 * The schema of a scenario's `steps:`: a call of the client's API with its args, a wait for
 * an event, or a sleep. Each call states the args it reads; its needs (`call say needs
 * "text"`) are worded by the step, not by zod.
 */
import { z } from 'zod';
import { closest } from '../errors/index.js';
import type { Pick } from '../protocol/index.js';
import {
  crossCheck,
  expecting,
  isPlainObject,
  jsonHasKeys,
  pickOne,
  quietWhenMissing,
  refuse,
} from '../protocol/index.js';
import { describe } from './check.js';
import { chatItems, tools } from './expect-schema.js';
import type { PathIssue } from './issue.js';
import { CALL_NAMES, WAITABLE_EVENTS } from './scenario.js';
import type { CallName } from './scenario.js';
import { chatCtxArgs } from './chat-ctx-args.js';
import { stepIds } from './step-ids.js';
import { checkedBy, choice, flag, positiveNumber, text, wholeNumber } from './schema-parts.js';

/** The most audio one pushAudio tone or silence may make, in ms (10 minutes; 28 MB of PCM at 24 kHz). */
export const MAX_GENERATED_AUDIO_MS = 600_000;
/** The highest tone frequency: the Nyquist limit of the highest sample rate (192 kHz). */
export const MAX_TONE_HZ = 96_000;
const DAY_MS = 24 * 3600_000;

const OPTION_KEYS = [
  'voice',
  'turnDetection',
  'toolChoice',
  'speed',
  'maxResponseOutputTokens',
  'inputAudioTranscription',
  'inputAudioNoiseReduction',
  'tracing',
] as const;

/** The args of the option calls: any value here, the client's validator checks them. */
function optionArgs(): Record<string, z.ZodType> {
  return Object.fromEntries(OPTION_KEYS.map((k) => [k, z.unknown()]));
}

/** Per call: the args it reads, those it must have, those of which it needs one, and its other step keys. */
interface CallSpec {
  args: Record<string, z.ZodType>;
  required?: readonly string[];
  oneOf?: readonly string[];
  extra?: readonly string[];
}

const audioEndMs = quietWhenMissing(wholeNumber(0, DAY_MS));
const modalities = expecting(
  z
    .array(z.unknown())
    .superRefine((m, ctx) => {
      if (m.length === 0 || !m.every((x) => x === 'audio' || x === 'text'))
        refuse(ctx, `expected a list of audio and/or text, got ${describe(m)}`);
    })
    .meta({ minItems: 1, items: { enum: ['audio', 'text'] } }),
  'a list of audio and/or text',
);
const base64Image = quietWhenMissing(
  expecting(
    z
      .string()
      .regex(/^[A-Za-z0-9+/]+={0,2}$/)
      .refine((d) => d.length % 4 === 0),
    'the encoded image as standard base64',
    'e.g. the output of base64 -w0 image.jpg',
  ),
);
const tone = expecting(
  z.strictObject({
    hz: positiveNumber(MAX_TONE_HZ),
    ms: positiveNumber(MAX_GENERATED_AUDIO_MS),
    level: expecting(z.number().gt(0).max(1), 'a peak level in (0, 1]').optional(),
  }),
  '{ hz, ms, level? }',
);
/** Any number within ±`bound`, bad values included: what pushFrame hands over unchecked. */
const anyNumber = (bound: number): z.ZodType =>
  expecting(z.number().min(-bound).max(bound), `a number from -${bound} to ${bound}`);
const toolChoice = expecting(z.string().min(1), "auto, none, required or a tool's name");
// Each its own instance: quietness belongs to the instance.
const chatList = (): z.ZodType => quietWhenMissing(chatItems());
const copyFilters = expecting(
  z.strictObject({
    excludeFunctionCall: flag.optional(),
    excludeInstructions: flag.optional(),
    excludeEmptyMessage: flag.optional(),
  }),
  '{ excludeFunctionCall?, excludeInstructions?, excludeEmptyMessage? }',
);

const CALLS: Record<CallName, CallSpec> = {
  generateReply: { args: { instructions: text, tools: tools(), toolChoice }, extra: ['await'] },
  say: {
    args: {
      text: expecting(z.string().min(1), 'the words to speak (a non-empty string)'),
      interruptible: flag,
      voice: text,
    },
    required: ['text'],
    extra: ['await'],
  },
  updateInstructions: {
    args: { instructions: quietWhenMissing(expecting(z.string(), 'text')) },
    required: ['instructions'],
  },
  // rawTools: any JSON, passed as written, so a scenario can check how the client refuses bad tools;
  // a mapping is agents-js's other shape, name → tool.
  updateTools: {
    args: {
      tools: tools(),
      rawTools: expecting(
        z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]),
        'a list, or a mapping of tool name → tool',
      ),
    },
    oneOf: ['tools', 'rawTools'],
  },
  updateChatCtx: {
    args: { items: chatList(), add: chatList(), copy: copyFilters, recordContext: flag, duplicateIds: flag },
    oneOf: ['items', 'add', 'copy'],
    extra: ['await'],
  },
  // {} is allowed: the client sends nothing for it, which a scenario may check.
  updateOptions: { args: optionArgs() },
  interrupt: { args: {} },
  truncate: {
    args: { messageId: text, audioEndMs, modalities, audioTranscript: text, skipIfNoMessage: flag },
    required: ['audioEndMs'],
  },
  pushAudio: {
    args: {
      wav: expecting(z.string(), 'a path to a WAV file'),
      tone,
      silenceMs: positiveNumber(MAX_GENERATED_AUDIO_MS),
      frameMs: wholeNumber(1, 1000),
      realtime: flag,
      sampleRate: wholeNumber(8000, 192_000),
    },
    oneOf: ['wav', 'tone', 'silenceMs'],
  },
  // Any numbers: the frame is built as written and the client must refuse the bad ones.
  pushFrame: {
    args: {
      sampleRate: quietWhenMissing(anyNumber(1_000_000)),
      numChannels: quietWhenMissing(anyNumber(64)),
      samplesPerChannel: anyNumber(1_000_000),
      dataLength: wholeNumber(0, 1_000_000),
      data: choice(
        ['int16', 'float32', 'null', 'missing', 'noPrototype'],
        'int16, float32, null, missing or noPrototype',
      ),
    },
    required: ['sampleRate', 'numChannels'],
  },
  pushVideo: {
    args: {
      data: base64Image,
      mimeType: expecting(z.string().regex(/^image\/[a-z0-9.+-]+$/), 'an image MIME type such as image/jpeg'),
    },
    required: ['data'],
  },
  commitAudio: { args: {} },
  clearAudio: { args: {} },
  close: { args: {}, extra: ['await'] },
  openSession: { args: {} },
  modelUpdateOptions: { args: optionArgs(), oneOf: [...OPTION_KEYS] },
  inspectModel: { args: {} },
  closeModel: { args: {} },
};

/** What JSON Schema can say of the rules between a call's args. */
function argsJson(call: CallName): Record<string, unknown> {
  const one = (keys: readonly string[]) => keys.map((k) => jsonHasKeys(k));
  if (call === 'pushAudio') return { oneOf: one(['wav', 'tone', 'silenceMs']) };
  if (call === 'updateChatCtx') return { anyOf: one(['items', 'add', 'copy']), not: jsonHasKeys('items', 'copy') };
  if (call === 'updateTools') return { oneOf: one(['tools', 'rawTools']) };
  if (call === 'modelUpdateOptions') return { minProperties: 1 };
  if (call === 'truncate') return { not: jsonHasKeys('skipIfNoMessage', 'messageId') };
  return {};
}

/** The args of `call`: its keys, its needs, and the rules between them. */
function argsSchema(call: CallName, spec: CallSpec, options: OptionChecks): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(spec.args)) {
    const own = options.shapes?.[key] !== undefined && schema instanceof z.ZodUnknown ? options.shapes[key] : schema;
    shape[key] = spec.required?.includes(key) ? own : own.optional();
  }
  const args = crossCheck(expecting(z.strictObject(shape).meta(argsJson(call)), 'a mapping'), (a, ctx) => {
    for (const key of spec.required ?? []) if (!(key in a)) refuse(ctx, `call ${call} needs "${key}"`);
    if (call === 'pushAudio') {
      const sources = ['wav', 'tone', 'silenceMs'].filter((k) => k in a);
      if (sources.length !== 1)
        refuse(
          ctx,
          'pushAudio needs exactly one of wav, tone or silenceMs, ' +
            `got ${sources.length === 0 ? 'none' : sources.join(' and ')}`,
        );
    } else if (call === 'updateTools') {
      if ('tools' in a === 'rawTools' in a) refuse(ctx, 'call updateTools needs exactly one of tools or rawTools');
    } else if (spec.oneOf && !spec.oneOf.some((k) => k in a)) {
      refuse(ctx, `call ${call} needs one of ${spec.oneOf.join(', ')}`);
    }
    if (call === 'updateChatCtx') chatCtxArgs(a, ctx);
    if (call === 'truncate' && a['skipIfNoMessage'] !== undefined && a['messageId'] !== undefined)
      refuse(
        ctx,
        'skipIfNoMessage applies only to the default message (the last assistant one); ' +
          'it cannot be used with messageId',
        { path: ['skipIfNoMessage'] },
      );
  });
  return call === 'updateOptions' || call === 'modelUpdateOptions' ? checkedBy(args, options.validate) : args;
}

/** A step calling `call`, with its args and the keys besides them. */
/** A step's `id`: what an `await` step names it by. */
const stepId = expecting(
  z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/),
  'an id: a letter, then up to 63 letters, digits, _ or -',
);
/** The keys a top-level step may have besides its own (`StepKeys`); none in a `parallel` branch. */
const STEP_KEYS = { id: stepId.optional(), background: flag.optional() };

function callStep(call: CallName, spec: CallSpec, options: OptionChecks, keys: boolean): z.ZodType {
  const args = argsSchema(call, spec, options);
  // Args a call cannot do without are required; their absence is worded by the step below.
  const needsArgs = Boolean(spec.required?.length || spec.oneOf?.length) || call === 'updateOptions';
  const shape: Record<string, z.ZodType> = {
    call: z.literal(call),
    args: needsArgs ? quietWhenMissing(args) : args.optional(),
    ...(keys ? STEP_KEYS : {}),
  };
  if (spec.extra?.includes('await')) shape['await'] = flag.optional();
  return crossCheck(z.strictObject(shape), (step, ctx) => {
    if (step['args'] !== undefined) return;
    if (spec.required?.length) refuse(ctx, `call ${call} needs args with ${spec.required.join(', ')}`);
    else if (spec.oneOf?.length) refuse(ctx, `call ${call} needs args with one of ${spec.oneOf.join(', ')}`);
    else if (call === 'updateOptions')
      refuse(ctx, 'call updateOptions needs args: the options to change, or {} to change none');
  });
}

const waitName = expecting(
  z
    .string()
    .superRefine((w, ctx) => {
      if (WAITABLE_EVENTS.includes(w)) return;
      const guess = closest(w, WAITABLE_EVENTS);
      refuse(ctx, `unknown event "${w}"`, {
        hint: guess ? `did you mean "${guess}"?` : `one of: ${WAITABLE_EVENTS.join(', ')}`,
      });
    })
    .meta({ enum: [...WAITABLE_EVENTS] }),
  'an event name',
);
const waitFor = expecting(
  z.strictObject({
    event: expecting(
      z
        .string()
        .refine((e) => WAITABLE_EVENTS.includes(e))
        .meta({ enum: [...WAITABLE_EVENTS] }),
      `one of ${WAITABLE_EVENTS.join(', ')}`,
    ),
    count: wholeNumber(1, 1_000_000).optional(),
    timeoutMs: wholeNumber(1, DAY_MS).optional(),
  }),
  '{ event, count?, timeoutMs? }',
);
const wait = pickOne('an event name or { event, count?, timeoutMs? }', [waitName, waitFor], (w) =>
  typeof w === 'string' ? waitName : isPlainObject(w) ? waitFor : undefined,
);
const sleepMs = wholeNumber(0, DAY_MS);

/** How the args of the option calls are checked: the client's validator, or its schemas (for JSON Schema). */
interface OptionChecks {
  validate?: ((v: unknown) => PathIssue[]) | undefined;
  shapes?: Readonly<Record<string, z.ZodType>> | undefined;
}

/**
 * A call, a wait or a sleep; with `keys`, also `id` and `background` (a top-level step), without
 * them a step of a `parallel` branch. `options` checks the args of updateOptions.
 */
function plainStep(
  options: OptionChecks,
  keys: boolean,
): { schema: z.ZodType; options: z.ZodType[]; pick: (step: unknown) => Pick } {
  const calls = Object.fromEntries(
    (Object.entries(CALLS) as [CallName, CallSpec][]).map(([name, spec]) => [
      name,
      callStep(name, spec, options, keys),
    ]),
  ) as Record<CallName, z.ZodType>;
  const waitStep = z.strictObject({ wait, ...(keys ? STEP_KEYS : {}) });
  const sleepStep = z.strictObject({ sleep: sleepMs, ...(keys ? STEP_KEYS : {}) });
  const pick = (step: unknown): Pick => {
    if (!isPlainObject(step)) return undefined;
    const kinds = ['call', 'wait', 'sleep'].filter((k) => k in step);
    if (kinds.length !== 1)
      return {
        message:
          'a step has exactly one of "call", "wait" or "sleep", ' +
          `got ${kinds.length === 0 ? 'none' : kinds.join(' and ')}`,
      };
    if ('sleep' in step) return sleepStep;
    if ('wait' in step) return waitStep;
    const call = step['call'];
    if (typeof call === 'string' && (CALL_NAMES as readonly string[]).includes(call)) return calls[call as CallName];
    const guess = typeof call === 'string' ? closest(call, CALL_NAMES) : undefined;
    return {
      message: `unknown call ${describe(call)}`,
      path: ['call'],
      hint: guess ? `did you mean "${guess}"?` : `one of: ${CALL_NAMES.join(', ')}`,
    };
  };
  const all = [sleepStep, waitStep, ...CALL_NAMES.map((c) => calls[c])];
  const schema = pickOne(
    keys ? 'a step mapping with "call", "wait" or "sleep"' : 'a call, wait or sleep step (no id or background here)',
    all,
    pick,
  );
  return { schema, options: all, pick };
}

/** The schema of one step; `options` checks the args of updateOptions (the client's option validator). */
export function stepSchema(options: OptionChecks = {}): z.ZodType {
  const top = plainStep(options, true);
  const inner = plainStep(options, false).schema;
  const branchList = expecting(z.array(inner).min(1), 'a non-empty list of steps');
  const branch = pickOne('a step, or a list of steps run in order', [inner, branchList], (b) =>
    Array.isArray(b) ? branchList : inner,
  );
  const parallelStep = z.strictObject({
    parallel: expecting(
      z.array(branch).min(2),
      'a list of at least two branches',
      'e.g. parallel: [ { call: generateReply }, [ { sleep: 300 }, { call: interrupt } ] ]',
    ),
    ...STEP_KEYS,
  });
  const ids = expecting(z.array(stepId).min(1), 'a non-empty list of step ids');
  const awaitStep = z.strictObject({
    await: pickOne('a step id or a list of them', [stepId, ids], (v) => (Array.isArray(v) ? ids : stepId)),
  });
  const pick = (step: unknown): Pick => {
    if (!isPlainObject(step)) return undefined;
    const block = ['parallel', 'call', 'wait', 'sleep'].filter((k) => k in step);
    if (block.length === 1 && block[0] === 'parallel') return parallelStep;
    if (block.length === 0 && 'await' in step) return awaitStep;
    if (block.length > 1 && block.includes('parallel'))
      return { message: `a parallel block has no ${block.filter((k) => k !== 'parallel').join(' or ')} of its own` };
    return block.length === 0
      ? { message: 'a step has exactly one of "call", "wait", "sleep", "parallel" or "await", got none' }
      : top.pick(step);
  };
  // One flat choice: a picker may only name an option of its own pickOne.
  return pickOne(
    'a step mapping with "call", "wait", "sleep", "parallel" or "await"',
    [...top.options, parallelStep, awaitStep],
    pick,
  );
}

/** The schema of `steps:`: a non-empty list of steps. */
export function stepsSchema(
  validate?: (v: unknown) => PathIssue[],
  shapes?: Readonly<Record<string, z.ZodType>>,
): z.ZodType {
  return expecting(
    z.array(stepSchema({ validate, shapes })).min(1).superRefine(stepIds),
    'a non-empty list of steps (call, wait, sleep, parallel or await)',
    'e.g. steps: [ { call: generateReply }, { wait: idle } ]',
  );
}
