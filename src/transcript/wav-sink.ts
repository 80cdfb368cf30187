import { closeSync, openSync, writeSync } from 'node:fs';
import { WAV_HEADER_BYTES, wavHeader } from '../audio/index.js';

/**
 * A 24 kHz mono PCM16 WAV file that grows frame by frame. Its header is rewritten after
 * every append, so the file is a valid WAV holding everything so far even if the process
 * dies before {@link WavSink.close}.
 */
export class WavSink {
  readonly file: string;
  readonly #fd: number;
  #dataBytes = 0;
  #closed = false;

  constructor(file: string) {
    this.file = file;
    this.#fd = openSync(file, 'w');
    writeSync(this.#fd, wavHeader(0));
  }

  /** Appends PCM bytes; returns their offset in the data chunk. */
  append(bytes: Uint8Array): number {
    const offset = this.#dataBytes;
    writeSync(this.#fd, bytes, 0, bytes.length, WAV_HEADER_BYTES + offset);
    this.#dataBytes += bytes.length;
    const size = new Uint8Array(4);
    const view = new DataView(size.buffer);
    view.setUint32(0, 36 + this.#dataBytes, true);
    writeSync(this.#fd, size, 0, 4, 4);
    view.setUint32(0, this.#dataBytes, true);
    writeSync(this.#fd, size, 0, 4, 40);
    return offset;
  }

  /** Closes the file; the header already matches its contents. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    closeSync(this.#fd);
  }
}
