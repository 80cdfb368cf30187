/**
 * Checks the `server:` and `script:` blocks of a scenario and reports every problem with
 * its path inside the block (the harness maps paths to file:line), a message saying what
 * was expected and what came, and a hint when a likely fix is known.
 */
import { didYouMean, withoutPrefix } from '../errors/index.js';
import { isPlainObject, isClientEventType, isServerEventType, validateServerEvent, CLIENT_EVENT_TYPES, MAX_FRAME_BYTES, MAX_JSON_DEPTH, SERVER_EVENT_TYPES } from '../protocol/index.js';
import { ACTION_NAMES, CONNECTION_ACTIONS } from './script/rules.js';
import { PROFILE_NAMES } from './profile/index.js';
import { catastrophicRegexReason } from './script/safe-regex.js';

/** One problem in a config. */
export interface ConfigIssue {
  path: (string | number)[];
  message: string;
  hint?: string;
}

/**
 * Bounds of the numbers in a scenario's `server:` and `script:` blocks; the JSON schema
 * (schema/scenario.schema.json) states the same `maximum`s, and a test compares them. They
 * keep a typo (`silenceMs: 1e13`) from becoming a hang or an allocation that never ends.
 */
export const SCENARIO_NUMBER_BOUNDS = {
  /** Longest duration, in milliseconds: 24 hours of virtual time. */
  durationMs: 86_400_000,
  /** Largest count of occurrences, connections, deltas, words or characters. */
  count: 1_000_000,
  /** Largest multiplier (replay speed, pacing factor) and small counts (duplicate times, reorder by, file_search results). */
  factor: 1000,
  /** Longest generated tone or silence, in milliseconds (10 minutes, as the harness's pushAudio). */
  audioMs: 600_000,
  /** Highest tone frequency, in Hz. */
  toneHz: 96_000,
  /** Largest token count in a usage mapping. */
  tokens: 1_000_000_000,
  /** Largest byte budget of limitData. */
  bytes: 1_000_000_000_000,
  /** Fastest bandwidth fault, in kbit/s (10 Gbit/s). */
  kbps: 10_000_000,
  /** Lowest VAD floor, in dBFS. */
  floorDb: -200,
} as const;
const BOUNDS = SCENARIO_NUMBER_BOUNDS;

type Path = (string | number)[];
type Check = (value: unknown, path: Path, out: ConfigIssue[]) => void;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  return `${typeof value} ${String(value)}`;
}

function add(out: ConfigIssue[], path: Path, message: string, hint?: string): void {
  out.push(hint === undefined ? { path, message } : { path, message, hint });
}

const str: Check = (v, p, out) => {
  if (typeof v !== 'string') add(out, p, `expected a string, got ${describe(v)}`);
};
const nonEmptyStr: Check = (v, p, out) => {
  if (typeof v !== 'string' || v === '') add(out, p, `expected a non-empty string, got ${describe(v)}`);
};
const bool: Check = (v, p, out) => {
  if (typeof v !== 'boolean') add(out, p, `expected true or false, got ${describe(v)}`);
};

function num(opts: { min?: number; max?: number; int?: boolean; above?: number } = {}): Check {
  return (v, p, out) => {
    const ok =
      typeof v === 'number' &&
      Number.isFinite(v) &&
      (!opts.int || Number.isInteger(v)) &&
      (opts.min === undefined || v >= opts.min) &&
      (opts.max === undefined || v <= opts.max) &&
      (opts.above === undefined || v > opts.above);
    if (ok) return;
    const range =
      opts.min !== undefined && opts.max !== undefined
        ? [`from ${opts.min} to ${opts.max}`]
        : [opts.min !== undefined ? `>= ${opts.min}` : '', opts.above !== undefined ? `> ${opts.above}` : '', opts.max !== undefined ? `<= ${opts.max}` : ''].filter(Boolean);
    const what = [opts.int ? 'an integer' : 'a number', range.join(' and ')].filter(Boolean).join(' ');
    add(out, p, `expected ${what}, got ${describe(v)}`);
  };
}

