import { SAMPLE_RATE } from '../protocol/index.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json.js';
import type { FrameDirection } from './record.js';

/**
 * Follows one connection's audio formats from its `session.update` (client) and
 * `session.created` / `session.updated` (server) frames, so audio only goes into a 24 kHz
 * PCM16 WAV file while it really is 24 kHz PCM16. Until a frame says otherwise both directions
 * are the protocol's default, `audio/pcm` at 24 kHz.
 */
export class AudioFormatTracker {
  readonly #pcm24 = new Map<number, { c2s: boolean; s2c: boolean }>();

  /** Learns from one frame of connection `conn`. */
  observe(conn: number, frame: JsonObject): void {
    const type = frame.type;
    if (type !== 'session.update' && type !== 'session.created' && type !== 'session.updated') return;
    const session = frame.session;
    if (!isJsonObject(session)) return;
    const state = this.#state(conn);
    const audio = isJsonObject(session.audio) ? session.audio : {};
    const input =
      isJsonObject(audio.input) && 'format' in audio.input ? audio.input.format : session.input_audio_format;
    const output =
      isJsonObject(audio.output) && 'format' in audio.output ? audio.output.format : session.output_audio_format;
    if (input !== undefined) state.c2s = isPcm24(input);
    if (output !== undefined) state.s2c = isPcm24(output);
  }

  /** True while audio going `dir` on `conn` is 24 kHz PCM16. */
  isPcm24(conn: number, dir: FrameDirection): boolean {
    return this.#state(conn)[dir];
  }

  #state(conn: number): { c2s: boolean; s2c: boolean } {
    let state = this.#pcm24.get(conn);
    if (state === undefined) {
      state = { c2s: true, s2c: true };
      this.#pcm24.set(conn, state);
    }
    return state;
  }
}

/** GA `{type: 'audio/pcm', rate: 24000}` (rate optional) or beta `'pcm16'`. */
function isPcm24(format: JsonValue | undefined): boolean {
  if (format === 'pcm16') return true;
  if (!isJsonObject(format) || format.type !== 'audio/pcm') return false;
  return format.rate === undefined || format.rate === SAMPLE_RATE;
}
