import { CALL_NAMES, DEFAULT_SEED, DEFAULT_TIMEOUT_MS, WAITABLE_EVENTS } from './scenario.js';
import type { CallName, Expectation, Scenario, Step, ToolSpec } from './scenario.js';
import { closest } from '../errors/index.js';
import { isPlainObject } from '../protocol/index.js';
import { IssueList, checkKeys, describe } from './check.js';
import type { DocPath, PathIssue } from './issue.js';
import { ruleRefProblem } from './rule-catalogue.js';

/** Validators of the blocks that belong to the client and the simulator. */
export interface BlockValidators {
  client?: (value: unknown) => PathIssue[];
  server?: (value: unknown) => PathIssue[];
  script?: (value: unknown) => PathIssue[];
}

/** The keys a scenario file may have at its top level. */
export const SCENARIO_KEYS: readonly string[] = [
  'name',
  'description',
  'rules',
  'seed',
  'timeoutMs',
  'golden',
  'client',
  'server',
  'script',
  'tools',
  'steps',
  'expect',
];
const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
/**
 * A rule id of docs/protocol.md (`R2.5`, `§5.3`, `§8.6`), optionally with one clause of it
 * after a slash (`§5.3/excludes`): what a scenario declares it checks.
 */
export const RULE_REF_PATTERN = /^(?:R\d{1,2}\.\d{1,2}|§\d{1,2}\.\d{1,2})(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)?$/;
/** The longest scenario name: it is also a file name (golden/<name>.json), and file systems stop at 255 bytes. */
export const MAX_NAME_LENGTH = 100;
/** The most audio one pushAudio tone or silence may make, in ms (10 minutes; 28 MB of PCM at 24 kHz). */
export const MAX_GENERATED_AUDIO_MS = 600_000;
/** The highest tone frequency: the Nyquist limit of the highest sample rate (192 kHz). */
export const MAX_TONE_HZ = 96_000;

/**
 * Checks a parsed scenario document and builds a {@link Scenario}. Every problem is
 * reported, not just the first, each with its path so the loader can give file:line.
 */
export function validateScenario(
  value: unknown,
  where: { file: string; baseDir: string },
  validators: BlockValidators = {},
): { scenario?: Scenario; issues: PathIssue[] } {
  const list = new IssueList();
  if (!isPlainObject(value)) {
    list.add([], `a scenario must be a mapping with at least "name" and "steps", got ${describe(value)}`);
    return { issues: list.issues };
  }
  checkKeys(list, [], value, SCENARIO_KEYS);

  const name = value['name'];
  if (typeof name === 'string' && name.length > MAX_NAME_LENGTH) {
    list.add(
      ['name'],
      `expected a name of at most ${MAX_NAME_LENGTH} characters, got ${name.length}`,
      'the name is also the golden file name: golden/<name>.json',
    );
  } else if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    list.add(
      ['name'],
      `expected a name of lower-case letters, digits, ".", "_" or "-", got ${describe(name)}`,
      'the name is also the golden file name: golden/<name>.json',
    );
  }
  const description = optionalString(list, ['description'], value['description']);
  const rules = validateRules(list, value['rules']);
  const seed = optionalInt(list, ['seed'], value['seed'], 0, 0xffffffff) ?? DEFAULT_SEED;
  const timeoutMs = optionalInt(list, ['timeoutMs'], value['timeoutMs'], 1, 24 * 3600_000) ?? DEFAULT_TIMEOUT_MS;
  const golden = value['golden'] === undefined ? true : value['golden'];
  if (typeof golden !== 'boolean') list.add(['golden'], `expected true or false, got ${describe(golden)}`);

  const client = optionalRecord(list, ['client'], value['client']);
  if (client && 'apiKey' in client) {
    list.add(
      ['client', 'apiKey'],
      'an API key does not belong in a scenario file',
      'remove it: the harness gives the client a test key, and secrets must not reach reports or goldens',
    );
  } else if (client && validators.client) list.addAll(['client'], validators.client(client));
  const server = optionalRecord(list, ['server'], value['server']);
  if (server && validators.server) list.addAll(['server'], validators.server(server));
  const script = value['script'] === undefined ? [] : value['script'];
  if (!Array.isArray(script)) list.add(['script'], `expected a list of { when, do } rules, got ${describe(script)}`);
  else if (validators.script) list.addAll(['script'], validators.script(script));

  const tools = validateTools(list, ['tools'], value['tools']);
  const steps = validateSteps(list, value['steps'], validators);
  const expect = validateExpect(list, value['expect']);

  if (list.issues.length > 0) return { issues: list.issues };
  const scenario: Scenario = {
    name: name as string,
    seed,
    timeoutMs,
    golden: golden as boolean,
    client: client ?? {},
    server: server ?? {},
    script: script as unknown[],
    tools,
    steps,
    expect,
    file: where.file,
    baseDir: where.baseDir,
  };
  if (description !== undefined) scenario.description = description;
  if (rules !== undefined) scenario.rules = rules;
  return { scenario, issues: [] };
}

