/**
 * Writes schema/scenario.schema.json from the zod schemas the loader checks scenario files
 * with (src/harness/validate.ts and the blocks' owners: the client's options, the simulator's
 * server: and script:), and schema/transcript-line.schema.json from the transcript reader's
 * (a header or a record, one per line). Run `npm run schema` after changing a schema;
 * test/schema/scenario-schema.test.ts and transcript-schema.test.ts fail while a committed
 * file differs.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DATA_OPTIONS } from '../src/client/option-schema.js';
import { headerSchema } from '../src/transcript/header-schema.js';
import { recordSchema } from '../src/transcript/record-schema.js';
import { scenarioSchema } from '../src/harness/validate.js';
import { CONNECTION_ACTIONS } from '../src/simulator/script/rules.js';
import { ACTION_ENTRY_SCHEMAS, ACTION_SCHEMAS } from '../src/simulator/validate-script.js';
import { scriptSchema, serverSchema } from '../src/simulator/validate-config.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Where the schema is written. */
export const SCENARIO_SCHEMA_FILE = path.join(ROOT, 'schema', 'scenario.schema.json');
/** Where the schema of a transcript line is written. */
export const TRANSCRIPT_SCHEMA_FILE = path.join(ROOT, 'schema', 'transcript-line.schema.json');

const DESCRIPTION =
  "A scenario file of rt-sim (scenarios/*.yaml): the client options, the fake server's behaviour, " +
  'the timeline of client calls and the checks on the run. Times are virtual milliseconds. ' +
  'docs/scenario-format.md and docs/scenario-server.md describe every key. ' +
  "Generated from the loader's zod schemas by `npm run schema`: do not edit.";

type Json = Record<string, unknown>;

/** A `do:` entry: exactly one action name, with that action's argument; after a handshake, no connection action. */
function actionJson(handshake: boolean): Json {
  const allowed = Object.entries(ACTION_SCHEMAS).filter(
    ([name]) => !handshake || !(CONNECTION_ACTIONS as readonly string[]).includes(name),
  );
  return {
    type: 'object',
    minProperties: 1,
    maxProperties: 1,
    properties: Object.fromEntries(allowed.map(([name, schema]) => [name, draft7(schema, false)])),
    additionalProperties: false,
  };
}

function draft7(schema: z.ZodType, root: boolean): Json {
  const json = z.toJSONSchema(schema, {
    target: 'draft-7',
    unrepresentable: 'any',
    // Inline (zod's default): editors show each place's own schema, with no __schema<n> references.
    override: (ctx) => {
      const { handshake, connection } = ACTION_ENTRY_SCHEMAS;
      const at = ctx.zodSchema as unknown;
      if (at !== handshake && at !== connection) return;
      for (const key of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as Json)[key];
      Object.assign(ctx.jsonSchema, actionJson(at === handshake));
    },
  }) as Json;
  if (!root) delete json['$schema'];
  return json;
}

/** The JSON Schema of a scenario file. */
export function scenarioJsonSchema(): Json {
  const { apiKey: _apiKey, ...options } = DATA_OPTIONS;
  const client = z.strictObject(Object.fromEntries(Object.entries(options).map(([k, s]) => [k, s.optional()])));
  const schema = scenarioSchema({}, { client, server: serverSchema, script: scriptSchema, options });
  const { $schema, ...rest } = draft7(schema, true);
  return { $schema, title: 'rt-sim scenario', description: DESCRIPTION, ...rest };
}

/** The JSON Schema of one line of a transcript (`*.rtsim.jsonl`): the header line or a record. */
export function transcriptLineJsonSchema(): Json {
  const json = z.toJSONSchema(z.union([headerSchema, recordSchema]), {
    target: 'draft-7',
    unrepresentable: 'any',
  }) as Json;
  const { $schema, ...rest } = json;
  return {
    $schema,
    title: 'rt-sim transcript line',
    description:
      'One line of an rt-sim transcript (*.rtsim.jsonl): the first is the header, every other a record ' +
      '(a frame, an open or a close). docs/transcript-format.md describes every field. ' +
      "Generated from the reader's zod schemas by `npm run schema`: do not edit.",
    ...rest,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [file, json] of [
    [SCENARIO_SCHEMA_FILE, scenarioJsonSchema()],
    [TRANSCRIPT_SCHEMA_FILE, transcriptLineJsonSchema()],
  ] as const) {
    writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
    process.stdout.write(`wrote ${path.relative(ROOT, file)}\n`);
  }
}