const ms = num({ min: 0, max: BOUNDS.durationMs });
const positiveInt = num({ min: 1, int: true, max: BOUNDS.count });
const smallPositiveInt = num({ min: 1, int: true, max: BOUNDS.factor });
const factor = num({ above: 0, max: BOUNDS.factor });
const frameBytes = (min: number): Check => num({ min, int: true, max: MAX_FRAME_BYTES });

function oneOf(...values: readonly (string | number | boolean | null)[]): Check {
  return (v, p, out) => {
    if (values.includes(v as string)) return;
    const hint = typeof v === 'string' ? didYouMean(v, values.filter((x): x is string => typeof x === 'string')) : undefined;
    add(out, p, `expected one of ${values.map((x) => JSON.stringify(x)).join(', ')}, got ${describe(v)}`, hint);
  };
}

function nullable(check: Check): Check {
  return (v, p, out) => {
    if (v !== null) check(v, p, out);
  };
}

function listOf(check: Check, opts: { nonEmpty?: boolean } = {}): Check {
  return (v, p, out) => {
    if (!Array.isArray(v)) return add(out, p, `expected a list, got ${describe(v)}`);
    if (opts.nonEmpty && v.length === 0) return add(out, p, 'expected a non-empty list, got an empty one');
    v.forEach((item, i) => check(item, [...p, i], out));
  };
}

function either(describeIt: string, pick: (v: unknown) => Check | undefined): Check {
  return (v, p, out) => {
    const check = pick(v);
    if (check) check(v, p, out);
    else add(out, p, `expected ${describeIt}, got ${describe(v)}`);
  };
}

function obj(fields: Record<string, Check>, required: readonly string[] = []): Check {
  const names = Object.keys(fields);
  return (v, p, out) => {
    if (!isPlainObject(v)) return add(out, p, `expected a mapping with keys ${names.join(', ')}, got ${describe(v)}`);
    for (const key of required) if (v[key] === undefined) add(out, [...p, key], `missing required key "${key}"`);
    for (const [key, value] of Object.entries(v)) {
      // Own keys only: "toString" or "constructor" is an unknown key, not a check inherited from Object.prototype.
      const check = Object.hasOwn(fields, key) ? fields[key] : undefined;
      if (!check) {
        add(out, [...p, key], `unknown key "${key}"; expected one of ${names.join(', ')}`, didYouMean(key, names));
        continue;
      }
      if (value !== undefined) check(value, [...p, key], out);
    }
  };
}

const direction = oneOf('downstream', 'upstream');
const toxic = { direction, toxicity: num({ min: 0, max: 1 }) };

const tokens = num({ min: 0, max: BOUNDS.tokens });
const usageNumbers: Check = (v, p, out) => {
  if (!isPlainObject(v)) return add(out, p, `expected a mapping of token counts, got ${describe(v)}`);
  // Nested mappings recurse: bounded by the protocol's depth limit.
  if (p.length > MAX_JSON_DEPTH) return add(out, p, `expected mappings nested at most ${MAX_JSON_DEPTH} deep, got deeper`);
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
  if ('tone' in v) return obj({ tone: obj({ hz: num({ above: 0, max: BOUNDS.toneHz }), ms: audioMs, level: num({ above: 0, max: 1 }) }, ['hz', 'ms']) }, ['tone']);
  if ('silence' in v) return obj({ silence: obj({ ms: audioMs }, ['ms']) }, ['silence']);
  return undefined;
});

const functionCall: Check = obj(
  {
    name: nonEmptyStr,
    arguments: either('a JSON string or a mapping', (v) => (typeof v === 'string' || isPlainObject(v) ? () => undefined : undefined)),
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
    if (points.length > 1) add(out, [...p, points[1]!], `expected at most one cut point, got ${points.join(' and ')}`, `keep one of ${points.join(', ')}`);
  };
}

const pacing: Check = either('realtime, burst or { factor }', (v) =>
  typeof v === 'string' ? oneOf('realtime', 'burst') : isPlainObject(v) ? obj({ factor }, ['factor']) : undefined,
);
const mapping: Check = (v, p, out) => {
  if (!isPlainObject(v)) add(out, p, `expected a mapping, got ${describe(v)}`);
};
const jsonArguments: Check = either('a JSON string or a mapping', (v) => (typeof v === 'string' || isPlainObject(v) ? () => undefined : undefined));

