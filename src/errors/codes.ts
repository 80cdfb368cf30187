/**
 * The one table of rt-sim's error codes: what each means, the `rt-sim` CLI's exit code when it
 * ends a command, and what the user should do. `RtSimError` takes only these codes, the CLI
 * reads its exit code here, and docs/errors.md is generated from it (`npm run docs:errors`).
 */

/** One row of {@link ERROR_CODES}. */
export interface ErrorCodeEntry {
  /** What happened, in one line. */
  readonly meaning: string;
  /** The `rt-sim` CLI's exit code: 2 for a mistake in what the user gave, 1 otherwise. */
  readonly exit: 1 | 2;
  /** What the user should do about it, in one line. */
  readonly action: string;
}

/** A mistake in what the user gave the CLI (a flag, a path, a file): exit 2. */
const usage = (meaning: string, action: string): ErrorCodeEntry => ({ meaning, exit: 2, action });
/** Anything else, a failed run or a broken client included: exit 1. */
const failure = (meaning: string, action: string): ErrorCodeEntry => ({ meaning, exit: 1, action });

/** Every error code of rt-sim, `RTSIM_<AREA>_<WHAT>`, sorted by area. */
export const ERROR_CODES = {
  RTSIM_AUDIO_BAD_CHUNK_SIZE: failure(
    'A ByteChunker was given a chunk size that is not a positive whole number of bytes.',
    'Pass a positive integer, e.g. 4800 bytes (100 ms of 24 kHz mono PCM16).',
  ),
  RTSIM_AUDIO_BAD_FRAME: failure(
    'An audio frame has a bad sample rate, channel count or sample buffer.',
    'Build frames with createAudioFrame from an Int16Array and a positive rate and channel count.',
  ),
  RTSIM_AUDIO_BAD_RATE: failure(
    'The resampler was given a rate that is not a positive whole number of Hz.',
    'Pass input and output rates as positive integers in Hz.',
  ),

  RTSIM_CHAT_BAD_ITEM: failure(
    'A conversation item of a known type lacks a field the chat context needs.',
    'Send message, function_call and function_call_output items with all their fields.',
  ),
  RTSIM_CHAT_DUPLICATE_ID: failure(
    "A chat context, or the mirror of the server's, got a second item with an id it holds.",
    'Give every chat item a unique id.',
  ),
  RTSIM_CHAT_UNKNOWN_ITEM: failure(
    "The server deleted an item the client's mirror of the conversation does not hold.",
    "Check the server's conversation.item.deleted events against the items it created.",
  ),
  RTSIM_CHAT_UNKNOWN_PREVIOUS: failure(
    "A server item names a previous_item_id the client's mirror does not hold.",
    'Check that the server creates items in order, after the item they follow.',
  ),
  RTSIM_CHAT_UNSUPPORTED_ITEM: failure(
    'A conversation item has a type the chat context cannot hold (not a message or function call).',
    'Nothing, if the server may send it: the client warns and goes on.',
  ),

  RTSIM_CLIENT_API_ERROR: failure(
    'The realtime API reported an error, or the client could not handle a server event.',
    'Read the message and the error body; a retryable one makes the client reconnect.',
  ),
  RTSIM_CLIENT_BAD_FRAME: failure(
    'The server sent a text frame that is not JSON.',
    "Fix the server (or the scenario's raw frames); the client skips the frame.",
  ),
  RTSIM_CLIENT_BAD_OPTION: usage(
    'A RealtimeModel option is unknown, mistyped or out of range, or baseURL is not a URL.',
    "Fix the option the message names (a scenario's client block, or the constructor's options).",
  ),
  RTSIM_CLIENT_CLOSED: failure(
    'A call was made on, or pending in, a session that was closed or died.',
    'Make calls before close(); when the session died, read the error it died of.',
  ),
  RTSIM_CLIENT_CONNECTION: failure(
    'The socket could not be opened or its handshake was refused.',
    'Check the URL, the API key and the server; the client retries up to maxRetry times.',
  ),
  RTSIM_CLIENT_CONNECTION_CLOSED: failure(
    'The server closed the connection while the session was using it.',
    'Nothing, if the close is expected: the client reconnects; else see the close code and reason.',
  ),
  RTSIM_CLIENT_CONNECTION_LOST: failure(
    'The connection ended before the server answered a pending call.',
    'Retry the call once the session has reconnected.',
  ),
  RTSIM_CLIENT_CONNECT_TIMEOUT: failure(
    'The WebSocket handshake got no answer within connOptions.timeoutMs.',
    'Check that the server answers, or raise connOptions.timeoutMs.',
  ),
  RTSIM_CLIENT_EVENT_FAILED: failure(
    'A readable server event could not be applied (no response in flight, an unknown item...).',
    "Check the order of the server's events against the protocol (docs/protocol.md).",
  ),
  RTSIM_CLIENT_EVENT_UNREADABLE: failure(
    'A server event lacks a field the client needs, or has it in a shape the client cannot use.',
    "Check the server's event against the protocol catalogue (docs/protocol.md).",
  ),
  RTSIM_CLIENT_FATAL_SERVER_ERROR: failure(
    'The server sent an error no retry can help (invalid_api_key...): the session dies.',
    'Fix what the server names (often the API key), then open a new session.',
  ),
  RTSIM_CLIENT_IDLE_TIMEOUT: failure(
    'No frame came from the server for idleTimeoutMs: the socket is taken as half-open.',
    'Nothing, if the network dropped: the client reconnects; else raise idleTimeoutMs.',
  ),
  RTSIM_CLIENT_NO_API_KEY: usage(
    'No API key: neither the apiKey option nor the XAI_API_KEY environment variable is set.',
    'Pass apiKey or set XAI_API_KEY.',
  ),
  RTSIM_CLIENT_RECONNECT_FAILED: failure(
    'A message could not be sent while the session was reconnecting.',
    'Retry once the session is connected again.',
  ),
  RTSIM_CLIENT_RESPONSE_FAILED: failure(
    'The server ended a response with status failed.',
    "Read the failure's type and message; ask for a new reply if it makes sense.",
  ),
  RTSIM_CLIENT_RETRIES_EXHAUSTED: failure(
    'The connection failed maxRetry + 1 times in a row: the session dies.',
    'Read the last error it carries; check the server, or raise connOptions.maxRetry.',
  ),
  RTSIM_CLIENT_TIMEOUT: failure(
    'generateReply, say or updateChatCtx got no answer from the server in time.',
    'Check that the server answers the call; retry it.',
  ),

  RTSIM_CLI_BAD_FLAGS: usage(
    'Flags were given that cannot go together.',
    'Drop one of the clashing flags; `rt-sim <command> --help` lists them.',
  ),
  RTSIM_CLI_BAD_OUT: usage(
    'An output path names a folder, or a folder that does not exist.',
    'Give a file name in an existing folder.',
  ),
  RTSIM_CLI_BAD_SHARD: usage('--shard is not I/N with 1 ≤ I ≤ N.', 'Write it as I/N, e.g. --shard 1/3.'),
  RTSIM_CLI_LISTEN: usage(
    'The CLI could not listen on the --host / --port it was given.',
    'Pick a free port (0 for any), or an address of this machine such as 127.0.0.1.',
  ),
  RTSIM_CLI_NO_SCENARIOS: usage(
    'The paths given hold no .yaml scenario file.',
    'Point the command at scenario files or the folders that hold them.',
  ),
  RTSIM_CLI_NO_SUCH_PATH: usage(
    'A scenario path does not exist.',
    'Check the path; it is relative to the current folder.',
  ),
  RTSIM_CLI_THREAD_EXIT: failure(
    'Code running a scenario in a worker thread of `rt-sim run --workers` called process.exit().',
    'Report it (a bug in rt-sim or the client under test); the stack in the failure names the caller.',
  ),

  RTSIM_CLOCK_BAD_DELAY: failure('A timer was set with a delay that is not finite.', 'Pass a finite delay in ms.'),
  RTSIM_CLOCK_BUSY: failure(
    'The virtual clock was driven twice at once (run, advance... while another is in progress).',
    'Await each run() or advance() before starting the next.',
  ),
  RTSIM_CLOCK_DEADLOCK: failure(
    'The run waited on something no pending timer or open hold can ever bring.',
    'Find what was awaited (the failure lists what is still pending) and why it cannot happen.',
  ),
  RTSIM_CLOCK_LIMIT: failure(
    'The virtual time limit was reached while the run was still waiting.',
    "Find what the run waited for, or raise the scenario's timeoutMs.",
  ),
  RTSIM_CLOCK_STUCK: failure(
    'Virtual time stopped moving: a loop kept setting timers due at the same instant.',
    'Find the loop the message names (its last timer); it must sleep a positive delay or stop.',
  ),

  RTSIM_CONFORM_NEEDS_OUT: usage(
    '`rt-sim conform --reporter html` was given no --out file to write the page to.',
    'Add --out report.html (json without --out prints to stdout).',
  ),
  RTSIM_CONFORM_NO_ADAPTER: usage(
    '`rt-sim conform --adapter` was given an empty command.',
    'Give the command that starts the adapter, e.g. --adapter "node my-adapter.mjs" (docs/conform.md).',
  ),
  RTSIM_CONFORM_NO_SCENARIOS: usage(
    'None of the scenarios given to `rt-sim conform` is marked `conform: true`.',
    'Mark the scenarios a foreign client can run with conform: true, or run the bundled ones (no paths).',
  ),

  RTSIM_CONTROL_BAD_REQUEST: usage(
    "A request to serve's control API has a body or query that is not what the route takes.",
    'Fix the field the answer names; docs/control.md lists each route and its body.',
  ),
  RTSIM_CONTROL_NOT_FOUND: usage(
    "A request to serve's control API names no route, or the wrong method.",
    'Use one of the routes docs/control.md lists under /__rt-sim/.',
  ),
  RTSIM_CONTROL_UNREACHABLE: failure(
    'The control API of a running serve did not answer, or answered with something that is not its JSON.',
    'Check the URL (the one serve printed) and that serve runs without --no-control.',
  ),

  RTSIM_FUZZ_BAD_INVARIANTS: usage(
    "A fuzz run's invariants module does not export `invariants`, a list of { name, rule, check }.",
    'Export `invariants` (an array of Invariant objects) from the module the option names.',
  ),
  RTSIM_FUZZ_BAD_PATH: usage(
    'fuzz --path does not replay with the given --seed.',
    'Pass the --seed and --path the fuzz report printed, with the same rt-sim version.',
  ),
  RTSIM_FUZZ_BAD_REPORT: usage(
    'A fuzz report given to rt-sim merge cannot be read, or does not belong with the others.',
    'Merge the JSON reports (--reporter json) of every shard I/N of one campaign: same seed, runs and N.',
  ),
  RTSIM_FUZZ_INVALID_SCENARIO: failure(
    'The fuzz generator built a scenario the validator refuses: a bug in rt-sim.',
    'Report it with the seed and the problems the message lists.',
  ),

  RTSIM_HARNESS_BAD_CALL_RESULT: failure(
    'A generateReply or say resolved with something other than the user-initiated generation it started (§5.8).',
    'A bug in the client under test: the call must resolve with the generation its response.created started.',
  ),
  RTSIM_HARNESS_NO_ASSISTANT_ITEM: failure(
    'A truncate step found no assistant message in the chat context.',
    'Truncate only after a reply, e.g. after a waitFor on the response.',
  ),
  RTSIM_HARNESS_WAIT_TIMEOUT: failure(
    'A scenario step waited for an event that did not come in time.',
    "Check that the server sends what the step waits for, or raise the step's timeoutMs.",
  ),

  RTSIM_LINK_BAD_CLOSE: failure(
    'A server-side close was given a close code or reason that cannot be sent.',
    'Use a close code of 1000-1014 (except 1004-1006) or 3000-4999 and a reason of at most 123 bytes.',
  ),
  RTSIM_LINK_NO_GLOBAL_WEBSOCKET: failure(
    'No global WebSocket constructor exists in this runtime.',
    'Use Node 22+, start Node 20 with --experimental-websocket, or use wsSocketFactory.',
  ),
  RTSIM_LINK_SEND_FAILED: failure(
    'A client send did not go through (a failClientSends fault).',
    'Nothing: the scenario asked for it; the client should handle the failed send.',
  ),

  RTSIM_PROTOCOL_BAD_AUDIO: failure('Decoded PCM16 audio has an odd number of bytes.', 'Send whole 16-bit samples.'),
  RTSIM_PROTOCOL_BAD_BASE64: failure(
    'An audio payload is not standard padded base64.',
    'Encode audio as standard base64 with padding.',
  ),
  RTSIM_PROTOCOL_BAD_FIELD: failure(
    'A field of a known event is missing or has the wrong type.',
    "Fix the field the message names; docs/protocol.md lists each event's fields.",
  ),
  RTSIM_PROTOCOL_NOT_JSON: failure('A frame is not text or not valid JSON.', 'Send UTF-8 JSON text frames.'),
  RTSIM_PROTOCOL_NOT_OBJECT: failure(
    "A frame's JSON is not an object (an array, a string, a number, null...).",
    'Send one JSON object per frame.',
  ),
  RTSIM_PROTOCOL_NO_TYPE: failure("A frame's object has no non-empty string type.", 'Give every event a type.'),

  RTSIM_RECORDER_BAD_UPSTREAM: usage(
    'record --upstream is not a ws://, wss://, http:// or https:// URL.',
    "Pass the realtime API's URL, e.g. wss://api.x.ai/v1/realtime.",
  ),

  RTSIM_SCENARIO_BAD_FIXTURE: usage(
    'A pushAudio WAV file cannot be decoded.',
    'Replace it with a PCM or float WAV file.',
  ),
  RTSIM_SCENARIO_INVALID: usage(
    'A scenario file has problems; each is listed with its file and line.',
    'Fix each problem listed; `rt-sim validate` checks a file without running it.',
  ),
  RTSIM_SCENARIO_NO_FIXTURE: usage(
    'A pushAudio WAV file does not exist.',
    'Check the path; it is relative to the scenario file.',
  ),

  RTSIM_SIM_BAD_ACTIONS: usage(
    "Actions given to a running simulator (serve's control API) are invalid, or need a connection that is not open.",
    "Fix each problem listed; the actions are those of a script rule's do list (docs/control.md).",
  ),
  RTSIM_SIM_BAD_REPLAY: usage(
    'A replay file cannot be read, or is not a list of server events.',
    'Fix the file: a JSON array or JSON lines of server events, { afterMs, event } or recorded frames.',
  ),
  RTSIM_SIM_BAD_TRANSCRIPT: failure(
    'A transcript the server replays has no recorded connection, or not the one asked for.',
    'Record a session into the file, or name one of its connections in server.transcript.connection.',
  ),
  RTSIM_SIM_BAD_WAV: usage('A reply WAV file cannot be decoded.', 'Replace it with a PCM or float WAV file.'),
  RTSIM_SIM_CONFIG: usage(
    "The simulator config (a scenario's server and script blocks) is invalid.",
    'Fix each problem listed; docs/scenario-server.md describes the keys.',
  ),
  RTSIM_SIM_INVALID_FRAME: failure(
    'The strict simulator was about to send a frame outside the protocol catalogue.',
    'Use sendRaw in the script to send a frame that breaks the protocol on purpose.',
  ),
  RTSIM_SIM_NO_WAV: failure('A reply WAV file cannot be read.', 'Check the path; it is relative to the scenario file.'),
  RTSIM_SIM_SCRIPT_LOOP: failure(
    'Script rules kept firing each other and never settled.',
    'Break the setState / enterState cycle the message names.',
  ),
  RTSIM_SIM_WAV_NOT_LOADED: failure(
    'A reply WAV file was used before it was loaded.',
    'Create the simulator with createSimulator(), which loads the files first.',
  ),

  RTSIM_TRANSCRIPT_BAD_AUDIO: usage(
    "A transcript's audio reference points at a missing file or outside its data.",
    'Re-record the transcript or put back the WAV file it references.',
  ),
  RTSIM_TRANSCRIPT_BAD_HEADER: usage(
    "A transcript's first line is not a transcript header.",
    'Start the file with the header a recording writes (docs/transcript-format.md).',
  ),
  RTSIM_TRANSCRIPT_BAD_JSON: usage('A transcript line is not JSON.', 'Fix or remove the line the message names.'),
  RTSIM_TRANSCRIPT_BAD_ORDER: usage(
    'Transcript records are out of order: time going back, a frame before open or after close.',
    'Fix the order of the records at the line the message names.',
  ),
  RTSIM_TRANSCRIPT_BAD_RECORD: usage(
    'A transcript record has a missing, unknown or mistyped field.',
    'Fix the record at the line the message names (docs/transcript-format.md).',
  ),
  RTSIM_TRANSCRIPT_BAD_VERSION: usage(
    "A transcript's header names a version this rt-sim cannot read.",
    'Use the rt-sim version that wrote it, or re-record.',
  ),
  RTSIM_TRANSCRIPT_BAD_WAV: usage(
    'Audio bytes in or next to a transcript are not a 16-bit PCM WAV file.',
    'Replace the WAV file with a 16-bit PCM one, or re-record.',
  ),
  RTSIM_TRANSCRIPT_EMPTY: usage(
    'A transcript file is empty: it has no header line.',
    'Record into it, or point at another file.',
  ),
  RTSIM_TRANSCRIPT_NOT_FOUND: usage('A transcript file cannot be read.', 'Check the path and its permissions.'),
  RTSIM_TRANSCRIPT_WRITE_FAILED: usage(
    'A transcript could not be written: a write after close, or a file system error.',
    'Check that the output folder exists and is writable.',
  ),

  RTSIM_VITEST_NOT_IDLE: failure(
    'The fake server was still busy (a reply running, frames coming) when the wait ended.',
    'Wait longer, or check for a reply that never ends.',
  ),
  RTSIM_VITEST_NOT_OBSERVED: failure(
    'An rt-sim matcher was given something that is not a fake server, a run or an observation.',
    "Pass rtsim.server(), rtsim.run() or runScenario()'s result to the matcher.",
  ),
} as const satisfies Record<`RTSIM_${string}`, ErrorCodeEntry>;

/** One of rt-sim's stable error codes, `RTSIM_<AREA>_<WHAT>`; docs/errors.md lists them all. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** True when `code` is one of {@link ERROR_CODES}. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}

/**
 * The `rt-sim` CLI's exit code for an error with `code`: the table's, and 1 (a failure) for a
 * code outside it.
 */
export function exitCodeOf(code: string): 1 | 2 {
  return isErrorCode(code) ? ERROR_CODES[code].exit : 1;
}

/** The area of a code: `CLIENT` for `RTSIM_CLIENT_TIMEOUT`. */
export function areaOf(code: ErrorCode): string {
  return code.split('_')[1] ?? '';
}