function validateRules(list: IssueList, v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) {
    list.add(['rules'], `expected a list of rule ids such as [R2.5, "§5.3/excludes"], got ${describe(v)}`);
    return undefined;
  }
  const seen = new Set<string>();
  v.forEach((id, i) => {
    if (typeof id !== 'string' || !RULE_REF_PATTERN.test(id)) {
      list.add(
        ['rules', i],
        `expected a rule id (R<n>.<n> or §<n>.<n>, optionally /<clause>), got ${describe(id)}`,
        'rule ids are those of docs/protocol.md; docs/rule-map.md lists them with their clauses',
      );
    } else if (seen.has(id)) {
      list.add(['rules', i], `${id} is listed twice`);
    } else {
      seen.add(id);
      const problem = ruleRefProblem(id, closest);
      if (problem) list.add(['rules', i], problem.message, problem.hint);
    }
  });
  return v.filter((id): id is string => typeof id === 'string');
}

function optionalString(list: IssueList, path: DocPath, v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') list.add(path, `expected text, got ${describe(v)}`);
  return typeof v === 'string' ? v : undefined;
}

function optionalInt(list: IssueList, path: DocPath, v: unknown, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    list.add(path, `expected a whole number from ${min} to ${max}, got ${describe(v)}`);
    return undefined;
  }
  return v;
}

function optionalRecord(list: IssueList, path: DocPath, v: unknown): Record<string, unknown> | undefined {
  if (v === undefined) return undefined;
  if (!isPlainObject(v)) {
    list.add(path, `expected a mapping, got ${describe(v)}`);
    return undefined;
  }
  return v;
}

function validateTools(list: IssueList, path: DocPath, v: unknown): ToolSpec[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    list.add(path, `expected a list of tools, got ${describe(v)}`);
    return [];
  }
  const out: ToolSpec[] = [];
  v.forEach((tool, i) => {
    const p = [...path, i];
    if (!isPlainObject(tool))
      return list.add(p, `expected a tool mapping { name, description?, parameters?, result? }, got ${describe(tool)}`);
    checkKeys(list, p, tool, ['name', 'description', 'parameters', 'result']);
    if (typeof tool['name'] !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(tool['name'])) {
      list.add(
        [...p, 'name'],
        `expected a tool name of 1 to 64 letters, digits, "_" or "-", got ${describe(tool['name'])}`,
      );
    }
    optionalString(list, [...p, 'description'], tool['description']);
    optionalRecord(list, [...p, 'parameters'], tool['parameters']);
    optionalString(list, [...p, 'result'], tool['result']);
    out.push(tool as unknown as ToolSpec);
  });
  return out;
}

/** Per call: the keys its args may have, those it must have, and (`oneOf`) those of which it needs at least one. */
const CALL_ARGS: Record<
  CallName,
  { keys: readonly string[]; required?: readonly string[]; oneOf?: readonly string[]; extra?: readonly string[] }
