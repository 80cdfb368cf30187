/**
 * Session resumption as xAI documents it: a conversation whose session enabled
 * `resumption` is kept after its connection ends; a new connection that names it with
 * `?conversation_id=` and also enables `resumption` gets its items replayed. History is
 * dropped after a period of inactivity (30 minutes at xAI).
 */
import type { Clock } from '../clock/index.js';
import type { ConversationItem } from '../protocol/index.js';

/** A conversation kept for resumption. */
export interface StoredConversation {
  items: readonly ConversationItem[];
  audio: ReadonlyMap<string, number>;
  endedAt: number;
}

/** The kept conversations of one simulator. */
export class ResumptionStore {
  private readonly kept = new Map<string, StoredConversation>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  /** Keeps a conversation under its id, and forgets those expired (a long-running server must not keep them all). */
  save(id: string, conversation: StoredConversation): void {
    this.prune();
    // Re-inserted, so the map stays in order of end time and pruning can stop at the first live one.
    this.kept.delete(id);
    this.kept.set(id, conversation);
  }

  /** Conversations kept now, expired ones not yet pruned included. */
  get size(): number {
    return this.kept.size;
  }

  /** Takes a kept conversation out, unless it expired. */
  take(id: string): StoredConversation | undefined {
    const found = this.kept.get(id);
    this.kept.delete(id);
    if (!found || this.clock.now() - found.endedAt > this.ttlMs) return undefined;
    return found;
  }

  private prune(): void {
    const now = this.clock.now();
    for (const [id, c] of this.kept) {
      if (now - c.endedAt <= this.ttlMs) break;
      this.kept.delete(id);
    }
  }
}
