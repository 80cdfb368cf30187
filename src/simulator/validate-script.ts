/**
 * Checks the `script:` block of a scenario: rules, each a trigger (`when`), actions (`do`)
 * and state guards, with the event types checked against the protocol catalogue.
 */
import { z } from 'zod';
import { didYouMean, withoutPrefix } from '../errors/index.js';
import {
  CLIENT_EVENT_TYPES,
  SERVER_EVENT_TYPES,
  expecting,
  isClientEventType,
  isPlainObject,
  isServerEventType,
  jsonHasKeys,
  refuse,
  validateServerEvent,
} from '../protocol/index.js';
import type { ConfigIssue } from './config-checks.js';
import {
  SCENARIO_NUMBER_BOUNDS as BOUNDS,
  anything,
  bool,
  configIssues,
  describe,
  either,
  frameBytes,
  has,
  listOf,
  ms,
  nonEmptyStr,
  nullable,
  num,
  obj,
  oneOf,
  positiveInt,
  smallPositiveInt,
  str,
} from './config-checks.js';
import { ACTION_NAMES, CONNECTION_ACTIONS } from './script/rules.js';
import { catastrophicRegexReason } from './script/safe-regex.js';
import { reply } from './validate-reply.js';

const direction = oneOf('downstream', 'upstream');
const toxic = { direction, toxicity: num({ min: 0, max: 1 }) };

const regex = expecting(
  z.string().superRefine((r, ctx) => {
    try {
      new RegExp(r);
    } catch (e) {
      return refuse(ctx, `expected a valid regular expression, got ${JSON.stringify(r)} (${(e as Error).message})`);
    }
    const unsafe = catastrophicRegexReason(r);
    if (unsafe !== undefined)
      refuse(ctx, `expected a regular expression that runs in linear time, got ${JSON.stringify(r)}: ${unsafe}`, {
        hint: 'drop the outer quantifier or use a character class, e.g. ^a+$ for ^(a+)+$',
      });
  }),
  'a regular expression string',
);

const scalar = z.union([z.null(), z.string(), z.number(), z.boolean()]);
const matchers = {
  equals: obj({ equals: anything }, ['equals']),
  regex: obj({ regex }, ['regex']),
  exists: obj({ exists: bool }, ['exists']),
  oneOf: obj({ oneOf: listOf(anything, { nonEmpty: true }) }, ['oneOf']),
};
const matcher = either(
  'a value, { equals }, { regex }, { exists } or { oneOf }',
  [scalar, ...Object.values(matchers)],
  (v) => {
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) return scalar;
    if (!isPlainObject(v)) return undefined;
    const key = (['equals', 'regex', 'exists', 'oneOf'] as const).find((k) => k in v);
    return key === undefined ? undefined : matchers[key];
  },
);

const eventName = expecting(z.string().min(1), 'an event type');

const TRIGGER_KEYS = ['event', 'afterMs', 'enterState', 'handshake', 'connect'] as const;

const eventTrigger = obj(
  {
    event: eventName,
    from: oneOf('client', 'server'),
    match: expecting(z.record(z.string(), matcher), 'a mapping of field paths to matchers'),
    count: positiveInt,
    connection: positiveInt,
  },
  ['event'],
)
  .meta({
    anyOf: [jsonHasKeys('from'), { properties: { event: { enum: [...CLIENT_EVENT_TYPES, ...SERVER_EVENT_TYPES] } } }],
  })
  .superRefine((v, ctx) => {
    const name = v.event;
    if (v.from === undefined && !isClientEventType(name) && !isServerEventType(name)) {
      refuse(ctx, `unknown event type "${name}": it is in neither the client nor the server catalogue`, {
        path: ['event'],
        hint:
          didYouMean(name, [...CLIENT_EVENT_TYPES, ...SERVER_EVENT_TYPES]) ??
          'set from: client or from: server to match a type outside the catalogue',
      });
    }
  });
const triggers = {
  event: eventTrigger,
  afterMs: obj({ afterMs: ms, connection: positiveInt }, ['afterMs']),
  enterState: obj({ enterState: nonEmptyStr }, ['enterState']),
  handshake: obj({ handshake: oneOf(true), count: positiveInt }, ['handshake']),
  connect: obj({ connect: oneOf(true), count: positiveInt }, ['connect']),
};
const trigger = either(`a trigger mapping with one of ${TRIGGER_KEYS.join(', ')}`, Object.values(triggers), (v) => {
  if (!isPlainObject(v)) return undefined;
  const kinds = TRIGGER_KEYS.filter((k) => k in v);
  if (kinds.length === 1) return triggers[kinds[0] as keyof typeof triggers];
  const hint =
    kinds.length === 0
      ? Object.keys(v)
          .map((k) => didYouMean(k, TRIGGER_KEYS))
          .find(Boolean)
      : undefined;
  const got = kinds.length === 0 ? 'none' : kinds.join(' and ');
  return {
    message: `expected exactly one of ${TRIGGER_KEYS.join(', ')}, got ${got}`,
    hint,
  };
});