> = {
  generateReply: { keys: ['instructions', 'tools', 'toolChoice'], extra: ['await'] },
  say: { keys: ['text', 'interruptible', 'voice'], required: ['text'], extra: ['await'] },
  updateInstructions: { keys: ['instructions'], required: ['instructions'] },
  updateTools: { keys: ['tools'], required: ['tools'] },
  updateChatCtx: { keys: ['items', 'add'], oneOf: ['items', 'add'], extra: ['await'] },
  // {} is allowed: the client sends nothing for it, which a scenario may check.
  updateOptions: {
    keys: [
      'voice',
      'turnDetection',
      'toolChoice',
      'speed',
      'maxResponseOutputTokens',
      'inputAudioTranscription',
      'inputAudioNoiseReduction',
      'tracing',
    ],
  },
  interrupt: { keys: [] },
  truncate: {
    keys: ['messageId', 'audioEndMs', 'modalities', 'audioTranscript', 'skipIfNoMessage'],
    required: ['audioEndMs'],
  },
  pushAudio: {
    keys: ['wav', 'tone', 'silenceMs', 'frameMs', 'realtime', 'sampleRate'],
    oneOf: ['wav', 'tone', 'silenceMs'],
  },
  pushVideo: { keys: ['data', 'mimeType'], required: ['data'] },
  commitAudio: { keys: [] },
  clearAudio: { keys: [] },
  close: { keys: [] },
  openSession: { keys: [] },
  modelUpdateOptions: {
    keys: [
      'voice',
      'turnDetection',
      'toolChoice',
      'speed',
      'maxResponseOutputTokens',
      'inputAudioTranscription',
      'inputAudioNoiseReduction',
      'tracing',
    ],
    oneOf: [
      'voice',
      'turnDetection',
      'toolChoice',
      'speed',
      'maxResponseOutputTokens',
      'inputAudioTranscription',
      'inputAudioNoiseReduction',
      'tracing',
    ],
  },
  inspectModel: { keys: [] },
  closeModel: { keys: [] },
};

function validateSteps(list: IssueList, v: unknown, validators: BlockValidators): Step[] {
  if (!Array.isArray(v) || v.length === 0) {
    list.add(
      ['steps'],
      `expected a non-empty list of steps (call, wait or sleep), got ${describe(v)}`,
      'e.g. steps: [ { call: generateReply }, { wait: idle } ]',
    );
    return [];
  }
  v.forEach((step, i) => validateStep(list, ['steps', i], step, validators));
  return v as Step[];
}

