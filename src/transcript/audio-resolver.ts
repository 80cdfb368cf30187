import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeWav, interleavePcm16, pcm16ToBytes } from '../audio/index.js';
import { isRtSimError } from '../protocol/index.js';
import type { AudioReference } from './audio-ref.js';
import { TRANSCRIPT_ERROR_CODES, transcriptError, type TranscriptPlace } from './errors.js';
import { withoutPrefix } from '../errors/index.js';

/**
 * Turns {@link AudioReference}s back into base64, reading each WAV file once. Paths are
 * relative to `baseDir` and may not leave it, so a transcript cannot make the reader open
 * arbitrary files.
 */
export class AudioResolver {
  readonly #baseDir: string;
  readonly #data = new Map<string, Uint8Array>();

  constructor(baseDir: string) {
    this.#baseDir = baseDir;
  }

  /** The base64 of the referenced bytes; throws RTSIM_TRANSCRIPT_BAD_AUDIO naming `at`. */
  resolve(ref: AudioReference, at: TranscriptPlace): string {
    const { file, offset, bytes } = ref.$audio;
    const data = this.#load(file, at);
    if (offset < 0 || bytes < 0 || offset + bytes > data.length) {
      throw transcriptError(
        TRANSCRIPT_ERROR_CODES.BAD_AUDIO,
        at,
        `expected bytes ${offset}…${offset + bytes} inside the ` +
          `${data.length} bytes of audio in ${file}, got a range outside it`,
        'check "offset" and "bytes", or re-record so the WAV file and the transcript match',
      );
    }
    return Buffer.from(data.buffer, data.byteOffset + offset, bytes).toString('base64');
  }

  #load(file: string, at: TranscriptPlace): Uint8Array {
    const cached = this.#data.get(file);
    if (cached !== undefined) return cached;
    const parts = file.split('/');
    if (path.isAbsolute(file) || file.includes('\\') || parts.includes('..') || parts.includes('')) {
      throw transcriptError(
        TRANSCRIPT_ERROR_CODES.BAD_AUDIO,
        at,
        `expected an audio path inside the transcript's folder, ` +
          `like "name.audio/conn-1-s2c.wav", got ${JSON.stringify(file)}`,
        'use a relative path with / separators and no ".."',
      );
    }
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path.join(this.#baseDir, ...parts));
    } catch (error) {
      throw transcriptError(
        TRANSCRIPT_ERROR_CODES.BAD_AUDIO,
        at,
        `expected the audio file ${file} beside the transcript, got ` +
          `${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        'keep the transcript\'s ".audio" folder next to it, or re-record with inline audio',
      );
    }
    let data: Uint8Array;
    try {
      // References are byte ranges of the audio as PCM16, which is what rt-sim writes.
      data = pcm16ToBytes(interleavePcm16(decodeWav(bytes, file, TRANSCRIPT_ERROR_CODES.BAD_WAV)));
    } catch (error) {
      if (!isRtSimError(error)) throw error;
      throw transcriptError(
        TRANSCRIPT_ERROR_CODES.BAD_AUDIO,
        at,
        withoutPrefix(error.message),
        're-record the transcript or replace the WAV file',
      );
    }
    this.#data.set(file, data);
    return data;
  }
}
