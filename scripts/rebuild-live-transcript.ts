// Rebuilds scenarios/transcripts/live-2026-voice-turn.rtsim.jsonl from the live 2026 server
// frames in test/fixtures/xai-live-2026.json, so the transcript is reproducible, not hand-made:
//   npx tsx scripts/rebuild-live-transcript.ts
// The server side is the fixture's frames, verbatim and in order. The client side is what
// rt-sim's client sends for the scenario's options (src/client: session.update, then 100 ms
// appends of a 1500 ms tone and 700 ms of silence; server VAD commits and starts the reply, so
// there is no commit nor response.create). Times are plausible for that audio, not measured.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transcriptHeader, TranscriptWriter, type JsonObject, type TranscriptRecord } from '../src/transcript/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURE = path.join(ROOT, 'test/fixtures/xai-live-2026.json');
const OUT = path.join(ROOT, 'scenarios/transcripts/live-2026-voice-turn.rtsim.jsonl');
const MODEL = 'grok-voice-think-fast-2.0';
const RATE = 24000;
const CHUNK_MS = 100;
const TONE_MS = 1500;
const SILENCE_MS = 700;

interface Fixture {
  facts: { what: string; captured: string }[];
  turn: JsonObject[];
}

/** A client-minted id in rt-sim's form (`prefix` + 12 hex), the same on every run. */
function clientId(prefix: string, n: number): string {
  return `${prefix}${createHash('sha256').update(`live-2026-voice-turn/${prefix}/${n}`).digest('hex').slice(0, 12)}`;
}

/** `ms` of the audio the scenario pushes, from `startMs`: a 300 Hz tone at level 0.5, then silence. */
function pcmChunk(startMs: number, ms: number): string {
  const n = (ms * RATE) / 1000;
  const bytes = Buffer.alloc(n * 2);
  const first = (startMs * RATE) / 1000;
  const toneSamples = (TONE_MS * RATE) / 1000;
  for (let i = 0; i < n; i++) {
    const at = first + i;
    const v = at < toneSamples ? Math.round(0.5 * 32767 * Math.sin((2 * Math.PI * 300 * at) / RATE)) : 0;
    bytes.writeInt16LE(v, i * 2);
  }
  return bytes.toString('base64');
}

const sessionUpdate: JsonObject = {
  type: 'session.update',
  event_id: clientId('session_update_', 1),
  session: {
    type: 'realtime',
    model: MODEL,
    output_modalities: ['audio'],
    audio: {
      input: {
        format: { type: 'audio/pcm', rate: RATE },
        noise_reduction: null,
        transcription: { model: 'grok-transcribe' },
        turn_detection: {
          type: 'server_vad',
          threshold: 0.85,
          prefix_padding_ms: 333,
          silence_duration_ms: 500,
          create_response: true,
          interrupt_response: true,
        },
      },
      output: { format: { type: 'audio/pcm', rate: RATE }, speed: 1, voice: 'ara' },
    },
    max_output_tokens: 'inf',
    tool_choice: 'auto',
    tracing: null,
  },
};

/** When each server frame goes out (ms since open), by type and occurrence; see the file comment. */
const SERVER_TIMES: Record<string, number[]> = {
  'session.created': [0],
  'conversation.created': [0],
  'session.updated': [40],
  ping: [150],
  'input_audio_buffer.speech_started': [200],
  // audio_end_ms 1480 + silence_duration_ms 500: the append that ends at 2000 ms (sent at 2000).
  'input_audio_buffer.speech_stopped': [2010],
  'input_audio_buffer.committed': [2010],
  'conversation.item.added': [2010, 2260],
  'conversation.item.input_audio_transcription.updated': [2060, 2110],
  'conversation.item.input_audio_transcription.completed': [2160],
  'response.created': [2170],
  'response.output_item.added': [2260],
  'response.content_part.added': [2260],
  'response.output_audio_transcript.delta': [2300, 2400],
  'response.output_audio.delta': [2300, 2400],
  'response.output_audio.done': [2500],
  'response.output_audio_transcript.done': [2500],
  'response.content_part.done': [2500],
  'response.output_item.done': [2500],
  'response.done': [2500],
};

function build(fixture: Fixture): TranscriptRecord[] {
  const seen = new Map<string, number>();
  const server = fixture.turn.map((frame): TranscriptRecord => {
    const type = String(frame.type);
    const n = seen.get(type) ?? 0;
    seen.set(type, n + 1);
    const t = SERVER_TIMES[type]?.[n];
    if (t === undefined) throw new Error(`no time for server frame ${type} #${n + 1}: add it to SERVER_TIMES`);
    return { t, conn: 1, dir: 's2c', frame };
  });
  const client: TranscriptRecord[] = [{ t: 5, conn: 1, dir: 'c2s', frame: sessionUpdate }];
  for (let ms = 0; ms < TONE_MS + SILENCE_MS; ms += CHUNK_MS) {
    client.push({
      t: 100 + ms,
      conn: 1,
      dir: 'c2s',
      frame: { type: 'input_audio_buffer.append', audio: pcmChunk(ms, CHUNK_MS) },
    });
  }
  // Stable merge by time: at equal times the server frame (already on its way) comes first.
  const merged = [...server, ...client].map((record, i) => ({
    record,
    i,
    side: 'dir' in record && record.dir === 's2c' ? 0 : 1,
  }));
  merged.sort((a, b) => a.record.t - b.record.t || a.side - b.side || a.i - b.i);
  const open: TranscriptRecord = {
    t: 0,
    conn: 1,
    kind: 'open',
    url: `/v1/realtime?model=${MODEL}`,
    protocols: [],
    headers: { authorization: 'Bearer <redacted:key-1>', 'user-agent': 'rt-sim' },
  };
  const close: TranscriptRecord = { t: 3000, conn: 1, kind: 'close', code: 1000, reason: '', by: 'client' };
  return [open, ...merged.map((m) => m.record), close];
}

const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Fixture;
const captured = [...new Set(fixture.facts.map((f) => f.captured))].join(', ');
rmSync(OUT.replace(/\.rtsim\.jsonl$/, '.audio'), { recursive: true, force: true });
const writer = await TranscriptWriter.open(
  OUT,
  transcriptHeader({
    source: 'rebuilt',
    date: '2026-12-04', // the day this rebuild was first made; keep it so reruns give the same file
    client: 'rt-sim',
    model: MODEL,
    notes:
      `live-2026-voice-turn: rebuilt from published captures of live xAI sessions (captured ${captured}; ` +
      `test/fixtures/xai-live-2026.json lists each fact), not a recording. ` +
      "Server frames are the fixture's, verbatim (their ids, texts and audio are made up, their shapes as " +
      "captured); client frames are what rt-sim's client sends for scenarios/replay-live-2026-voice-turn.yaml; " +
      'times are plausible, not measured. ' +
      'Made by scripts/rebuild-live-transcript.ts; run it again rather than editing this file.',
  }),
  { audio: 'wav' },
);
for (const record of build(fixture)) writer.write(record);
await writer.close();
process.stdout.write(`wrote ${path.relative(ROOT, OUT)} (${writer.records} records)\n`);
