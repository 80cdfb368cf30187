/**
 * PCM16 samples and their little-endian bytes, the wire format of `audio/pcm` and of WAV data.
 */

/** True on little-endian hosts (all Node targets in practice); big-endian hosts byte-swap. */
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Little-endian PCM16 bytes of `samples` (a fresh copy; the wire format of `audio/pcm`). */
export function pcm16ToBytes(samples: Int16Array): Uint8Array {
  const out = new Uint8Array(samples.length * 2);
  if (HOST_IS_LITTLE_ENDIAN) {
    out.set(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength));
    return out;
  }
  const view = new DataView(out.buffer);
  for (let i = 0; i < samples.length; i++) view.setInt16(i * 2, samples[i] ?? 0, true);
  return out;
}

/**
 * Little-endian PCM16 bytes of `samples` without a copy where the host is little-endian (a view
 * on the same memory), a copy elsewhere. For consumers that copy the bytes at once (the client's
 * chunker), so the client's input path copies each sample once instead of twice.
 */
export function pcm16BytesView(samples: Int16Array): Uint8Array {
  if (HOST_IS_LITTLE_ENDIAN) return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  return pcm16ToBytes(samples);
}

/** Samples of little-endian PCM16 `bytes`; a trailing odd byte is ignored. */
export function bytesToPcm16(bytes: Uint8Array): Int16Array {
  const n = bytes.length >> 1;
  const out = new Int16Array(n);
  if (HOST_IS_LITTLE_ENDIAN) {
    new Uint8Array(out.buffer).set(bytes.subarray(0, n * 2));
    return out;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, n * 2);
  for (let i = 0; i < n; i++) out[i] = view.getInt16(i * 2, true);
  return out;
}
