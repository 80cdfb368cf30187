import { isJsonObject, type JsonObject, type JsonValue } from './json.js';

/**
 * What a streamed audio payload becomes when a transcript keeps its audio in WAV files:
 * `bytes` bytes of the WAV's PCM data starting at byte `offset` of that data (not of the file).
 * `file` is relative to the transcript's folder, with `/` separators.
 */
export interface AudioReference {
  [key: string]: JsonValue;
  $audio: { file: string; offset: number; bytes: number };
}

/** True for a well-formed {@link AudioReference}. */
export function isAudioReference(value: unknown): value is AudioReference {
  if (!isJsonObject(value) || Object.keys(value).length !== 1) return false;
  const ref = value.$audio;
  return (
    isJsonObject(ref) &&
    typeof ref.file === 'string' &&
    Number.isSafeInteger(ref.offset) &&
    Number.isSafeInteger(ref.bytes) &&
    Object.keys(ref).length === 3
  );
}

const AUDIO_DELTA = /^response\.(?:output_)?audio\.delta$/;

/**
 * The field that holds streamed base64 audio in `frame`: `audio` of
 * `input_audio_buffer.append`, `delta` of `response.output_audio.delta` and of its beta name
 * `response.audio.delta`. Undefined for every other event. Only these fields ever hold an
 * {@link AudioReference}.
 */
export function audioFieldOf(frame: JsonObject): 'audio' | 'delta' | undefined {
  const type = frame.type;
  if (type === 'input_audio_buffer.append') return 'audio';
  if (typeof type === 'string' && AUDIO_DELTA.test(type)) return 'delta';
  return undefined;
}
