import { RtSimError } from '../../protocol/index.js';
import { CHUNK_BYTES } from './constants.js';

/**
 * Cuts a byte stream into fixed-size chunks (R6.2), keeping the short tail until more bytes
 * arrive or {@link ByteChunker.flush} takes it.
 */
export class ByteChunker {
  readonly chunkBytes: number;
  private buffer: Uint8Array;
  private filled = 0;

  /** @param chunkBytes size of every full chunk; 4800 bytes is 100 ms of 24 kHz mono PCM16. */
  constructor(chunkBytes: number = CHUNK_BYTES) {
    if (!Number.isInteger(chunkBytes) || chunkBytes <= 0) {
      throw new RtSimError(
        'RTSIM_AUDIO_BAD_CHUNK_SIZE',
        `ByteChunker: chunkBytes must be a positive integer, got ${String(chunkBytes)}`,
      );
    }
    this.chunkBytes = chunkBytes;
    this.buffer = new Uint8Array(chunkBytes);
  }

  /**
   * Adds bytes (copied at once, so a view the caller reuses is fine) and returns every chunk
   * that became full, in order (each a fresh array), appended to `out` when given.
   */
  push(bytes: Uint8Array, out: Uint8Array[] = []): Uint8Array[] {
    if (this.filled + bytes.length < this.chunkBytes) {
      // The common case (a 10 ms frame into a 100 ms chunk): no chunk completes, no view to make.
      this.buffer.set(bytes, this.filled);
      this.filled += bytes.length;
      return out;
    }
    let offset = 0;
    while (offset < bytes.length) {
      const take = Math.min(this.chunkBytes - this.filled, bytes.length - offset);
      this.buffer.set(bytes.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === this.chunkBytes) {
        out.push(this.buffer);
        this.buffer = new Uint8Array(this.chunkBytes);
        this.filled = 0;
      }
    }
    return out;
  }

  /** Takes the pending short tail, or null when nothing is pending. */
  flush(): Uint8Array | null {
    if (this.filled === 0) return null;
    const tail = this.buffer.slice(0, this.filled);
    this.filled = 0;
    return tail;
  }

  /** Bytes waiting for a full chunk. */
  get pendingBytes(): number {
    return this.filled;
  }

  /** Drops the pending tail. */
  reset(): void {
    this.filled = 0;
  }
}
