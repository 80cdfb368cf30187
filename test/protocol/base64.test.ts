import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHUNK_BYTES,
  CHUNK_SAMPLES,
  base64ByteLength,
  decodeBase64,
  decodePcm16,
  encodePcm16,
  isBase64,
  isRtSimError,
} from '../../src/protocol/index.js';

describe('base64 PCM16', () => {
  it('round-trips any samples', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -32768, max: 32767 }), { maxLength: 600 }), (values) => {
        const samples = Int16Array.from(values);
        expect(Array.from(decodePcm16(encodePcm16(samples)))).toEqual(values);
      }),
      { numRuns: 200, seed: 3 },
    );
  });

  it('encodes little-endian whatever the host is', () => {
    expect(encodePcm16(new Int16Array([0x0102, -2]))).toBe(Buffer.from([0x02, 0x01, 0xfe, 0xff]).toString('base64'));
    expect(Array.from(decodePcm16(Buffer.from([0x02, 0x01, 0xfe, 0xff]).toString('base64')))).toEqual([0x0102, -2]);
  });

  it('encodes only the viewed part of a subarray', () => {
    const whole = new Int16Array([1, 2, 3, 4]);
    expect(Array.from(decodePcm16(encodePcm16(whole.subarray(1, 3))))).toEqual([2, 3]);
  });

  it('R6.2 a 2400-sample chunk is 4800 bytes and 6400 base64 characters', () => {
    const b64 = encodePcm16(new Int16Array(CHUNK_SAMPLES));
    expect(b64).toHaveLength(6400);
    expect(base64ByteLength(b64)).toBe(CHUNK_BYTES);
  });

  it('base64ByteLength matches the decoded length with or without padding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const padded = Buffer.from(bytes).toString('base64');
        expect(base64ByteLength(padded)).toBe(bytes.length);
        expect(base64ByteLength(padded.replace(/=+$/, ''))).toBe(bytes.length);
      }),
      { numRuns: 200, seed: 4 },
    );
  });

  it('an odd number of bytes is refused with RTSIM_PROTOCOL_BAD_AUDIO', () => {
    try {
      decodePcm16(Buffer.from([1, 2, 3]).toString('base64'));
      expect.unreachable();
    } catch (e) {
      expect(isRtSimError(e, 'RTSIM_PROTOCOL_BAD_AUDIO')).toBe(true);
      expect((e as Error).message).toBe('[rt-sim] PCM16 audio must have an even number of bytes, got 3');
    }
  });

  it('text that is not standard base64 is refused with RTSIM_PROTOCOL_BAD_BASE64', () => {
    expect(() => decodePcm16('AA*A')).toThrow(expect.objectContaining({ code: 'RTSIM_PROTOCOL_BAD_BASE64' }));
    expect(isBase64('AAAA')).toBe(true);
    expect(isBase64('AA==')).toBe(true);
    expect(isBase64('AAA')).toBe(false);
    expect(isBase64('AA-_')).toBe(false);
    expect(isBase64('')).toBe(true);
  });

  it('isBase64 agrees with the padded-base64 grammar on any short text', () => {
    const grammar = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
    const char = fc.constantFrom(...'Aa0+/=-_ *'.split(''));
    fc.assert(
      fc.property(fc.array(char, { maxLength: 12 }), (chars) => {
        const text = chars.join('');
        expect(isBase64(text)).toBe(grammar.test(text));
      }),
      { numRuns: 2000, seed: 5 },
    );
  });

  it('isBase64 and decodeBase64 agree with the grammar on long texts, which they check natively', () => {
    const grammar = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
    // Characters Node's decoder skips (whitespace, punctuation, NUL, DEL, Latin-1, beyond it) or misreads (- _).
    const odd = [...'Aa0+/=-_ *\n\t.!#\\\u0000\u007f\u00e9\u00ff\u0100\u20ac', '\ud83d\ude00'];
    const edit = fc.record({ at: fc.nat(), char: fc.constantFrom(...odd), cut: fc.boolean() });
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 190, maxLength: 260 }),
        fc.array(edit, { maxLength: 3 }),
        (bytes, edits) => {
          let text = Buffer.from(bytes).toString('base64');
          for (const e of edits) {
            const at = e.at % (text.length + 1);
            text = `${text.slice(0, at)}${e.char}${text.slice(e.cut ? at + 1 : at)}`;
          }
          const valid = grammar.test(text);
          expect(isBase64(text)).toBe(valid);
          const decoded = decodeBase64(text);
          expect(decoded === undefined ? undefined : [...decoded]).toEqual(
            valid ? [...Buffer.from(text, 'base64')] : undefined,
          );
        },
      ),
      { numRuns: 3000, seed: 6 },
    );
  });

  it('accepts unused low bits in the last characters, as the grammar does', () => {
    const text = `${Buffer.alloc(300, 9).toString('base64').slice(0, -4)}QR==`;
    expect(isBase64(text)).toBe(true);
    expect(decodeBase64(text)?.at(-1)).toBe(0x41);
  });

  it('checks a 6 MB append in one pass, without overflowing the stack', () => {
    const big = Buffer.alloc(4_500_000, 7).toString('base64');
    expect(big.length).toBeGreaterThan(4 * 1024 * 1024);
    expect(isBase64(big)).toBe(true);
    expect(isBase64(`${big.slice(0, -4)}A*A=`)).toBe(false);
    expect(decodePcm16(big)).toHaveLength(2_250_000);
  });
});
