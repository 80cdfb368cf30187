import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRtSimError } from '../../src/protocol/index.js';
import { parseTranscript, readTranscript, TRANSCRIPT_ERROR_CODES } from '../../src/transcript/index.js';
import { useTempDir } from './helpers.js';

const tempDir = useTempDir();
const HEADER = '{"rtsim":"transcript","version":1}';
const OPEN = '{"t":0,"conn":1,"kind":"open","url":"/v1/realtime","protocols":[],"headers":{}}';

/** The error parsing `lines` as `rec.rtsim.jsonl` throws. */
function failure(lines: string[], resolveAudio = false): { code: string; message: string } {
  try {
    parseTranscript(lines.join('\n'), { file: 'rec.rtsim.jsonl', resolveAudio });
  } catch (error) {
    if (isRtSimError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the transcript to be rejected');
}

describe('transcript reader errors name file:line, what was expected, what came and the fix', () => {
  it('an empty file has no header', () => {
    expect(failure([''])).toEqual({
      code: TRANSCRIPT_ERROR_CODES.EMPTY,
      message:
        '[rt-sim] rec.rtsim.jsonl:1: expected a header line, got an empty file; fix: start the file with ' +
        '{"rtsim":"transcript","version":1}',
    });
  });

  it('a first line that is not a header', () => {
    const e = failure([OPEN]);
    expect(e.code).toBe(TRANSCRIPT_ERROR_CODES.BAD_HEADER);
    expect(e.message).toContain(
      'rec.rtsim.jsonl:1: expected a header with "rtsim": "transcript", got an object with "rtsim": nothing',
    );
  });

  it('a version this code cannot read', () => {
    const e = failure(['{"rtsim":"transcript","version":2}']);
    expect(e.code).toBe(TRANSCRIPT_ERROR_CODES.BAD_VERSION);
    expect(e.message).toContain('rec.rtsim.jsonl:1: expected "version": 1, got 2; fix:');
  });

  it('a cut-off line is not JSON', () => {
    const e = failure([HEADER, OPEN, '{"t":3,"conn":1,"dir":"c2s","fra']);
    expect(e.code).toBe(TRANSCRIPT_ERROR_CODES.BAD_JSON);
    expect(e.message).toMatch(
      /^\[rt-sim\] rec\.rtsim\.jsonl:3: expected one JSON value on the line, got invalid JSON \(.+\); fix: /,
    );
  });

  it('line numbers count blank lines', () => {
    expect(failure([HEADER, '', OPEN, '', '{"t":1,"conn":1,"dir":"up","frame":{}}']).message).toContain(
      'rec.rtsim.jsonl:5: expected "dir" to be "c2s" or "s2c", got "up"; fix: use "c2s" for client→server ' +
        'frames and "s2c" for server→client frames',
    );
  });

  it.each([
    [
      '{"conn":1,"dir":"c2s","frame":{}}',
      'expected "t" to be milliseconds ≥ 0 since the connection opened, got nothing',
    ],
    ['{"t":-1,"conn":1,"dir":"c2s","frame":{}}', 'got -1'],
    ['{"t":1,"conn":0,"dir":"c2s","frame":{}}', 'expected "conn" to be a connection number ≥ 1, got 0'],
    [
      '{"t":1,"conn":1,"kind":"opened"}',
      'expected "dir" ("c2s" or "s2c") for a frame or "kind" ("open" or "close"), got "kind": "opened"',
    ],
    ['{"t":1,"conn":1,"dir":"c2s"}', 'expected exactly one of "frame", "text", "binary" or "omitted", got none'],
    ['{"t":1,"conn":1,"dir":"c2s","frame":{},"text":"x"}', 'got "frame" and "text"'],
    ['{"t":1,"conn":1,"dir":"c2s","frame":"x"}', 'expected "frame" to be a JSON object, got string'],
    ['{"t":1,"conn":1,"dir":"c2s","binary":"!!"}', 'expected "binary" to be standard padded base64'],
    [
      '{"t":1,"conn":1,"dir":"c2s","omitted":{"binary":false,"bytes":9}}',
      'expected a "note" saying why the frame was omitted, got none',
    ],
    [
      '{"t":1,"conn":1,"dir":"c2s","omitted":{"bytes":9},"note":"big"}',
      'expected "omitted.binary" to be true or false, got nothing',
    ],
    [
      '{"t":1,"conn":1,"dir":"c2s","omitted":{"binary":true,"bytes":-1},"note":"big"}',
      'expected "omitted.bytes" to be a byte count ≥ 0, got -1',
    ],
    [
      '{"t":1,"conn":1,"dir":"c2s","omitted":{"binary":true,"bytes":1,"data":"x"},"note":"big"}',
      'expected "omitted" to be {"binary","bytes"}',
    ],
    ['{"t":1,"conn":1,"dir":"c2s","text":"x","note":7}', 'expected "note" to be a string, got number'],
    ['{"t":1,"conn":1,"dir":"c2s","frame":{},"when":3}', 'got "when"; fix: remove the field or check its spelling'],
    [
      '{"t":1,"conn":1,"kind":"close","code":1000,"reason":"","by":"nobody"}',
      'expected "by" to be one of "client", "server", "upstream-refused", "recorder", got "nobody"',
    ],
    [
      '{"t":1,"conn":1,"kind":"close","code":"1000","reason":"","by":"client"}',
      'expected "code" to be a WebSocket close code, got "1000"',
    ],
    [
      '{"t":1,"conn":1,"kind":"close","code":1000,"reason":"","by":"client","status":42}',
      'expected "status" to be an HTTP status, got 42',
    ],
  ])('a bad record %s', (line, expected) => {
    const e = failure([HEADER, OPEN, line]);
    expect(e.code).toBe(TRANSCRIPT_ERROR_CODES.BAD_RECORD);
    expect(e.message).toContain('rec.rtsim.jsonl:3: ');
    expect(e.message).toContain(expected);
  });

  it('a bad open record', () => {
    const e = failure([HEADER, '{"t":0,"conn":1,"kind":"open","url":"/","protocols":"realtime","headers":{}}']);
    expect(e.message).toContain(
      'rec.rtsim.jsonl:2: expected "protocols" to be an array of strings, got "realtime"; fix: use [] when',
    );
  });

  it('a frame before its connection opened', () => {
    const e = failure([HEADER, '{"t":1,"conn":2,"dir":"s2c","frame":{"type":"ping"}}']);
    expect(e.code).toBe(TRANSCRIPT_ERROR_CODES.BAD_ORDER);
    expect(e.message).toContain(
      'rec.rtsim.jsonl:2: expected an open record for connection ' +
        '2 before a s2c frame; fix: add {"t":0,"conn":2,"kind":"open"',
    );
  });

  it('time going back within a connection', () => {
    const e = failure([
      HEADER,
      OPEN,
      '{"t":120,"conn":1,"dir":"c2s","frame":{}}',
      '{"t":80,"conn":1,"dir":"c2s","frame":{}}',
    ]);
    expect(e.code).toBe(TRANSCRIPT_ERROR_CODES.BAD_ORDER);
    expect(e.message).toContain('rec.rtsim.jsonl:4: expected "t" ≥ 120 (the previous record of connection 1), got 80');
  });

  it('a frame after its connection closed, and a second open', () => {
    const closed = failure([
      HEADER,
      OPEN,
      '{"t":5,"conn":1,"kind":"close","code":1000,"reason":"","by":"client"}',
      '{"t":6,"conn":1,"dir":"c2s","frame":{}}',
    ]);
    expect(closed.message).toContain('rec.rtsim.jsonl:4: expected nothing after connection 1 closed, got a c2s frame');
    expect(failure([HEADER, OPEN, OPEN]).message).toContain(
      'rec.rtsim.jsonl:3: expected one open record per connection, got a second one for connection 1',
    );
  });

  it('time in different connections is independent', () => {
    const text = [
      HEADER,
      OPEN,
      '{"t":500,"conn":1,"dir":"c2s","frame":{}}',
      OPEN.replace('"conn":1', '"conn":2'),
      '{"t":3,"conn":2,"dir":"c2s","frame":{}}',
    ].join('\n');
    expect(parseTranscript(text).records).toHaveLength(4);
  });

  describe('audio references', () => {
    const ref = (file: string, offset = 0, bytes = 2): string =>
      `{"t":1,"conn":1,"dir":"s2c","frame":{"type":"response.output_audio.delta","delta":{"$audio":{"file":"${file}","offset":${offset},"bytes":${bytes}}}}}`;

    it('a missing WAV file', () => {
      const dir = tempDir();
      const e = (() => {
        try {
          parseTranscript([HEADER, OPEN, ref('rec.audio/conn-1-s2c.wav')].join('\n'), {
            file: path.join(dir, 'rec.rtsim.jsonl'),
            resolveAudio: true,
          });
        } catch (error) {
          return error as Error & { code: string };
        }
        throw new Error('expected a failure');
      })();
      expect(e.code).toBe(TRANSCRIPT_ERROR_CODES.BAD_AUDIO);
      expect(e.message).toContain(
        'rec.rtsim.jsonl:3: expected the audio file rec.audio/conn-1-s2c.wav beside the transcript, got ' +
          'ENOENT; fix: keep the transcript\'s ".audio" folder',
      );
    });

    it("a path leaving the transcript's folder", () => {
      expect(failure([HEADER, OPEN, ref('../secrets.wav')], true).message).toContain(
        "rec.rtsim.jsonl:3: expected an audio path inside the transcript's folder, like " +
          '"name.audio/conn-1-s2c.wav", got "../secrets.wav"',
      );
      expect(failure([HEADER, OPEN, ref('/etc/passwd')], true).code).toBe(TRANSCRIPT_ERROR_CODES.BAD_AUDIO);
    });

    it('a file that is not a WAV, and a range outside the audio', () => {
      const dir = tempDir();
      writeFileSync(path.join(dir, 'junk.wav'), 'not a wav');
      const wav = Buffer.concat([
        Buffer.from(
          'RIFF\x28\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00\xc0\x5d\x00\x00\x80\xbb\x00\x00\x02\x00\x10\x00data\x04\x00\x00\x00',
          'latin1',
        ),
        Buffer.from([1, 2, 3, 4]),
      ]);
      writeFileSync(path.join(dir, 'ok.wav'), wav);
      const parse = (line: string): Error => {
        try {
          parseTranscript([HEADER, OPEN, line].join('\n'), {
            file: path.join(dir, 'rec.rtsim.jsonl'),
            resolveAudio: true,
          });
        } catch (error) {
          return error as Error;
        }
        throw new Error('expected a failure');
      };
      expect(parse(ref('junk.wav')).message).toContain(
        'rec.rtsim.jsonl:3: junk.wav: expected a PCM or float WAV file, got 9 bytes without a RIFF/WAVE header',
      );
      expect(parse(ref('ok.wav', 2, 4)).message).toContain(
        'rec.rtsim.jsonl:3: expected bytes 2…6 inside the 4 bytes of audio in ok.wav, got a range outside it',
      );
    });

    it('a malformed reference in an audio field', () => {
      const line =
        '{"t":1,"conn":1,"dir":"c2s","frame":{"type":"input_audio_buffer.append","audio":{"$audio":{"file":"a.wav"}}}}';
      const e = failure([HEADER, OPEN, line], true);
      expect(e.code).toBe(TRANSCRIPT_ERROR_CODES.BAD_RECORD);
      expect(e.message).toContain(
        'rec.rtsim.jsonl:3: expected "audio" to be base64 audio or {"$audio":{"file","offset","bytes"}}',
      );
    });
  });

  it('readTranscript names a missing file', async () => {
    const file = path.join(tempDir(), 'nope.rtsim.jsonl');
    await expect(readTranscript(file)).rejects.toMatchObject({
      code: TRANSCRIPT_ERROR_CODES.NOT_FOUND,
      message:
        `[rt-sim] ${file}: expected a readable transcript file, got ENOENT; ` +
        `fix: check the path (transcripts are usually named *.rtsim.jsonl)`,
    });
  });
});
