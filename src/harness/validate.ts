/**
 * Checks a parsed scenario document against the scenario file's zod schema (this file: the
 * top level; step-schema.ts, expect-schema.ts: the lists), the `client:`, `server:` and
 * `script:` blocks by their owners' validators, and builds a {@link Scenario}.
 */
import { z } from 'zod';
import { REALTIME_SESSION_EVENTS } from '../client/index.js';
import type { RealtimeSessionEventName } from '../client/index.js';
import { closest } from '../errors/index.js';
import { described, expecting, isPlainObject, refuse } from '../protocol/index.js';
import { describe } from './check.js';
import { expectSchema, tools } from './expect-schema.js';
import type { PathIssue } from './issue.js';
import { ruleRefProblem } from './rule-catalogue.js';
import { DEFAULT_SEED, DEFAULT_TIMEOUT_MS } from './scenario.js';
import type { Expectation, Scenario, Step, ToolSpec } from './scenario.js';
import { checkedBy, flag, mapping, scenarioIssues, text, wholeNumber } from './schema-parts.js';
import { constructorThrowsSchema } from './constructor-throws.js';
import type { ThrownValue } from './constructor-throws.js';
import { CONNECT_WITH } from './socket-classes.js';
import type { ConnectWith } from './socket-classes.js';
import { stepsSchema } from './step-schema.js';
import { conformIssues } from './conform-map.js';
import { expectRuleIssues } from './expect-rules.js';

export { MAX_GENERATED_AUDIO_MS, MAX_TONE_HZ } from './step-schema.js';

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
  'conform',
  'client',
  'connectWith',
  'constructorThrows',
  'readStreamsAfterMs',
  'coalesceFrames',
  'listenerThrows',
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

const NAME_HINT = 'the name is also the golden file name: golden/<name>.json';
const NAME_PHRASE = 'a name of lower-case letters, digits, ".", "_" or "-"';
const name = expecting(
  z
    .string()
    .superRefine((n, ctx) => {
      if (n.length > MAX_NAME_LENGTH)
        refuse(ctx, `expected a name of at most ${MAX_NAME_LENGTH} characters, got ${n.length}`, { hint: NAME_HINT });
      else if (!NAME_PATTERN.test(n)) refuse(ctx, `expected ${NAME_PHRASE}, got ${describe(n)}`, { hint: NAME_HINT });
    })
    .meta({ pattern: NAME_PATTERN.source, maxLength: MAX_NAME_LENGTH }),
  NAME_PHRASE,
  NAME_HINT,
);

const ruleId = expecting(
  z.string().regex(RULE_REF_PATTERN),
  'a rule id (R<n>.<n> or §<n>.<n>, optionally /<clause>)',
  'rule ids are those of docs/protocol.md; docs/rule-map.md lists them with their clauses',
);
const rules = expecting(
  z.array(ruleId).superRefine(
    (ids, ctx) => {
      const seen = new Set<string>();
      for (const [i, id] of ids.entries()) {
        if (typeof id !== 'string' || !RULE_REF_PATTERN.test(id)) continue;
        if (seen.has(id)) {
          refuse(ctx, `${id} is listed twice`, { path: [i] });
          continue;
        }
        seen.add(id);
        const problem = ruleRefProblem(id, closest);
        if (problem) refuse(ctx, problem.message, { path: [i], hint: problem.hint });
      }
    },
    { when: () => true },
  ),
  'a list of rule ids such as [R2.5, "§5.3/excludes"]',
);

/** The client block: its owner's checks, and never an API key. */
function clientBlock(validate: BlockValidators['client']): z.ZodType {
  const client = expecting(
    z.record(z.string(), z.unknown()).superRefine((c, ctx) => {
      if ('apiKey' in c)
        return refuse(ctx, 'an API key does not belong in a scenario file', {
          path: ['apiKey'],
          hint: 'remove it: the harness gives the client a test key, and secrets must not reach reports or goldens',
        });
      for (const issue of validate?.(c) ?? []) refuse(ctx, issue.message, { path: issue.path, hint: issue.hint });
    }),
    'a mapping',
  );
  return client;
}

