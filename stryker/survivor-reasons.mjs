// @ts-check
/**
 * Why a mutant of src/client that the bundled suite and the fuzzer let through cannot show
 * in an exchange with a server, by reason. `npm run mutation:survivors` files every undetected
 * mutant of the reports under one of these reasons, or under `open` (no scenario checks it
 * yet), and writes docs/mutation-survivors.md. A rule names a file, optionally the members
 * (function, method or getter) the mutant is in, and optionally the text of the mutated line;
 * the first rule that matches wins. Rules are narrow on purpose: a mutant no rule explains
 * stays `open`, which is the honest default.
 */

/** @typedef {{ id: string, title: string, why: string }} SurvivorReason */
/**
 * @typedef {{ reason: string, file: RegExp, members?: RegExp, text?: RegExp, mutator?: RegExp,
 *   replacement?: RegExp }} SurvivorRule
 */

/** @type {SurvivorReason[]} */
export const SURVIVOR_REASONS = [
  {
    id: 'unreachable-api',
    title: 'Client API no server exchange reaches',
    why:
      'Public API an application may call that neither a server frame nor a scenario step reaches: ' +
      'the emitter’s off/once (the harness listens with onAny, and with on for listenerThrows), a ChatContext built with no ' +
      'arguments, AudioInput’s pushedMs/bufferedMs, PCM helpers the session does not use. The client’s ' +
      'unit tests cover them.',
  },
  {
    id: 'big-endian',
    title: 'Big-endian host branches',
    why: 'Branches taken only on a big-endian CPU; the suite runs on little-endian hosts (x86-64, arm64).',
  },
  {
    id: 'argument-check',
    title: 'Checks of arguments the harness validates first',
    why:
      'Refusals of bad arguments (a chunk size, a resampler rate, a baseURL, the count createAudioFrame ' +
      'derives) whose bad values the scenario loader refuses before a run, or that the session never ' +
      'passes. The client’s unit tests cover them.',
  },
  {
    id: 'log-only',
    title: 'Only a debug or info line, or the console sink, changes',
    why:
      'Code whose only effect is a debug or info log line (server events the client only notes, such as ' +
      'session.created and timeout_triggered), which the client’s console sink drops and the harness does ' +
      'not record, or what the console sink itself writes (the harness gives the client its own logger). ' +
      'Warnings and errors are not here: golden files record them.',
  },
  {
    id: 'timer-label',
    title: 'Timer labels',
    why: 'The label of a clock timer, printed only in the leak report of a run that already fails.',
  },
  {
    id: 'virtual-clock',
    title: 'Windows the virtual clock never opens',
    why:
      'The socket inbox’s guards for events after its hand-over: it removes its own listeners before ' +
      'the session’s take over, so they never fire with nothing held, a second hand-over never comes, ' +
      'and a held close replayed under another label still ends in the close branch. The held events ' +
      'themselves are reached since coalesceFrames (scenarios first-frames-*).',
  },
  {
    id: 'idempotent-guard',
    title: 'Guards against a second end or close',
    why:
      'Early returns that make a second end, close or abort a no-op where the first already settled ' +
      'everything: the mutant runs the same settling again, which changes nothing (settled promises, ' +
      'cleared timers, an empty queue).',
  },
  {
    id: 'equivalent',
    title: 'Equivalent mutants',
    why:
      'The mutant computes the same observable result: a value set to undefined that JSON drops, a ' +
      'loop bound that only visits a zero weight, a default that is never the one used, a filter ' +
      'over values that all pass.',
  },
  {
    id: 'memory-only',
    title: 'Only the memory held changes',
    why:
      'Code that frees memory and nothing else: without it every output stays byte-identical and only ' +
      'the memory the client holds grows (the resampler’s input history, trimmed after each push). No ' +
      'exchange with a server shows it, and the harness cannot measure a client’s heap deterministically.',
  },
  {
    id: 'cause-details',
    title: 'Details of an error passed on only as a cause',
    why:
      'The details of an error the client never surfaces itself, only as the `cause` of the error it ' +
      'emits, whose own details carry the same facts (an unreadable frame’s event type). The harness ' +
      'records a cause as its name, code, message and retryable flag, not its details (one level, so ' +
      'goldens stay short).',
  },
  {
    id: 'socket-events',
    title: 'Socket events no standard WebSocket fires',
    why:
      'Branches for socket events that ws, Node’s WebSocket (undici), browsers and rt-sim’s links never fire ' +
      'for this client: a close before open with no error event first (failing a handshake fires error, then ' +
      'close), and, on an open socket, an error event with a message but no Error, or with neither (only a ' +
      'browser’s socket fires bare error events, and it never opens for this client: the key goes in a ' +
      'header, which browsers cannot send). Only a hand-written socketFactory could fire them.',
  },
  { id: 'open', title: 'Open: no scenario checks it yet', why: 'A gap in the suite: a scenario could kill it.' },
];

