import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFrameRecord, readTranscript, type JsonObject } from '../../src/transcript/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const fixture = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/xai-live-2026.json'), 'utf8')) as {
  turn: JsonObject[];
};

describe('the transcript rebuilt from the live 2026 captures', () => {
  it('says it is rebuilt, not recorded, and names the capture dates', async () => {
    const { header, warnings } = await readTranscript(
      path.join(ROOT, 'scenarios/transcripts/live-2026-voice-turn.rtsim.jsonl'),
    );
    expect(warnings).toEqual([]);
    expect(header).toMatchObject({ source: 'rebuilt', model: 'grok-voice-think-fast-2.0' });
    expect(header.notes).toContain('2026-08-04');
    expect(header.notes).toContain('not a recording');
  });

  it("sends exactly the fixture's server frames, in order, audio included", async () => {
    const { records } = await readTranscript(path.join(ROOT, 'scenarios/transcripts/live-2026-voice-turn.rtsim.jsonl'));
    const sent = records
      .filter(isFrameRecord)
      .filter((r) => r.dir === 's2c')
      .map((r) => ('frame' in r ? r.frame : r));
    expect(sent).toEqual(fixture.turn);
  });
});
