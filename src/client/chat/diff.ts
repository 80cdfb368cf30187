import type { ChatContext, ChatItem } from './chat-context.js';
import { RemoteChatContext, ROOT_ITEM_ID } from './remote-chat-context.js';

/** Result of {@link computeChatCtxDiff}; `prev` null means "first" (root). */
export interface ChatCtxDiff {
  /** Ids of old items not kept, in old order. */
  toRemove: string[];
  /** New items to create, each after `prev`. */
  toCreate: [prev: string | null, id: string][];
  /** Kept messages whose text changed: delete then re-create after `prev`. */
  toUpdate: [prev: string | null, id: string][];
}

/** One conversation edit to send: `conversation.item.delete` or `conversation.item.create`. */
export type ChatCtxOp =
  | { kind: 'delete'; itemId: string }
  | { kind: 'create'; previousItemId: string /* 'root' or an item id */; item: ChatItem };

/**
 * The reference's `compute_chat_ctx_diff` (§6.1): items are matched by id through a longest
 * common subsequence (backtracking prefers moving along `next` on ties); kept messages whose
 * `textContent` differs become updates. `prev` advances over every item of `next`.
 */
export function computeChatCtxDiff(old: ChatContext, next: ChatContext): ChatCtxDiff {
  const oldIds = old.items.map((it) => it.id);
  const newIds = next.items.map((it) => it.id);
  const lcs = new Set(longestCommonSubsequence(oldIds, newIds));
  const oldById = new Map(old.items.map((it) => [it.id, it] as const));

  const toRemove = oldIds.filter((id) => !lcs.has(id));
  const toCreate: [string | null, string][] = [];
  const toUpdate: [string | null, string][] = [];
  let prev: string | null = null;
  for (const item of next.items) {
    const before = oldById.get(item.id);
    if (!lcs.has(item.id)) {
      toCreate.push([prev, item.id]);
    } else if (item.type === 'message' && before?.type === 'message' && item.textContent !== before.textContent) {
      toUpdate.push([prev, item.id]);
    }
    prev = item.id;
  }
  return { toRemove, toCreate, toUpdate };
}

/**
 * The edits that turn the mirror into `next` (reference `_create_update_chat_ctx_events`):
 * U1 deletes (skipping mirror messages with empty content, whose text never synced down),
 * then U2 creates (`previousItemId` `"root"` for the first), then U3 update pairs (delete and
 * re-create; same empty-content skip). Created items are the objects of `next`.
 */
export function updateChatCtxOps(mirror: RemoteChatContext | ChatContext, next: ChatContext): ChatCtxOp[] {
  const old = mirror instanceof RemoteChatContext ? mirror.toChatContext() : mirror;
  const diff = computeChatCtxDiff(old, next);
  const oldById = new Map(old.items.map((it) => [it.id, it] as const));
  const newById = new Map(next.items.map((it) => [it.id, it] as const));
  const emptyInMirror = (id: string): boolean => {
    const it = oldById.get(id);
    return it?.type === 'message' && it.content.length === 0;
  };
  const create = (prev: string | null, id: string): ChatCtxOp => ({
    kind: 'create',
    previousItemId: prev ?? ROOT_ITEM_ID,
    item: newById.get(id) as ChatItem,
  });

  const ops: ChatCtxOp[] = [];
  for (const id of diff.toRemove) {
    if (!emptyInMirror(id)) ops.push({ kind: 'delete', itemId: id });
  }
  for (const [prev, id] of diff.toCreate) ops.push(create(prev, id));
  for (const [prev, id] of diff.toUpdate) {
    if (emptyInMirror(id)) continue;
    ops.push({ kind: 'delete', itemId: id }, create(prev, id));
  }
  return ops;
}

/** LCS of two id lists: classic DP, backtracking from the end; ties move along `b`. */
function longestCommonSubsequence(a: string[], b: string[]): string[] {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const dp = new Uint32Array((n + 1) * width);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      dp[i * width + j] =
        a[i - 1] === b[j - 1]
          ? (dp[(i - 1) * width + j - 1] ?? 0) + 1
          : Math.max(dp[(i - 1) * width + j] ?? 0, dp[i * width + j - 1] ?? 0);
    }
  }
  const out: string[] = [];
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    if (a[i - 1] === b[j - 1]) {
      out.push(a[i - 1] as string);
      i--;
      j--;
    } else if ((dp[(i - 1) * width + j] ?? 0) > (dp[i * width + j - 1] ?? 0)) {
      i--;
    } else {
      j--;
    }
  }
  return out.reverse();
}
