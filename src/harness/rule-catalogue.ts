/**
 * The rule catalogue: every rule id of docs/protocol.md, with its title and the clauses that
 * have a behaviour of their own (issue 12). A scenario's `rules:` may name only what is here
 * (`§5.3`, `§5.3/excludes`); docs/rule-map.md is generated from this list and the scenarios'
 * declarations, and a test fails while a contract rule or clause has no scenario.
 *
 * A plain id stands for the rule's main behaviour, a clause for one behaviour inside it that
 * needs a scenario of its own (a timeout path, what a burst leaves out, a second handler).
 * Sections that describe rather than oblige the client are `informational`, with the reason;
 * they need no scenario and a scenario may not claim them.
 */

/** One behaviour inside a rule that needs its own scenario. */
export interface RuleClause {
  /** Lower-case words joined by `-`, written after the id: `§5.8/timeout`. */
  readonly slug: string;
  /** What the client does, in one line. */
  readonly title: string;
}

/** A rule id of docs/protocol.md. */
export interface RuleEntry {
  /** `R2.5`, `§5.3`: the heading's id. */
  readonly id: string;
  /** The heading's subject. */
  readonly title: string;
  /** Why no scenario is needed, for sections that oblige the client to nothing. */
  readonly informational?: string;
  /** The clauses with a behaviour of their own; empty when the plain id says it all. */
  readonly clauses: readonly RuleClause[];
}

const c = (slug: string, title: string): RuleClause => ({ slug, title });
const rule = (id: string, title: string, clauses: RuleClause[] = []): RuleEntry => ({ id, title, clauses });
const info = (id: string, title: string, informational: string): RuleEntry => ({
  id,
  title,
  informational,
  clauses: [],
});

const TIMING_EDGES = (what: string): RuleClause[] => [
  c('before', `the ${what} arrives just before the 5 s timeout: the call resolves normally`),
  c('at', `the ${what} arrives exactly at the 5 s timeout: one defined outcome, never both`),
  c(
    'after',
    `the ${what} arrives after the 5 s timeout: the call has already failed, the late answer is handled quietly`,
  ),
];