const countAll = z.literal('all');
const countOrAll = either('a positive integer or "all"', [countAll, positiveInt], (v) =>
  v === 'all' ? countAll : positiveInt,
);
const selector = { event: eventName, count: countOrAll };

const CLOSE_CODES = 'a close code a server may send (1000–1014 except 1004–1006, or 3000–4999)';
const closeCode = expecting(
  z
    .number()
    .int()
    .superRefine((v, ctx) => {
      if (v === 1000 || (v >= 1001 && v <= 1014 && ![1004, 1005, 1006].includes(v)) || (v >= 3000 && v <= 4999)) return;
      refuse(ctx, `expected ${CLOSE_CODES}, got ${describe(v)}`, {
        hint: v === 1006 ? 'use resetPeer: {} to make the client see 1006' : undefined,
      });
    })
    .meta({
      minimum: 1000,
      maximum: 4999,
      not: { anyOf: [{ enum: [1004, 1005, 1006] }, { minimum: 1015, maximum: 2999 }] },
    }),
  CLOSE_CODES,
);

/** A server event of the protocol's catalogue, checked by the protocol's own parser. */
const sendEvent = expecting(
  z.looseObject({ type: z.string().meta({ enum: [...SERVER_EVENT_TYPES] }) }).superRefine((v, ctx) => {
    const checked = validateServerEvent({ event_id: 'event_000000000000', ...v });
    if (!checked.ok) {
      const details = checked.error.details as { path?: (string | number)[] };
      refuse(ctx, withoutPrefix(checked.error.message), {
        path: details.path ?? [],
        hint: 'use sendRaw to send a frame that breaks the protocol on purpose',
      });
    } else if (!checked.known) {
      refuse(ctx, `unknown server event type "${v.type}"`, {
        path: ['type'],
        hint: didYouMean(v.type, SERVER_EVENT_TYPES) ?? 'use sendRaw to send an event outside the catalogue',
      });
    }
  }),
  'a server event with a string "type"',
);

const httpStatus = expecting(z.number().int().min(200).max(599), 'an HTTP status from 200 to 599');

const replayFile = obj({ file: nonEmptyStr }, ['file']);
const replayEvents = obj({ events: listOf(obj({ afterMs: ms, event: sendEvent }, ['event'])) }, ['events']);

const actionSchemas = {
  send: sendEvent,
  sendRaw: str,
  sendBinary: str,
  failClientSends: obj({ count: positiveInt }),
  sendInvalidUtf8: obj({}),
  error: obj({ message: str, type: nonEmptyStr, code: nullable(str), param: nullable(str), event_id: nullable(str) }, [
    'message',
  ]),
  delay: ms,
  close: obj({ code: closeCode, reason: str }),
  latency: obj({ ms, jitterMs: ms, ...toxic }, ['ms']),
  bandwidth: obj({ kbps: num({ above: 0, max: BOUNDS.kbps }), ...toxic }, ['kbps']),
  slicer: obj(
    {
      averageSize: frameBytes(1),
      sizeVariation: frameBytes(0),
      delayUs: num({ min: 0, max: BOUNDS.durationMs * 1000 }),
      ...toxic,
    },
    ['averageSize'],
  ),
  timeout: obj({ ms, ...toxic }, ['ms']),
  resetPeer: obj({ afterMs: ms, ...toxic }),
  slowClose: obj({ ms, ...toxic }, ['ms']),
  limitData: obj({ bytes: num({ min: 0, int: true, max: BOUNDS.bytes }), ...toxic }, ['bytes']),
  clearFaults: obj({ direction }),
  failNextResponse: obj({ type: nonEmptyStr, code: nonEmptyStr, count: positiveInt }),
  refuseHandshake: obj({ status: httpStatus, body: str, count: positiveInt }, ['status']),
  holdHandshake: obj({ count: positiveInt }),
  drop: obj(selector),
  duplicate: obj({ ...selector, times: smallPositiveInt }),
  delayEvent: obj({ ...selector, ms }, ['ms']),
  reorder: obj({ ...selector, by: smallPositiveInt }),
  hang: obj({ event: eventName, count: countOrAll }),
  setState: nonEmptyStr,
  respond: reply,
  forceMessage: obj({ text: nonEmptyStr, interruptible: bool, voice: nonEmptyStr }, ['text']),
  replay: either('{ events: [...] } or { file }', [replayFile, replayEvents], (v) =>
    !isPlainObject(v) ? undefined : 'file' in v ? replayFile : replayEvents,
  ),
};

