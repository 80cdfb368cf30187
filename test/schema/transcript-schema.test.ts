/**
 * schema/transcript-line.schema.json, for editors and other tools reading rt-sim transcripts,
 * is generated from the reader's zod schemas (the header's and the records'); it must be what
 * `npm run schema` writes now, and accept every line of the bundled transcripts, which the
 * reader accepts too.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { TRANSCRIPT_SCHEMA_FILE, transcriptLineJsonSchema } from '../../scripts/schema.js';
import { parseTranscript } from '../../src/transcript/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIR = path.join(ROOT, 'scenarios', 'transcripts');
const validate = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true }).compile(
  JSON.parse(readFileSync(TRANSCRIPT_SCHEMA_FILE, 'utf8')) as Record<string, unknown>,
);

describe('the transcript line schema', () => {
  it('is what `npm run schema` writes now (run it after changing a schema)', () => {
    const generated = `${JSON.stringify(transcriptLineJsonSchema(), null, 2)}\n`;
    expect(
      readFileSync(TRANSCRIPT_SCHEMA_FILE, 'utf8') === generated,
      'schema/transcript-line.schema.json is stale: run `npm run schema`',
    ).toBe(true);
  });

  it('accepts every line of every bundled transcript, as the reader does', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.jsonl'));
    expect(files.length).toBeGreaterThan(3);
    for (const name of files) {
      const text = readFileSync(path.join(DIR, name), 'utf8');
      expect(() => parseTranscript(text, { file: name })).not.toThrow();
      text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .forEach((line, i) => {
          expect(validate(JSON.parse(line)), `${name}:${i + 1}: ${JSON.stringify(validate.errors)}`).toBe(true);
        });
    }
  });

  it('refuses a header of another version, an unknown source and a frame going nowhere', () => {
    for (const line of [
      { rtsim: 'transcript', version: 2 },
      { rtsim: 'transcript', version: 1, source: 'guess', date: '2026-12-05', client: 'c', model: 'm' },
      { t: 0, conn: 1, dir: 'sideways', frame: {} },
    ]) {
      expect(validate(line), JSON.stringify(line)).toBe(false);
    }
  });
});
