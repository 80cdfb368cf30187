import { TRANSCRIPT_ERROR_CODES, transcriptError, type TranscriptPlace } from './errors.js';
import {
  isIsoDate,
  ORIGIN_FIELDS,
  TRANSCRIPT_MAGIC,
  TRANSCRIPT_SOURCES,
  TRANSCRIPT_VERSION,
  type TranscriptHeader,
} from './header.js';
import { isJsonObject, jsonKind } from './json.js';
import { preview } from './validate-record.js';

const STRING_FIELDS = ['recordedAt', 'upstream', 'model', 'notes', 'client', 'date', 'source'] as const;
const SOURCES = TRANSCRIPT_SOURCES.map((s) => `"${s}"`).join(', ');
const ORIGIN_FIX =
  `give the header all of "source" (${SOURCES}), "date" ("YYYY-MM-DD"), ` +
  '"client" and "model" ("unknown" when not known)';

/** What checking a header line found: the header, and warnings that do not stop reading. */
export interface HeaderCheck {
  header: TranscriptHeader;
  warnings: string[];
}

/**
 * Checks the header line: magic, version, field types, and the origin. A header with any of
 * `source`, `date`, `client`, `model` is a new one and needs all four, with `source` one of
 * {@link TRANSCRIPT_SOURCES} and `date` an ISO date; a header with none of them (written
 * before origins existed, apart from `model`) is read with a warning, since its origin is
 * unknown. Throws RTSIM_TRANSCRIPT_BAD_HEADER / _BAD_VERSION naming `file:line`.
 */
export function validateHeader(value: unknown, at: TranscriptPlace): HeaderCheck {
  const fix = `start the file with {"rtsim":"${TRANSCRIPT_MAGIC}","version":${TRANSCRIPT_VERSION}}`;
  const bad = (problem: string, how: string): Error =>
    transcriptError(TRANSCRIPT_ERROR_CODES.BAD_HEADER, at, problem, how);
  if (!isJsonObject(value) || value.rtsim !== TRANSCRIPT_MAGIC) {
    const got = isJsonObject(value) ? `an object with "rtsim": ${preview(value.rtsim)}` : jsonKind(value);
    throw bad(`expected a header with "rtsim": "${TRANSCRIPT_MAGIC}", got ${got}`, fix);
  }
  if (value.version !== TRANSCRIPT_VERSION) {
    throw transcriptError(
      TRANSCRIPT_ERROR_CODES.BAD_VERSION,
      at,
      `expected "version": ${TRANSCRIPT_VERSION}, got ${preview(value.version)}`,
      'read it with the rt-sim version that wrote it, or re-record it',
    );
  }
  for (const key of STRING_FIELDS) {
    if (key in value && typeof value[key] !== 'string')
      throw bad(
        `expected header "${key}" to be a string, got ${jsonKind(value[key])}`,
        `make "${key}" a string or leave it out`,
      );
  }
  const header = value as unknown as TranscriptHeader;
  const origin = ORIGIN_FIELDS.filter((key) => key in value);
  // `model` alone is what recordings made before origins existed carry.
  if (origin.length === 0 || (origin.length === 1 && origin[0] === 'model')) {
    return {
      header,
      warnings: [
        `${at.file}:${at.line}: the header does not say where this transcript came from (no "source"); ` +
          `treat it as of unknown origin, not as a recording of the service; fix: ${ORIGIN_FIX}`,
      ],
    };
  }
  const missing = ORIGIN_FIELDS.filter((key) => !(key in value));
  if (missing.length > 0)
    throw bad(
      `expected the header's origin to be complete, got no ${missing.map((k) => `"${k}"`).join(', ')}`,
      ORIGIN_FIX,
    );
  if (!(TRANSCRIPT_SOURCES as readonly string[]).includes(header.source ?? ''))
    throw bad(
      `expected header "source" to be one of ${SOURCES}, got ${preview(header.source)}`,
      'use "xai" for a recording of the xAI service, "recorded" for another upstream, ' +
        `"simulator" for rt-sim's simulator, "rebuilt" for frames rebuilt from published captures`,
    );
  if (!isIsoDate(header.date ?? ''))
    throw bad(
      `expected header "date" to be an ISO date "YYYY-MM-DD", got ${preview(header.date)}`,
      'write the day the transcript was recorded or made, e.g. "2026-08-04"',
    );
  for (const key of ['client', 'model'] as const) {
    if ((header[key] ?? '').trim() === '')
      throw bad(`expected header "${key}" to be a non-empty string, got ""`, `name the ${key}, or write "unknown"`);
  }
  return { header, warnings: [] };
}