function validateStep(list: IssueList, path: DocPath, step: unknown, validators: BlockValidators): void {
  if (!isPlainObject(step))
    return list.add(path, `expected a step mapping with "call", "wait" or "sleep", got ${describe(step)}`);
  const kinds = ['call', 'wait', 'sleep'].filter((k) => k in step);
  if (kinds.length !== 1) {
    return list.add(
      path,
      `a step has exactly one of "call", "wait" or "sleep", got ${kinds.length === 0 ? 'none' : kinds.join(' and ')}`,
    );
  }
  if ('sleep' in step) {
    checkKeys(list, path, step, ['sleep']);
    optionalInt(list, [...path, 'sleep'], step['sleep'], 0, 24 * 3600_000);
    return;
  }
  if ('wait' in step) {
    checkKeys(list, path, step, ['wait']);
    const w = step['wait'];
    if (typeof w === 'string') {
      if (!WAITABLE_EVENTS.includes(w)) {
        const guess = closest(w, WAITABLE_EVENTS);
        list.add(
          [...path, 'wait'],
          `unknown event "${w}"`,
          guess ? `did you mean "${guess}"?` : `one of: ${WAITABLE_EVENTS.join(', ')}`,
        );
      }
    } else if (isPlainObject(w)) {
      checkKeys(list, [...path, 'wait'], w, ['event', 'count', 'timeoutMs']);
      if (typeof w['event'] !== 'string' || !WAITABLE_EVENTS.includes(w['event'])) {
        list.add(
          [...path, 'wait', 'event'],
          `expected one of ${WAITABLE_EVENTS.join(', ')}, got ${describe(w['event'])}`,
        );
      }
      optionalInt(list, [...path, 'wait', 'count'], w['count'], 1, 1_000_000);
      optionalInt(list, [...path, 'wait', 'timeoutMs'], w['timeoutMs'], 1, 24 * 3600_000);
    } else {
      list.add([...path, 'wait'], `expected an event name or { event, count?, timeoutMs? }, got ${describe(w)}`);
    }
    return;
  }
  const call = step['call'];
  if (typeof call !== 'string' || !(CALL_NAMES as readonly string[]).includes(call)) {
    const guess = typeof call === 'string' ? closest(call, CALL_NAMES) : undefined;
    return list.add(
      [...path, 'call'],
      `unknown call ${describe(call)}`,
      guess ? `did you mean "${guess}"?` : `one of: ${CALL_NAMES.join(', ')}`,
    );
  }
  const spec = CALL_ARGS[call as CallName];
  checkKeys(list, path, step, ['call', 'args', ...(spec.extra ?? [])]);
  if ('await' in step && typeof step['await'] !== 'boolean')
    list.add([...path, 'await'], `expected true or false, got ${describe(step['await'])}`);
  const args = step['args'];
  if (args === undefined) {
    if (spec.required?.length) list.add(path, `call ${call} needs args with ${spec.required.join(', ')}`);
    else if (spec.oneOf?.length) list.add(path, `call ${call} needs args with one of ${spec.oneOf.join(', ')}`);
    else if (call === 'updateOptions')
      list.add(path, 'call updateOptions needs args: the options to change, or {} to change none');
    return;
  }
  if (!isPlainObject(args)) return list.add([...path, 'args'], `expected a mapping, got ${describe(args)}`);
  checkKeys(list, [...path, 'args'], args, spec.keys);
  for (const key of spec.required ?? []) {
    if (!(key in args)) list.add([...path, 'args'], `call ${call} needs "${key}"`);
  }
  if (spec.oneOf && call !== 'pushAudio' && !spec.oneOf.some((k) => k in args)) {
    list.add([...path, 'args'], `call ${call} needs one of ${spec.oneOf.join(', ')}`);
  }
  const at = (key: string): DocPath => [...path, 'args', key];
  if (call === 'pushAudio') validatePushAudio(list, path, args);
  if (call === 'updateTools') validateTools(list, at('tools'), args['tools']);
  if (call === 'truncate') {
    optionalInt(list, at('audioEndMs'), args['audioEndMs'], 0, 24 * 3600_000);
    optionalString(list, at('messageId'), args['messageId']);
    optionalString(list, at('audioTranscript'), args['audioTranscript']);
    const skip = args['skipIfNoMessage'];
    if (skip !== undefined && typeof skip !== 'boolean')
      list.add(at('skipIfNoMessage'), `expected true or false, got ${describe(skip)}`);
    if (skip !== undefined && args['messageId'] !== undefined) {
      list.add(
        at('skipIfNoMessage'),
        'skipIfNoMessage applies only to the default message (the last assistant one); it cannot be used with messageId',
      );
    }
    const m = args['modalities'];
    if (m !== undefined && (!Array.isArray(m) || m.length === 0 || !m.every((x) => x === 'audio' || x === 'text'))) {
      list.add(at('modalities'), `expected a list of audio and/or text, got ${describe(m)}`);
    }
  }
  if (call === 'pushVideo') {
    const data = args['data'];
    if (
      data !== undefined &&
      (typeof data !== 'string' || data === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(data) || data.length % 4 !== 0)
    ) {
      list.add(
        at('data'),
        `expected the encoded image as standard base64, got ${describe(data)}`,
        'e.g. the output of base64 -w0 image.jpg',
      );
    }
    const mime = args['mimeType'];
    if (mime !== undefined && (typeof mime !== 'string' || !/^image\/[a-z0-9.+-]+$/.test(mime)))
      list.add(at('mimeType'), `expected an image MIME type such as image/jpeg, got ${describe(mime)}`);
  }
  if (call === 'generateReply' || call === 'updateInstructions')
    optionalString(list, at('instructions'), args['instructions']);
  if (call === 'generateReply') {
    if (args['tools'] !== undefined) validateTools(list, at('tools'), args['tools']);
    const choice = args['toolChoice'];
    if (choice !== undefined && (typeof choice !== 'string' || choice === '')) {
      list.add(at('toolChoice'), `expected auto, none, required or a tool's name, got ${describe(choice)}`);
    }
  }
  if (call === 'say') {
    if (typeof args['text'] !== 'string' || args['text'] === '')
      list.add(at('text'), `expected the words to speak (a non-empty string), got ${describe(args['text'])}`);
    if (args['interruptible'] !== undefined && typeof args['interruptible'] !== 'boolean')
      list.add(at('interruptible'), `expected true or false, got ${describe(args['interruptible'])}`);
    optionalString(list, at('voice'), args['voice']);
  }
  if ((call === 'updateOptions' || call === 'modelUpdateOptions') && validators.client)
    list.addAll([...path, 'args'], validators.client(args));
  if (call === 'updateChatCtx') {
    for (const key of ['items', 'add'] as const) {
      const items = args[key];
      if (items === undefined) continue;
      if (!Array.isArray(items))
        list.add([...path, 'args', key], `expected a list of chat items, got ${describe(items)}`);
      else items.forEach((item, i) => validateChatItem(list, [...path, 'args', key, i], item));
    }
  }
}

