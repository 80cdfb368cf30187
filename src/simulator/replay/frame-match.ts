/**
 * Compares a live client frame with a recorded one, field by field, after normalisation:
 *
 * - `event_id` at the top level is ignored (ids learned from it still count);
 * - ids are compared through the connection's recorded → live {@link IdMap};
 * - numbers in time-like fields ({@link TIME_FIELDS}) are ignored;
 * - the `audio` of `input_audio_buffer.append` is ignored; other base64 audio is compared by
 *   its decoded length;
 * - the configured ignore paths are left out.
 */
import { base64ByteLength, isBase64, isPlainObject } from '../../protocol/index.js';
import type { JsonValue } from '../../transcript/index.js';
import type { IdMap } from './id-map.js';
import { isIdField, PendingIds } from './id-map.js';
import type { IgnorePath } from './ignore-paths.js';
import { isIgnored } from './ignore-paths.js';
import type { FieldDifference } from './replay-issue.js';

/** Fields whose numbers are times that differ from run to run, so they are not compared. */
export const TIME_FIELDS: readonly string[] = [
  'audio_end_ms',
  'audio_start_ms',
  'timestamp',
  'start_time',
  'created_at',
  'expires_at',
];

const TIME = new Set(TIME_FIELDS);

/** Event types whose `audio` field is not compared at all: appends are only counted. */
const COUNTED_AUDIO = new Set(['input_audio_buffer.append']);

/** What comparing two frames found. */
export interface FrameComparison {
  differences: FieldDifference[];
  /** Id pairs the comparison relied on; commit them to the map if the frame is taken. */
  pending: PendingIds;
}

/** Compares a recorded client frame (`expected`) with a live one (`got`). */
export function compareFrames(
  expected: JsonValue,
  got: unknown,
  ids: IdMap,
  ignore: readonly IgnorePath[],
): FrameComparison {
  const pending = new PendingIds();
  const differences: FieldDifference[] = [];
  const type = isPlainObject(expected) && typeof expected['type'] === 'string' ? expected['type'] : undefined;

  const walk = (e: unknown, g: unknown, path: (string | number)[]): void => {
    if (path.length > 0 && isIgnored(ignore, path)) return;
    const key = path[path.length - 1];
    if (path.length === 1 && key === 'event_id') {
      if (typeof e === 'string' && typeof g === 'string') ids.consistent(e, g, pending);
      return;
    }
    if (typeof key === 'string' && TIME.has(key) && typeof e === 'number' && typeof g === 'number') return;
    if (key === 'audio' && typeof e === 'string' && typeof g === 'string') {
      if (path.length === 1 && type !== undefined && COUNTED_AUDIO.has(type)) return;
      if (isBase64(e) && isBase64(g)) {
        const [be, bg] = [base64ByteLength(e), base64ByteLength(g)];
        if (be !== bg) differences.push({ path: pathText(path), expected: { bytes: be }, got: { bytes: bg } });
        return;
      }
    }
    if (typeof e === 'string' && typeof g === 'string' && isIdField(key, e)) {
      if (!ids.consistent(e, g, pending))
        differences.push({ path: pathText(path), expected: ids.live(e) ?? pending.forward.get(e) ?? e, got: g });
      return;
    }
    if (Array.isArray(e) && Array.isArray(g)) {
      for (let i = 0; i < Math.max(e.length, g.length); i++) walk(e[i], g[i], [...path, i]);
      return;
    }
    if (isPlainObject(e) && isPlainObject(g)) {
      const keys = [...Object.keys(e), ...Object.keys(g).filter((k) => !(k in e))];
      for (const k of keys) walk(e[k], g[k], [...path, k]);
      return;
    }
    // Leaves, or a container against something else.
    if (e !== g) differences.push({ path: pathText(path), expected: e, got: g });
  };

  walk(expected, got, []);
  return { differences, pending };
}

/** `item.content[0].text`; the root is `(frame)`. */
export function pathText(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(frame)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
