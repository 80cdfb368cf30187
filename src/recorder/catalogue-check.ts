/**
 * Flags recorded frames that the protocol catalogue (src/protocol) refuses. The catalogue is
 * the documented protocol plus what the live service has been seen to send, so a refusal in a
 * recording of the service is news: a shape to date and model (docs/deviations.md). The
 * recording itself is never changed or stopped by it.
 */
import { validateClientEvent, validateServerEvent } from '../protocol/index.js';
import type { TranscriptRecord } from '../transcript/index.js';
import { withoutPrefix } from '../errors/index.js';

/** Distinct deviations kept; later new ones are only counted, so a hostile peer cannot grow memory. */
const MAX_DISTINCT = 50;

/** One kind of frame the catalogue refused: direction, event type and why, with a count. */
export interface CatalogueDeviation {
  dir: 'c2s' | 's2c';
  type: string;
  message: string;
  count: number;
}

/** Counts the recorded frames the catalogue refuses, grouped by direction, type and reason. */
export class CatalogueCheck {
  readonly #seen = new Map<string, CatalogueDeviation>();
  #uncounted = 0;

  /** Checks one transcript record; only parsed JSON frames are looked at. */
  check(record: TranscriptRecord): void {
    if (!('frame' in record) || !('dir' in record)) return;
    const parsed = record.dir === 's2c' ? validateServerEvent(record.frame) : validateClientEvent(record.frame);
    if (parsed.ok) return;
    const type = typeof record.frame['type'] === 'string' ? record.frame['type'] : '(no type)';
    const message = withoutPrefix(parsed.error.message);
    const key = `${record.dir} ${message}`;
    const known = this.#seen.get(key);
    if (known) known.count++;
    else if (this.#seen.size < MAX_DISTINCT) this.#seen.set(key, { dir: record.dir, type, message, count: 1 });
    else this.#uncounted++;
  }

  /** What was refused so far, most frequent first; `others` counts frames of kinds past the cap. */
  report(): { deviations: CatalogueDeviation[]; others: number } {
    return { deviations: [...this.#seen.values()].sort((a, b) => b.count - a.count), others: this.#uncounted };
  }
}
