/**
 * Internal barrel of `src/protocol`: the public catalogue (`./public.ts`, package export
 * `rt-sim/protocol`) plus the helpers other folders need — id makers, golden
 * normalisation, base64 PCM, JSON paths. Other folders import only from here; this file is
 * not a package export.
 */
export * from './public.js';

export type { IdSource } from './ids.js';
export { UUID_PATTERN, createIdSource, createSequentialIdSource, createUuidIdSource } from './ids.js';

export type { AudioDigest, Normaliser } from './normalise.js';
export { TOO_DEEP, createNormaliser, digestBytes, looksLikeId } from './normalise.js';
export { MAX_FRAME_BYTES, MAX_JSON_DEPTH, jsonTextDeeperThan, jsonTextDepth } from './limits.js';

export { base64ByteLength, decodeBase64, decodePcm16, encodePcm16, isBase64 } from './base64.js';
export { deepEqual, readPath } from './json-path.js';
export { formatPath, isPlainObject } from './wire-schema.js';
export { REDACTED, redactCredentials } from './redact-credentials.js';
export type { FailureStyle, Pick, SchemaFailure, SchemaPath, SchemaResult } from './schema-kit.js';
export {
  PROTOCOL_STYLE,
  checkSchema,
  crossCheck,
  described,
  expecting,
  jsonHasKeys,
  jsonKind,
  phraseOf,
  pickOne,
  quietWhenMissing,
  refuse,
  schemaFailures,
} from './schema-kit.js';
