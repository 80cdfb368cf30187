/**
 * Ids seen by one replayed connection: recorded id → live id. Ids the recording's server
 * minted go out verbatim, so they map to themselves; ids the client mints (item ids of
 * `conversation.item.create`, `client_event_id`s) differ between the recording and the
 * live run, and are learned when a live client frame matches its recorded twin.
 */
import { looksLikeId } from '../../protocol/index.js';

/** Keys whose string values are ids, as in golden normalisation. */
const ID_KEY = /^(?:id|.+_id|.*[a-z]Id)$/;

/** Ids that name nothing: they must match exactly. */
const LITERAL_IDS = new Set(['', 'root']);

/** True when a string at `key` is compared as an id. */
export function isIdField(key: string | number | undefined, value: string): boolean {
  if (LITERAL_IDS.has(value)) return false;
  return (typeof key === 'string' && ID_KEY.test(key)) || looksLikeId(value);
}

/** Mappings tried while matching one frame, kept only if the frame matches. */
export class PendingIds {
  readonly forward = new Map<string, string>();
  readonly backward = new Map<string, string>();
}

/** The recorded → live id map of one connection. */
export class IdMap {
  private readonly forward = new Map<string, string>();
  private readonly backward = new Map<string, string>();

  /** The live id a recorded id stands for, if known. */
  live(recorded: string): string | undefined {
    return this.forward.get(recorded);
  }

  /** Ids the player sent itself: they mean themselves from now on. */
  pin(id: string): void {
    if (!this.forward.has(id) && !this.backward.has(id)) this.set(id, id);
  }

  /**
   * Whether `live` can stand for `recorded`: it already does, or neither is mapped yet (the
   * new pair goes into `pending`).
   */
  consistent(recorded: string, live: string, pending: PendingIds): boolean {
    const known = this.forward.get(recorded) ?? pending.forward.get(recorded);
    if (known !== undefined) return known === live;
    if (this.backward.has(live) || pending.backward.has(live)) return false;
    pending.forward.set(recorded, live);
    pending.backward.set(live, recorded);
    return true;
  }

  /** Keeps the pairs learned from a frame that matched. */
  commit(pending: PendingIds): void {
    for (const [recorded, live] of pending.forward) this.set(recorded, live);
  }

  /** Pins every id in a frame the player sends (see {@link pin}). */
  pinAll(value: unknown, key?: string | number): void {
    if (typeof value === 'string') {
      if (isIdField(key, value)) this.pin(value);
    } else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) this.pinAll(v, i);
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) if (!isAudioKey(k)) this.pinAll(v, k);
    }
  }

  /** A copy of a recorded frame with every learned id replaced by its live twin. */
  rewrite<T>(value: T): T {
    if (![...this.forward].some(([r, l]) => r !== l)) return value;
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') {
        const live = this.forward.get(v);
        return live === undefined ? v : live;
      }
      if (Array.isArray(v)) return v.map((x) => walk(x));
      if (v !== null && typeof v === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) out[k] = isAudioKey(k) ? x : walk(x);
        return out;
      }
      return v;
    };
    return walk(value) as T;
  }

  private set(recorded: string, live: string): void {
    this.forward.set(recorded, live);
    this.backward.set(live, recorded);
  }
}

/** Fields that hold base64 audio: never ids, and too long to walk for nothing. */
export function isAudioKey(key: string): boolean {
  return key === 'audio' || key === 'delta';
}
