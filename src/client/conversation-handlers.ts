/**
 * Handlers of the conversation's events (§5.16): items entering and leaving the mirror,
 * user transcripts, and the assistant transcript copied into the mirror.
 */
import { type ChatItem, fromWireItem } from './chat/index.js';
import type { ReadEvent } from './read-event.js';
import type { HandlerDeps } from './handler-deps.js';

type Of<K extends ReadEvent['kind']> = Extract<ReadEvent, { kind: K }>;

/**
 * Item types the service runs itself (2026: server-side tools and MCP). They are not the
 * client's to mirror: left out quietly, never an error.
 */
export const SERVER_SIDE_ITEM_TYPES: ReadonlySet<string> = new Set([
  'web_search_call',
  'x_search_call',
  'file_search_call',
  'mcp_call',
  'mcp_list_tools',
  'mcp_approval_request',
  'force_message',
]);

/** `conversation.item.added` and its beta alias `.created`. */
export function onItemAdded(event: Of<'item_added'>, deps: HandlerDeps): void {
  const { state, logger } = deps;
  const id = event.itemId;
  if (state.burstItems.delete(id) && state.mirror.has(id)) {
    // A reconnect burst's item, in the mirror since the burst: this confirms it. The burst's
    // creates have no futures; a diff's create of the same id waits for its own answer.
    state.takeCreate(id);
    logger.debug('re-created item acknowledged', { id });
    return;
  }
  if (state.mirror.has(id)) {
    // A copy of an item the mirror holds (the beta alias `.created` beside `.added`, or a frame
    // sent twice): one is enough, and it must not answer a create of that id still in flight
    // (a move's delete and re-create), whose asked place it would use up.
    logger.debug('item already in the mirror', { id, type: event.type });
  } else {
    // §8.3: null means "after the tail" for the server's own items; for the client's own
    // create it means nothing (xAI echoes null for all), so the place the client asked wins.
    // Each acknowledgement answers the oldest create of its id still unanswered.
    const asked = state.takeCreate(id);
    const previous =
      (event.previousItemId === null || event.previousItemId === undefined) && asked !== undefined
        ? asked.previousItemId
        : event.previousItemId;
    insertIntoMirror(id, previous, event.item, deps);
  }
  const future = state.itemCreates.get(id);
  if (future) {
    state.itemCreates.delete(id);
    future.resolve();
  }
}

/**
 * Where an item chained after `previousItemId` goes in the mirror: an item the mirror left
 * out (a server-side tool call) stands for the place it would have taken, so the spoken
 * answer that follows a `web_search_call` still lands after the user's turn.
 */
function placeAfter(
  previousItemId: string | null | undefined,
  leftOut: ReadonlyMap<string, string | null | undefined>,
): string | null | undefined {
  let previous = previousItemId;
  // Each step follows an item that was itself placed earlier, so the walk ends; the bound guards it.
  for (let steps = 0; typeof previous === 'string' && leftOut.has(previous) && steps <= leftOut.size; steps++)
    previous = leftOut.get(previous);
  return previous;
}

function insertIntoMirror(
  id: string,
  previousItemId: string | null | undefined,
  wire: unknown,
  deps: HandlerDeps,
): void {
  const previous = placeAfter(previousItemId, deps.state.leftOut);
  let item: ChatItem;
  try {
    item = fromWireItem(wire);
  } catch (error) {
    const code = (error as { code?: string }).code;
    // The reference resolves the create future for an unsupported type but not for a broken item.
    if (code === 'RTSIM_CHAT_UNSUPPORTED_ITEM') {
      // Server-side tool items are expected and left out quietly; any other type is news worth a warning.
      if (SERVER_SIDE_ITEM_TYPES.has(String((error as { details?: { type?: unknown } }).details?.type)))
        deps.logger.debug('server-side item left out of the mirror', { error });
      else deps.logger.warn('item not added to the mirror', { error });
      deps.state.leftOut.set(id, previous);
      return;
    }
    throw error;
  }
  try {
    deps.state.mirror.insert(previous, item);
  } catch (error) {
    deps.logger.warn('item not added to the mirror', { id: item.id, previousItemId, error });
  }
}

/** `conversation.item.deleted`, with the §8.4 fix for an empty id. */
export function onItemDeleted(event: Of<'item_deleted'>, deps: HandlerDeps): void {
  const { state, logger } = deps;
  let id = event.itemId;
  // §8.4 fix: xAI once answered with an empty id; it settles the oldest pending delete (with
  // none pending, the empty id names nothing: the warning below says so).
  if (id === '') id = state.itemDeletes.keys().next().value ?? '';
  if (state.mirror.has(id)) state.mirror.delete(id);
  else
    logger.warn(
      id === ''
        ? 'conversation.item.deleted with an empty item_id and no delete pending'
        : 'deleted item not in the mirror',
      { id },
    );
  const future = state.itemDeletes.get(id);
  if (future) {
    state.itemDeletes.delete(id);
    future.resolve();
  }
}

/**
 * User transcripts. `.completed` puts the transcript in the mirror (§8.2 fix: it replaces
 * the item's text). With `userTranscripts: 'turn'` (default) xAI's cumulative `.updated`
 * and a `.completed` with `status: "in_progress"` are interims (`isFinal: false`), and each
 * user item gets exactly one final: later `.completed` for it (xAI re-sends one per commit)
 * only update the mirror. With `'reference'` `.updated` is ignored and every `.completed`
 * is emitted, final unless `in_progress`.
 */
export function onTranscription(
  event: Of<'transcription_completed' | 'transcription_updated'>,
  deps: HandlerDeps,
): void {
  const { state } = deps;
  const perTurn = deps.behaviour.userTranscripts === 'turn';
  if (event.kind === 'transcription_updated') {
    if (perTurn && !state.finalTranscripts.has(event.itemId)) {
      deps.emitter.emit('input_audio_transcription_completed', {
        itemId: event.itemId,
        transcript: event.transcript,
        isFinal: false,
      });
    }
    return;
  }
  const item = state.mirror.get(event.itemId);
  if (item?.type === 'message') {
    item.content = [...item.content.filter((part) => typeof part !== 'string'), event.transcript];
  }
  if (perTurn && state.finalTranscripts.has(event.itemId)) {
    deps.logger.debug('user transcript re-sent after its final; mirror updated only', { itemId: event.itemId });
    return;
  }
  if (perTurn && !event.interim) state.finalTranscripts.add(event.itemId);
  deps.emitter.emit('input_audio_transcription_completed', {
    itemId: event.itemId,
    transcript: event.transcript,
    isFinal: !event.interim,
  });
}

/** `…transcript.done`: the assistant transcript goes into the mirror once (§8.1 fix). */
export function onTranscriptDone(itemId: string, transcript: string, deps: HandlerDeps): void {
  const synced = deps.state.transcriptSynced;
  if (synced.has(itemId)) return;
  const item = deps.state.mirror.get(itemId);
  if (item?.type !== 'message' || transcript === '') return;
  item.content.push(transcript);
  // §8.1 fix: remember it, so neither response.done nor a late or repeated transcript.done
  // appends it a second time.
  synced.add(itemId);
}