/**
 * The blocks' own zod schemas, for the JSON Schema of the whole file (scripts/schema.ts): a
 * scenario is checked with {@link BlockValidators} instead, so each block keeps its owner's wording.
 */
export interface BlockShapes {
  client?: z.ZodType;
  server?: z.ZodType;
  script?: z.ZodType;
  /** The client options by name, for the args of updateOptions and modelUpdateOptions. */
  options?: Readonly<Record<string, z.ZodType>>;
}

/**
 * The schema of a whole scenario file, the blocks checked by `validators` (left open
 * without them: a mapping, a list).
 */
export function scenarioSchema(validators: BlockValidators = {}, shapes: BlockShapes = {}): z.ZodType {
  const d = described;
  return z.strictObject({
    name: d(name, 'Required. 1 to 100 lower-case letters, digits, ".", "_" and "-"; also the golden file name.'),
    description: d(
      text.optional(),
      'Free text: what the scenario shows and which rule or reference §8 item it covers.',
    ),
    rules: d(
      rules.optional(),
      'The rule ids of docs/protocol.md this scenario checks, ' +
        'each optionally with one clause after a slash (R2.5, §5.3/excludes).',
    ),
    seed: d(wholeNumber(0, 0xffffffff).optional(), 'Seeds ids, jitter and toxicity (default 1); --seed overrides it.'),
    timeoutMs: d(wholeNumber(1, 24 * 3600_000).optional(), 'The run fails past this virtual time (default 120000).'),
    golden: d(flag.optional(), 'Compare the run with golden/<name>.json (default true).'),
    conform: d(
      flag.optional(),
      'Fit for foreign clients: rt-sim conform runs it through an adapter (docs/conform.md); ' +
        'every step must map to an adapter command (default false).',
    ),
    client: d(
      (shapes.client ?? clientBlock(validators.client)).optional(),
      'The client options (docs/scenario-format.md).',
    ),
    connectWith: d(
      expecting(z.enum(CONNECT_WITH), `one of ${CONNECT_WITH.join(', ')}`).optional(),
      'How the client gets its sockets: socketFactory (default), webSocketClass (the WebSocket option, ' +
        'called as Node and ws take it) or browserWebSocketClass (a class that takes protocols only).',
    ),
    constructorThrows: d(
      constructorThrowsSchema.optional(),
      'What the first socket constructions throw, one entry each, in order: an Error ({ error, name?, code? }), ' +
        'a string ({ string }), a plain object ({ value }), a class instance with those fields ({ instance }) or ' +
        'an error event holding an Error ({ errorEvent }); ' +
        '"{authorization}" in a text becomes the ' +
        "construction's Authorization header.",
    ),
    readStreamsAfterMs: d(
      wholeNumber(0, 24 * 3600_000).optional(),
      'How long after a reply message arrives the harness starts reading its text and audio streams ' +
        '(default 0: at once), as an agent busy elsewhere does; the client must hold what it streams meanwhile.',
    ),
    coalesceFrames: d(
      flag.optional(),
      'The in-memory link hands the client every server frame due at one instant in one go, as ws emits the ' +
        'frames of one TCP segment: open and the first events in one tick (default false; --transport ws ignores it).',
    ),
    listenerThrows: d(
      z
        .array(expecting(z.enum(REALTIME_SESSION_EVENTS as [string, ...string[]]), 'a client event name'))
        .max(REALTIME_SESSION_EVENTS.length)
        .optional(),
      'Client events the harness listens to with a listener of its own that throws, as an application ' +
        "listener with a bug does: the client must log it and carry on, the harness's other listeners " +
        'still called (default none).',
    ),
    server: d(
      (shapes.server ?? checkedBy(mapping, validators.server)).optional(),
      "The fake server's behaviour (docs/scenario-server.md).",
    ),
    script: d(
      (
        shapes.script ?? checkedBy(expecting(z.array(z.unknown()), 'a list of { when, do } rules'), validators.script)
      ).optional(),
      'Server-side rules: when a trigger fires, run the actions (docs/scenario-server.md, "script:").',
    ),
    tools: d(tools().optional(), 'Function tools the client registers before the first step.'),
    steps: d(
      stepsSchema(validators.client, shapes.options),
      'Required, non-empty: the timeline of client calls, waits and sleeps, run in order.',
    ),
    expect: d(expectSchema.optional(), 'Checks on the run, besides the golden file.'),
  });
}

