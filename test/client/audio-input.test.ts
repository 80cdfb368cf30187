import { describe, expect, it } from 'vitest';
import { createAudioFrame } from '../../src/client/index.js';
import { withSession, setup, type Setup } from './peer.js';

function ramp(samples: number, start = 0): Int16Array {
  const out = new Int16Array(samples);
  for (let i = 0; i < samples; i++) out[i] = (start + i) % 30000;
  return out;
}

const appends = (s: Setup) => s.peer.ofType('input_audio_buffer.append').map((f) => String(f.event['audio']));
const bytes = (b64: string) => Buffer.from(b64, 'base64');

describe('R6.1–R6.3 audio in', () => {
  it('R6.1 24 kHz mono frames pass unchanged and R6.2 go out as 4800-byte appends (6400 base64 chars)', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const samples = ramp(2400 * 3 + 100);
      // Frames of 10 ms, as a microphone would deliver them.
      for (let i = 0; i < samples.length; i += 240)
        session.pushAudio(createAudioFrame(samples.slice(i, i + 240), 24000, 1));
      await s.clock.sleep(1);
      const sent = appends(s);
      expect(sent).toHaveLength(3);
      for (const a of sent) expect(a).toHaveLength(6400);
      expect(Buffer.concat(sent.map(bytes))).toEqual(Buffer.from(samples.buffer, 0, 3 * 4800));
      const append = s.peer.ofType('input_audio_buffer.append')[0]!.event;
      expect(Object.keys(append).sort()).toEqual(['audio', 'type']);
    });
  });

  it('R6.1 16 kHz audio is resampled to 24 kHz: one second makes 48000 bytes of appends', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      for (let i = 0; i < 100; i++) session.pushAudio(createAudioFrame(ramp(160, i * 160), 16000, 1));
      await s.clock.sleep(1);
      const n = appends(s).length;
      // The resampler holds a short look-ahead, so the tenth append waits for more audio or a commit.
      expect(n).toBe(9);
      session.commitAudio();
      await s.clock.sleep(1);
      const total = appends(s).reduce((sum, a) => sum + bytes(a).length, 0);
      expect(total).toBe(48000);
    });
  });

  it('R6.2 a remainder under 100 ms waits for more audio', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      session.pushAudio(createAudioFrame(ramp(2000), 24000, 1));
      await s.clock.sleep(1);
      expect(appends(s)).toHaveLength(0);
      session.pushAudio(createAudioFrame(ramp(400, 2000), 24000, 1));
      await s.clock.sleep(1);
      expect(appends(s)).toHaveLength(1);
      expect(bytes(appends(s)[0]!)).toEqual(Buffer.from(ramp(2400).buffer));
    });
  });
});

describe('R6.4 commitAudio with the fixes of §8.9 and §8.10', () => {
  it('§8.10 exactly 100 ms is enough for a commit', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      session.pushAudio(createAudioFrame(ramp(2400), 24000, 1));
      session.commitAudio();
      await s.clock.sleep(1);
      expect(s.peer.types({ appends: true }).slice(1)).toEqual([
        'input_audio_buffer.append',
        'input_audio_buffer.commit',
      ]);
      expect(s.peer.ofType('input_audio_buffer.commit')[0]!.event).toEqual({ type: 'input_audio_buffer.commit' });
    });
  });

  it('R6.4 under 100 ms commitAudio sends nothing', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      session.pushAudio(createAudioFrame(ramp(2399), 24000, 1));
      session.commitAudio();
      await s.clock.sleep(1);
      expect(s.peer.types({ appends: true })).toEqual(['session.update']);
    });
  });

  it('§8.9 the remainder is flushed as a last short append before the commit', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      const samples = ramp(2400 + 1000);
      session.pushAudio(createAudioFrame(samples, 24000, 1));
      session.commitAudio();
      await s.clock.sleep(1);
      expect(s.peer.types({ appends: true }).slice(1)).toEqual([
        'input_audio_buffer.append',
        'input_audio_buffer.append',
        'input_audio_buffer.commit',
      ]);
      const sent = appends(s).map(bytes);
      expect(sent.map((b) => b.length)).toEqual([4800, 2000]);
      expect(Buffer.concat(sent)).toEqual(Buffer.from(samples.buffer));
    });
  });

  it('§8.10 a remainder alone counts towards the 100 ms', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      session.pushAudio(createAudioFrame(ramp(1200), 24000, 1));
      session.pushAudio(createAudioFrame(ramp(1200), 24000, 1));
      session.commitAudio();
      await s.clock.sleep(1);
      expect(appends(s).map((a) => bytes(a).length)).toEqual([4800]);
      expect(s.peer.ofType('input_audio_buffer.commit')).toHaveLength(1);
    });
  });

  it('R6.4 the counter restarts after a commit', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      session.pushAudio(createAudioFrame(ramp(2400), 24000, 1));
      session.commitAudio();
      session.commitAudio();
      session.pushAudio(createAudioFrame(ramp(1000), 24000, 1));
      session.commitAudio();
      await s.clock.sleep(1);
      expect(s.peer.ofType('input_audio_buffer.commit')).toHaveLength(1);
    });
  });
});

describe('R6.5 clearAudio', () => {
  it('R6.5 always sends input_audio_buffer.clear and resets the counter', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      session.clearAudio();
      session.pushAudio(createAudioFrame(ramp(4800), 24000, 1));
      session.clearAudio();
      session.commitAudio();
      await s.clock.sleep(1);
      expect(s.peer.types({ appends: true }).slice(1)).toEqual([
        'input_audio_buffer.clear',
        'input_audio_buffer.append',
        'input_audio_buffer.append',
        'input_audio_buffer.clear',
      ]);
      expect(s.peer.ofType('input_audio_buffer.clear')[0]!.event).toEqual({ type: 'input_audio_buffer.clear' });
    });
  });

  it('a bad frame throws at the call and sends nothing', async () => {
    const s = setup();
    await withSession(s, async (session) => {
      expect(() =>
        session.pushAudio({ data: new Int16Array(10), sampleRate: 12345, numChannels: 1, samplesPerChannel: 10 }),
      ).toThrow(/RTSIM|sampleRate/);
      await s.clock.sleep(1);
      expect(appends(s)).toEqual([]);
    });
  });
});
