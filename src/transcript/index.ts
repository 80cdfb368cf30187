/**
 * Public API of `src/transcript`: the recorded-session format (JSON Lines, one record per
 * frame, open and close; audio inline or in WAV files beside it), its streaming writer and
 * validating reader, and secret redaction. See docs/transcript-format.md. Other folders
 * import only from here.
 */
export type { JsonObject, JsonValue } from './json.js';
export {
  isIsoDate,
  ORIGIN_FIELDS,
  TRANSCRIPT_MAGIC,
  TRANSCRIPT_SOURCES,
  TRANSCRIPT_VERSION,
  transcriptHeader,
  type TranscriptHeader,
  type TranscriptSource,
} from './header.js';
export {
  isCloseRecord,
  isFrameRecord,
  isOpenRecord,
  type BinaryFrameRecord,
  type CloseBy,
  type CloseRecord,
  type FrameDirection,
  type FrameRecord,
  type JsonFrameRecord,
  type OpenRecord,
  type TextFrameRecord,
  type OmittedFrameRecord,
  type TranscriptRecord,
} from './record.js';
export { connectionsOf, recordsOf, type Transcript } from './transcript.js';
export { TRANSCRIPT_ERROR_CODES, type TranscriptErrorCode } from './errors.js';

export { serializeHeader, serializeRecord } from './serialize.js';
export { frameRecord, wirePayload } from './wire.js';
export { audioFieldOf, isAudioReference, type AudioReference } from './audio-ref.js';
export { audioDirFor, audioFileName, TRANSCRIPT_EXTENSION } from './paths.js';

export { TranscriptWriter, type AudioStorage, type TranscriptWriterOptions } from './writer.js';
export { parseTranscript, type ParseTranscriptOptions } from './parse.js';
export { readTranscript, type ReadTranscriptOptions } from './read.js';

export { Redactor, MIN_EXACT_SECRET_LENGTH, type HandshakeCredentials, type RedactorOptions } from './redactor.js';
export { redactFrame, redactHeaders, redactText, redactUrl } from './redact.js';
export { secretFieldRule, type SecretFieldRule, type SecretKind } from './secret-fields.js';
export { isHighEntropyToken, SECRET_PATTERNS, type SecretPattern } from './secret-patterns.js';

export {
  compareTranscripts,
  DEFAULT_COMPARE_TOLERANCE_MS,
  type CompareDifference,
  type CompareOptions,
  type CompareStream,
  type EventPlace,
  type TranscriptComparison,
} from './compare.js';
export { formatComparison, formatComparisonJson, type ComparedFile } from './compare-format.js';
export { compareShapes, idForm, shapeOf, type Shape, type ShapeDifference } from './compare-shape.js';
export { alignSequences } from './compare-align.js';
