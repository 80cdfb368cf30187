import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resamplePcm16 } from '../../src/audio/index.js';
import { decodeAudio, encodeAudio, sampleReader } from '../../src/simulator/audio-format.js';
import { defaultReplyAudio, toPcm24kMono } from '../../src/simulator/audio-source.js';
import { EnergyVad, speechProbability } from '../../src/simulator/vad.js';
import type { AudioFormat } from '../../src/protocol/index.js';
import { silenceSamples, toneSamples } from '../../src/simulator/index.js';

describe('reply WAV audio', () => {
  it('mixes stereo to mono and resamples to 24 kHz', () => {
    const left = new Float32Array(8000).fill(0.5);
    const right = new Float32Array(8000).fill(-0.5);
    const mono = toPcm24kMono([left, new Float32Array(8000).fill(0.5)], 8000);
    expect(mono.length).toBe(24000);
    expect(mono[12000]).toBe(16384);
    expect(toPcm24kMono([left, right], 24000).every((s) => s === 0)).toBe(true);
  });
});

describe('generated audio', () => {
  it('makes tones with the given peak level and silence of the given length', () => {
    const tone = toneSamples(1000, 100, 0.5);
    expect(tone.length).toBe(2400);
    expect(Math.max(...tone)).toBeCloseTo(16384, -2);
    expect(silenceSamples(250).length).toBe(6000);
  });

  it('sizes the default reply tone to the transcript, 60 ms a character rounded up to 100 ms, at least 300 ms', () => {
    expect(defaultReplyAudio('Hi.').length).toBe(7200);
    expect(defaultReplyAudio('x'.repeat(22)).length).toBe(24 * 1400);
  });
});

describe('session audio formats', () => {
  it('leaves the reply audio it encodes as it was (wave-resampler, used before, filtered it in place)', () => {
    const pcm = toneSamples(3000, 100);
    const before = pcm.slice();
    for (const format of [{ type: 'audio/pcm', rate: 8000 }, { type: 'audio/pcmu' }] as const) encodeAudio(pcm, format);
    expect(pcm).toEqual(before);
  });

  it('encodes session output formats: PCM at its rate, G.711 one byte per 8 kHz sample', () => {
    const pcm = toneSamples(300, 100);
    expect(encodeAudio(pcm, { type: 'audio/pcm', rate: 24000 }).length).toBe(4800);
    expect(encodeAudio(pcm, { type: 'audio/pcm', rate: 16000 }).length).toBe(3200);
    expect(encodeAudio(pcm, { type: 'audio/pcma' }).length).toBe(800);
    const back = decodeAudio(encodeAudio(pcm, { type: 'audio/pcmu' }), { type: 'audio/pcmu' });
    expect(back.length).toBe(800);
    expect(resamplePcm16(pcm, 24000, 24000)).toBe(pcm);
  });
});

