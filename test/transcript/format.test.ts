import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  audioDirFor,
  connectionsOf,
  frameRecord,
  isAudioReference,
  parseTranscript,
  readTranscript,
  recordsOf,
  serializeHeader,
  serializeRecord,
  transcriptHeader,
  TranscriptWriter,
  wirePayload,
  type TranscriptRecord,
} from '../../src/transcript/index.js';
import { toneBase64, useTempDir } from './helpers.js';

const tempDir = useTempDir();

/** A small session of two connections with audio both ways. */
function session(): TranscriptRecord[] {
  return [
    {
      t: 0,
      conn: 1,
      kind: 'open',
      url: '/v1/realtime?model=grok-4-1-fast-non-reasoning',
      headers: { 'user-agent': 'LiveKit Agents', authorization: 'Bearer <redacted:key-1>' },
      protocols: [],
    },
    {
      t: 3,
      conn: 1,
      dir: 's2c',
      frame: {
        type: 'conversation.created',
        event_id: 'event_0001',
        conversation: { id: 'conv_3f2a9c1b7d4e', object: 'realtime.conversation' },
      },
    },
    { t: 4, conn: 1, dir: 'c2s', frame: { type: 'session.update', session: { instructions: 'Be brief.' } } },
    { t: 10, conn: 1, dir: 'c2s', frame: { type: 'input_audio_buffer.append', audio: toneBase64(2400) } },
    { t: 110, conn: 1, dir: 'c2s', frame: { type: 'input_audio_buffer.append', audio: toneBase64(2400, 2400) } },
    { t: 111, conn: 1, dir: 'c2s', frame: { type: 'response.create' } },
    {
      t: 300,
      conn: 1,
      dir: 's2c',
      frame: {
        type: 'response.output_audio.delta',
        event_id: 'event_0002',
        response_id: 'resp_1',
        item_id: 'item_3f2a9c1b7d4e',
        output_index: 0,
        content_index: 0,
        delta: toneBase64(1200),
      },
    },
    {
      t: 340,
      conn: 1,
      dir: 's2c',
      frame: { type: 'response.audio.delta', response_id: 'resp_1', delta: toneBase64(600, 7) },
    },
    { t: 341, conn: 1, dir: 's2c', text: 'not json {' },
    { t: 342, conn: 1, dir: 'c2s', binary: Buffer.from([1, 2, 3]).toString('base64') },
    { t: 400, conn: 1, kind: 'close', code: 1000, reason: 'bye', by: 'client' },
    { t: 0, conn: 2, kind: 'open', url: '/v1/realtime', headers: {}, protocols: ['realtime'], protocol: 'realtime' },
    {
      t: 12,
      conn: 2,
      kind: 'close',
      code: 4401,
      reason: 'upstream refused the handshake: HTTP 401',
      by: 'upstream-refused',
      status: 401,
    },
  ];
}

async function write(file: string, records: TranscriptRecord[], audio: 'inline' | 'wav'): Promise<void> {
  const writer = await TranscriptWriter.open(
    file,
    transcriptHeader({ upstream: 'wss://api.x.ai/v1/realtime', model: 'grok-4-1-fast-non-reasoning' }),
    { audio },
  );
  for (const record of records) writer.write(record);
  expect(writer.records).toBe(records.length);
  await writer.close();
}

