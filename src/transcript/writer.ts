import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { isBase64, RtSimError } from '../protocol/index.js';
import { AudioFormatTracker } from './audio-format.js';
import { audioFieldOf, type AudioReference } from './audio-ref.js';
import { TRANSCRIPT_ERROR_CODES } from './errors.js';
import type { TranscriptHeader } from './header.js';
import { audioDirFor, audioFileName } from './paths.js';
import type { FrameDirection, TranscriptRecord } from './record.js';
import { serializeHeader, serializeRecord } from './serialize.js';
import { WavSink } from './wav-sink.js';

/** Where streamed audio goes: inline base64 in the frames, or WAV files beside the transcript. */
export type AudioStorage = 'inline' | 'wav';

/** Options of {@link TranscriptWriter.open}. */
export interface TranscriptWriterOptions {
  /**
   * `inline` (default) keeps audio as base64 in the frames. `wav` moves the audio of
   * `input_audio_buffer.append` and `response.(output_)audio.delta` into one WAV per
   * connection and direction (`<name>.audio/conn-<n>-<dir>.wav`), leaving an
   * {@link AudioReference} in the frame. Audio that is not canonical base64 PCM16 at 24 kHz
   * (another format set by `session.update`, odd byte counts) stays inline.
   */
  audio?: AudioStorage;
}

/**
 * Writes a transcript as it happens. Every `write` reaches the operating system before it
 * returns (synchronous writes, in call order), so lines are in order and nothing written is
 * lost if the process ends abruptly; `close` syncs to disk and closes the files.
 */
export class TranscriptWriter {
  /** The transcript file. */
  readonly file: string;
  /** The folder for WAV files, when audio goes there. */
  readonly audioDir: string | undefined;
  readonly #fd: number;
  readonly #formats = new AudioFormatTracker();
  readonly #sinks = new Map<string, WavSink>();
  #records = 0;
  #closed = false;

  private constructor(file: string, fd: number, audio: AudioStorage) {
    this.file = file;
    this.#fd = fd;
    this.audioDir = audio === 'wav' ? audioDirFor(file) : undefined;
  }

  /** Creates (or truncates) `file`, creating its folder, and writes the header line. */
  static async open(
    file: string,
    header: TranscriptHeader,
    options: TranscriptWriterOptions = {},
  ): Promise<TranscriptWriter> {
    const fd = guard(file, () => {
      mkdirSync(path.dirname(file), { recursive: true });
      return openSync(file, 'w');
    });
    const writer = new TranscriptWriter(file, fd, options.audio ?? 'inline');
    writer.#line(serializeHeader(header));
    return writer;
  }

  /** Records written so far (the header not counted). */
  get records(): number {
    return this.#records;
  }

  /** True once {@link close} was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Files written so far: the transcript, then its WAV files. */
  files(): string[] {
    return [this.file, ...[...this.#sinks.values()].map((sink) => sink.file)];
  }

  /**
   * Appends one record. Throws RTSIM_TRANSCRIPT_WRITE_FAILED after {@link close} or when the
   * file system refuses.
   */
  write(record: TranscriptRecord): void {
    if (this.#closed) {
      throw new RtSimError(
        TRANSCRIPT_ERROR_CODES.WRITE_FAILED,
        `${this.file}: expected an open transcript writer, got a write after close`,
      );
    }
    this.#line(serializeRecord(this.audioDir === undefined ? record : this.#moveAudio(record)));
    this.#records++;
  }

  /** Syncs and closes the transcript and its WAV files. Calling it again does nothing. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    guard(this.file, () => {
      for (const sink of this.#sinks.values()) sink.close();
      fsyncSync(this.#fd);
      closeSync(this.#fd);
    });
  }

  #line(text: string): void {
    guard(this.file, () => writeSync(this.#fd, `${text}\n`));
  }

  #moveAudio(record: TranscriptRecord): TranscriptRecord {
    if (!('frame' in record)) return record;
    const frame = record.frame;
    this.#formats.observe(record.conn, frame);
    const field = audioFieldOf(frame);
    if (field === undefined) return record;
    const payload = frame[field];
    if (typeof payload !== 'string' || !this.#formats.isPcm24(record.conn, record.dir)) return record;
    const bytes = movableAudio(payload);
    if (bytes === undefined) return record;
    const sink = this.#sink(record.conn, record.dir);
    const offset = guard(sink.file, () => sink.append(bytes));
    const relative = path.relative(path.dirname(this.file), sink.file).split(path.sep).join('/');
    const ref: AudioReference = { $audio: { file: relative, offset, bytes: bytes.length } };
    return { ...record, frame: { ...frame, [field]: ref } };
  }

  #sink(conn: number, dir: FrameDirection): WavSink {
    const key = `${conn}:${dir}`;
    let sink = this.#sinks.get(key);
    if (sink === undefined) {
      const dirName = this.audioDir as string;
      sink = guard(dirName, () => {
        mkdirSync(dirName, { recursive: true });
        return new WavSink(path.join(dirName, audioFileName(conn, dir)));
      });
      this.#sinks.set(key, sink);
    }
    return sink;
  }
}

/**
 * The bytes of `payload` when moving them to a WAV and back gives the same string: canonical
 * padded base64 of a non-empty, even number of bytes. Undefined otherwise.
 */
function movableAudio(payload: string): Uint8Array | undefined {
  if (payload === '' || !isBase64(payload)) return undefined;
  const bytes = Buffer.from(payload, 'base64');
  if (bytes.length % 2 !== 0 || bytes.toString('base64') !== payload) return undefined;
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function guard<T>(file: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof RtSimError) throw error;
    throw new RtSimError(
      TRANSCRIPT_ERROR_CODES.WRITE_FAILED,
      `${file}: expected to write the transcript, got ${(error as Error).message}`,
      { file },
      { cause: error },
    );
  }
}