describe('energy VAD', () => {
  it('maps a frame level to a probability: floor → 0, full scale → 1, linear in dB between', () => {
    expect(speechProbability(new Int16Array(240), -60)).toBe(0);
    expect(speechProbability(new Int16Array(240).fill(32767), -60)).toBeCloseTo(1, 3);
    expect(speechProbability(new Int16Array(240).fill(Math.round(32768 * 10 ** (-30 / 20))), -60)).toBeCloseTo(0.5, 3);
  });

  it('reports speech start with prefix padding and stop after the silence, across chunk edges', () => {
    const vad = new EnergyVad({ threshold: 0.5, prefixPaddingMs: 100, silenceDurationMs: 50, floorDb: -60 });
    const audio = new Int16Array(24000);
    audio.set(toneSamples(300, 300, 0.5), 7200); // speech from 300 ms to 600 ms
    const events = [];
    for (let i = 0; i < audio.length; i += 1234) events.push(...vad.process(audio.subarray(i, i + 1234), 24000));
    expect(events).toEqual([
      { type: 'speech_started', audioStartMs: 200 },
      { type: 'speech_stopped', audioEndMs: 650 },
    ]);
    expect(vad.inSpeech).toBe(false);
  });

  it('with detection off keeps the stream position and partial frame that measuring then resetting keeps', () => {
    const settings = { threshold: 0.5, prefixPaddingMs: 100, silenceDurationMs: 50, floorDb: -60 };
    for (const rate of [24000, 22050]) {
      const audio = new Int16Array(rate * 2);
      audio.set(toneSamples(300, 300, 0.5).subarray(0, Math.round(rate * 0.3)), Math.round(rate * 0.3));
      audio.set(toneSamples(300, 300, 0.5).subarray(0, Math.round(rate * 0.3)), Math.round(rate * 1.2));
      const measured = new EnergyVad(settings);
      const skipped = new EnergyVad(settings);
      const events: [unknown[], unknown[]] = [[], []];
      for (let i = 0; i < audio.length; i += 1234) {
        const chunk = audio.subarray(i, i + 1234);
        // Detection off for the first second (its tone included), then on.
        const detect = i + 1234 > rate;
        events[0].push(...measured.process(chunk, rate));
        if (detect) events[1].push(...skipped.process(chunk, rate));
        else skipped.skip(chunk.length, rate, (k) => chunk[k]!);
        if (!detect) {
          events[0].length = 0;
          measured.reset();
          skipped.reset();
        }
      }
      expect(events[1], `${rate} Hz`).toEqual(events[0]);
      expect(events[1].length, `${rate} Hz`).toBe(2);
    }
  });

  it('reads any sample of any format as decoding the whole of it does', () => {
    const formats: AudioFormat[] = [{ type: 'audio/pcm', rate: 24000 }, { type: 'audio/pcmu' }, { type: 'audio/pcma' }];
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.constantFrom(...formats), (bytes, format) => {
        const read = sampleReader(bytes, format);
        expect(Array.from(decodeAudio(bytes, format), (_, i) => read(i))).toEqual([...decodeAudio(bytes, format)]);
      }),
      { seed: 15, numRuns: 300 },
    );
  });

  it('skipping appends by reading their kept samples only leaves what decoding, measuring and resetting leaves', () => {
    const settings = { threshold: 0.5, prefixPaddingMs: 100, silenceDurationMs: 50, floorDb: -60 };
    const formats: AudioFormat[] = [{ type: 'audio/pcm', rate: 16000 }, { type: 'audio/pcmu' }, { type: 'audio/pcma' }];
    fc.assert(
      fc.property(
        fc.constantFrom(...formats),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 12 }),
        (format, sizes) => {
          // A loud tone all along: each detecting append measures frames the skipped ones left pending.
          const bytes = encodeAudio(toneSamples(400, 1000, 0.5), format);
          const [reference, skipping] = [new EnergyVad(settings), new EnergyVad(settings)];
          const rate = format.type === 'audio/pcm' ? format.rate : 8000;
          const events: [unknown[], unknown[]] = [[], []];
          let at = 0;
          for (const [k, size] of sizes.entries()) {
            const chunk = bytes.subarray(at, at + size);
            at += size;
            const detect = k % 3 === 2;
            const seen = reference.process(decodeAudio(chunk, format), rate);
            if (detect) {
              events[0].push(...seen);
              events[1].push(...skipping.process(decodeAudio(chunk, format), rate));
            } else {
              reference.reset();
              skipping.skip(decodeAudio(chunk, format).length, rate, sampleReader(chunk, format));
              skipping.reset();
            }
          }
          expect(events[1]).toEqual(events[0]);
        },
      ),
      { seed: 16, numRuns: 300 },
    );
  });

  it('never starts speech before the stream began', () => {
    const vad = new EnergyVad({ threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 0, floorDb: -60 });
    expect(vad.process(toneSamples(300, 50, 0.5), 24000)[0]).toEqual({ type: 'speech_started', audioStartMs: 0 });
  });
});
