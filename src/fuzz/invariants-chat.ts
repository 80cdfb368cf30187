/**
 * Invariants on the chat context: the mirror agrees with the server, in the server's order,
 * and names only items it knows.
 * Each cites the rule it comes from (docs/protocol.md) and reads the run, never a golden.
 */
import type { FuzzRun } from './fuzz-run.js';
import { field, parsed, typeOf, type Json } from './run-reading.js';
import type { Violation } from './violation.js';

/** A chat item of the observation as a `chatCtx` expectation entry: role and text, or type. */
function expectedItem(item: Json, text?: string): { role?: string; type?: string; text?: string } {
  if (item['type'] !== 'message') return { type: String(item['type']) };
  const shown = text ?? item['text'];
  return typeof shown === 'string' ? { role: String(item['role']), text: shown } : { role: String(item['role']) };
}

/**
 * The final chat context is consistent: no id twice (§6.2: the mirror is keyed by id), and
 * no message holds the same text twice: the assistant's transcript is appended once (§8.1
 * fix, no "T\nT"), a user transcript replaces the text instead of adding a copy (§8.2 fix).
 */
export function chatCtxConsistent(run: FuzzRun): Violation | undefined {
  const items = run.outcome.observation.chatCtx as Json[];
  // What a consistent context would read: each id once, each text once.
  const fixed = (): { role?: string; type?: string; text?: string }[] => {
    const seen = new Set<unknown>();
    return items.flatMap((item) => {
      if (seen.has(item['id'])) return [];
      seen.add(item['id']);
      const texts = Array.isArray(item['content'])
        ? (item['content'] as unknown[]).filter((p): p is string => typeof p === 'string')
        : [];
      return [expectedItem(item, texts.length > 0 ? [...new Set(texts)].join('\n') : undefined)];
    });
  };
  const ids = new Set<unknown>();
  for (const [i, item] of items.entries()) {
    if (ids.has(item['id'])) {
      return {
        invariant: 'chatCtxConsistent',
        rule: '§6.2',
        message: `chat context item ${i} repeats the id ${String(item['id'])}`,
        expect: [{ chatCtx: fixed() }],
      };
    }
    ids.add(item['id']);
    const texts = Array.isArray(item['content'])
      ? (item['content'] as unknown[]).filter((p): p is string => typeof p === 'string')
      : [];
    const twice = texts.find((t, j) => texts.indexOf(t) !== j);
    if (twice !== undefined) {
      return {
        invariant: 'chatCtxConsistent',
        rule: '§8.1, §8.2 (deviations.md rows 1, 2)',
        message:
          `chat context item ${i} (${String(item['role'])}) holds ` +
          `${JSON.stringify(twice)} twice: ${JSON.stringify(item['text'])}`,
        expect: [{ chatCtx: fixed() }],
      };
    }
  }
  return undefined;
}

/** Raw item id → the placeholder the observation shows for it, from the frames that carry items. */
function placeholders(run: FuzzRun): Map<string, unknown> {
  const map = new Map<string, unknown>();
  const normalised = run.outcome.observation.frames;
  for (const { body, index } of parsed(run)) {
    const type = typeOf(body);
    if (
      type !== 'conversation.item.added' &&
      type !== 'conversation.item.created' &&
      type !== 'conversation.item.create'
    )
      continue;
    const raw = field(body, 'item', 'id');
    const shown = field(normalised[index]?.body, 'item', 'id');
    if (typeof raw === 'string' && shown !== undefined) map.set(raw, shown);
  }
  return map;
}

/**
 * The client's chat context keeps the server's order: the items both hold are in the same
 * order in the final mirror as in the server's conversation (§6.2, with the §8.3 fix: a
 * `previous_item_id` places an item after its predecessor; reconnect bursts re-create the
 * mirror in order, §5.3). The server's conversation is the expected order under every
 * quirk: with `nullPreviousItemId` the client must still put the items it created where it
 * asked (§8.3 fix) and the server's own items in arrival order, which is the order the
 * server added them in. Not checked when a fault delays or reorders
 * `conversation.item.added` (then arrival order is not the server's). (It found that an
 * item the client created at `"root"` in a non-empty conversation, echoed with
 * `previous_item_id: null`, was appended:
 * scenarios/fuzz-root-create-echo-appended.yaml, fixed.)
 */
