/**
 * Checks the `script:` block of a scenario: rules, each a trigger (`when`), actions (`do`)
 * and state guards, with the event types checked against the protocol catalogue.
 */
import { didYouMean, withoutPrefix } from '../errors/index.js';
import {
  isPlainObject,
  isClientEventType,
  isServerEventType,
  validateServerEvent,
  CLIENT_EVENT_TYPES,
  SERVER_EVENT_TYPES,
} from '../protocol/index.js';
import type { Check, ConfigIssue } from './config-checks.js';
import {
  SCENARIO_NUMBER_BOUNDS as BOUNDS,
  add,
  bool,
  describe,
  either,
  frameBytes,
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

const matcher: Check = either('a value, { equals }, { regex }, { exists } or { oneOf }', (v) => {
  if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) return () => undefined;
  if (!isPlainObject(v)) return undefined;
  if ('equals' in v) return obj({ equals: () => undefined }, ['equals']);
  if ('regex' in v)
    return obj(
      {
        regex: (r, p, out) => {
          if (typeof r !== 'string') return add(out, p, `expected a regular expression string, got ${describe(r)}`);
          try {
            new RegExp(r);
          } catch (e) {
            return add(
              out,
              p,
              `expected a valid regular expression, got ${JSON.stringify(r)} (${(e as Error).message})`,
            );
          }
          const unsafe = catastrophicRegexReason(r);
          if (unsafe !== undefined)
            add(
              out,
              p,
              `expected a regular expression that runs in linear time, got ${JSON.stringify(r)}: ${unsafe}`,
              'drop the outer quantifier or use a character class, e.g. ^a+$ for ^(a+)+$',
            );
        },
      },
      ['regex'],
    );
  if ('exists' in v) return obj({ exists: bool }, ['exists']);
  if ('oneOf' in v) return obj({ oneOf: listOf(() => undefined, { nonEmpty: true }) }, ['oneOf']);
  return undefined;
});

const eventName: Check = (v, p, out) => {
  if (typeof v !== 'string' || v === '') return add(out, p, `expected an event type, got ${describe(v)}`);
};

const TRIGGER_KEYS = ['event', 'afterMs', 'enterState', 'handshake', 'connect'] as const;

const trigger: Check = (v, p, out) => {
  if (!isPlainObject(v))
    return add(out, p, `expected a trigger mapping with one of ${TRIGGER_KEYS.join(', ')}, got ${describe(v)}`);
  const kinds = TRIGGER_KEYS.filter((k) => k in v);
  if (kinds.length !== 1) {
    const hint =
      kinds.length === 0
        ? Object.keys(v)
            .map((k) => didYouMean(k, TRIGGER_KEYS))
            .find(Boolean)
        : undefined;
    return add(
      out,
      p,
      `expected exactly one of ${TRIGGER_KEYS.join(', ')}, got ${kinds.length === 0 ? 'none' : kinds.join(' and ')}`,
      hint,
    );
  }
  switch (kinds[0]) {
    case 'event': {
      obj(
        {
          event: eventName,
          from: oneOf('client', 'server'),
          match: (m, mp, o) =>
            isPlainObject(m)
              ? Object.entries(m).forEach(([k, x]) => matcher(x, [...mp, k], o))
              : add(o, mp, `expected a mapping of field paths to matchers, got ${describe(m)}`),
          count: positiveInt,
          connection: positiveInt,
        },
        ['event'],
      )(v, p, out);
      const name = v['event'];
      if (typeof name === 'string' && v['from'] === undefined && !isClientEventType(name) && !isServerEventType(name)) {
        add(
          out,
          [...p, 'event'],
          `unknown event type "${name}": it is in neither the client nor the server catalogue`,
          didYouMean(name, [...CLIENT_EVENT_TYPES, ...SERVER_EVENT_TYPES]) ??
            'set from: client or from: server to match a type outside the catalogue',
        );
      }
      return;
    }
    case 'afterMs':
      return obj({ afterMs: ms, connection: positiveInt }, ['afterMs'])(v, p, out);
    case 'enterState':
      return obj({ enterState: nonEmptyStr }, ['enterState'])(v, p, out);
    case 'handshake':
      return obj({ handshake: oneOf(true), count: positiveInt }, ['handshake'])(v, p, out);
    case 'connect':
      return obj({ connect: oneOf(true), count: positiveInt }, ['connect'])(v, p, out);
  }
};

const countOrAll: Check = either('a positive integer or "all"', (v) => (v === 'all' ? () => undefined : positiveInt));
const selector = { event: eventName, count: countOrAll };