const SERVER_TOOL_TYPES = ['web_search', 'x_search', 'file_search', 'mcp'] as const;
const serverToolCall: Check = (v, p, out) => {
  if (!isPlainObject(v)) return add(out, p, `expected a server-side tool call { type: ${SERVER_TOOL_TYPES.join(' | ')}, … }, got ${describe(v)}`);
  const type = v['type'];
  if (type === 'mcp') return obj({ type: str, serverLabel: nonEmptyStr, name: nonEmptyStr, arguments: jsonArguments, output: str, error: str }, ['type', 'name'])(v, p, out);
  if (typeof type === 'string' && (SERVER_TOOL_TYPES as readonly string[]).includes(type)) return obj({ type: str, query: str, results: listOf(mapping) }, ['type'])(v, p, out);
  if (type === undefined) return add(out, [...p, 'type'], 'missing required key "type"');
  oneOf(...SERVER_TOOL_TYPES)(type, [...p, 'type'], out);
};

const reply: Check = obj({
  transcript: str,
  audio: audioSpec,
  ttftMs: ms,
  chunkMs: num({ above: 0, max: BOUNDS.durationMs }),
  transcriptDeltaWords: positiveInt,
  startTime: bool,
  usage: nullable(usageNumbers),
  functionCall: either('a function call { name, arguments? } or a list of them', (v) => (Array.isArray(v) ? listOf(functionCall, { nonEmpty: true }) : functionCall)),
  fail: withCutPoint({ type: nonEmptyStr, code: nonEmptyStr, statusDetails: oneOf('full', 'none', 'no-error') }),
  cancel: withCutPoint({ reason: oneOf('turn_detected', 'client_cancelled') }),
  incomplete: withCutPoint({ reason: oneOf('max_output_tokens', 'content_filter') }, ['reason']),
  pacing,
  argumentsDeltaChars: positiveInt,
  serverTool: either('a server-side tool call or a list of them', (v) => (Array.isArray(v) ? listOf(serverToolCall, { nonEmpty: true }) : serverToolCall)),
});

const serverChecks: Record<string, Check> = {
  profile: oneOf(...PROFILE_NAMES),
  apiKey: nullable(nonEmptyStr),
  clientSecrets: listOf(nonEmptyStr),
  model: nonEmptyStr,
  models: listOf(nonEmptyStr, { nonEmpty: true }),
  voices: listOf(nonEmptyStr),
  lifetimeMs: nullable(ms),
  sessionCreated: bool,
  refuseTruncate: bool,
  latency: obj({ ms, jitterMs: ms, direction: oneOf('downstream', 'upstream', 'both') }, ['ms']),
  xaiQuirks: obj({ nullPreviousItemId: bool, emptyDeletedItemId: bool, transcriptInUserItem: bool, topLevelUsage: bool, textEvents: oneOf('xai', 'openai') }),
  vad: obj({ floorDb: num({ min: BOUNDS.floorDb, max: -1 }) }),
  reply,
  replies: listOf(reply, { nonEmpty: true }),
  functionCall,
  userTranscript: either('a string or a list of strings', (v) => (Array.isArray(v) ? listOf(str) : typeof v === 'string' ? str : undefined)),
  transcriptionDelayMs: ms,
  resumption: obj({ ttlMs: ms }),
  ping: obj({ everyMs: num({ above: 0, max: BOUNDS.durationMs }) }, ['everyMs']),
  tools: listOf((v, p, out) => {
    if (!isPlainObject(v)) return add(out, p, `expected a tool mapping { type, … }, got ${describe(v)}`);
    const checks: Record<string, Check> = {
      function: obj({ type: str, name: nonEmptyStr, description: str, parameters: mapping }, ['type', 'name']),
      web_search: obj({ type: str }),
      x_search: obj({ type: str, allowed_x_handles: listOf(nonEmptyStr) }),
      file_search: obj({ type: str, vector_store_ids: listOf(nonEmptyStr), max_num_results: smallPositiveInt }, ['type', 'vector_store_ids']),
    };
    const type = v['type'];
    if (type === 'mcp') return obj({ type: str, server_label: nonEmptyStr, server_url: nonEmptyStr }, ['type', 'server_label'])(v, p, out);
    const check = typeof type === 'string' && Object.hasOwn(checks, type) ? checks[type] : undefined;
    if (check) return check(v, p, out);
    oneOf('function', 'web_search', 'x_search', 'file_search', 'mcp')(type, [...p, 'type'], out);
  }),
  mcpTools: (v, p, out) => {
    if (!isPlainObject(v)) return add(out, p, `expected a mapping of MCP server labels to lists of tools, got ${describe(v)}`);
    for (const [label, tools] of Object.entries(v)) listOf(obj({ name: nonEmptyStr, description: str, inputSchema: mapping }, ['name']))(tools, [...p, label], out);
  },
  transcript: obj(
    {
      file: nonEmptyStr,
      speed: factor,
      mode: oneOf('strict', 'lenient'),
      ignore: listOf(nonEmptyStr),
      background: listOf(nonEmptyStr),
      connection: positiveInt,
    },
    ['file'],
  ),
};