export function mirrorOrderMatchesServer(run: FuzzRun): Violation | undefined {
  const moved = run.scenario.script.some((r) => {
    const when = field(r, 'when', 'event');
    const action = (field(r, 'do') as unknown[] | undefined)?.[0];
    return (
      when === 'conversation.item.added' &&
      action !== undefined &&
      (field(action, 'delayEvent') !== undefined || field(action, 'reorder') !== undefined)
    );
  });
  if (moved) return undefined;
  const shown = placeholders(run);
  const server: unknown[] = run.serverItemIds.map((id) => shown.get(id)).filter((id) => id !== undefined);
  const client = (run.outcome.observation.chatCtx as Json[]).map((i) => i['id']);
  const common = new Set(client.filter((id) => server.includes(id)));
  const serverOrder = server.filter((id) => common.has(id));
  const clientOrder = client.filter((id) => common.has(id));
  if (serverOrder.every((id, i) => id === clientOrder[i])) return undefined;
  // The same context with the shared items put in the server's order, in the slots they hold.
  const items = run.outcome.observation.chatCtx as Json[];
  const byId = new Map(items.map((i) => [i['id'], i]));
  let next = 0;
  const reordered = items.map((item) => (common.has(item['id']) ? byId.get(serverOrder[next++])! : item));
  return {
    invariant: 'mirrorOrderMatchesServer',
    rule: '§6.2, §8.3, §5.3',
    message:
      `the chat context orders the shared items ${clientOrder.map(String).join(', ')}; the server's conversation ` +
      `has ${serverOrder.map(String).join(', ')}`,
    expect: [{ chatCtx: reordered.map((i) => expectedItem(i)) }],
  };
}

/**
 * The client only names items its connection knows: the `previous_item_id` of a create (other
 * than `"root"`) and the `item_id` of a delete or truncate were announced by the server on
 * that connection (`conversation.item.added`) or created by the client there before. The
 * mirror mirrors the server's conversation (§6.2); a reconnect starts a new one from the
 * burst (§5.3), so ids from the old connection that the burst left out are unknown.
 *
 * It found that calls made between a drop and the reconnect burst chained after items the
 * burst leaves out (scenarios/fuzz-stale-mirror-after-drop.yaml, fixed).
 */
export function itemReferencesKnown(run: FuzzRun): Violation | undefined {
  const known = new Map<number, Set<string>>();
  for (const { frame, body, index } of parsed(run)) {
    const ids = known.get(frame.conn) ?? new Set<string>();
    known.set(frame.conn, ids);
    const type = typeOf(body);
    const itemId = field(body, 'item', 'id');
    if (frame.from === 'server') {
      if ((type === 'conversation.item.added' || type === 'conversation.item.created') && typeof itemId === 'string')
        ids.add(itemId);
      continue;
    }
    const named =
      type === 'conversation.item.create'
        ? body?.['previous_item_id']
        : type === 'conversation.item.delete' || type === 'conversation.item.truncate'
          ? body?.['item_id']
          : undefined;
    if (type === 'conversation.item.create' && typeof itemId === 'string') ids.add(itemId);
    if (typeof named !== 'string' || named === 'root' || ids.has(named)) continue;
    // The placeholder the observation shows, so the message matches `rt-sim run` output.
    const shown =
      field(
        run.outcome.observation.frames[index]?.body,
        type === 'conversation.item.create' ? 'previous_item_id' : 'item_id',
      ) ?? named;
    return {
      invariant: 'itemReferencesKnown',
      rule: '§6.2, §5.3, §5.10',
      message: `${type ?? '?'} names item ${String(shown)}, which connection ${frame.conn} never had`,
      frameIndex: index,
      t: frame.t,
      expect: [{ frame: 'error', from: 'server', count: 0, match: { 'error.code': 'item_not_found' } }],
    };
  }
  return undefined;
}

/**
 * The chat context's API agrees with its items (§5.15/chat-ctx-json): the harness checks each
 * context a step built and the session's before close; a disagreement it found breaks this.
 */
export function chatCtxApiAgrees(run: FuzzRun): Violation | undefined {
  const failure = run.outcome.failures.find((f) => f.kind === 'chat-ctx-api');
  if (!failure) return undefined;
  return { invariant: 'chatCtxApiAgrees', rule: '§5.15', message: failure.message, t: run.outcome.simulatedMs };
}
