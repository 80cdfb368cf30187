import { checkSchema } from '../protocol/index.js';
import { TRANSCRIPT_ERROR_CODES, transcriptError, type TranscriptPlace } from './errors.js';
import { type TranscriptHeader, TRANSCRIPT_MAGIC } from './header.js';
import { HEADER_STYLE, MAGIC_FIX, ORIGIN_FIX, hasNoOrigin, headerSchema } from './header-schema.js';
import { isJsonObject, jsonKind } from './json.js';

/** What checking a header line found: the header, and warnings that do not stop reading. */
export interface HeaderCheck {
  header: TranscriptHeader;
  warnings: string[];
}

/**
 * Checks the header line against {@link headerSchema}: magic, version, field types, and the
 * origin. A header with any of `source`, `date`, `client`, `model` is a new one and needs all
 * four; a header with none of them (written before origins existed, apart from `model`) is read
 * with a warning, since its origin is unknown. Throws RTSIM_TRANSCRIPT_BAD_VERSION for another
 * version, RTSIM_TRANSCRIPT_BAD_HEADER for anything else, naming `file:line`.
 */
export function validateHeader(value: unknown, at: TranscriptPlace): HeaderCheck {
  if (!isJsonObject(value)) {
    throw transcriptError(
      TRANSCRIPT_ERROR_CODES.BAD_HEADER,
      at,
      `expected a header with "rtsim": "${TRANSCRIPT_MAGIC}", got ${jsonKind(value)}`,
      MAGIC_FIX,
    );
  }
  const checked = checkSchema(headerSchema, value, HEADER_STYLE, 'checks');
  if (!checked.ok) {
    const first = checked.failures[0];
    const code = first?.path[0] === 'version' ? TRANSCRIPT_ERROR_CODES.BAD_VERSION : TRANSCRIPT_ERROR_CODES.BAD_HEADER;
    throw transcriptError(code, at, first?.message ?? 'expected a valid header', first?.hint ?? MAGIC_FIX);
  }
  const header = value as unknown as TranscriptHeader;
  if (!hasNoOrigin(value)) return { header, warnings: [] };
  return {
    header,
    warnings: [
      `${at.file}:${at.line}: the header does not say where this transcript came from (no "source"); ` +
        `treat it as of unknown origin, not as a recording of the service; fix: ${ORIGIN_FIX}`,
    ],
  };
}
