/**
 * G.711 µ-law and A-law codecs (ITU-T G.711), for sessions whose audio format is
 * `audio/pcmu` or `audio/pcma`.
 *
 * Bit-exact with ITU-T's own reference code (G.191 STL, g711.c): test/audio/g711.test.ts
 * checks all 65536 PCM16 inputs and all 256 codes both ways against it. `alawmulaw` 6.0.0 was
 * measured against it too (issue 13) and is not used: its decoders agree on all 256 codes, but
 * both its encoders negate a negative sample in two's complement (−x) where G.191 takes the one's
 * complement (−x − 1, the mirror image of x in 16 bits), so 127 negative inputs of each law,
 * those exactly on a decision level, get the code one step away.
 */

const MULAW_BIAS = 0x84;
const MULAW_CLIP = 32635;

/** Encodes one PCM16 sample as a µ-law byte. */
export function mulawEncode(sample: number): number {
  let s = Math.max(-32768, Math.min(32767, Math.round(sample)));
  const sign = s < 0 ? 0x80 : 0;
  if (s < 0) s = -s - 1; // one's complement, as G.191 (and A-law below)
  if (s > MULAW_CLIP) s = MULAW_CLIP;
  s += MULAW_BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** Decodes one µ-law byte to a PCM16 sample. */
export function mulawDecode(byte: number): number {
  const u = ~byte & 0xff;
  const sign = u & 0x80;
  const exponent = (u >> 4) & 0x07;
  const mantissa = u & 0x0f;
  const magnitude = (((mantissa << 3) + MULAW_BIAS) << exponent) - MULAW_BIAS;
  return sign ? -magnitude : magnitude;
}

/** Encodes one PCM16 sample as an A-law byte. */
export function alawEncode(sample: number): number {
  let s = Math.max(-32768, Math.min(32767, Math.round(sample)));
  const sign = s >= 0 ? 0x80 : 0;
  if (s < 0) s = -s - 1;
  s >>= 3; // 13-bit magnitude
  let byte: number;
  if (s < 32) {
    byte = s >> 1;
  } else {
    let exponent = 1;
    while (s >= 64 && exponent < 7) {
      s >>= 1;
      exponent++;
    }
    byte = (exponent << 4) | ((s >> 1) & 0x0f);
  }
  return (byte | sign) ^ 0x55;
}

/** Decodes one A-law byte to a PCM16 sample. */
export function alawDecode(byte: number): number {
  const a = byte ^ 0x55;
  const sign = a & 0x80;
  const exponent = (a >> 4) & 0x07;
  const mantissa = a & 0x0f;
  let magnitude = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
  if (magnitude > 32767) magnitude = 32767;
  return sign ? magnitude : -magnitude;
}
