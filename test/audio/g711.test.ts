import { describe, expect, it } from 'vitest';
import { alawDecode, alawEncode, mulawDecode, mulawEncode } from '../../src/audio/index.js';

/**
 * The oracle, written from ITU-T G.711's tables rather than from any codec: each law has 8
 * segments of 16 steps per sign. A code decodes to the middle of its step; a 16-bit sample
 * encodes to the step that holds it, a negative sample `x` as the mirror image of its one's
 * complement `-x - 1` (16-bit two's complement is symmetric about -0.5), as ITU-T's reference
 * code (G.191) does.
 */
interface Law {
  name: string;
  encode(sample: number): number;
  decode(code: number): number;
  /** The decoded value of a code, from the standard's tables, scaled to 16 bits. */
  table(code: number): number;
}

const LAWS: Law[] = [
  {
    name: 'A-law',
    encode: alawEncode,
    decode: alawDecode,
    table(code) {
      const a = code ^ 0x55; // even bits are inverted on the line
      const e = (a >> 4) & 7;
      const m = a & 15;
      const magnitude = e === 0 ? 8 * (2 * m + 1) : (2 * m + 33) * 2 ** (e + 2);
      return code & 0x80 ? magnitude : -magnitude;
    },
  },
  {
    name: 'µ-law',
    encode: mulawEncode,
    decode: mulawDecode,
    table(code) {
      const u = ~code & 0xff; // every bit is inverted on the line
      const e = (u >> 4) & 7;
      const m = u & 15;
      const magnitude = (2 * m + 33) * 2 ** (e + 2) - 132;
      return code & 0x80 ? magnitude : -magnitude;
    },
  },
];

/** The code of each 16-bit sample, by the step that holds it (see above). */
function encodeByTable(law: Law): Uint8Array {
  const positive = Array.from({ length: 128 }, (_, i) => i | 0x80).sort((p, q) => law.table(p) - law.table(q));
  // A step's half width, from its neighbour in the same segment (the first step of µ-law's
  // first segment starts at 0: its code decodes to 0).
  const lower = positive.map((code, i) => {
    const next = positive[i + 1];
    const prev = positive[i - 1];
    const sameSegment = (c: number | undefined): boolean => c !== undefined && ((c ^ code) & 0x70) === 0;
    const step = sameSegment(next) ? law.table(next!) - law.table(code) : law.table(code) - law.table(prev!);
    return Math.max(0, law.table(code) - step / 2);
  });
  const out = new Uint8Array(65536);
  let k = 0;
  for (let magnitude = 0; magnitude <= 32767; magnitude++) {
    while (k + 1 < positive.length && lower[k + 1]! <= magnitude) k++;
    out[magnitude + 32768] = positive[k]!; // x = magnitude
    out[32767 - magnitude] = positive[k]! ^ 0x80; // x = -magnitude - 1
  }
  return out;
}

describe('G.711 (src/audio/g711.ts)', () => {
  for (const law of LAWS) {
    it(`${law.name} decodes all 256 codes to the middle of their step`, () => {
      const codes = Array.from({ length: 256 }, (_, c) => c);
      expect(codes.map(law.decode)).toEqual(codes.map(law.table));
    });

    it(`${law.name} encodes all 65536 PCM16 samples to the step that holds them`, () => {
      const expected = encodeByTable(law);
      const wrong: string[] = [];
      for (let x = -32768; x <= 32767; x++) {
        const code = law.encode(x);
        if (code !== expected[x + 32768]) wrong.push(`${x} → ${code}, expected ${expected[x + 32768]}`);
      }
      expect(wrong.slice(0, 5)).toEqual([]);
    });

    it(`${law.name} gives back every code it decodes, and mirrors x and -x - 1`, () => {
      for (let c = 0; c < 256; c++) {
        // µ-law's negative zero (0x7f) decodes to 0, which encodes as positive zero (0xff).
        expect(law.encode(law.decode(c))).toBe(law.name === 'µ-law' && c === 0x7f ? 0xff : c);
      }
      for (const x of [0, 1, 7, 8, 100, 4095, 31743, 31744, 32767])
        expect(law.encode(-x - 1)).toBe(law.encode(x) ^ 0x80);
    });
  }

  it('rounds and clamps samples outside PCM16 to the nearest one', () => {
    expect(mulawEncode(40000)).toBe(mulawEncode(32767));
    expect(alawEncode(-40000)).toBe(alawEncode(-32768));
    expect(alawEncode(1000.4)).toBe(alawEncode(1000));
  });
});
