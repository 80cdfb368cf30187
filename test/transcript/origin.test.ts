import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRtSimError } from '../../src/protocol/index.js';
import {
  isIsoDate,
  parseTranscript,
  readTranscript,
  serializeHeader,
  TRANSCRIPT_ERROR_CODES,
  TRANSCRIPT_SOURCES,
  transcriptHeader,
} from '../../src/transcript/index.js';

const OPEN = '{"t":0,"conn":1,"kind":"open","url":"/v1/realtime","protocols":[],"headers":{}}';
const ORIGIN = { source: 'xai', date: '2026-08-04', client: 'LiveKit Agents', model: 'grok-voice-think-fast-2.0' };

function headerLine(fields: Record<string, unknown>): string {
  return JSON.stringify({ rtsim: 'transcript', version: 1, ...fields });
}

function failure(fields: Record<string, unknown>): { code: string; message: string } {
  try {
    parseTranscript([headerLine(fields), OPEN].join('\n'), { file: 'rec.rtsim.jsonl' });
  } catch (error) {
    if (isRtSimError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the header to be rejected');
}

describe('the origin in a transcript header', () => {
  it('is read back as written, with no warning', () => {
    const transcript = parseTranscript([headerLine(ORIGIN), OPEN].join('\n'), { file: 'rec.rtsim.jsonl' });
    expect(transcript.header).toMatchObject(ORIGIN);
    expect(transcript.warnings).toEqual([]);
  });

  it('is written first after the version, before the recording details', () => {
    const header = transcriptHeader({ notes: 'n', recordedAt: '2026-08-04T10:00:00.000Z', ...ORIGIN, source: 'xai' });
    expect(serializeHeader(header)).toBe(
      '{"rtsim":"transcript","version":1,"source":"xai","date":"2026-08-04","client":"LiveKit Agents","model":"grok-voice-think-fast-2.0","recordedAt":"2026-08-04T10:00:00.000Z","notes":"n"}',
    );
  });

  it('missing from an older file is read with a warning naming file:line, not refused', () => {
    const transcript = parseTranscript([headerLine({ model: 'grok-4-1-fast-non-reasoning' }), OPEN].join('\n'), {
      file: 'old.rtsim.jsonl',
    });
    expect(transcript.records).toHaveLength(1);
    expect(transcript.warnings).toEqual([
      expect.stringMatching(
        /^old\.rtsim\.jsonl:1: the header does not say where this transcript came from \(no "source"\)/,
      ),
    ]);
  });

  it('half given is refused, naming the missing fields', () => {
    const e = failure({ source: 'xai', date: '2026-08-04' });
    expect(e.code).toBe(TRANSCRIPT_ERROR_CODES.BAD_HEADER);
    expect(e.message).toContain(
      'rec.rtsim.jsonl:1: expected the header\'s origin to be complete, got no "client", "model"; fix:',
    );
  });

  it('with an unknown source is refused, listing the known ones', () => {
    const e = failure({ ...ORIGIN, source: 'live' });
    expect(e.code).toBe(TRANSCRIPT_ERROR_CODES.BAD_HEADER);
    expect(e.message).toContain(
      `rec.rtsim.jsonl:1: expected header "source" to be one of ` +
        `${TRANSCRIPT_SOURCES.map((s) => `"${s}"`).join(', ')}, got "live"`,
    );
  });

  it('with a date that is not an ISO day is refused', () => {
    expect(failure({ ...ORIGIN, date: '2026-02-30' }).message).toContain(
      'expected header "date" to be an ISO date "YYYY-MM-DD", got "2026-02-30"',
    );
    expect(failure({ ...ORIGIN, date: '04/08/2026' }).message).toContain('got "04/08/2026"');
  });

  it('with an empty client or a model of the wrong type is refused', () => {
    expect(failure({ ...ORIGIN, client: ' ' }).message).toContain('expected header "client" to be a non-empty string');
    expect(failure({ ...ORIGIN, model: 7 }).message).toContain('expected header "model" to be a string, got number');
  });

  it('accepts only real calendar dates', () => {
    expect(['2026-08-04', '2024-02-29'].map(isIsoDate)).toEqual([true, true]);
    expect(['2026-13-01', '2025-02-29', '2026-8-4', ''].map(isIsoDate)).toEqual([false, false, false, false]);
  });
});

describe('every bundled transcript says truthfully where it came from', () => {
  const dir = path.resolve('scenarios/transcripts');
  const files = readdirSync(dir).filter((f) => f.endsWith('.rtsim.jsonl'));

  it('there are bundled transcripts to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it.each(files)('%s has a complete origin and no warning', async (file) => {
    const transcript = await readTranscript(path.join(dir, file), { resolveAudio: false });
    expect(transcript.warnings).toEqual([]);
    expect(TRANSCRIPT_SOURCES).toContain(transcript.header.source);
    // Only a recording of the service may say it is one; none is bundled.
    expect(transcript.header.source).not.toBe('xai');
  });
});
