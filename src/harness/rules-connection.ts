/**
 * The rule catalogue's connection rules (docs/protocol.md §5.1 – §5.6): the model, the
 * session's send queue and connection loop, reconnection and recycling, and audio input.
 */
import { c, info, rule, type RuleEntry } from './rule-entry.js';

/** The rules of §5.1 – §5.6, in the order of the page. */
export const CONNECTION_RULES: readonly RuleEntry[] = [
  // §5.1 the model
  info('§5.1', 'Model construction', 'a heading: its rules are R1.1 … R1.7'),
  rule(
    'R1.1',
    'Constructor defaults: voice ara, the xAI base URL, ' +
      'the xAI turn detection, connOptions 3 / 2000 ms / 10000 ms, no recycling',
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
    'Options at their OpenAI-base defaults: transcription gpt-4o-mini-transcribe, ' +
      'noise reduction null, tool_choice auto, speed 1, tracing null, max tokens inf',
    [c('given', 'an option given to the constructor replaces its default in the session.update')],
  ),
  rule(
    'R1.4',
    'Capabilities: message truncation, turn detection unless null, ' +
      'user transcription, no auto tool reply, audio output, manual function calls',
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
    c(
      'socket-error',
      'a socket that errors after it opened (a frame it refuses) and closes is retried, its error text kept',
    ),
  ]),
  rule(
    'R2.6',
    'Counter reset: after a failed first attempt the next connection is a reconnect ' +
      '(burst, session_reconnected, initial update re-sent)',
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
      'events queued for a socket that ended are rebased onto what the burst re-creates: a tool output ' +
        'whose call the burst left out gets the call re-created first, nothing names a left-out item (rt-sim)',
    ),
    c(
      'recreated-twice',
      'an item the burst re-created and a queued delete and re-create (text-path truncate, update pair) ' +
        're-create again lands where the server has it (rt-sim)',
    ),
  ]),
  rule('R2.8', 'Non-recoverable errors: the session is dead and close() rethrows', [
    c('queued-call', 'a call still queued when the session dies fails at once, the fatal error its cause (rt-sim)'),
  ]),
  rule('R2.9', 'Server errors never reconnect', [
    c('error-event', 'a server error event leaves the connection up'),
    c('failed-response', 'a failed response leaves the connection up'),
    c('during-response', 'a server error event while a response streams neither reconnects nor ends that response'),
    c('fatal-code', 'an error whose code is in fatalErrorCodes ends the session without reconnecting (rt-sim)'),
  ]),
  // §5.3 – §5.5
  rule(
    '§5.3',
    'Reconnect burst: full update with instructions, tools update, ' +
      'items root-chained with original ids, then session_reconnected',
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
    c('bad-frame', 'a frame of another rate, channel count or length is refused at once and nothing is sent (rt-sim)'),
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
];