/** @type {SurvivorRule[]} */
export const SURVIVOR_RULES = [
  // unreachable API
  // on() is reached since listenerThrows: a survivor there is open.
  { reason: 'unreachable-api', file: /client\/emitter\.ts$/, members: /^(off|once|offAny|listenerCount)$/ },
  // A ChatContext built with no arguments: the harness always passes items (or calls empty()).
  {
    reason: 'unreachable-api',
    file: /client\/chat\/chat-context\.ts$/,
    members: /^constructor$/,
    text: /items: ChatItem\[\] = \[\]/,
  },
  { reason: 'unreachable-api', file: /client\/audio\/audio-input\.ts$/, members: /^(pushedMs|bufferedMs)$/ },
  { reason: 'unreachable-api', file: /(client\/)?audio\/pcm\.ts$/, members: /^bytesToPcm16$/ },
  { reason: 'unreachable-api', file: /client\/channel\.ts$/, members: /^(size|collect)$/ },
  { reason: 'unreachable-api', file: /client\/socket-inbox\.ts$/, members: /^held$/ },
  { reason: 'unreachable-api', file: /(client\/)?audio\/resampler\.ts$/, members: /^(outputRate|push|flush)$/ },
  // createResampler's pass-through for equal rates: both callers pass equal rates through themselves
  // (AudioInput takes 24 kHz frames as they are, resamplePcm16 returns the same array).
  {
    reason: 'unreachable-api',
    file: /(client\/)?audio\/resampler\.ts$/,
    mutator: /^ConditionalExpression$/,
    replacement: /^false$/,
    text: /if \(inputRate === outputRate\) return new PassThrough\(inputRate\);/,
  },
  { reason: 'unreachable-api', file: /client\/send-queue\.ts$/, members: /^(closed|size)$/ },
  { reason: 'unreachable-api', file: /client\/chat\/remote-chat-context\.ts$/, members: /^(previousId|size)$/ },
  // RealtimeModel's env (the harness always passes apiKey: a scenario may not hold one) and its default
  // transport, the `ws` factory of a model given neither socketFactory nor WebSocket (the harness gives one).
  {
    reason: 'unreachable-api',
    file: /client\/model\.ts$/,
    text: /resolveApiKey\(opts\.apiKey, opts\.env \?\? process\.env\)/,
  },
  {
    reason: 'unreachable-api',
    file: /client\/model\.ts$/,
    members: /^factory$/,
    mutator: /^ConditionalExpression$/,
    replacement: /^true$/,
    text: /if \(this\.#WebSocket\) return webSocketClassFactory/,
  },
  // emit(): what it returns (no caller reads it) and its named listeners (the harness listens with onAny).
  {
    reason: 'unreachable-api',
    file: /client\/emitter\.ts$/,
    members: /^emit$/,
    text: /return list\.length \+ this\.anyListeners\.length > 0;|for \(const listener of list\) this\.call/,
  },
  // big-endian
  { reason: 'big-endian', file: /(client\/)?audio\/pcm\.ts$/, text: /HOST_IS_LITTLE_ENDIAN|setInt16\(i \* 2/ },
  // argument checks
  // validateAudioFrame and validateTool are reached since the pushFrame step and rawTools: no rule.
  { reason: 'argument-check', file: /client\/audio\/frame\.ts$/, text: /numChannels > 0 \?/ },
  { reason: 'argument-check', file: /client\/audio\/chunker\.ts$/, text: /chunkBytes|RTSIM_AUDIO_BAD_CHUNK_SIZE/ },
  {
    reason: 'argument-check',
    file: /(client\/)?audio\/resampler\.ts$/,
    text: /inputRate', inputRate|\] as const\) \{$|!Number\.isInteger\(rate\)|RTSIM_AUDIO_BAD_RATE|must be a positive integer in Hz/,
  },
  {
    reason: 'argument-check',
    file: /client\/url\.ts$/,
    text: /catch|RTSIM_CLIENT_BAD_OPTION|baseURL must|option: 'baseURL'|\{ cause \}|return ''/,
  },
  // The baseURL in that refusal's message.
  { reason: 'argument-check', file: /client\/url\.ts$/, text: /JSON\.stringify\(redactCredentials\(baseUrl\)\)/ },
  // Refusals the session never reaches: read-event reads conversation.item.added's `item` as an object
  // (f.object('item'), and its id as a string) before fromWireItem sees it; onItemDeleted deletes from the
  // mirror only an id the mirror has. test/client/chat covers both refusals.
  {
    reason: 'argument-check',
    file: /client\/chat\/convert\.ts$/,
    members: /^fromWireItem$/,
    text: /if \(!isPlainObject\(item\)\) throw bad\(`expected an object, got/,
  },
  {
    reason: 'argument-check',
    file: /client\/chat\/remote-chat-context\.ts$/,
    members: /^delete$/,
    text: /^\s*(if \(!node\) \{|'RTSIM_CHAT_UNKNOWN_ITEM',|`remote chat context: cannot delete item .*|\{)$/,
  },
  // log only
  // The console sink: the harness hands the client its own logger, so console.warn / console.error never run.
  {
    reason: 'log-only',
    file: /client\/logger\.ts$/,
    text: /console\.(warn|error)\(|^\s*(warn|error)\(message, fields\) \{$/,
  },
  // redactingLogger with no fields: logger(text, redactFields(undefined)) is logger(text, undefined).
  {
    reason: 'equivalent',
    file: /client\/logger\.ts$/,
    mutator: /^ConditionalExpression$/,
    replacement: /^false$/,
    text: /if \(fields === undefined\) logger\[level\]\(text\);/,
  },
  {
    reason: 'log-only',
    file: /client\/(server-handlers|read-event)\.ts$/,
    text: /timeout_triggered|session_created/,
  },
  { reason: 'log-only', file: /client\/server-handlers\.ts$/, text: /case 'part_done'/ },
  // The fields of timeout_triggered and session.created: their handlers only log them (the
  // reference ignores both events, protocol §5.18).
  {
    reason: 'log-only',
    file: /client\/read-event\.ts$/,
    mutator: /^StringLiteral$/,
    text: /^\s*(itemId: f\.optString\('item_id'\)|audio(Start|End)Ms: f\.optNumber\('audio_(start|end)_ms'\)|sessionId: f\.optString\('session\.id'\)|model: f\.optString\('session\.model'\)|voice: f\.optString\('session\.voice'\)),$/,
  },
  // optNumber's only reads are timeout_triggered's audio_start_ms / audio_end_ms, which are only logged.
  { reason: 'log-only', file: /client\/read-fields\.ts$/, members: /^optNumber$/ },
  // The part_done kind picks a handler that does nothing; the only other reader is the count of
  // frames of another response, read by a warning alone.
  {
    reason: 'log-only',
    file: /client\/read-event\.ts$/,
    mutator: /^StringLiteral$/,
    text: /const partDone: Reader = \(_f, b\) => \(\{ \.\.\.b, kind: 'part_done' \}\);/,
  },
  // The cause's details: frameFailed's APIError names the event type in its own details.
  {
    reason: 'cause-details',
    file: /client\/read-fields\.ts$/,
    members: /^constructor$/,
    mutator: /^ObjectLiteral$/,
    text: /super\(ClientErrorCode\.eventUnreadable, `\$\{eventType\}: \$\{why\}`, \{ eventType \}\);/,
  },
  // An unsupported item's refusal always carries details (fromWireItem's `{ type, id }`), so `?.` is `.`.
  {
    reason: 'equivalent',
    file: /client\/conversation-handlers\.ts$/,
    members: /^insertIntoMirror$/,
    mutator: /^OptionalChaining$/,
    text: /SERVER_SIDE_ITEM_TYPES\.has\(String\(\(error as \{ details\?: \{ type\?: unknown \} \}\)\.details\?\.type\)\)/,
  },
  // previous_item_id null read as undefined: both mean "no previous item" wherever the client reads it
  // (onItemAdded falls back to the asked place for either; the mirror puts either at the tail).
  {
    reason: 'equivalent',
    file: /client\/read-event\.ts$/,
    mutator: /^ConditionalExpression$/,
    replacement: /^false$/,
    text: /previousItemId: typeof previous === 'string' \|\| previous === null \? previous : undefined,/,
  },
  // readUsage's typeof check: Number.isFinite is false for anything but a finite number, so `true &&` is the same.
  {
    reason: 'equivalent',
    file: /client\/read-usage\.ts$/,
    mutator: /^ConditionalExpression$/,
    replacement: /^true$/,
    text: /if \(typeof value === 'number' && Number\.isFinite\(value\)\) return value;/,
  },
  // The warning's inFlight: belongsToAnotherResponse holds only with a generation in flight, so `?.` is `.`.
  {
    reason: 'equivalent',
    file: /client\/receive-frame\.ts$/,
    mutator: /^OptionalChaining$/,
    text: /^\s*inFlight: state\.generation\?\.responseId,$/,
  },
  // The count of ignored frames of another response: its only reader is the warning's `ignored` field.
  { reason: 'log-only', file: /client\/receive-frame\.ts$/, text: /^\s*state\.foreignResponseFrames\+\+;$/ },
  // A non-function any-listener throws inside call(), which logs it and goes on.
  {
    reason: 'log-only',
    file: /client\/emitter\.ts$/,
    mutator: /^ArrayDeclaration$/,
    text: /private readonly anyListeners: AnyListener<E>\[\] = \[\];/,
  },
  { reason: 'log-only', file: /client\/.*\.ts$/, text: /logger\.(debug|info)\(/ },
  // toWireItem's onSkip: its one caller (session-chat-ctx.ts) always passes it, so `?.` and `.` are the same.
  {
    reason: 'equivalent',
    file: /client\/chat\/convert\.ts$/,
    mutator: /^OptionalChaining$/,
    text: /opts\.onSkip\?\.\(/,
  },
  // The mirror's refusal of an id twice: its callers never insert an id it holds (insertIntoMirror runs
  // for an id onItemAdded found not in the mirror, and read-event reads both from item.id; burstMirror
  // copies a mirror, whose ids are distinct). An unknown previous_item_id is reached and logged: no rule.
  {
    reason: 'argument-check',
    file: /client\/chat\/remote-chat-context\.ts$/,
    members: /^insert$/,
    text: /^\s*(if \(this\.byId\.has\(item\.id\)\) \{|'RTSIM_CHAT_DUPLICATE_ID',|`remote chat context: item "\$\{item\.id\}" already exists; expected a new id`,|\{)$/,
  },
  // The text and details of an unsupported item type: only its code picks a branch, the rest is logged.
  {
    reason: 'log-only',
    file: /client\/chat\/convert\.ts$/,
    members: /^fromWireItem$/,
    mutator: /^(StringLiteral|ObjectLiteral)$/,
    text: /type must be message, function_call or function_call_output|\{ type, id: item\['id'\] \}/,
  },
  // timer labels
  {
    reason: 'timer-label',
    file: /client\/.*\.ts$/,
    mutator: /^StringLiteral$/,
    text: /'(generate_reply timeout|say timeout|update_chat_ctx timeout|connect timeout|reconnect backoff|close grace|idle timeout|session recycle)'|^\s*\}, [\w.]+, '[\w ]+'\);$/,
  },
  // virtual clock
  // The inbox's guards after its hand-over (its listeners are removed first, a second hand-over never
  // comes) and a held close replayed under another label (it still ends in the close branch). The
  // held events themselves are reached by coalesceFrames (scenarios first-frames-*).
  { reason: 'virtual-clock', file: /client\/socket-inbox\.ts$/, mutator: /^OptionalChaining$/, text: /#held\?\.push/ },
  {
    reason: 'virtual-clock',
    file: /client\/socket-inbox\.ts$/,
    mutator: /^StringLiteral$/,
    text: /#onClose = .*type: 'close'/,
  },
  { reason: 'virtual-clock', file: /client\/socket-inbox\.ts$/, text: /^\s*if \(held === undefined\) return;$/ },
  { reason: 'virtual-clock', file: /client\/socket-inbox\.ts$/, members: /^release$/, mutator: /^BlockStatement$/ },
  // socket events: the handshake's "closed with code" when no error came first, and an open socket's
  // error event without an Error.
  {
    reason: 'socket-events',
    file: /client\/connection\.ts$/,
    mutator: /^StringLiteral$/,
    text: /^\s*let errorText = '';$/,
  },
  {
    reason: 'socket-events',
    file: /client\/connection\.ts$/,
    members: /^onClose$/,
    mutator: /^(StringLiteral|ConditionalExpression)$/,
    replacement: /^(true|''|""|"Stryker was here!")$/,
    text: /errorText !== '' \? errorText : `closed with code/,
  },
  {
    reason: 'socket-events',
    file: /client\/socket-runner\.ts$/,
    members: /^onError$/,
    mutator: /^(LogicalOperator|StringLiteral)$/,
    text: /lastError = event\.message \?\? \(event\.error instanceof Error \? event\.error\.message : ''\);/,
  },
  // idempotent guards
  {
    reason: 'idempotent-guard',
    file: /client\/socket-runner\.ts$/,
    text: /if \(ended\.done\) return|stop\.signal\.aborted \|\| ended\.done/,
  },
  { reason: 'idempotent-guard', file: /client\/send-queue\.ts$/, members: /^close$/ },
  { reason: 'idempotent-guard', file: /client\/channel\.ts$/, text: /this\.state !== 'open'/ },
  // A second close(): the queue is closed, the sleep aborted, every pending call failed and the generation
  // ended already, and calls made after close are refused, so running them again finds nothing to do.
  {
    reason: 'idempotent-guard',
    file: /client\/session\.ts$/,
    members: /^close$/,
    text: /^\s*if \(!this\.#closing\) \{$/,
  },
  // equivalent
  {
    reason: 'equivalent',
    file: /client\/.*\.ts$/,
    mutator: /^ConditionalExpression$/,
    replacement: /^true$/,
    text: /if \(\w+\.\w+ !== undefined\) \w+\.\w+ = \w+\.\w+;/,
  },
  // APIConnectionError's `retryable ?? true` with `&&`: undefined stays undefined, and APIError's own
  // `?? true` makes it true.
  {
    reason: 'equivalent',
    file: /client\/errors\.ts$/,
    mutator: /^LogicalOperator$/,
    text: /super\(message, \{ \.\.\.opts, code: .*retryable: opts\.retryable \?\? true \}\);/,
  },
  // SendQueue.wait's abort: only an ended socket's send loop is aborted (one loop waits at a time), and it
  // returns on its aborted signal whatever wait resolves to; its one caller always passes a signal.
  {
    reason: 'equivalent',
    file: /client\/send-queue\.ts$/,
    members: /^wait$/,
    mutator: /^OptionalChaining$/,
    text: /if \(this\.isClosed \|\| signal\?\.aborted\) return Promise\.resolve\(false\);/,
  },
  {
    reason: 'equivalent',
    file: /client\/send-queue\.ts$/,
    members: /^(onAbort|wait)$/,
    text: /^\s*(const onAbort = \(\): void => \{|this\.waiters = this\.waiters\.filter\(\(w\) => w !== waiter\);|resolve\(false\);)$/,
  },
  {
    reason: 'equivalent',
    file: /client\/send-queue\.ts$/,
    members: /^(waiter|wait)$/,
    text: /^\s*signal\?\.(addEventListener\('abort', onAbort, \{ once: true \}\)|removeEventListener\('abort', onAbort\));$/,
  },
  // A spread of { key: value } only when value is defined, forced on: { key: undefined }, which JSON
  // drops and every reader takes as the key missing.
  {
    reason: 'equivalent',
    file: /client\/.*\.ts$/,
    mutator: /^ConditionalExpression$/,
    replacement: /^true$/,
    text: /\.\.\.\((\w+\.)?\w+ !== undefined \? \{ \w+: (\w+\.)?\w+ \} : \{\}\)|&& \w+\.createdAt !== undefined \? \{ createdAt: \w+\.createdAt \} : \{\}/,
  },
  // The mirror's insert at "root" with its block emptied leaves prev undefined instead of null:
  // every reader of prev tests it for truth only.
  {
    reason: 'equivalent',
    file: /client\/chat\/remote-chat-context\.ts$/,
    members: /^insert$/,
    mutator: /^BlockStatement$/,
    text: /previousItemId === ROOT_ITEM_ID/,
  },
  { reason: 'equivalent', file: /(client\/)?audio\/resampler\.ts$/, members: /^(besselI0|buildTable|constructor)$/ },
  // The history buffer: growing it a step early or by less (Math.max still fits the input),
  // writing one zero past the data (the next append overwrites it before anything reads it),
  // keeping two samples more than needed (histStart accounts for them), trimming by 0.
  // Not `keepFrom > 0` forced off or `<= 0`: output stays the same, but the history then grows
  // with every push (memory-only, below).
  {
    reason: 'equivalent',
    file: /(client\/)?audio\/resampler\.ts$/,
    members: /^(append|drain)$/,
    replacement:
      /^(this\.histLen \+ n >= this\.hist\.length|this\.hist\.length \/ 2|i <= n|base - w - 1|keepFrom >= 0)$/,
  },
  // The trim forced on: keepFrom is never negative (the history starts at the oldest sample the
  // next output reads), so at 0 it copies nothing and moves nothing.
  {
    reason: 'equivalent',
    file: /(client\/)?audio\/resampler\.ts$/,
    members: /^drain$/,
    mutator: /^ConditionalExpression$/,
    replacement: /^true$/,
    text: /^\s*if \(keepFrom > 0\) \{$/,
  },
  // The trim left out: outputs are read at base - histStart, so they stay the same; the history grows.
  {
    reason: 'memory-only',
    file: /(client\/)?audio\/resampler\.ts$/,
    members: /^drain$/,
    replacement: /^(\{\}|false|keepFrom <= 0)$/,
    text: /^\s*if \(keepFrom > 0\) \{$/,
  },
  // AudioInput: a 24 kHz frame sent through createResampler gets its pass-through (the same array,
  // nothing held back, an empty flush); an empty part pushed to the chunker completes no chunk.
  {
    reason: 'equivalent',
    file: /client\/audio\/audio-input\.ts$/,
    members: /^push$/,
    replacement: /^false$/,
    text: /if \(frame\.sampleRate === WIRE_SAMPLE_RATE\) \{/,
  },
  {
    reason: 'equivalent',
    file: /client\/audio\/audio-input\.ts$/,
    members: /^push$/,
    replacement: /^(true|part\.length >= 0)$/,
    text: /if \(part\.length > 0\) chunks\.push/,
  },
  // commit() below 100 ms returning {}: its one caller reads `commit` for truth only.
  {
    reason: 'equivalent',
    file: /client\/audio\/audio-input\.ts$/,
    members: /^commit$/,
    mutator: /^ObjectLiteral$/,
    text: /if \(total < MIN_COMMIT_SAMPLES\) return \{ remainder: null, commit: false \};/,
  },
  // concat's shortcut off: a copy of the same bytes; ByteChunker.flush's null off: an empty tail,
  // which concat, its only reader, turns into null or drops.
  {
    reason: 'equivalent',
    file: /client\/audio\/(audio-input|chunker)\.ts$/,
    members: /^(concat|flush)$/,
    mutator: /^ConditionalExpression$/,
    replacement: /^false$/,
    text: /if \(b\.length === 0 && a\) return a;|if \(this\.filled === 0\) return null;/,
  },
  // One step past the end: a typed array ignores the write at index n.
  {
    reason: 'equivalent',
    file: /client\/audio\/downmix\.ts$/,
    members: /^downmixToMono$/,
    mutator: /^EqualityOperator$/,
    replacement: /^i <= n$/,
  },
  // The four-pairs-a-pass loop only saves time: whatever its bound or condition leaves undone,
  // the one-by-one loop after it does, and a pass past the end writes nowhere (true or -= 4 hangs: a timeout).
  {
    reason: 'equivalent',
    file: /client\/audio\/downmix\.ts$/,
    members: /^downmixToMono$/,
    text: /for \(const end = n - 3; i < end; i \+= 4\) \{/,
    replacement: /^(?:n \+ 3|i <= end|i >= end|false)$/,
  },
  // { type, responseId: undefined } for { type }: every reader compares responseId with undefined.
  {
    reason: 'equivalent',
    file: /client\/read-event\.ts$/,
    members: /^readServerEvent$/,
    mutator: /^ConditionalExpression$/,
    replacement: /^false$/,
    text: /return reader\(f, responseId === undefined \? \{ type \} : \{ type, responseId \}\);/,
  },
  // Usage sources unfiltered: pick reads a non-object source as absent anyway.
  {
    reason: 'equivalent',
    file: /client\/read-usage\.ts$/,
    members: /^readUsage$/,
    mutator: /^MethodExpression$/,
    text: /const sources = \[nested, topLevel\]\.filter\(isJson\);/,
  },
  { reason: 'equivalent', file: /client\/chat\/diff\.ts$/, members: /^lcs\w*$/ },
  // The first value of #socketAnswered: connect() sets it false before healthy() can first be asked.
  {
    reason: 'equivalent',
    file: /client\/session-sockets\.ts$/,
    mutator: /^BooleanLiteral$/,
    text: /^\s*#socketAnswered = false;$/,
  },
  // The reconnect burst's readyState check: the burst goes out in the turn whose open event resolved the
  // connect (no socket event can come between), and a send that fails throws, which the same catch takes.
  {
    reason: 'equivalent',
    file: /client\/session-sockets\.ts$/,
    members: /^reconnect$/,
    mutator: /^(ConditionalExpression|StringLiteral)$/,
    text: /if \(ws\.readyState !== ReadyState\.OPEN\) throw new Error\(`socket readyState is/,
  },
  // Every conversation.item.create the client sends carries a string id (ChatItems always have one).
  {
    reason: 'equivalent',
    file: /client\/session-sockets\.ts$/,
    members: /^onSend$/,
    mutator: /^ConditionalExpression$/,
    replacement: /^true$/,
    text: /typeof event\.item\.id === 'string'/,
  },
  // pushVideo's message role: toWireItem sends every role but system, developer and assistant as user,
  // and the message goes nowhere else.
  {
    reason: 'equivalent',
    file: /client\/session\.ts$/,
    members: /^pushVideo$/,
    mutator: /^StringLiteral$/,
    text: /^\s*role: 'user',$/,
  },
  // A dead session's queue: closed, its send loop ended, nothing reads it again.
  { reason: 'equivalent', file: /client\/send-queue\.ts$/, members: /^clear$/, mutator: /^BlockStatement$/ },
  // The send loop never rejects (a failed send is caught inside it, the emitter catches its listeners'
  // throws), so its .catch never runs; and once a run has ended its socket is never OPEN (abandon and
  // beginClose closed it, or the peer did), so the last close is never made and a close on a CLOSING or
  // CLOSED socket does nothing.
  {
    reason: 'equivalent',
    file: /client\/socket-runner\.ts$/,
    members: /^runSocket$/,
    text: /^\s*sendLoop\(\)\.catch\(/,
  },
  {
    reason: 'equivalent',
    file: /client\/socket-runner\.ts$/,
    members: /^runSocket$/,
    text: /^\s*if \(ws\.readyState === ReadyState\.OPEN\) closeQuietly\(ws, 1000, ''\);$/,
  },
  // The LCS is only read as a set of ids (`new Set(...)`): its order, a stray entry that is no item id, and
  // a loop that walks on along one edge of the table (i or j at 0) without matching anything change nothing.
  {
    reason: 'equivalent',
    file: /client\/chat\/diff\.ts$/,
    members: /^longestCommonSubsequence$/,
    replacement: /^(\["Stryker was here"\]|true|i >= 0|j >= 0|out)$/,
  },
  // An id the LCS keeps is in the old list, so `before` (computeChatCtxDiff) and `it` (emptyInMirror,
  // asked only about removed or kept ids) are always there; an op's kind is only ever tested `=== 'delete'`.
  {
    reason: 'equivalent',
    file: /client\/chat\/diff\.ts$/,
    members: /^(computeChatCtxDiff|emptyInMirror)$/,
    mutator: /^OptionalChaining$/,
  },
  {
    reason: 'equivalent',
    file: /client\/chat\/diff\.ts$/,
    members: /^create$/,
    mutator: /^StringLiteral$/,
    text: /^\s*kind: 'create',$/,
  },
  // fromWireItem: a message without content reads as []; a list holding one string part reads the same,
  // since parts that are not objects are skipped. The switch's last `default: break` does nothing.
  {
    reason: 'equivalent',
    file: /client\/chat\/convert\.ts$/,
    members: /^fromWireItem$/,
    mutator: /^ArrayDeclaration$/,
    text: /const parts = item\['content'\] \?\? \[\];/,
  },
  {
    reason: 'equivalent',
    file: /client\/chat\/convert\.ts$/,
    members: /^contentFromWire$/,
    mutator: /^ConditionalExpression$/,
    text: /^\s*default:$/,
  },
  // The chat reconciliation (issue 12, kill-recon). placeAfter's walk: leftOut's keys are strings, so
  // `typeof previous === 'string'` forced on changes nothing (has(null) is false); `<` for `<=` only
  // ends a walk around a loop of left-out items one step earlier, on another item of the same loop,
  // which the mirror does not hold either (the insert after it fails the same way). The bound forced
  // on and `steps--` are not equivalent: scenarios/item-added-self-chained-server-item.yaml hangs.
  {
    reason: 'equivalent',
    file: /client\/conversation-handlers\.ts$/,
    members: /^placeAfter$/,
    text: /typeof previous === 'string' && leftOut\.has\(previous\) && steps <= leftOut\.size/,
    replacement: /^(true|steps < leftOut\.size)$/,
  },
  // rebaseQueued's place(): a string previous_item_id was anchored first to an id the rebased
  // conversation holds, or "root" (taken by the branch before), so conv.includes(previous) holds
  // for every string and for nothing else.
  {
    reason: 'equivalent',
    file: /client\/rebase-queue\.ts$/,
    members: /^place$/,
    mutator: /^(ConditionalExpression|LogicalOperator)$/,
    text: /else if \(typeof previous === 'string' && conv\.includes\(previous\)\) conv\.splice/,
    replacement: /^(true|typeof previous === 'string' \|\| conv\.includes\(previous\))$/,
  },
  // rebaseQueued's copy of a create whose place did not change: the same fields, the same JSON.
  {
    reason: 'equivalent',
    file: /client\/rebase-queue\.ts$/,
    members: /^rebaseQueued$/,
    mutator: /^ConditionalExpression$/,
    replacement: /^false$/,
    text: /out\.push\(previous === event\.previous_item_id \? event : \{ \.\.\.event, previous_item_id: previous \}\);/,
  },
  // stillQueued noting undefined (an event without event_id, a create without an item id, an
  // item_id of an event that is no delete: truncates were dropped by the rebase) in sets that are
  // only asked about string ids.
  {
    reason: 'equivalent',
    file: /client\/rebase-queue\.ts$/,
    members: /^stillQueued$/,
    mutator: /^ConditionalExpression$/,
    replacement: /^true$/,
    text: /if \((event\.event_id !== undefined|event\.type === '[\w.]+'( && typeof [\w.]+ === 'string')?)\) \w+\.add\(/,
  },
  // A response.created with no event id to match: '' and any other text no call used as its event id
  // find no reply; a fatal code list never holds the text either.
  {
    reason: 'equivalent',
    file: /client\/(receive-frame|server-handlers)\.ts$/,
    mutator: /^StringLiteral$/,
    replacement: /^"Stryker was here!"$/,
    text: /state\.pendingSays\.shift\(\)\)? \?\? '';|fatalErrorCodes\.has\(code \?\? ''\)/,
  },
  // belongsToFailedResponse's fallback: failedResponse is set only with the generation ended, and
  // response.created clears it before it starts the next one, so no generation runs while it is set.
  {
    reason: 'equivalent',
    file: /client\/receive-frame\.ts$/,
    members: /^belongsToFailedResponse$/,
    mutator: /^ConditionalExpression$/,
    replacement: /^true$/,
    text: /^\s*return deps\.state\.generation === undefined;$/,
  },
  // onOutputItemAdded's guard: readEvent reads an item id for a message only, and refuses a message
  // without one, so "not a message" and "no id" are the same test: either half, or both with &&, is enough.
  {
    reason: 'equivalent',
    file: /client\/server-handlers\.ts$/,
    members: /^onOutputItemAdded$/,
    mutator: /^(ConditionalExpression|LogicalOperator)$/,
    replacement: /^(false|event\.itemType !== 'message' && event\.itemId === undefined)$/,
    text: /if \(event\.itemType !== 'message' \|\| event\.itemId === undefined\) return;/,
  },
  // onOutputItemDone: mirror.get(undefined) is undefined, as the guard makes it.
  {
    reason: 'equivalent',
    file: /client\/server-handlers\.ts$/,
    members: /^onOutputItemDone$/,
    mutator: /^ConditionalExpression$/,
    replacement: /^false$/,
    text: /const mirrored = wire\.id === undefined \? undefined : deps\.state\.mirror\.get\(wire\.id\);/,
  },
  // syncChatCtx with no operation going on: Promise.all([]) settles at once and clears the timer it
  // set, at the same virtual instant.
  {
    reason: 'equivalent',
    file: /client\/session-chat-ctx\.ts$/,
    members: /^syncChatCtx$/,
    mutator: /^ConditionalExpression$/,
    replacement: /^false$/,
    text: /^\s*if \(ops\.length === 0\) return;$/,
  },
  // replaceMessageText's new message only feeds the diff, which (like the wire item) ignores createdAt;
  // the create's kind: opEvent tells only 'delete' apart.
  {
    reason: 'equivalent',
    file: /client\/session-chat-ctx\.ts$/,
    members: /^replaceMessageText$/,
    text: /\.\.\.\(current\.createdAt !== undefined \? \{ createdAt: current\.createdAt \} : \{\}\),/,
  },
  {
    reason: 'equivalent',
    file: /client\/session-chat-ctx\.ts$/,
    members: /^(create|rebaseOntoBurst)$/,
    mutator: /^StringLiteral$/,
    text: /opEvent\(host, \{ kind: 'create', item, previousItemId \}\)/,
  },
  // takeCreate: an id's list is deleted when it empties, so it is never found empty; kept empty, it
  // is read as no create (the test before).
  {
    reason: 'equivalent',
    file: /client\/session-state\.ts$/,
    members: /^takeCreate$/,
    mutator: /^ConditionalExpression$/,
    replacement: /^false$/,
    text: /if \((!asked \|\| )?asked\.length === 0\) (return undefined;|this\.createdAfter\.delete\(id\);)/,
  },
  // insert's walk back: at index 0, items[-1]?.createdAt is undefined and breaks the loop as
  // `index > 0` would; inside the loop index - 1 >= 0, so the item is there without `?.`.
  {
    reason: 'equivalent',
    file: /client\/chat\/chat-context\.ts$/,
    members: /^insert$/,
    replacement: /^(index >= 0|this\.items\[index - 1\]\.createdAt)$/,
  },
];

/**
 * The reason of one mutant.
 * @param {{ file: string, members: string[], text: string, mutator: string, replacement?: string }} mutant
 *   `members`: the names of the functions, methods and getters around the mutated line, innermost first.
 * @returns {string}
 */
export function survivorReason(mutant) {
  for (const rule of SURVIVOR_RULES) {
    if (!rule.file.test(mutant.file)) continue;
    if (rule.members && !mutant.members.some((m) => rule.members?.test(m))) continue;
    if (rule.text && !rule.text.test(mutant.text)) continue;
    if (rule.mutator && !rule.mutator.test(mutant.mutator)) continue;
    if (rule.replacement && !rule.replacement.test(mutant.replacement ?? '')) continue;
    return rule.reason;
  }
  return 'open';
}

const MEMBER =
  /^(\s*)(?:export\s+)?(?:(?:private|protected|public|override|readonly)\s+)*(?:async\s+)?(?:static\s+)?(?:(?:get|set)\s+)?(?:function\s+)?(#?[A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*\(|^(\s*)(?:export\s+)?(?:const|let)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:\([^)]*\)|[A-Za-z_$][\w$]*)\s*(?::[^=]+)?=>/;
const KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'function', 'new', 'super', 'await']);

/**
 * The functions, methods and getters that enclose a line, innermost first: each declaration
 * above it with less indentation.
 * @param {string[]} lines the file's source lines
 * @param {number} line 1-based
 * @returns {string[]}
 */
export function enclosingMembers(lines, line) {
  const out = [];
  const own = memberOf(lines[line - 1] ?? '');
  if (own !== undefined) out.push(own);
  let indent = indentOf(lines[line - 1] ?? '');
  for (let i = line - 2; i >= 0 && indent > 0; i--) {
    const text = lines[i] ?? '';
    // The closing `) {` of a signature written over several lines is not the member: its name
    // stands on the line that opens the signature, at the same indentation.
    if (text.trim() === '' || indentOf(text) >= indent || /^\s*\)/.test(text)) continue;
    indent = indentOf(text);
    const name = memberOf(text);
    if (name !== undefined) out.push(name);
  }
  return out;
}

/** @param {string} text */
function memberOf(text) {
  const m = MEMBER.exec(text);
  const name = m ? (m[2] ?? m[4]) : undefined;
  return name === undefined || KEYWORDS.has(name) ? undefined : name.replace(/^#/, '');
}

/** @param {string} text */
function indentOf(text) {
  return text.length - text.trimStart().length;
}