const closeCode: Check = (v, p, out) => {
  const ok =
    typeof v === 'number' &&
    Number.isInteger(v) &&
    (v === 1000 || (v >= 1001 && v <= 1014 && ![1004, 1005, 1006].includes(v)) || (v >= 3000 && v <= 4999));
  if (!ok)
    add(
      out,
      p,
      `expected a close code a server may send (1000–1014 except 1004–1006, or 3000–4999), got ${describe(v)}`,
      v === 1006 ? 'use resetPeer: {} to make the client see 1006' : undefined,
    );
};

const sendEvent: Check = (v, p, out) => {
  if (!isPlainObject(v) || typeof v['type'] !== 'string')
    return add(out, p, `expected a server event with a string "type", got ${describe(v)}`);
  const checked = validateServerEvent({ event_id: 'event_000000000000', ...v });
  if (!checked.ok) {
    const details = checked.error.details as { path?: (string | number)[] };
    add(
      out,
      [...p, ...(details.path ?? [])],
      withoutPrefix(checked.error.message),
      'use sendRaw to send a frame that breaks the protocol on purpose',
    );
  } else if (!checked.known) {
    add(
      out,
      [...p, 'type'],
      `unknown server event type "${v['type']}"`,
      didYouMean(v['type'], SERVER_EVENT_TYPES) ?? 'use sendRaw to send an event outside the catalogue',
    );
  }
};

const actionChecks: Record<string, Check> = {
  send: sendEvent,
  sendRaw: str,
  sendBinary: str,
  failClientSends: obj({ count: positiveInt }),
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
  refuseHandshake: obj(
    {
      status: (v, p, out) => {
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 200 || v > 599 || v === 101)
          add(out, p, `expected an HTTP status from 200 to 599, got ${describe(v)}`);
      },
      body: str,
      count: positiveInt,
    },
    ['status'],
  ),
  holdHandshake: obj({ count: positiveInt }),
  drop: obj(selector),
  duplicate: obj({ ...selector, times: smallPositiveInt }),
  delayEvent: obj({ ...selector, ms }, ['ms']),
  reorder: obj({ ...selector, by: smallPositiveInt }),
  hang: obj({ event: eventName, count: countOrAll }),
  setState: nonEmptyStr,
  respond: reply,
  forceMessage: obj({ text: nonEmptyStr, interruptible: bool, voice: nonEmptyStr }, ['text']),
  replay: either('{ events: [...] } or { file }', (v) => {
    if (!isPlainObject(v)) return undefined;
    if ('file' in v) return obj({ file: nonEmptyStr }, ['file']);
    return obj({ events: listOf(obj({ afterMs: ms, event: sendEvent }, ['event'])) }, ['events']);
  }),
};

function action(handshakeTrigger: boolean): Check {
  return (v, p, out) => {
    if (!isPlainObject(v))
      return add(out, p, `expected an action mapping such as { resetPeer: {} }, got ${describe(v)}`);
    const keys = Object.keys(v);
    if (keys.length !== 1)
      return add(
        out,
        p,
        `expected exactly one action name per list entry, got ${keys.length === 0 ? 'none' : keys.join(', ')}`,
        keys.length > 1 ? 'put each action in its own list entry' : undefined,
      );
    const name = keys[0]!;
    const check = Object.hasOwn(actionChecks, name) ? actionChecks[name] : undefined;
    if (!check)
      return add(
        out,
        [...p, name],
        `unknown action "${name}"; expected one of ${ACTION_NAMES.join(', ')}`,
        didYouMean(name, ACTION_NAMES),
      );
    if (handshakeTrigger && (CONNECTION_ACTIONS as readonly string[]).includes(name)) {
      add(
        out,
        [...p, name],
        `action "${name}" needs a connection, and a handshake trigger has none`,
        'use a connect trigger, or refuseHandshake / holdHandshake / failNextResponse / setState here',
      );
    }
    check(v[name], [...p, name], out);
  };
}

const stateList: Check = either('a state name or a list of them', (v) =>
  Array.isArray(v) ? listOf(nonEmptyStr, { nonEmpty: true }) : typeof v === 'string' ? nonEmptyStr : undefined,
);

/** One rule of a script: `{ when, do, once?, state?, setState?, name? }`. */
export const rule: Check = (v, p, out) => {
  if (!isPlainObject(v)) return add(out, p, `expected a rule { when, do }, got ${describe(v)}`);
  const handshake = isPlainObject(v['when']) && 'handshake' in v['when'];
  obj(
    { name: str, when: trigger, do: listOf(action(handshake)), once: bool, state: stateList, setState: nonEmptyStr },
    ['when'],
  )(v, p, out);
};

/** Checks a `script:` block (a list of rules); paths are relative to it. */
export function validateScript(value: unknown): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  listOf(rule)(value, [], out);
  return out;
}
