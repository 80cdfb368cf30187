/**
 * Replay files for the script's `replay: { file }` action: recorded server events, read
 * before the run.
 */
import { RtSimError } from '../protocol/index.js';
import type { ReplayEvent } from './script/actions.js';

const SERVER_DIRECTIONS = new Set(['out', 'server', 'downstream', 'server_to_client']);

/**
 * Reads a replay file: a JSON array or JSON lines. An entry is a server event (has `type`),
 * `{ afterMs?, event }`, or a recorded frame `{ direction, time | t, text | event }` of which
 * only server → client frames are kept, spaced as recorded.
 */
export function parseReplayFile(text: string, file: string): ReplayEvent[] {
  let entries: unknown[];
  try {
    const trimmed = text.trim();
    entries = trimmed.startsWith('[')
      ? (JSON.parse(trimmed) as unknown[])
      : trimmed
          .split(/\r?\n/)
          .filter((l) => l.trim() !== '')
          .map((l) => JSON.parse(l) as unknown);
  } catch (e) {
    throw new RtSimError(
      'RTSIM_SIM_BAD_REPLAY',
      `replay file ${file}: expected a JSON array or JSON lines, got a parse error (${(e as Error).message})`,
      { file },
    );
  }
  const out: ReplayEvent[] = [];
  let lastTime: number | undefined;
  for (const [i, entry] of entries.entries()) {
    if (!entry || typeof entry !== 'object') {
      throw new RtSimError(
        'RTSIM_SIM_BAD_REPLAY',
        `replay file ${file}: entry ${i} must be an object, got ${JSON.stringify(entry)}`,
        { file, entry: i },
      );
    }
    const e = entry as Record<string, unknown>;
    if (typeof e['type'] === 'string') {
      out.push({ afterMs: 0, event: e });
      continue;
    }
    if ('direction' in e) {
      if (!SERVER_DIRECTIONS.has(String(e['direction']))) continue;
      const time = typeof e['time'] === 'number' ? e['time'] : typeof e['t'] === 'number' ? e['t'] : undefined;
      const event =
        typeof e['text'] === 'string'
          ? (JSON.parse(e['text']) as Record<string, unknown>)
          : (e['event'] as Record<string, unknown>);
      const afterMs = time !== undefined && lastTime !== undefined ? Math.max(0, time - lastTime) : 0;
      if (time !== undefined) lastTime = time;
      out.push({ afterMs, event });
      continue;
    }
    if (e['event'] && typeof e['event'] === 'object') {
      out.push({
        afterMs: typeof e['afterMs'] === 'number' ? e['afterMs'] : 0,
        event: e['event'] as Record<string, unknown>,
      });
      continue;
    }
    throw new RtSimError(
      'RTSIM_SIM_BAD_REPLAY',
      `replay file ${file}: entry ${i} must be a server event, { afterMs, event } or a recorded frame, ` +
        `got keys ${Object.keys(e).join(', ')}`,
      {
        file,
        entry: i,
      },
    );
  }
  return out;
}
