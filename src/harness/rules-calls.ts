/**
 * The rule catalogue's session rules (docs/protocol.md §5.7 – §5.19): the session's calls,
 * its server-event handlers and the events it emits.
 */
import { c, rule, TIMING_EDGES, type RuleEntry } from './rule-entry.js';

/** The rules of §5.7 – §5.19, in the order of the page. */
export const CALL_RULES: readonly RuleEntry[] = [
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
    c(
      're-created',
      'a message a reconnect burst re-creates as text takes the text path, even asked for audio (rt-sim)',
    ),
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
      'model.updateOptions updates every live session and always re-sends turn detection, ' +
        'transcription and noise reduction',
    ),
  ]),
  rule('§5.15', 'Read-only properties: chatCtx reads the mirror, tools the retained tools', [
    c(
      'chat-ctx-json',
      "a chat context's toJSON (each filter), getById and indexById agree with its items (images, audio, calls)",
    ),
  ]),
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
    'Error handling (E1–E4): ' +
      'server errors, failed responses and connection errors reach the application as error events',
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
        'E4: every error is an error event with the RealtimeModelError payload; ' +
          'no exception path but the session dying',
      ),
    ],
  ),
  rule('§5.19', 'Session events: names and payloads', [
    c('connection-events', 'connection_opened { url, attempt } and connection_closed { code, reason } (rt-sim)'),
    c('raw-events', 'openai_server_event_received for every frame and openai_client_event_queued for every send'),
    c('listener-throws', 'a listener that throws is logged and the session carries on, the other listeners called'),
  ]),
];