function validatePushAudio(list: IssueList, path: DocPath, args: Record<string, unknown>): void {
  const at = (key: string): DocPath => [...path, 'args', key];
  const sources = ['wav', 'tone', 'silenceMs'].filter((k) => k in args);
  if (sources.length !== 1)
    list.add(
      [...path, 'args'],
      `pushAudio needs exactly one of wav, tone or silenceMs, got ${sources.length === 0 ? 'none' : sources.join(' and ')}`,
    );
  if ('wav' in args && typeof args['wav'] !== 'string')
    list.add(at('wav'), `expected a path to a WAV file, got ${describe(args['wav'])}`);
  if ('tone' in args) {
    const tone = args['tone'];
    if (!isPlainObject(tone)) list.add(at('tone'), `expected { hz, ms, level? }, got ${describe(tone)}`);
    else {
      checkKeys(list, at('tone'), tone, ['hz', 'ms', 'level']);
      positiveNumber(list, [...at('tone'), 'hz'], tone['hz'], MAX_TONE_HZ);
      positiveNumber(list, [...at('tone'), 'ms'], tone['ms'], MAX_GENERATED_AUDIO_MS);
      const level = tone['level'];
      if (level !== undefined && (typeof level !== 'number' || !(level > 0 && level <= 1)))
        list.add([...at('tone'), 'level'], `expected a peak level in (0, 1], got ${describe(level)}`);
    }
  }
  if ('silenceMs' in args) positiveNumber(list, at('silenceMs'), args['silenceMs'], MAX_GENERATED_AUDIO_MS);
  if ('sampleRate' in args) optionalInt(list, at('sampleRate'), args['sampleRate'], 8000, 192_000);
  if ('frameMs' in args) optionalInt(list, at('frameMs'), args['frameMs'], 1, 1000);
  if ('realtime' in args && typeof args['realtime'] !== 'boolean')
    list.add(at('realtime'), `expected true or false, got ${describe(args['realtime'])}`);
}

function positiveNumber(list: IssueList, path: DocPath, v: unknown, max: number): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > max)
    list.add(path, `expected a number above 0 and at most ${max}, got ${describe(v)}`);
}

function validateChatItem(list: IssueList, path: DocPath, item: unknown): void {
  if (!isPlainObject(item))
    return list.add(path, `expected { role, text } or { functionCall } or { functionOutput }, got ${describe(item)}`);
  if ('role' in item) {
    checkKeys(list, path, item, ['role', 'text', 'id']);
    if (!['user', 'assistant', 'system', 'developer'].includes(String(item['role'])))
      list.add([...path, 'role'], `expected user, assistant, system or developer, got ${describe(item['role'])}`);
    if (typeof item['text'] !== 'string') list.add([...path, 'text'], `expected text, got ${describe(item['text'])}`);
  } else if ('functionCall' in item && 'functionOutput' in item) {
    list.add(path, 'a chat item is either a functionCall or a functionOutput, not both');
  } else if ('functionCall' in item) {
    checkKeys(list, path, item, ['functionCall', 'id']);
    textFields(list, [...path, 'functionCall'], item['functionCall'], ['name', 'arguments'], ['callId']);
  } else if ('functionOutput' in item) {
    checkKeys(list, path, item, ['functionOutput', 'id']);
    textFields(list, [...path, 'functionOutput'], item['functionOutput'], ['callId', 'output'], ['name']);
  } else {
    list.add(path, 'expected one of the keys role, functionCall or functionOutput');
  }
  if ('id' in item && typeof item['id'] !== 'string')
    list.add([...path, 'id'], `expected text, got ${describe(item['id'])}`);
}