/** One action of a rule's `do` list: `{ <name>: <argument> }`; after a handshake trigger, no connection action. */
function action(handshakeTrigger: boolean) {
  return expecting(
    z.record(z.string(), z.unknown()).superRefine((v, ctx) => {
      const keys = Object.keys(v);
      if (keys.length !== 1)
        return refuse(
          ctx,
          `expected exactly one action name per list entry, got ${keys.length === 0 ? 'none' : keys.join(', ')}`,
          { hint: keys.length > 1 ? 'put each action in its own list entry' : undefined },
        );
      const name = keys[0] as string;
      const schema = Object.hasOwn(actionSchemas, name) ? actionSchemas[name as keyof typeof actionSchemas] : undefined;
      if (!schema)
        return refuse(ctx, `unknown action "${name}"; expected one of ${ACTION_NAMES.join(', ')}`, {
          path: [name],
          hint: didYouMean(name, ACTION_NAMES),
        });
      if (handshakeTrigger && (CONNECTION_ACTIONS as readonly string[]).includes(name)) {
        refuse(ctx, `action "${name}" needs a connection, and a handshake trigger has none`, {
          path: [name],
          hint: 'use a connect trigger, or refuseHandshake / holdHandshake / failNextResponse / setState here',
        });
      }
      for (const issue of configIssues(schema, v[name]))
        refuse(ctx, issue.message, { path: [name, ...issue.path], hint: issue.hint });
    }),
    'an action mapping such as { resetPeer: {} }',
  );
}

/** Each action's argument by action name, for the JSON Schema (scripts/schema.ts). */
export const ACTION_SCHEMAS: Readonly<Record<string, z.ZodType>> = actionSchemas;
const handshakeAction = action(true);
const connectionAction = action(false);
/**
 * The schemas of a `do:` entry, which the JSON Schema writes as one mapping per action name
 * (after a handshake, no connection action).
 */
export const ACTION_ENTRY_SCHEMAS: Readonly<{ handshake: z.ZodType; connection: z.ZodType }> = {
  handshake: handshakeAction,
  connection: connectionAction,
};

const stateNames = listOf(nonEmptyStr, { nonEmpty: true });
const stateList = either('a state name or a list of them', [stateNames, nonEmptyStr], (v) =>
  Array.isArray(v) ? stateNames : typeof v === 'string' ? nonEmptyStr : undefined,
);

function ruleOf(handshake: boolean) {
  return obj(
    {
      name: str,
      when: trigger,
      do: listOf(handshake ? handshakeAction : connectionAction),
      once: bool,
      state: stateList,
      setState: nonEmptyStr,
    },
    ['when'],
  );
}
const handshakeRule = ruleOf(true);
// In JSON Schema too, a rule on a handshake trigger is only the handshake kind.
const connectionRule = ruleOf(false).meta({ not: { properties: { when: jsonHasKeys('handshake') } } });

/** One rule of a script: `{ when, do, once?, state?, setState?, name? }`. */
export const rule = either('a rule { when, do }', [handshakeRule, connectionRule], (v) => {
  if (!isPlainObject(v)) return undefined;
  return has(v['when'], 'handshake') ? handshakeRule : connectionRule;
});

/**
 * Checks a `do` list given to a running simulator (`Simulator.act`): the actions of a rule,
 * and, without a connection to act on, only those that need none. Paths are relative to the list.
 */
export function validateActions(value: unknown, hasConnection: boolean): ConfigIssue[] {
  const issues = configIssues(listOf(connectionAction, { nonEmpty: true }), value);
  if (issues.length > 0 || hasConnection) return issues;
  (value as Record<string, unknown>[]).forEach((entry, index) => {
    const name = Object.keys(entry)[0] as string;
    if ((CONNECTION_ACTIONS as readonly string[]).includes(name))
      issues.push({
        path: [index, name],
        message: `action "${name}" needs a connection to act on, and none was given`,
        hint: 'name an open connection, or use refuseHandshake / holdHandshake / failNextResponse / setState',
      });
  });
  return issues;
}

/** Checks a `script:` block (a list of rules); paths are relative to it. */
export function validateScript(value: unknown): ConfigIssue[] {
  return configIssues(listOf(rule), value);
}