describe('transcript format', () => {
  it('serializes records with a stable key order: t, conn, dir or kind, then the fields', () => {
    expect(serializeRecord({ dir: 'c2s', frame: { type: 'response.create' }, conn: 1, t: 5 } as TranscriptRecord)).toBe(
      '{"t":5,"conn":1,"dir":"c2s","frame":{"type":"response.create"}}',
    );
    expect(
      serializeRecord({ by: 'server', reason: 'done', code: 1000, kind: 'close', conn: 2, t: 9 } as TranscriptRecord),
    ).toBe('{"t":9,"conn":2,"kind":"close","code":1000,"reason":"done","by":"server"}');
    expect(
      serializeRecord({
        headers: { 'user-agent': 'x', authorization: 'Bearer <redacted:key-1>' },
        protocols: [],
        url: '/v1/realtime',
        kind: 'open',
        conn: 1,
        t: 0,
      }),
    ).toBe(
      '{"t":0,"conn":1,"kind":"open","url":"/v1/realtime","protocols":[],"headers":{"authorization":"Bearer <redacted:key-1>","user-agent":"x"}}',
    );
  });

  it("keeps the wire order of a frame's own keys", () => {
    const line = serializeRecord({
      t: 1,
      conn: 1,
      dir: 's2c',
      frame: { type: 'ping', event_id: 'event_1', timestamp: 5 },
    });
    expect(line).toBe('{"t":1,"conn":1,"dir":"s2c","frame":{"type":"ping","event_id":"event_1","timestamp":5}}');
  });

  it('writes the header first with known fields in a fixed order', () => {
    expect(serializeHeader({ notes: 'n', version: 1, rtsim: 'transcript', upstream: 'wss://u' })).toBe(
      '{"rtsim":"transcript","version":1,"upstream":"wss://u","notes":"n"}',
    );
  });

  it('round-trips a transcript with inline audio: what is written is what is read', async () => {
    const file = path.join(tempDir(), 'inline.rtsim.jsonl');
    await write(file, session(), 'inline');
    const transcript = await readTranscript(file);
    expect(transcript.header).toEqual({
      rtsim: 'transcript',
      version: 1,
      upstream: 'wss://api.x.ai/v1/realtime',
      model: 'grok-4-1-fast-non-reasoning',
    });
    expect(transcript.records).toEqual(session());
    expect(transcript.lines).toEqual(session().map((_, i) => i + 2));
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(session().length + 2);
  });

  it('round-trips a transcript with audio in WAV files beside it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'call.rtsim.jsonl');
    await write(file, session(), 'wav');
    expect(audioDirFor(file)).toBe(path.join(dir, 'call.audio'));
    expect(readdirSync(path.join(dir, 'call.audio')).sort()).toEqual(['conn-1-c2s.wav', 'conn-1-s2c.wav']);
    expect((await readTranscript(file)).records).toEqual(session());
  });

  it('leaves audio references in place unless asked to resolve them; one WAV per connection, direction', async () => {
    const file = path.join(tempDir(), 'call.rtsim.jsonl');
    await write(file, session(), 'wav');
    const raw = await readTranscript(file, { resolveAudio: false });
    const refs = raw.records
      .flatMap((r) => ('frame' in r ? [r.frame.audio ?? r.frame.delta] : []))
      .filter(isAudioReference);
    expect(refs.map((r) => r.$audio)).toEqual([
      { file: 'call.audio/conn-1-c2s.wav', offset: 0, bytes: 4800 },
      { file: 'call.audio/conn-1-c2s.wav', offset: 4800, bytes: 4800 },
      { file: 'call.audio/conn-1-s2c.wav', offset: 0, bytes: 2400 },
      { file: 'call.audio/conn-1-s2c.wav', offset: 2400, bytes: 1200 },
    ]);
    // The transcript line stays short and readable.
    const longest = Math.max(
      ...readFileSync(file, 'utf8')
        .split('\n')
        .map((l) => l.length),
    );
    expect(longest).toBeLessThan(300);
  });

  it('keeps audio inline when it is not canonical base64 PCM16 at 24 kHz', async () => {
    const file = path.join(tempDir(), 'odd.rtsim.jsonl');
    const records: TranscriptRecord[] = [
      { t: 0, conn: 1, kind: 'open', url: '/v1/realtime', headers: {}, protocols: [] },
      // 2 bytes: one sample, moves
      { t: 1, conn: 1, dir: 'c2s', frame: { type: 'input_audio_buffer.append', audio: 'AAE=' } },
      { t: 2, conn: 1, dir: 'c2s', frame: { type: 'input_audio_buffer.append', audio: 'AAEC' } }, // 3 bytes: odd
      { t: 3, conn: 1, dir: 'c2s', frame: { type: 'input_audio_buffer.append', audio: 'not base64!' } },
      {
        t: 4,
        conn: 1,
        dir: 'c2s',
        frame: { type: 'session.update', session: { audio: { input: { format: { type: 'audio/pcmu' } } } } },
      },
      { t: 5, conn: 1, dir: 'c2s', frame: { type: 'input_audio_buffer.append', audio: toneBase64(80) } },
      { t: 6, conn: 1, dir: 's2c', frame: { type: 'response.output_audio.delta', delta: toneBase64(80) } },
    ];
    await write(file, records, 'wav');
    const raw = await readTranscript(file, { resolveAudio: false });
    const audio = raw.records.map((r) => ('frame' in r ? (r.frame.audio ?? r.frame.delta) : undefined));
    expect(isAudioReference(audio[1])).toBe(true);
    expect(audio.slice(2, 4)).toEqual(['AAEC', 'not base64!']);
    expect(audio[5]).toBe(toneBase64(80)); // µ-law input after session.update: not PCM16
    expect(isAudioReference(audio[6])).toBe(true); // output format unchanged
    expect((await readTranscript(file)).records).toEqual(records);
  });

  it("numbers connections and lists a connection's records", () => {
    const records = session();
    expect(connectionsOf({ records })).toEqual([1, 2]);
    expect(recordsOf({ records }, 2).map((r) => r.t)).toEqual([0, 12]);
  });

  it('turns wire payloads into records and back', () => {
    const json = frameRecord(5, 1, 'c2s', '{ "type": "response.create" }');
    expect(json).toEqual({ t: 5, conn: 1, dir: 'c2s', frame: { type: 'response.create' } });
    expect(wirePayload(json)).toBe('{"type":"response.create"}');
    expect(frameRecord(5, 1, 's2c', '[1,2]')).toEqual({ t: 5, conn: 1, dir: 's2c', text: '[1,2]' });
    const binary = frameRecord(5, 1, 's2c', new Uint8Array([0, 255]));
    expect(binary).toEqual({ t: 5, conn: 1, dir: 's2c', binary: 'AP8=' });
    expect(wirePayload(binary)).toEqual(new Uint8Array([0, 255]));
  });

  it('parses text that a person wrote, skipping blank lines and CRLF endings', () => {
    const text =
      '{"rtsim":"transcript","version":1}\r\n\r\n{"t":0,"conn":1,"kind":"open","url":"/v1/realtime","protocols":[],"headers":{}}\r\n';
    expect(parseTranscript(text).records).toEqual([
      { t: 0, conn: 1, kind: 'open', url: '/v1/realtime', protocols: [], headers: {} },
    ]);
  });

  it('reads a transcript cut short: no close records, as after a crash', () => {
    const text = [
      '{"rtsim":"transcript","version":1}',
      '{"t":0,"conn":1,"kind":"open","url":"/","protocols":[],"headers":{}}',
      '{"t":4,"conn":1,"dir":"c2s","frame":{"type":"response.create"}}',
    ].join('\n');
    expect(parseTranscript(text).records).toHaveLength(2);
  });

  it('reads a WAV-mode transcript whose writer was never closed', async () => {
    const file = path.join(tempDir(), 'crash.rtsim.jsonl');
    const writer = await TranscriptWriter.open(file, transcriptHeader(), { audio: 'wav' });
    const records = session().slice(0, 8);
    for (const record of records) writer.write(record);
    // No close(): every line and every audio byte is already in the files.
    expect((await readTranscript(file)).records).toEqual(records);
    await writer.close();
  });

  it('reads audio references written by hand against a WAV file', () => {
    const dir = tempDir();
    const samples = Buffer.from(toneBase64(10), 'base64');
    const header = Buffer.alloc(44);
    header.write('RIFF', 0);
    header.writeUInt32LE(36 + samples.length, 4);
    header.write('WAVEfmt ', 8);
    header.writeUInt32LE(16, 16);
    header.writeUInt16LE(1, 20);
    header.writeUInt16LE(1, 22);
    header.writeUInt32LE(24000, 24);
    header.writeUInt32LE(48000, 28);
    header.writeUInt16LE(2, 32);
    header.writeUInt16LE(16, 34);
    header.write('data', 36);
    header.writeUInt32LE(samples.length, 40);
    writeFileSync(path.join(dir, 'a.wav'), Buffer.concat([header, samples]));
    const text = [
      '{"rtsim":"transcript","version":1}',
      '{"t":0,"conn":1,"kind":"open","url":"/","protocols":[],"headers":{}}',
      '{"t":1,"conn":1,"dir":"s2c","frame":{"type":"response.output_audio.delta","delta":{"$audio":{"file":"a.wav","offset":4,"bytes":6}}}}',
    ].join('\n');
    const transcript = parseTranscript(text, { file: path.join(dir, 't.rtsim.jsonl'), resolveAudio: true });
    const record = transcript.records[1];
    expect(record && 'frame' in record ? record.frame.delta : undefined).toBe(
      samples.subarray(4, 10).toString('base64'),
    );
  });
});