/** A mapping of text fields: those in `required` must be text, those in `optional` may be. */
function textFields(
  list: IssueList,
  path: DocPath,
  v: unknown,
  required: readonly string[],
  optional: readonly string[],
): void {
  const shape = `{ ${[...required, ...optional.map((k) => `${k}?`)].join(', ')} }`;
  if (!isPlainObject(v)) return list.add(path, `expected ${shape}, got ${describe(v)}`);
  checkKeys(list, path, v, [...required, ...optional]);
  for (const key of required)
    if (typeof v[key] !== 'string') list.add([...path, key], `expected text, got ${describe(v[key])}`);
  for (const key of optional) optionalString(list, [...path, key], v[key]);
}

const COUNT_KEYS = ['count', 'min', 'max', 'match', 'afterMs', 'beforeMs'] as const;

function validateExpect(list: IssueList, v: unknown): Expectation[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    list.add(['expect'], `expected a list of expectations, got ${describe(v)}`);
    return [];
  }
  v.forEach((e, i) => {
    const p = ['expect', i];
    if (!isPlainObject(e)) return list.add(p, `expected a mapping, got ${describe(e)}`);
    const counts = (): void => {
      for (const k of ['count', 'min', 'max']) optionalInt(list, [...p, k], e[k], 0, 1_000_000_000);
      for (const k of ['afterMs', 'beforeMs']) optionalInt(list, [...p, k], e[k], 0, 1_000_000_000);
      const m = e['match'];
      if (m !== undefined && (!isPlainObject(m) || Object.keys(m).length === 0)) {
        list.add(
          [...p, 'match'],
          `expected a mapping of dotted paths to values, e.g. { "item.content.0.text": "Hi." }, got ${describe(m)}`,
        );
      }
    };
    if ('event' in e) {
      checkKeys(list, p, e, ['event', ...COUNT_KEYS]);
      if (typeof e['event'] !== 'string')
        list.add([...p, 'event'], `expected an event name, got ${describe(e['event'])}`);
      counts();
    } else if ('frame' in e) {
      checkKeys(list, p, e, ['frame', 'from', ...COUNT_KEYS]);
      if (typeof e['frame'] !== 'string')
        list.add([...p, 'frame'], `expected a frame type such as response.create, got ${describe(e['frame'])}`);
      if (e['from'] !== 'client' && e['from'] !== 'server')
        list.add([...p, 'from'], `expected client or server, got ${describe(e['from'])}`);
      counts();
    } else if ('connections' in e) {
      checkKeys(list, p, e, ['connections']);
      optionalInt(list, [...p, 'connections'], e['connections'], 0, 1_000_000);
    } else if ('chatCtx' in e) {
      checkKeys(list, p, e, ['chatCtx']);
      const items = e['chatCtx'];
      if (!Array.isArray(items))
        list.add([...p, 'chatCtx'], `expected a list of { role?, type?, text? }, got ${describe(items)}`);
      else {
        items.forEach((item, j) => {
          const q = [...p, 'chatCtx', j];
          if (!isPlainObject(item)) return list.add(q, `expected { role?, type?, text? }, got ${describe(item)}`);
          checkKeys(list, q, item, ['role', 'type', 'text']);
          for (const key of ['role', 'type', 'text']) optionalString(list, [...q, key], item[key]);
        });
      }
    } else if ('inputAudio' in e) {
      checkKeys(list, p, e, ['inputAudio']);
      const a = e['inputAudio'];
      if (!isPlainObject(a) || Object.keys(a).length === 0)
        list.add(
          [...p, 'inputAudio'],
          `expected { hz?, dbfs?, soundMs? } with at least one of them, got ${describe(a)}`,
        );
      else {
        checkKeys(list, [...p, 'inputAudio'], a, ['hz', 'dbfs', 'soundMs']);
        if ('hz' in a) positiveNumber(list, [...p, 'inputAudio', 'hz'], a['hz'], 24_000);
        if (
          'dbfs' in a &&
          (typeof a['dbfs'] !== 'number' || !Number.isFinite(a['dbfs']) || a['dbfs'] < -120 || a['dbfs'] > 0)
        ) {
          list.add([...p, 'inputAudio', 'dbfs'], `expected a level from -120 to 0 dBFS, got ${describe(a['dbfs'])}`);
        }
        if ('soundMs' in a) optionalInt(list, [...p, 'inputAudio', 'soundMs'], a['soundMs'], 0, 1_000_000_000);
      }
    } else {
      list.add(p, 'expected one of the keys event, frame, connections, chatCtx or inputAudio');
    }
  });
  return v as Expectation[];
}