const serverCheck = obj(serverChecks);

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
            return add(out, p, `expected a valid regular expression, got ${JSON.stringify(r)} (${(e as Error).message})`);
          }
          const unsafe = catastrophicRegexReason(r);
          if (unsafe !== undefined) add(out, p, `expected a regular expression that runs in linear time, got ${JSON.stringify(r)}: ${unsafe}`, 'drop the outer quantifier or use a character class, e.g. ^a+$ for ^(a+)+$');
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
  if (!isPlainObject(v)) return add(out, p, `expected a trigger mapping with one of ${TRIGGER_KEYS.join(', ')}, got ${describe(v)}`);
  const kinds = TRIGGER_KEYS.filter((k) => k in v);
  if (kinds.length !== 1) {
    const hint = kinds.length === 0 ? Object.keys(v).map((k) => didYouMean(k, TRIGGER_KEYS)).find(Boolean) : undefined;
    return add(out, p, `expected exactly one of ${TRIGGER_KEYS.join(', ')}, got ${kinds.length === 0 ? 'none' : kinds.join(' and ')}`, hint);
  }
  switch (kinds[0]) {
    case 'event': {
      obj({ event: eventName, from: oneOf('client', 'server'), match: (m, mp, o) => (isPlainObject(m) ? Object.entries(m).forEach(([k, x]) => matcher(x, [...mp, k], o)) : add(o, mp, `expected a mapping of field paths to matchers, got ${describe(m)}`)), count: positiveInt, connection: positiveInt }, ['event'])(v, p, out);
      const name = v['event'];
      if (typeof name === 'string' && v['from'] === undefined && !isClientEventType(name) && !isServerEventType(name)) {
        add(out, [...p, 'event'], `unknown event type "${name}": it is in neither the client nor the server catalogue`, didYouMean(name, [...CLIENT_EVENT_TYPES, ...SERVER_EVENT_TYPES]) ?? 'set from: client or from: server to match a type outside the catalogue');
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
  const ok = typeof v === 'number' && Number.isInteger(v) && (v === 1000 || (v >= 1001 && v <= 1014 && ![1004, 1005, 1006].includes(v)) || (v >= 3000 && v <= 4999));
  if (!ok) add(out, p, `expected a close code a server may send (1000–1014 except 1004–1006, or 3000–4999), got ${describe(v)}`, v === 1006 ? 'use resetPeer: {} to make the client see 1006' : undefined);
};

const sendEvent: Check = (v, p, out) => {
  if (!isPlainObject(v) || typeof v['type'] !== 'string') return add(out, p, `expected a server event with a string "type", got ${describe(v)}`);
  const checked = validateServerEvent({ event_id: 'event_000000000000', ...v });
  if (!checked.ok) {
    const details = checked.error.details as { path?: (string | number)[] };
    add(out, [...p, ...(details.path ?? [])], withoutPrefix(checked.error.message), 'use sendRaw to send a frame that breaks the protocol on purpose');
  } else if (!checked.known) {
    add(out, [...p, 'type'], `unknown server event type "${v['type']}"`, didYouMean(v['type'], SERVER_EVENT_TYPES) ?? 'use sendRaw to send an event outside the catalogue');
  }
};

const actionChecks: Record<string, Check> = {
  send: sendEvent,
  sendRaw: str,
  sendBinary: str,
  failClientSends: obj({ count: positiveInt }),
  error: obj({ message: str, type: nonEmptyStr, code: nullable(str), param: nullable(str), event_id: nullable(str) }, ['message']),
  delay: ms,
  close: obj({ code: closeCode, reason: str }),
  latency: obj({ ms, jitterMs: ms, ...toxic }, ['ms']),
  bandwidth: obj({ kbps: num({ above: 0, max: BOUNDS.kbps }), ...toxic }, ['kbps']),
  slicer: obj({ averageSize: frameBytes(1), sizeVariation: frameBytes(0), delayUs: num({ min: 0, max: BOUNDS.durationMs * 1000 }), ...toxic }, ['averageSize']),
  timeout: obj({ ms, ...toxic }, ['ms']),
  resetPeer: obj({ afterMs: ms, ...toxic }),
  slowClose: obj({ ms, ...toxic }, ['ms']),
  limitData: obj({ bytes: num({ min: 0, int: true, max: BOUNDS.bytes }), ...toxic }, ['bytes']),
  clearFaults: obj({ direction }),
  failNextResponse: obj({ type: nonEmptyStr, code: nonEmptyStr, count: positiveInt }),
  refuseHandshake: obj(
    {
      status: (v, p, out) => {
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 200 || v > 599 || v === 101) add(out, p, `expected an HTTP status from 200 to 599, got ${describe(v)}`);
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
    if (!isPlainObject(v)) return add(out, p, `expected an action mapping such as { resetPeer: {} }, got ${describe(v)}`);
    const keys = Object.keys(v);
    if (keys.length !== 1) return add(out, p, `expected exactly one action name per list entry, got ${keys.length === 0 ? 'none' : keys.join(', ')}`, keys.length > 1 ? 'put each action in its own list entry' : undefined);
    const name = keys[0]!;
    const check = Object.hasOwn(actionChecks, name) ? actionChecks[name] : undefined;
    if (!check) return add(out, [...p, name], `unknown action "${name}"; expected one of ${ACTION_NAMES.join(', ')}`, didYouMean(name, ACTION_NAMES));
    if (handshakeTrigger && (CONNECTION_ACTIONS as readonly string[]).includes(name)) {
      add(out, [...p, name], `action "${name}" needs a connection, and a handshake trigger has none`, 'use a connect trigger, or refuseHandshake / holdHandshake / failNextResponse / setState here');
    }
    check(v[name], [...p, name], out);
  };
}

const stateList: Check = either('a state name or a list of them', (v) =>
  Array.isArray(v) ? listOf(nonEmptyStr, { nonEmpty: true }) : typeof v === 'string' ? nonEmptyStr : undefined,
);

const rule: Check = (v, p, out) => {
  if (!isPlainObject(v)) return add(out, p, `expected a rule { when, do }, got ${describe(v)}`);
  const handshake = isPlainObject(v['when']) && 'handshake' in v['when'];
  obj({ name: str, when: trigger, do: listOf(action(handshake)), once: bool, state: stateList, setState: nonEmptyStr }, ['when'])(v, p, out);
};

/** Checks a `server:` block; paths are relative to it. */
export function validateServerConfig(value: unknown): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  serverCheck(value, [], out);
  return out;
}

/** Checks a `script:` block (a list of rules); paths are relative to it. */
export function validateScript(value: unknown): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  listOf(rule)(value, [], out);
  return out;
}

/** Checks `{ server, script }`; paths start with `server` or `script`. */
export function validateSimulatorConfig(value: unknown): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  if (!isPlainObject(value)) {
    add(out, [], `expected a mapping { server?, script? }, got ${describe(value)}`);
    return out;
  }
  for (const key of Object.keys(value)) {
    if (key !== 'server' && key !== 'script') add(out, [key], `unknown key "${key}"; expected server or script`, didYouMean(key, ['server', 'script']));
  }
  if (value['server'] !== undefined) serverCheck(value['server'], ['server'], out);
  if (value['script'] !== undefined) listOf(rule)(value['script'], ['script'], out);
  return out;
}

/** One line per issue, `path: message (hint)`, for error messages. */
export function formatConfigIssues(issues: readonly ConfigIssue[]): string {
  return issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}${i.hint ? ` (${i.hint})` : ''}`).join('; ');
}
