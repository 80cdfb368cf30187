import type { ErrorCode } from '../errors/index.js';

/** Stable codes of the errors `src/protocol` produces (`RtSimError.code`). */
export const PROTOCOL_ERROR_CODES = {
  /** The frame is not text or not valid JSON. */
  NOT_JSON: 'RTSIM_PROTOCOL_NOT_JSON',
  /** The JSON is not an object (array, string, number, null…). */
  NOT_OBJECT: 'RTSIM_PROTOCOL_NOT_OBJECT',
  /** The object has no non-empty string `type`. */
  NO_TYPE: 'RTSIM_PROTOCOL_NO_TYPE',
  /** A field of a known event is missing or has the wrong type. */
  BAD_FIELD: 'RTSIM_PROTOCOL_BAD_FIELD',
  /** An audio payload is not standard padded base64. */
  BAD_BASE64: 'RTSIM_PROTOCOL_BAD_BASE64',
  /** Decoded PCM16 audio has an odd number of bytes. */
  BAD_AUDIO: 'RTSIM_PROTOCOL_BAD_AUDIO',
} as const satisfies Record<string, ErrorCode>;

/** One of {@link PROTOCOL_ERROR_CODES}. */
export type ProtocolErrorCode = (typeof PROTOCOL_ERROR_CODES)[keyof typeof PROTOCOL_ERROR_CODES];
