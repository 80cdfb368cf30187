import path from 'node:path';
import { RtSimError } from '../../protocol/index.js';
import { connectionsOf, readTranscript } from '../../transcript/index.js';
import { parseIgnorePath } from './ignore-paths.js';
import type { TranscriptReplayConfig } from './replay-config.js';
import { REPLAY_DEFAULTS } from './replay-config.js';
import { TranscriptReplay } from './transcript-replay.js';

/**
 * Reads the transcript of `server.transcript` (relative to `baseDir`), with its audio
 * resolved, so that no I/O happens during the run. A missing or bad transcript throws the
 * reader's RtSimError `RTSIM_TRANSCRIPT_*` naming file:line; a transcript without the
 * connection to play throws `RTSIM_SIM_BAD_TRANSCRIPT`.
 */
export async function loadTranscriptReplay(config: TranscriptReplayConfig, baseDir: string): Promise<TranscriptReplay> {
  const full = path.resolve(baseDir, config.file);
  const file = displayPath(full);
  const transcript = await readTranscript(file);
  const connections = connectionsOf(transcript);
  const first = config.connection ?? REPLAY_DEFAULTS.connection;
  if (connections.length === 0) {
    throw new RtSimError(
      'RTSIM_SIM_BAD_TRANSCRIPT',
      `server.transcript.file: expected ${file} to hold at least one recorded connection, got none`,
      { file },
    );
  }
  if (!connections.includes(first)) {
    throw new RtSimError(
      'RTSIM_SIM_BAD_TRANSCRIPT',
      `server.transcript.connection: expected a connection of ${file} (${connections.join(', ')}), got ${first}`,
      { file },
    );
  }
  return new TranscriptReplay(
    transcript,
    {
      file,
      speed: config.speed ?? REPLAY_DEFAULTS.speed,
      mode: config.mode ?? REPLAY_DEFAULTS.mode,
      ignore: (config.ignore ?? []).map(parseIgnorePath),
      background: new Set(config.background ?? REPLAY_DEFAULTS.background),
    },
    first,
  );
}

/** The path relative to the working directory when it is inside it, so messages can be clicked. */
function displayPath(full: string): string {
  const relative = path.relative(process.cwd(), full);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative)
    ? full
    : relative.split(path.sep).join('/');
}