/** Every rule id of docs/protocol.md, in the order of the page. */
export const RULE_CATALOGUE: readonly RuleEntry[] = [
  // §1 wire-level facts
  rule('§1.1', 'Endpoint, URL and handshake: wss://…/v1/realtime?model=… and Authorization: Bearer', [
    c(
      'base-url',
      'a given base URL is processed: http→ws, /realtime appended to an empty, /v1 or /openai path, an existing model parameter kept',
    ),
  ]),
  info(
    '§1.2',
    'Authentication and ephemeral tokens',
    "server side: the client authenticates with the Bearer header of §1.1; minting and accepting ephemeral tokens is the simulator's part",
  ),
  info(
    '§1.3',
    'Models',
    "the model names the server knows; the client's default model is R1.2 and the ?model= parameter §1.1",
  ),
  info('§1.4', 'Voices', 'the voices the server accepts; the client passes the voice through (R1.1, §2.1)'),
  rule('§1.5', 'Audio formats: the client asks for audio/pcm at 24000 Hz in both directions', [
    c(
      'output-rate',
      'outputAudioRate asks for audio/pcm output at another rate xAI offers; input stays 24000 Hz (rt-sim)',
    ),
  ]),
  rule('§1.6', "Turn detection: the client's default server_vad settings", [
    c('null', 'turnDetection null sends "turn_detection": null (manual turns)'),
  ]),
  rule('§1.7', 'Field placement: voice under audio.output, turn_detection under audio.input'),
  info(
    '§1.8',
    'Feature support compared with OpenAI GA',
    'a comparison table; each behaviour it names is a rule of its own (§8.5, §5.10, §2.1, §5.7 …)',
  ),
  rule('§1.9', 'xAI-specific fields and events are accepted', [
    c('conversation-created', 'conversation.created on connect is accepted and ignored'),
    c('session-created', 'session.created (2026) on connect is accepted and ignored'),
    c('ping', 'xAI ping frames are ignored: no error, no effect'),
    c('top-level-usage', 'usage at the top level of response.done is read (rt-sim; the reference ignores it)'),
    c(
      'force-message',
      'a force_message response (response.created without client_event_id) is a server-initiated generation',
    ),
    c('say', 'say() sends a force_message item, no response.create, and takes the next response FIFO'),
  ]),
  // §2 client → server events
  rule('§2.1', 'session.update: the initial full update (§2.1a) with the exact reference content', [
    c('instructions', '§2.1b: updateInstructions sends only {type, instructions} with an instructions_update_ id'),
    c('tools', '§2.1c: updateTools sends {type, model, tools} with a tools_update_ id'),
    c('options', '§2.1d: updateOptions sends only the changed keys, audio.input and audio.output both present'),
    c('text-modality', 'output_modalities is ["text"] when the model has no audio modality, never both'),
    c('tool-choice-function', 'a function tool_choice is sent as {type: "function", name}'),
  ]),
  rule('§2.2', 'input_audio_buffer.append: exactly 4800 bytes (100 ms), no event_id', [
    c('remainder', 'commitAudio sends the remainder as one last, shorter append (§8.9)'),
    c(
      'resampler-tail',
      "the last append also carries the resampler's held-back tail: alone when the chunker is empty, after the chunker's bytes otherwise",
    ),
  ]),
  rule('§2.3', 'input_audio_buffer.commit: {type} only'),
  rule('§2.4', 'input_audio_buffer.clear: {type} only'),
  rule('§2.5', 'conversation.item.create: chat_ctx_create_ id, previous_item_id "root" first, else the preceding id', [
    c('function-call', 'a function_call item {id, type, call_id, name, arguments}'),
    c('function-call-output', 'a function_call_output item {id, type, call_id, output}'),
    c('system-message', 'a system message with input_text parts only'),
    c('assistant-message', 'an assistant message with output_text parts only'),
    c('video', 'pushVideo: a video_ id, an input_image item and no previous_item_id'),
  ]),
  rule('§2.6', 'conversation.item.delete: item_id and a chat_ctx_delete_ id'),
  rule('§2.7', 'conversation.item.truncate: item_id, content_index 0, integer audio_end_ms, no event_id'),
  rule('§2.8', 'response.create: response_create_ id, instructions null, metadata.client_event_id = event_id', [
    c('instructions', 'given instructions are sent in response.instructions'),
    c('per-response-tools', 'per-response tools and tool_choice go in response.create only (rt-sim)'),
  ]),
  rule('§2.9', 'response.cancel: {type} only'),
  // §4 orderings
  rule('§4.1', 'Startup: the full session.update first, then instructions, chat items and tools'),
  rule('§4.2', 'User audio turn under server VAD: speech events, user item, server-initiated reply'),
  rule('§4.3', 'Text-initiated reply: item create acknowledged, response.create echoed, user-initiated reply'),
  rule('§4.4', 'Function-call round trip: call on the function stream, output item, next response.create', [
    c('parallel', 'several calls in one response: each gets its own output item, then one response.create'),
  ]),
  rule('§4.5', 'Interrupted response: cancelled with turn_detected ends the generation with no error', [
    c(
      'client-cancel',
      'a client response.cancel ends the response cancelled, reason client_cancelled, metrics cancelled',
    ),
  ]),
  rule('§4.6', 'Errors: error events and failed responses are recoverable, the connection stays'),
  // §5.1 the model
  info('§5.1', 'Model construction', 'a heading: its rules are R1.1 … R1.7'),
  rule(
    'R1.1',
    'Constructor defaults: voice ara, the xAI base URL, the xAI turn detection, connOptions 3 / 2000 ms / 10000 ms, no recycling',
    [
      c('voice', 'a given voice is sent in audio.output.voice'),
      c('conn-options', 'given connOptions (maxRetry, retryIntervalMs) are what the retry loop uses'),
    ],
  ),
  rule('R1.2', 'Fixed values: model grok-4-1-fast-non-reasoning, modalities ["audio"]', [
    c('model', 'a given model is used in the URL and the session.update'),
  ]),
  rule(
    'R1.3',
    'Options at their OpenAI-base defaults: transcription gpt-4o-mini-transcribe, noise reduction null, tool_choice auto, speed 1, tracing null, max tokens inf',
    [c('given', 'an option given to the constructor replaces its default in the session.update')],
  ),
  rule(
    'R1.4',
    'Capabilities: message truncation, turn detection unless null, user transcription, no auto tool reply, audio output, manual function calls',
  ),
  rule('R1.5', 'Model properties: model, provider api.x.ai, the reference label (in metrics and errors)'),
  rule('R1.6', 'One session per session() call; model.sessions lists them, model.close() closes them all'),
  info(
    'R1.7',
    'HTTP session',
    'does not apply: rt-sim has no HTTP session, sockets come from a factory (deviations.md, Transport)',
  ),
  // §5.2 the connection loop
  info('§5.2', 'Session start, send queue and connection loop', 'a heading: its rules are R2.1 … R2.9'),
  rule('R2.1', 'Construction order: the full session.update is the first frame on the first socket'),
  rule('R2.2', 'Sending never blocks: calls enqueue and return', [
    c('after-close', 'events sent after close are dropped silently'),
  ]),
  rule('R2.3', 'Main loop: connect, burst on every later socket, retry with recoverable errors'),
  rule(
    'R2.4',
    'Retry arithmetic: maxRetry + 1 attempts, sleeps 100 ms then retryIntervalMs, the last error non-recoverable',
    [c('max-retry-zero', 'with maxRetry 0 the first failure is non-recoverable and the session dies')],
  ),
  rule('R2.5', 'What is retryable: connection failures are retryable APIConnectionErrors', [
    c('handshake-refused', 'a refused handshake (401/403/404/429/5xx, auth included) is retried'),
    c('timeout', 'a connect that times out (connOptions.timeoutMs) is retried'),
    c('closed', 'an unexpected socket close is retried (reconnect)'),
    c('burst-failure', 'a failure while sending the reconnect burst is retried, the old mirror restored'),
    c('idle-timeout', 'a socket silent for idleTimeoutMs is closed (4000) and retried (rt-sim)'),
    c(
      'invalid-json',
      'a text frame that is not JSON is not retryable: the session dies with a non-recoverable error, as the reference',
    ),
    c('dropped', 'a drop without a close frame (1006) is retried'),
  ]),
  rule(
    'R2.6',
    'Counter reset: after a failed first attempt the next connection is a reconnect (burst, session_reconnected, initial update re-sent)',
    [
      c(
        'flapping',
        'a socket that drops before healthyConnectionMs with its update answered does not reset the counter (rt-sim)',
      ),
      c('reset', 'a healthy socket resets the counter: later drops get the whole retry budget again'),
    ],
  ),
  rule('R2.7', 'The queue survives reconnects: events queued while disconnected go out after the burst', [
    c(
      'rebased',
      'events queued for a socket that ended are rebased onto what the burst re-creates: a tool output whose call the burst left out gets the call re-created first, nothing names a left-out item (rt-sim)',
    ),
    c(
      'recreated-twice',
      'an item the burst re-created and a queued delete and re-create (text-path truncate, update pair) re-create again lands where the server has it (rt-sim)',
    ),
  ]),
  rule('R2.8', 'Non-recoverable errors: the session is dead and close() rethrows'),
  rule('R2.9', 'Server errors never reconnect', [
    c('error-event', 'a server error event leaves the connection up'),
    c('failed-response', 'a failed response leaves the connection up'),
    c('during-response', 'a server error event while a response streams neither reconnects nor ends that response'),
    c('fatal-code', 'an error whose code is in fatalErrorCodes ends the session without reconnecting (rt-sim)'),
  ]),
  // §5.3 – §5.5
  rule(
    '§5.3',
    'Reconnect burst: full update with instructions, tools update, items root-chained with original ids, then session_reconnected',
    [
      c('resends', 'the burst re-sends every user and assistant message of the mirror, in order, ids kept'),
      c('excludes', 'the burst leaves out function calls and outputs, system messages and messages with empty content'),
      c('tools', 'a tools session.update follows the full update when tools are set'),
      c(
        'mirror',
        'the re-created items are in the mirror at once, so an update right after diffs against them (rt-sim)',
      ),
    ],
  ),
  rule('§5.4', 'max_session_duration recycling: clean close 1000, reconnect burst, no error, no retry counted', [
    c('waits-for-response', 'a response in flight when the timer fires plays to its response.done first'),
  ]),
  rule('§5.5', 'run_ws: send and receive tasks, close handling', [
    c('close', 'close() sends what is queued, then closes with 1000'),
    c('non-text', 'binary and other non-text frames are skipped'),
    c('handler-error', 'a frame a handler cannot take is reported and the loop goes on'),
    c('send-failure', 'a send-side failure ends the socket and the loop reconnects'),
  ]),
  // §5.6 audio input
  info('§5.6', 'Audio input', 'a heading: its rules are R6.1 … R6.5'),
  rule('R6.1', 'Resampling: input that is not 24 kHz mono is resampled to 24 kHz', [
    c('passthrough', '24 kHz mono frames pass through unchanged'),
    c('stereo', 'stereo input is averaged to mono (rt-sim)'),
    c('rate-change', 'a change of input rate flushes the old resampler and starts a new one (rt-sim)'),
    c('channel-change', 'a change of channel count at the same rate keeps the resampler and loses no audio'),
    c('8k', '8 kHz input reaches the wire as 24 kHz mono'),
    c('16k', '16 kHz input reaches the wire as 24 kHz mono'),
    c('22k05', '22.05 kHz input reaches the wire as 24 kHz mono'),
    c('24k', '24 kHz stereo input is only downmixed'),
    c('44k1', '44.1 kHz input reaches the wire as 24 kHz mono'),
    c('48k', '48 kHz input reaches the wire as 24 kHz mono'),
    c('clipping', 'resampled samples past full scale are clipped to the PCM16 limits, never wrapped'),
    c('restart', 'a commit flushes the resampler and the next turn starts it afresh, from silence'),
  ]),
  rule('R6.2', 'Chunking: 4800-byte (100 ms) appends, the remainder kept until more audio comes', [
    c('odd-frames', 'frames whose size does not divide 100 ms still come out as 4800-byte appends'),
    c('large-frames', 'a frame longer than 100 ms gives one append and carries the rest over'),
    c('silence', 'silence is appended like speech'),
    c('speech', 'speech then silence under server VAD keeps the 100 ms cadence'),
  ]),
  rule('R6.3', 'Duration counter: each append counts 100 ms toward the commit threshold'),
  rule('R6.4', 'commit_audio: commits at 100 ms or more, counting the flushed remainder (§8.10)', [
    c('below-threshold', 'under 100 ms since the last commit or clear, nothing is sent'),
    c('resets', 'after a commit the counter is 0: a second commit needs new audio'),
    c('server-vad', 'server-VAD commits do not reset the client counter'),
  ]),
  rule('R6.5', 'clear_audio: always sends input_audio_buffer.clear and resets the counter', [
    c('remainder', 'clearAudio also drops the local chunker remainder (rt-sim)'),
  ]),
  // §5.7 – §5.19
  rule('§5.7', 'push_video: a user image item with a video_ id, no previous_item_id, no future'),
  rule(
    '§5.8',
    'generate_reply: response.create with metadata; the echo in response.created makes the generation user-initiated',
    [
      c('timeout', 'no matching response.created within 5 s: the call fails with a timeout'),
      ...TIMING_EDGES('response.created'),
      c(
        'server-initiated',
        'a response.created without a matching client_event_id is server-initiated (user_initiated false)',
      ),
      c('drop', 'a pending call fails when the socket ends (§8.8)'),
      c(
        'say-timeout',
        'say() (xAI force_message) has no matching response.created within 10 s: the call fails with a timeout',
      ),
      c('say-before', 'the force_message response.created arrives just before the 10 s timeout: say() resolves'),
      c('say-at', 'it arrives exactly at the 10 s timeout: one defined outcome, never both'),
      c('say-after', 'it arrives after the 10 s timeout: say() has already failed, the late answer is handled quietly'),
    ],
  ),
  rule('§5.9', 'interrupt: response.cancel only while a response is in flight (§8.13)'),
  rule('§5.10', 'truncate: the audio path sends conversation.item.truncate and leaves the mirror alone', [
    c(
      'text-only',
      'the text path (modalities without audio, with a transcript): delete and re-create the item with the transcript',
    ),
    c('unknown-id', 'the text path on an item id the mirror does not have sends nothing'),
  ]),
  rule('§5.11', 'update_chat_ctx: the diff of §6.1 sent, resolved by conversation.item.added / .deleted', [
    c('timeout', 'acknowledgements missing for 5 s: the call fails with update_chat_ctx timed out'),
    ...TIMING_EDGES('acknowledgement'),
    c('no-op', 'a context equal to the mirror sends nothing and returns at once'),
    c('late-ack', 'an acknowledgement after the timeout still updates the chat context'),
    c('across-reconnect', 'an update sent just before a reconnect burst is acknowledged and lands where it asked'),
    c('after-reconnect', 'a tool output sent after a reconnect is created after its call'),
  ]),
  rule('§5.12', 'update_tools: a tools session.update sent without waiting; session.tools becomes the valid tools', [
    c('invalid-dropped', 'an invalid tool is dropped (error logged) from the update and from session.tools'),
    c('empty', 'updateTools([]) sends tools: []'),
    c('no-ack-wait', 'a tools update does not wait for session.updated'),
    c(
      'after',
      'a session.updated arriving after every client timeout changes nothing (§5.12 has no timeout of its own)',
    ),
    c('replaces', 'a new tool set replaces the old one'),
  ]),
  rule('§5.13', 'update_instructions: an instructions update, kept for later full updates'),
  rule('§5.14', 'update_options: one options update with the given keys; nothing when none is given', [
    c('null-given', 'a given null counts: tool_choice null sends "auto", turn_detection null sends null'),
    c('noise-reduction-wrapped', 'a noise-reduction string is sent as { type: … }'),
    c(
      'model-level',
      'model.updateOptions updates every live session and always re-sends turn detection, transcription and noise reduction',
    ),
  ]),
  rule('§5.15', 'Read-only properties: chatCtx reads the mirror, tools the retained tools'),
  rule('§5.16', 'Server-event handlers (exact effects)', [
    c('speech-started', 'input_audio_buffer.speech_started emits input_speech_started'),
    c('speech-stopped', 'speech_stopped emits input_speech_stopped with userTranscriptionEnabled'),
    c('response-created', 'response.created starts a generation and emits generation_created'),
    c('output-item-added', 'a message output item opens a message with text and audio streams'),
    c('modalities', "content parts, audio deltas and item done resolve a message's modalities"),
    c('item-added', 'conversation.item.added inserts the item after previous_item_id and settles its create'),
    c('item-deleted', 'conversation.item.deleted removes the item and settles its delete'),
    c('transcription-completed', 'input transcription .completed puts the transcript in the user item and emits it'),
    c(
      'transcription-events',
      'input transcription .delta is ignored and .failed only logged: no error, no mirror change',
    ),
    c('text-delta', 'text deltas go to the text stream'),
    c('audio-transcript-delta', "audio transcript deltas go to the message's text stream and its transcript"),
    c(
      'audio-delta',
      'audio deltas become mono audio frames at the output rate (24 kHz unless outputAudioRate), samples = bytes / 2',
    ),
    c('output-audio-rate', 'output audio at another rate the session asked for is framed at that rate'),
    c('audio-transcript-done', 'the transcript of …transcript.done goes into the mirror item once'),
    c(
      'output-item-done',
      'a function_call item done goes to the function stream; a message item done closes its streams',
    ),
    c('response-done', 'response.done closes every stream, emits metrics, then applies the status rules'),
    c('transcript-before-audio', 'transcript deltas before the first audio delta are kept, in order'),
    c('transcript-between-audio', 'transcript deltas between audio deltas are kept, in order'),
    c('transcript-after-audio', 'transcript deltas after the last audio delta are kept, in order'),
    c('function-call-cut', 'a function call cut while its arguments stream is never emitted as a call'),
    c('stray-response-done', 'a response.done with no response in flight (or a repeated one) is ignored quietly'),
    c('unknown-ignored', 'events the client does not handle (and unknown item types) are ignored, never an error'),
  ]),
  rule(
    '§5.17',
    'Metrics: one record per response.done with label, request id, timestamp, duration, ttft, cancelled and usage',
    [
      c('ttft-audio', 'ttft is the first audio delta: transcript deltas before it never count'),
      c('ttft-text', "a text-only reply's ttft is its first text delta"),
      c('ttft-none', 'ttft is -1 when no token came'),
      c('cancelled', 'cancelled is true for a cancelled response'),
      c('cached-tokens', 'cached token counts and their details are copied from usage'),
      c(
        'token-details',
        'each usage field (text, audio, cached, grok tokens, audio seconds) goes to its own metrics field',
      ),
      c(
        'ttft-transcript-first',
        'a reply whose transcript comes first: ttft is its first audio delta, not the transcript delta',
      ),
      c('tokens-per-second', 'tokens per second is output tokens divided by the duration'),
    ],
  ),
  rule(
    '§5.18',
    'Error handling (E1–E4): server errors, failed responses and connection errors reach the application as error events',
    [
      c('e1', "E1: a server error event emits a recoverable error with the server's error as body; no future fails"),
      c('e1-cancellation-failed', 'E1: an error whose message starts with "Cancellation failed" is dropped silently'),
      c(
        'e1-null-message',
        'E1: an error event whose message is null is reported as a recoverable error naming the field (rt-sim)',
      ),
      c('e2', 'E2: a failed response emits a recoverable error after its metrics; cancelled and incomplete emit none'),
      c('e2-unknown-error', 'E2: a failed response without status_details or error reads "unknown"'),
      c('e3', 'E3: connection errors are recoverable or not as the loop of §5.2 says'),
      c(
        'e4',
        'E4: every error is an error event with the RealtimeModelError payload; no exception path but the session dying',
      ),
    ],
  ),
  rule('§5.19', 'Session events: names and payloads', [
    c('connection-events', 'connection_opened { url, attempt } and connection_closed { code, reason } (rt-sim)'),
    c('raw-events', 'openai_server_event_received for every frame and openai_client_event_queued for every send'),
  ]),
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
  info(
    '§10.1',
    'agents-js xAI plugin at 5918dc941',
    "describes the agents-js port, which rt-sim's client does not follow; the differences it adopts are rules above and rows of deviations.md",
  ),
  info(
    '§10.2',
    'agents-js OpenAI realtime session at b7876c84b',
    "describes the agents-js port, which rt-sim's client does not follow; the differences it adopts are rules above and rows of deviations.md",
  ),
  info(
    '§10.3',
    'agents-js xAI at HEAD',
    "describes the agents-js port, which rt-sim's client does not follow; the differences it adopts are rules above and rows of deviations.md",
  ),
];

