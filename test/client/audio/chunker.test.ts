import { describe, expect, it } from 'vitest';
import { ByteChunker } from '../../../src/client/audio/index.js';

const bytes = (n: number, start = 0): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (start + i) & 0xff);

describe('ByteChunker', () => {
  it('R6.2 cuts 4800-byte chunks by default and keeps the tail pending', () => {
    const c = new ByteChunker();
    expect(c.chunkBytes).toBe(4800);
    const out = c.push(bytes(10000));
    expect(out.map((o) => o.length)).toEqual([4800, 4800]);
    expect(c.pendingBytes).toBe(400);
  });

  it('joins pushes across chunk edges without losing or reordering bytes', () => {
    const c = new ByteChunker(5);
    const out = [...c.push(bytes(3, 0)), ...c.push(bytes(4, 3)), ...c.push(bytes(6, 7))];
    expect(out.map((o) => [...o])).toEqual([
      [0, 1, 2, 3, 4],
      [5, 6, 7, 8, 9],
    ]);
    expect([...(c.flush() ?? [])]).toEqual([10, 11, 12]);
  });

  it('appends the full chunks to a given array and returns that array', () => {
    const c = new ByteChunker(2);
    const out: Uint8Array[] = [Uint8Array.of(42)];
    expect(c.push(bytes(5, 1), out)).toBe(out);
    expect(out.map((o) => [...o])).toEqual([[42], [1, 2], [3, 4]]);
    expect(c.pendingBytes).toBe(1);
  });

  it('copies the bytes it keeps: a caller reusing its buffer does not change pending or later chunks', () => {
    const c = new ByteChunker(4);
    const reused = Uint8Array.of(1, 2, 3);
    c.push(reused);
    reused.fill(0);
    expect(c.push(reused.subarray(0, 1)).map((o) => [...o])).toEqual([[1, 2, 3, 0]]);
  });

  it('returns chunks that later pushes do not overwrite', () => {
    const c = new ByteChunker(2);
    const [first] = c.push(bytes(2, 1));
    c.push(bytes(2, 9));
    expect([...(first ?? [])]).toEqual([1, 2]);
  });

  it('flush takes the tail once, then returns null', () => {
    const c = new ByteChunker(4);
    c.push(bytes(6));
    expect(c.flush()?.length).toBe(2);
    expect(c.pendingBytes).toBe(0);
    expect(c.flush()).toBeNull();
  });

  it('reset drops the pending tail', () => {
    const c = new ByteChunker(4);
    c.push(bytes(3, 50));
    c.reset();
    expect(c.pendingBytes).toBe(0);
    expect([...(c.push(bytes(4, 1))[0] ?? [])]).toEqual([1, 2, 3, 4]);
  });

  it('an empty push returns no chunk', () => {
    expect(new ByteChunker().push(new Uint8Array(0))).toEqual([]);
  });

  it('rejects a chunk size that is not a positive integer', () => {
    for (const size of [0, -1, 2.5]) {
      expect(() => new ByteChunker(size)).toThrow(expect.objectContaining({ code: 'RTSIM_AUDIO_BAD_CHUNK_SIZE' }));
    }
  });
});
