import { describe, expect, it } from 'vitest';
import { decodeAudio, encodeAudio, resamplePcm16 } from '../../src/simulator/audio-format.js';
import { defaultReplyAudio, toPcm24kMono } from '../../src/simulator/audio-source.js';
import { alawDecode, alawEncode, mulawDecode, mulawEncode } from '../../src/simulator/g711.js';
import { EnergyVad, speechProbability } from '../../src/simulator/vad.js';
import { decodeWav, encodeWav, silenceSamples, toneSamples } from '../../src/simulator/index.js';
import { isRtSimError } from '../../src/protocol/index.js';

describe('WAV files', () => {
  it('encodes PCM16 and decodes it back through wav-decoder', () => {
    const samples = Int16Array.from([0, 1000, -1000, 32767, -32768]);
    const decoded = decodeWav(encodeWav(samples, 16000, 1));
    expect(decoded.sampleRate).toBe(16000);
    expect(Array.from(decoded.channels[0]!, (f) => Math.round(f < 0 ? f * 32768 : f * 32767))).toEqual(
      Array.from(samples),
    );
  });

  it('refuses bytes that are not a WAV file with RTSIM_SIM_BAD_WAV', () => {
    let error: unknown;
    try {
      decodeWav(new Uint8Array([1, 2, 3, 4]), 'hello.wav');
    } catch (e) {
      error = e;
    }
    expect(isRtSimError(error, 'RTSIM_SIM_BAD_WAV')).toBe(true);
    expect((error as Error).message).toContain('hello.wav');
  });

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

describe('G.711', () => {
  it('µ-law and A-law round-trip within the codec step', () => {
    for (const s of [0, 100, -100, 1000, -5000, 20000, -32000, 32767]) {
      expect(Math.abs(mulawDecode(mulawEncode(s)) - s)).toBeLessThanOrEqual(Math.max(8, Math.abs(s) / 16));
      expect(Math.abs(alawDecode(alawEncode(s)) - s)).toBeLessThanOrEqual(Math.max(16, Math.abs(s) / 16));
    }
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

  it('never starts speech before the stream began', () => {
    const vad = new EnergyVad({ threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 0, floorDb: -60 });
    expect(vad.process(toneSamples(300, 50, 0.5), 24000)[0]).toEqual({ type: 'speech_started', audioStartMs: 0 });
  });
});
