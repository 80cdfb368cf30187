import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeWav } from '../../src/audio/index.js';
import {
  parseTranscript,
  transcriptHeader,
  TRANSCRIPT_ERROR_CODES,
  TranscriptWriter,
} from '../../src/transcript/index.js';
import { toneBase64, useTempDir } from './helpers.js';

const tempDir = useTempDir();
const OPEN = { t: 0, conn: 1, kind: 'open', url: '/v1/realtime', headers: {}, protocols: [] } as const;

describe('TranscriptWriter', () => {
  it('has every line on disk, in order, as soon as write returns (nothing lost on an abrupt end)', async () => {
    const file = path.join(tempDir(), 'nested', 'live.rtsim.jsonl');
    const writer = await TranscriptWriter.open(file, transcriptHeader({ notes: 'live' }));
    expect(readFileSync(file, 'utf8')).toBe('{"rtsim":"transcript","version":1,"notes":"live"}\n');
    writer.write({ ...OPEN, protocols: [] });
    for (let i = 1; i <= 50; i++)
      writer.write({ t: i, conn: 1, dir: i % 2 === 0 ? 's2c' : 'c2s', frame: { type: 'ping', n: i } });
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(52);
    expect(parseTranscript(lines.join('\n')).records.map((r) => r.t)).toEqual(Array.from({ length: 51 }, (_, i) => i));
    await writer.close();
  });

  it('keeps each WAV file valid after every append, before close', async () => {
    const file = path.join(tempDir(), 'wav.rtsim.jsonl');
    const writer = await TranscriptWriter.open(file, transcriptHeader(), { audio: 'wav' });
    writer.write({ ...OPEN, protocols: [] });
    writer.write({ t: 1, conn: 1, dir: 'c2s', frame: { type: 'input_audio_buffer.append', audio: toneBase64(2400) } });
    writer.write({ t: 2, conn: 1, dir: 'c2s', frame: { type: 'input_audio_buffer.append', audio: toneBase64(100) } });
    const wavFile = path.join(path.dirname(file), 'wav.audio', 'conn-1-c2s.wav');
    expect(writer.files()).toEqual([file, wavFile]);
    const bytes = readFileSync(wavFile);
    expect([bytes.readUInt32LE(4), bytes.readUInt32LE(40), bytes.length]).toEqual([36 + 5000, 5000, 44 + 5000]);
    expect(decodeWav(bytes).channels[0]).toHaveLength(2500);
    await writer.close();
  });

  it('refuses writes after close with RTSIM_TRANSCRIPT_WRITE_FAILED, and close twice is harmless', async () => {
    const file = path.join(tempDir(), 'closed.rtsim.jsonl');
    const writer = await TranscriptWriter.open(file, transcriptHeader());
    await writer.close();
    await writer.close();
    expect(writer.closed).toBe(true);
    expect(() => writer.write({ ...OPEN, protocols: [] })).toThrow(
      expect.objectContaining({
        code: TRANSCRIPT_ERROR_CODES.WRITE_FAILED,
        message: `[rt-sim] ${file}: expected an open transcript writer, got a write after close`,
      }),
    );
  });

  it('reports a file it cannot create with RTSIM_TRANSCRIPT_WRITE_FAILED', async () => {
    const blocker = path.join(tempDir(), 'file');
    const writer = await TranscriptWriter.open(blocker, transcriptHeader());
    await writer.close();
    await expect(TranscriptWriter.open(path.join(blocker, 'x.rtsim.jsonl'), transcriptHeader())).rejects.toMatchObject({
      code: TRANSCRIPT_ERROR_CODES.WRITE_FAILED,
    });
  });
});
