/**
 * The zod schema of a transcript's header line, worded as the reader's messages are: the
 * magic, the version, the informative string fields, and the origin rule (all of `source`,
 * `date`, `client`, `model`, or none of them). The reader throws the first failure, in the
 * order the checks run.
 */
import { z } from 'zod';
import type { FailureStyle } from '../protocol/index.js';
import { crossCheck, expecting, refuse } from '../protocol/index.js';
import { isIsoDate, ORIGIN_FIELDS, TRANSCRIPT_MAGIC, TRANSCRIPT_SOURCES, TRANSCRIPT_VERSION } from './header.js';
import { jsonKind } from './json.js';
import { preview } from './record-schema.js';

/** Header fields that must be strings when present. */
const STRING_FIELDS = ['recordedAt', 'upstream', 'model', 'notes', 'client', 'date', 'source'] as const;
const SOURCES = TRANSCRIPT_SOURCES.map((s) => `"${s}"`).join(', ');

/** How to give a header its origin. */
export const ORIGIN_FIX =
  `give the header all of "source" (${SOURCES}), "date" ("YYYY-MM-DD"), ` +
  '"client" and "model" ("unknown" when not known)';

/** How to start a transcript. */
export const MAGIC_FIX = `start the file with {"rtsim":"${TRANSCRIPT_MAGIC}","version":${TRANSCRIPT_VERSION}}`;

const MAGIC_PHRASE = `a header with "rtsim": "${TRANSCRIPT_MAGIC}"`;

/** The reader's wording for a header: what came is its short JSON; other keys are informative. */
export const HEADER_STYLE: FailureStyle = {
  describe: (value) => preview(value),
  unknownKey: (key) => ({ message: `unexpected "${key}"` }),
  missingKey: (key, expected) =>
    key === 'rtsim' ? `expected ${expected}, got an object with "rtsim": nothing` : `expected ${expected}, got nothing`,
};

/** True for a header written before origins existed: none of them, or `model` alone. */
export function hasNoOrigin(header: Record<string, unknown>): boolean {
  const origin = ORIGIN_FIELDS.filter((key) => key in header);
  return origin.length === 0 || (origin.length === 1 && origin[0] === 'model');
}

const shape: Record<string, z.ZodType> = {
  rtsim: expecting(
    z.literal(TRANSCRIPT_MAGIC),
    MAGIC_PHRASE,
    MAGIC_FIX,
    (v) => `an object with "rtsim": ${preview(v)}`,
  ),
  version: expecting(
    z.literal(TRANSCRIPT_VERSION),
    `"version": ${TRANSCRIPT_VERSION}`,
    'read it with the rt-sim version that wrote it, or re-record it',
    preview,
  ),
};
for (const key of STRING_FIELDS)
  shape[key] = expecting(
    // JSON Schema names the sources; in code the origin rule below words a wrong one.
    key === 'source' ? z.string().meta({ enum: [...TRANSCRIPT_SOURCES] }) : z.string(),
    `header "${key}" to be a string`,
    `make "${key}" a string or leave it out`,
    jsonKind,
  ).optional();

/** A header line: its fields, then its origin (checked only once every field has its type). */
export const headerSchema = crossCheck(z.looseObject(shape), (h, ctx) => {
  if (hasNoOrigin(h)) return;
  const missing = ORIGIN_FIELDS.filter((key) => !(key in h));
  if (missing.length > 0) {
    const no = missing.map((k) => `"${k}"`).join(', ');
    refuse(ctx, `expected the header's origin to be complete, got no ${no}`, { hint: ORIGIN_FIX });
    return;
  }
  if (!(TRANSCRIPT_SOURCES as readonly unknown[]).includes(h['source'])) {
    refuse(ctx, `expected header "source" to be one of ${SOURCES}, got ${preview(h['source'])}`, {
      hint:
        'use "xai" for a recording of the xAI service, "recorded" for another upstream, ' +
        `"simulator" for rt-sim's simulator, "rebuilt" for frames rebuilt from published captures`,
    });
    return;
  }
  if (typeof h['date'] !== 'string' || !isIsoDate(h['date'])) {
    refuse(ctx, `expected header "date" to be an ISO date "YYYY-MM-DD", got ${preview(h['date'])}`, {
      hint: 'write the day the transcript was recorded or made, e.g. "2026-08-04"',
    });
    return;
  }
  for (const key of ['client', 'model'] as const) {
    const value = h[key];
    if (typeof value === 'string' && value.trim() === '') {
      refuse(ctx, `expected header "${key}" to be a non-empty string, got ""`, {
        hint: `name the ${key}, or write "unknown"`,
      });
      return;
    }
  }
});
