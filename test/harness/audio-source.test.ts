import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../src/audio/index.js';
import { loadAudioSource } from '../../src/harness/audio-source.js';
import { isRtSimError } from '../../src/protocol/index.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rtsim-audio-source-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The RtSimError a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('loadAudioSource (pushAudio)', () => {
  it('reads a WAV file through the one reader, keeping its rate, channels and samples', async () => {
    const samples = Int16Array.from([0, 1, -1, 32767, -32768, 1234]);
    await writeFile(path.join(dir, 'stereo.wav'), encodeWav(samples, 16000, 2));
    const clip = await loadAudioSource({ wav: 'stereo.wav' }, dir);
    expect(clip).toEqual({ data: samples, sampleRate: 16000, numChannels: 2 });
  });

  it('refuses a file that is not a WAV with RTSIM_SCENARIO_BAD_FIXTURE, naming it', async () => {
    await writeFile(path.join(dir, 'junk.wav'), 'not a wav file');
    const error = await rejection(loadAudioSource({ wav: 'junk.wav' }, dir));
    expect(isRtSimError(error, 'RTSIM_SCENARIO_BAD_FIXTURE')).toBe(true);
    expect(error.message).toBe(
      '[rt-sim] pushAudio: junk.wav: expected a PCM or float WAV file, got 14 bytes without a RIFF/WAVE header',
    );
    expect((error as { details?: unknown }).details).toEqual({ file: path.join(dir, 'junk.wav') });
  });

  it('refuses a missing file with RTSIM_SCENARIO_NO_FIXTURE', async () => {
    const error = await rejection(loadAudioSource({ wav: 'missing.wav' }, dir));
    expect(isRtSimError(error, 'RTSIM_SCENARIO_NO_FIXTURE')).toBe(true);
  });

  it('makes tones at the asked rate and level, and silence', async () => {
    const tone = await loadAudioSource({ tone: { hz: 1000, ms: 10, level: 1 }, sampleRate: 8000 }, dir);
    expect(Array.from(tone.data.subarray(0, 10))).toEqual([
      0, 23170, 32767, 23170, 0, -23170, -32768, -23170, 0, 23170,
    ]);
    expect(tone.data).toHaveLength(80);
    const silence = await loadAudioSource({ silenceMs: 5 }, dir);
    expect(silence).toEqual({ data: new Int16Array(120), sampleRate: 24000, numChannels: 1 });
  });
});