/** Built schemas by the validator functions they call: building one costs milliseconds, parsing with it much less. */
const built: { validators: BlockValidators; schema: z.ZodType }[] = [];

function schemaFor(validators: BlockValidators): z.ZodType {
  const same = (v: BlockValidators): boolean =>
    v.client === validators.client && v.server === validators.server && v.script === validators.script;
  const found = built.find((b) => same(b.validators));
  if (found) return found.schema;
  const schema = scenarioSchema(validators);
  // A handful of validator sets exist (none, the real ones, a test's); keep the latest few.
  if (built.length >= 8) built.shift();
  built.push({ validators: { ...validators }, schema });
  return schema;
}

/**
 * Checks a parsed scenario document and builds a {@link Scenario}. Every problem is
 * reported, not just the first, each with its path so the loader can give file:line.
 */
export function validateScenario(
  value: unknown,
  where: { file: string; baseDir: string },
  validators: BlockValidators = {},
): { scenario?: Scenario; issues: PathIssue[] } {
  if (!isPlainObject(value)) {
    const message = `a scenario must be a mapping with at least "name" and "steps", got ${describe(value)}`;
    return { issues: [{ path: [], message }] };
  }
  const issues = scenarioIssues(schemaFor(validators), value);
  if (issues.length > 0) return { issues };
  const misnamed = expectRuleIssues(value);
  if (misnamed.length > 0) return { issues: misnamed };
  if (value['conform'] === true) {
    const unfit = conformIssues(value);
    if (unfit.length > 0) return { issues: unfit };
  }
  // The document as written (zod's output reorders keys); the schema has vouched for its shape.
  const v = value as Record<string, unknown>;
  const scenario: Scenario = {
    name: v['name'] as string,
    seed: (v['seed'] as number | undefined) ?? DEFAULT_SEED,
    timeoutMs: (v['timeoutMs'] as number | undefined) ?? DEFAULT_TIMEOUT_MS,
    golden: (v['golden'] as boolean | undefined) ?? true,
    client: (v['client'] as Record<string, unknown> | undefined) ?? {},
    server: (v['server'] as Record<string, unknown> | undefined) ?? {},
    script: (v['script'] as unknown[] | undefined) ?? [],
    tools: (v['tools'] as ToolSpec[] | undefined) ?? [],
    steps: v['steps'] as Step[],
    expect: (v['expect'] as Expectation[] | undefined) ?? [],
    file: where.file,
    baseDir: where.baseDir,
  };
  if (v['description'] !== undefined) scenario.description = v['description'] as string;
  if (v['rules'] !== undefined) scenario.rules = v['rules'] as string[];
  if (v['connectWith'] !== undefined) scenario.connectWith = v['connectWith'] as ConnectWith;
  if (v['constructorThrows'] !== undefined) scenario.constructorThrows = v['constructorThrows'] as ThrownValue[];
  if (v['readStreamsAfterMs'] !== undefined) scenario.readStreamsAfterMs = v['readStreamsAfterMs'] as number;
  if (v['coalesceFrames'] === true) scenario.coalesceFrames = true;
  if (v['conform'] === true) scenario.conform = true;
  if (v['listenerThrows'] !== undefined) scenario.listenerThrows = v['listenerThrows'] as RealtimeSessionEventName[];
  return { scenario, issues: [] };
}