const BY_ID = new Map(RULE_CATALOGUE.map((r) => [r.id, r]));

/** The catalogue entry of a rule id (`§5.3`), if there is one. */
export function findRule(id: string): RuleEntry | undefined {
  return BY_ID.get(id);
}

/**
 * Every id a scenario can cover: the plain id of each contract rule and `<id>/<slug>` of
 * each of its clauses, in catalogue order. Informational rules are not in it.
 */
export function coverableRuleRefs(): string[] {
  const out: string[] = [];
  for (const r of RULE_CATALOGUE) {
    if (r.informational !== undefined) continue;
    out.push(r.id);
    for (const cl of r.clauses) out.push(`${r.id}/${cl.slug}`);
  }
  return out;
}

/**
 * Why `ref` (already of the `R<n>.<n>` / `§<n>.<n>[/slug]` form) cannot be declared, with a
 * hint, or undefined when it names a contract rule or one of its clauses.
 */
export function ruleRefProblem(
  ref: string,
  guess: (word: string, options: readonly string[]) => string | undefined,
): { message: string; hint: string } | undefined {
  const [id = '', slug] = ref.split('/');
  const entry = BY_ID.get(id);
  if (!entry) {
    const near = guess(
      id,
      RULE_CATALOGUE.map((r) => r.id),
    );
    return {
      message: `unknown rule id ${id}`,
      hint: near
        ? `did you mean ${near}? (docs/rule-map.md lists every rule)`
        : 'docs/rule-map.md lists every rule id of docs/protocol.md',
    };
  }
  if (entry.informational !== undefined) {
    return {
      message: `${id} (${entry.title}) is informational: ${entry.informational}`,
      hint: 'a scenario can only check rules of the client contract; docs/rule-map.md lists them',
    };
  }
  if (slug === undefined || entry.clauses.some((cl) => cl.slug === slug)) return undefined;
  const slugs = entry.clauses.map((cl) => cl.slug);
  const near = guess(slug, slugs);
  const known = slugs.length > 0 ? `its clauses: ${slugs.join(', ')}` : `${id} has no clauses: write ${id}`;
  return { message: `${id} has no clause "${slug}"`, hint: near ? `did you mean ${id}/${near}? (${known})` : known };
}
