/**
 * The rule catalogue's last rules (docs/protocol.md §6, §8, §10): the chat-context diff and
 * mirror, the reference's quirks and bugs as rt-sim settles them, and the agents-js notes.
 */
import { c, info, rule, type RuleEntry } from './rule-entry.js';

/** What each §10 entry says: they describe code rt-sim read, not rules it follows. */
const AGENTS_JS_NOTE =
  "describes the agents-js port, which rt-sim's client does not follow; " +
  'the differences it adopts are rules above and rows of deviations.md';

/** The rules of §6, §8 and §10, in the order of the page. */
export const CHAT_AND_QUIRK_RULES: readonly RuleEntry[] = [
  // §6 chat-context diff and mirror
  rule('§6.1', 'Chat-context diff: LCS by id; deletes, then creates, then update pairs', [
    c('delete', 'U1: items missing from the new context are deleted'),
    c('insert-middle', 'an item inserted between two kept ones is created after its predecessor'),
    c('reorder', 'a reorder deletes and re-creates the moved item (ties move j)'),
    c('update', 'U3: a message whose text changed is deleted and re-created at its place'),
    c(
      'delete-recreate',
      'an item deleted and later re-created with the same id is created again after its predecessor',
    ),
    c('empty-content', 'U1/U3: a mirror message with empty content is neither deleted nor updated'),
    c('function-items', 'function calls and outputs are created and deleted by id, never updated'),
    c(
      'created-at',
      "an agent's items with createdAt go in time order (ChatContext.insert), and the creates chain in that order",
    ),
    c(
      'copy-filters',
      "a context copied with copy filters leaves out calls, instructions or empty messages: they're deleted",
    ),
    c('duplicate-id', 'a context with an id twice is refused (RTSIM_CHAT_DUPLICATE_ID) before anything is sent'),
  ]),
  rule(
    '§6.2',
    'Remote mirror: insert after previous_item_id; null appends after the tail, "root" inserts at the head (§8.3)',
    [c('own-create-null', "a null echo of the client's own create goes where the client asked (rt-sim)")],
  ),
  // §8 quirks and bugs
  rule('§8.1', 'Duplicated assistant transcript: fixed, the transcript is in the mirror once'),
  rule('§8.2', "User transcript duplication: fixed, the transcript replaces the item's text"),
  rule('§8.3', 'Reverse-ordered mirror: fixed, null appends after the tail'),
  rule('§8.4', 'Empty deleted item_id: fixed, it settles the oldest pending delete'),
  rule('§8.5', 'response.text.* deltas: fixed, handled like response.output_text.*'),
  rule('§8.6', "Function-call item ids: the function stream gets a fresh item id, the mirror keeps the server's"),
  info('§8.7', 'agent_handoff items', "does not apply: rt-sim's chat context has no agent_handoff item type"),
  rule('§8.8', 'Nothing closed on reconnect: fixed, a drop ends the response in flight and fails pending calls', [
    c('new-created', 'a new response.created ends an unfinished generation first'),
    c('close', 'close() fails pending calls with RTSIM_CLIENT_CLOSED'),
  ]),
  rule('§8.9', 'Chunker remainder: fixed, commitAudio flushes it'),
  rule('§8.10', 'commit_audio threshold: fixed, 100 ms is enough'),
  rule('§8.11', 'Voice and turn detection nested under audio.*: kept as the reference'),
  rule('§8.12', 'Transcription model gpt-4o-mini-transcribe: kept as the reference'),
  rule('§8.13', 'interrupt() always cancels: fixed, only while a response is in flight'),
  // §10 agents-js
  info('§10.1', 'agents-js xAI plugin at 5918dc941', AGENTS_JS_NOTE),
  info('§10.2', 'agents-js OpenAI realtime session at b7876c84b', AGENTS_JS_NOTE),
  info('§10.3', 'agents-js xAI at HEAD', AGENTS_JS_NOTE),
];
