/**
 * stryker/survivor-reasons.mjs files each undetected mutant under a reason; these cases pin
 * the rules' edges, so a rule that grows too wide (and hides a gap as "equivalent") fails here.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs module without type declarations
import { SURVIVOR_REASONS, SURVIVOR_RULES, enclosingMembers, survivorReason } from '../../stryker/survivor-reasons.mjs';

interface Mutant {
  file: string;
  members: string[];
  text: string;
  mutator: string;
  replacement?: string;
}
const reason = survivorReason as (m: Mutant) => string;
const members = enclosingMembers as (lines: string[], line: number) => string[];

const SOURCE = [
  'export class Emitter {',
  '  on(name: string, listener: Listener): this {',
  '    const list = this.listeners.get(name) ?? [];',
  '    if (list.length > 0) {',
  '      list.push(listener);',
  '    }',
  '    return this;',
  '  }',
  '  private assertNewId(id: string): void {',
  '    const bad = (message: string): never => {',
  '      throw new Error(message);',
  '    };',
  '  }',
  '}',
];

describe('enclosingMembers', () => {
  it('names the method around a line, through nested blocks', () => {
    expect(members(SOURCE, 5)).toEqual(['on']);
  });

  it('names an arrow function held in a const, inside a private method, innermost first', () => {
    expect(members(SOURCE, 11)).toEqual(['bad', 'assertNewId']);
  });

  it('names the member declared on the mutated line itself', () => {
    expect(members(SOURCE, 2)).toEqual(['on']);
  });

  it('names a constructor whose signature spans several lines, not its closing parenthesis', () => {
    const lines = ['class A {', '  constructor(', '    readonly a: number,', '  ) {', '    this.b = a;', '  }', '}'];
    expect(members(lines, 5)).toEqual(['constructor']);
  });

  it('names nothing for a line outside any member', () => {
    expect(members(SOURCE, 1)).toEqual([]);
  });
});

describe('survivorReason', () => {
  it('files the emitter’s off() as API no exchange reaches, but not on(): listenerThrows calls it', () => {
    expect(reason({ file: 'src/client/emitter.ts', members: ['off'], text: 'x', mutator: 'BlockStatement' })).toBe(
      'unreachable-api',
    );
    expect(reason({ file: 'src/client/emitter.ts', members: ['on'], text: 'x', mutator: 'BlockStatement' })).toBe(
      'open',
    );
  });

  it('leaves the emitter’s emit() open: the harness reaches it', () => {
    expect(reason({ file: 'src/client/emitter.ts', members: ['emit'], text: 'x', mutator: 'BlockStatement' })).toBe(
      'open',
    );
  });

  it('calls an optional assignment forced on equivalent, but forced off open', () => {
    const text = '    if (options.voice !== undefined) item.voice = options.voice;';
    const base = { file: 'src/client/session.ts', members: ['say'], text, mutator: 'ConditionalExpression' };
    expect(reason({ ...base, replacement: 'true' })).toBe('equivalent');
    expect(reason({ ...base, replacement: 'false' })).toBe('open');
  });

  it('calls insert’s walk back at index 0 equivalent, but not a walk that stops at once', () => {
    const base = { file: 'src/client/chat/chat-context.ts', members: ['insert'], text: '      while (index > 0) {' };
    expect(reason({ ...base, mutator: 'EqualityOperator', replacement: 'index >= 0' })).toBe('equivalent');
    expect(reason({ ...base, mutator: 'EqualityOperator', replacement: 'index <= 0' })).toBe('open');
    expect(reason({ ...base, mutator: 'ConditionalExpression', replacement: 'false' })).toBe('open');
  });

  it('leaves ChatContext.toJSON open: the harness checks it since issue 12', () => {
    const m = { file: 'src/client/chat/chat-context.ts', members: ['toJSON'], text: 'x', mutator: 'BlockStatement' };
    expect(reason(m)).toBe('open');
  });

  it('calls a conditional spread forced on equivalent, but forced off open', () => {
    const text =
      "      content.push({ type: 'image_content', image: url, ...(mime !== undefined ? { mimeType: mime } : {}) });";
    const base = {
      file: 'src/client/chat/convert.ts',
      members: ['contentFromWire'],
      text,
      mutator: 'ConditionalExpression',
    };
    expect(reason({ ...base, replacement: 'true' })).toBe('equivalent');
    expect(reason({ ...base, replacement: 'false' })).toBe('open');
  });

  it('files the mirror’s refusal of an id twice as an argument check, but not that of an unknown previous', () => {
    const base = { file: 'src/client/chat/remote-chat-context.ts', members: ['insert'] };
    const test = '    if (this.byId.has(item.id)) {';
    expect(reason({ ...base, text: test, mutator: 'ConditionalExpression', replacement: 'false' })).toBe(
      'argument-check',
    );
    expect(reason({ ...base, text: "        'RTSIM_CHAT_DUPLICATE_ID',", mutator: 'StringLiteral' })).toBe(
      'argument-check',
    );
    const unknown = "        'RTSIM_CHAT_UNKNOWN_PREVIOUS',";
    expect(reason({ ...base, text: unknown, mutator: 'StringLiteral', replacement: '""' })).toBe('open');
  });

  it('files an unsupported item’s text as log-only, but not its code', () => {
    const base = { file: 'src/client/chat/convert.ts', members: ['fromWireItem'], mutator: 'StringLiteral' };
    expect(reason({ ...base, text: "        { type, id: item['id'] }," })).toBe('log-only');
    expect(reason({ ...base, text: "        'RTSIM_CHAT_UNSUPPORTED_ITEM'," })).toBe('open');
  });

  it('calls the history’s early growth or a trim by 0 equivalent, a trim that never happens memory-only', () => {
    const base = { file: 'src/audio/resampler.ts', members: ['drain'], text: '    if (keepFrom > 0) {' };
    expect(reason({ ...base, mutator: 'EqualityOperator', replacement: 'keepFrom >= 0' })).toBe('equivalent');
    expect(reason({ ...base, mutator: 'ConditionalExpression', replacement: 'true' })).toBe('equivalent');
    expect(reason({ ...base, mutator: 'EqualityOperator', replacement: 'keepFrom <= 0' })).toBe('memory-only');
    expect(reason({ ...base, mutator: 'ConditionalExpression', replacement: 'false' })).toBe('memory-only');
    expect(reason({ ...base, mutator: 'BlockStatement', replacement: '{}' })).toBe('memory-only');
    const loop = '    for (let k = 0; k < out.length; k++) {';
    expect(reason({ ...base, text: loop, mutator: 'ConditionalExpression', replacement: 'false' })).toBe('open');
  });

  it('files createResampler’s rate checks as argument checks, its equal-rate pass-through as unreachable', () => {
    const base = { file: 'src/audio/resampler.ts', members: ['createResampler'] };
    expect(reason({ ...base, text: '  ] as const) {', mutator: 'BlockStatement', replacement: '{}' })).toBe(
      'argument-check',
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a source line with a template literal, as text
    const message = '        `resampler: ${name} must be a positive integer in Hz, got ${String(rate)}`,';
    expect(reason({ ...base, text: message, mutator: 'StringLiteral', replacement: "''" })).toBe('argument-check');
    const equal = '  if (inputRate === outputRate) return new PassThrough(inputRate);';
    const cond = { ...base, text: equal, mutator: 'ConditionalExpression' };
    expect(reason({ ...cond, replacement: 'false' })).toBe('unreachable-api');
    expect(reason({ ...cond, replacement: 'true' })).toBe('open');
  });

  it('calls AudioInput’s pass-through and empty-part shortcuts equivalent, but not the 24 kHz path forced on', () => {
    const base = { file: 'src/client/audio/audio-input.ts', members: ['push'], mutator: 'ConditionalExpression' };
    const wire = '    if (frame.sampleRate === WIRE_SAMPLE_RATE) {';
    expect(reason({ ...base, text: wire, replacement: 'false' })).toBe('equivalent');
    expect(reason({ ...base, text: wire, replacement: 'true' })).toBe('open');
    const part = '      if (part.length > 0) chunks.push(...this.chunker.push(pcm16ToBytes(part)));';
    expect(reason({ ...base, text: part, replacement: 'true' })).toBe('equivalent');
    expect(reason({ ...base, text: part, mutator: 'EqualityOperator', replacement: 'part.length >= 0' })).toBe(
      'equivalent',
    );
    expect(reason({ ...base, text: part, replacement: 'false' })).toBe('open');
  });

  it('calls the commit refusal as {}, concat’s and flush’s shortcuts equivalent, but not the threshold', () => {
    const commit = { file: 'src/client/audio/audio-input.ts', members: ['commit'] };
    const below = '    if (total < MIN_COMMIT_SAMPLES) return { remainder: null, commit: false };';
    expect(reason({ ...commit, text: below, mutator: 'ObjectLiteral', replacement: '{}' })).toBe('equivalent');
    expect(reason({ ...commit, text: below, mutator: 'EqualityOperator', replacement: 'total <= X' })).toBe('open');
    const shortcut = { mutator: 'ConditionalExpression', replacement: 'false' };
    const concat = '  if (b.length === 0 && a) return a;';
    expect(reason({ file: 'src/client/audio/audio-input.ts', members: ['concat'], text: concat, ...shortcut })).toBe(
      'equivalent',
    );
    const flush = '    if (this.filled === 0) return null;';
    expect(reason({ file: 'src/client/audio/chunker.ts', members: ['flush'], text: flush, ...shortcut })).toBe(
      'equivalent',
    );
    expect(reason({ file: 'src/client/audio/chunker.ts', members: ['push'], text: flush, ...shortcut })).toBe('open');
  });

  it('calls the downmix loop one step long equivalent, but not one that never runs', () => {
    const base = {
      file: 'src/client/audio/downmix.ts',
      members: ['downmixToMono'],
      text: '  for (let i = 0; i < n; i++) {',
      mutator: 'EqualityOperator',
    };
    expect(reason({ ...base, replacement: 'i <= n' })).toBe('equivalent');
    expect(reason({ ...base, replacement: 'i >= n' })).toBe('open');
    const unrolled = { ...base, text: '  for (const end = n - 3; i < end; i += 4) {' };
    for (const replacement of ['n + 3', 'i <= end', 'i >= end', 'false'])
      expect(reason({ ...unrolled, mutator: 'EqualityOperator', replacement })).toBe('equivalent');
    expect(reason({ ...unrolled, mutator: 'AssignmentOperator', replacement: 'i -= 4' })).toBe('open');
  });

  it('files the fields of timeout_triggered and session.created as log-only, but not a field a handler uses', () => {
    const base = { file: 'src/client/read-event.ts', members: ['dropUndefined'], mutator: 'StringLiteral' };
    for (const text of [
      "      itemId: f.optString('item_id'),",
      "      audioEndMs: f.optNumber('audio_end_ms'),",
      "      voice: f.optString('session.voice'),",
    ])
      expect(reason({ ...base, text, replacement: '""' })).toBe('log-only');
    expect(reason({ ...base, text: "      itemId: f.string('item_id'),", replacement: '""' })).toBe('open');
    expect(reason({ ...base, text: "      partType: f.optString('part.type'),", replacement: '""' })).toBe('open');
    const partDone = "const partDone: Reader = (_f, b) => ({ ...b, kind: 'part_done' });";
    expect(reason({ ...base, members: [], text: partDone, replacement: '""' })).toBe('log-only');
  });

  it('files optNumber as log-only and the unreadable error’s details as a cause’s, but not optString', () => {
    const fields = { file: 'src/client/read-fields.ts', text: 'x', mutator: 'BlockStatement' };
    expect(reason({ ...fields, members: ['optNumber'] })).toBe('log-only');
    expect(reason({ ...fields, members: ['optString'] })).toBe('open');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a source line with a template literal, as text
    const line = '    super(ClientErrorCode.eventUnreadable, `${eventType}: ${why}`, { eventType });';
    const error = { file: 'src/client/read-fields.ts', members: ['constructor'], text: line };
    expect(reason({ ...error, mutator: 'ObjectLiteral', replacement: '{}' })).toBe('cause-details');
    expect(reason({ ...error, mutator: 'StringLiteral', replacement: '``' })).toBe('open');
  });

  it('calls an absent responseId set to undefined and unfiltered usage sources equivalent, not a lost one', () => {
    const text = '  return reader(f, responseId === undefined ? { type } : { type, responseId });';
    const base = { file: 'src/client/read-event.ts', members: ['readServerEvent'], text };
    expect(reason({ ...base, mutator: 'ConditionalExpression', replacement: 'false' })).toBe('equivalent');
    expect(reason({ ...base, mutator: 'ConditionalExpression', replacement: 'true' })).toBe('open');
    const usage = { file: 'src/client/read-usage.ts', members: ['readUsage'] };
    const filter = '  const sources = [nested, topLevel].filter(isJson);';
    expect(reason({ ...usage, text: filter, mutator: 'MethodExpression' })).toBe('equivalent');
    const pick = "      if (typeof value === 'number' && Number.isFinite(value)) return value;";
    expect(reason({ ...usage, members: ['pick', 'readUsage'], text: pick, mutator: 'ConditionalExpression' })).toBe(
      'open',
    );
  });

  it('files a timer label only when the mutant is the label string', () => {
    const text = "    }, GENERATE_REPLY_TIMEOUT_MS, 'generate_reply timeout');";
    expect(reason({ file: 'src/client/session.ts', members: [], text, mutator: 'StringLiteral' })).toBe('timer-label');
    expect(reason({ file: 'src/client/session.ts', members: [], text, mutator: 'ArithmeticOperator' })).toBe('open');
  });

  it('files emit()’s return and named listeners as unreachable, a bad any-listener as log-only', () => {
    const emit = { file: 'src/client/emitter.ts', members: ['emit'], mutator: 'ConditionalExpression' };
    expect(reason({ ...emit, text: '    return list.length + this.anyListeners.length > 0;' })).toBe('unreachable-api');
    const named = '    for (const listener of list) this.call(name, () => listener(payload));';
    expect(reason({ ...emit, text: named, mutator: 'ArrowFunction' })).toBe('unreachable-api');
    const any = '    for (const listener of [...this.anyListeners]) this.call(name, () => listener(name, payload));';
    expect(reason({ ...emit, text: any, mutator: 'ArrowFunction' })).toBe('open');
    const field = '  private readonly anyListeners: AnyListener<E>[] = [];';
    expect(reason({ file: 'src/client/emitter.ts', members: [], text: field, mutator: 'ArrayDeclaration' })).toBe(
      'log-only',
    );
  });

  it('files the abort path of SendQueue.wait as equivalent, but not its closed check or its wake-up', () => {
    const base = { file: 'src/client/send-queue.ts', mutator: 'ConditionalExpression' };
    const guard = '    if (this.isClosed || signal?.aborted) return Promise.resolve(false);';
    expect(reason({ ...base, members: ['wait'], text: guard, mutator: 'OptionalChaining' })).toBe('equivalent');
    expect(reason({ ...base, members: ['wait'], text: guard })).toBe('open');
    const filter = '        this.waiters = this.waiters.filter((w) => w !== waiter);';
    expect(reason({ ...base, members: ['onAbort', 'wait'], text: filter })).toBe('equivalent');
    const listen = "      signal?.addEventListener('abort', onAbort, { once: true });";
    expect(reason({ ...base, members: ['wait'], text: listen, mutator: 'BooleanLiteral' })).toBe('equivalent');
    const wake = '        resolve(this.items.length > 0);';
    expect(reason({ ...base, members: ['waiter', 'wait'], text: wake })).toBe('open');
    expect(reason({ ...base, members: ['wake'], text: '    for (const waiter of waiters) waiter();' })).toBe('open');
  });

  it('files the ignored-frame count as log-only, APIConnectionError’s retryable ?? as && as equivalent', () => {
    const count = { file: 'src/client/receive-frame.ts', members: [], mutator: 'UpdateOperator' };
    expect(reason({ ...count, text: '      state.foreignResponseFrames++;' })).toBe('log-only');
    const line =
      "    super(message, { ...opts, code: opts.code ?? 'RTSIM_CLIENT_CONNECTION', " +
      'retryable: opts.retryable ?? true });';
    const base = { file: 'src/client/errors.ts', members: ['constructor'], text: line };
    expect(reason({ ...base, mutator: 'LogicalOperator' })).toBe('equivalent');
    expect(reason({ ...base, mutator: 'BooleanLiteral' })).toBe('open');
  });

  it('files the socket steps’ dead branches as equivalent, but not the close grace', () => {
    const runner = { file: 'src/client/socket-runner.ts', members: ['runSocket'], mutator: 'ConditionalExpression' };
    const lastClose = "  if (ws.readyState === ReadyState.OPEN) closeQuietly(ws, 1000, '');";
    expect(reason({ ...runner, text: lastClose, replacement: 'false' })).toBe('equivalent');
    const loop = "  sendLoop().catch((error: unknown) => abandon(1000, '', error instanceof Error ? error : x));";
    expect(reason({ ...runner, members: ['sendLoop', 'runSocket'], text: loop, mutator: 'ArrowFunction' })).toBe(
      'equivalent',
    );
    const grace =
      "    graceTimer = clock.setTimeout(() => ended.resolve({ code: 1000, reason }), CLOSE_GRACE_MS, 'x');";
    expect(reason({ ...runner, members: ['beginClose', 'runSocket'], text: grace, mutator: 'ArrowFunction' })).toBe(
      'open',
    );
    const sockets = { file: 'src/client/session-sockets.ts', members: ['reconnect'] };
    const check = '        if (ws.readyState !== ReadyState.OPEN) throw new Error(`socket readyState is 3, not OPEN`);';
    expect(reason({ ...sockets, text: check, mutator: 'ConditionalExpression', replacement: 'false' })).toBe(
      'equivalent',
    );
    expect(reason({ ...sockets, text: check, mutator: 'EqualityOperator' })).toBe('open');
    expect(reason({ ...sockets, members: [], text: '  #socketAnswered = false;', mutator: 'BooleanLiteral' })).toBe(
      'equivalent',
    );
    expect(
      reason({ ...sockets, members: [], text: '    this.#socketAnswered = false;', mutator: 'BooleanLiteral' }),
    ).toBe('open');
    const create = "    if (event.type === 'conversation.item.create' && typeof event.item.id === 'string') {";
    const onSend = { ...sockets, members: ['onSend'], text: create, mutator: 'ConditionalExpression' };
    expect(reason({ ...onSend, replacement: 'true' })).toBe('equivalent');
    expect(reason({ ...onSend, replacement: 'false' })).toBe('open');
  });

  it('files a second close(), a dead queue’s clear and pushVideo’s role, not the rest of close or the queue', () => {
    const session = { file: 'src/client/session.ts', mutator: 'ConditionalExpression', replacement: 'true' };
    expect(reason({ ...session, members: ['close'], text: '    if (!this.#closing) {' })).toBe('idempotent-guard');
    expect(reason({ ...session, members: ['close'], text: '      this.#queue.close();' })).toBe('open');
    const role = { ...session, members: ['pushVideo'], text: "      role: 'user',", mutator: 'StringLiteral' };
    expect(reason(role)).toBe('equivalent');
    expect(reason({ ...role, members: ['say'] })).toBe('open');
    const queue = { file: 'src/client/send-queue.ts', text: '  clear(): void {', mutator: 'BlockStatement' };
    expect(reason({ ...queue, members: ['clear'] })).toBe('equivalent');
    expect(reason({ ...queue, members: ['rewrite'] })).toBe('open');
  });

  it('files the model’s env, default transport and baseURL message, but not its logger or socket factory', () => {
    const model = { file: 'src/client/model.ts', members: ['constructor'], mutator: 'LogicalOperator' };
    const env = '    const apiKey = resolveApiKey(opts.apiKey, opts.env ?? process.env);';
    expect(reason({ ...model, text: env })).toBe('unreachable-api');
    // Golden files record the harness logger's lines: the console in its place is seen.
    expect(reason({ ...model, text: '    this.logger = opts.logger ?? consoleLogger;' })).toBe('open');
    const ws = '    if (this.#WebSocket) return webSocketClassFactory(this.#WebSocket);';
    const factory = { ...model, members: ['factory'], text: ws, mutator: 'ConditionalExpression' };
    expect(reason({ ...factory, replacement: 'true' })).toBe('unreachable-api');
    expect(reason({ ...factory, replacement: 'false' })).toBe('open');
    const url = { file: 'src/client/url.ts', members: ['processBaseUrl'], mutator: 'StringLiteral' };
    expect(reason({ ...url, text: '        JSON.stringify(redactCredentials(baseUrl)),' })).toBe('argument-check');
    expect(reason({ ...url, text: "  if (!query.has('model')) query.append('model', model);" })).toBe('open');
  });

  it('files the handshake’s close without an error and an open socket’s bare error under socket events', () => {
    const conn = { file: 'src/client/connection.ts', members: ['onClose', 'connectSocket'] };
    const why = "        errorText !== '' ? errorText : `closed with code X`;";
    expect(reason({ ...conn, text: why, mutator: 'ConditionalExpression', replacement: 'true' })).toBe('socket-events');
    expect(reason({ ...conn, text: why, mutator: 'ConditionalExpression', replacement: 'false' })).toBe('open');
    expect(reason({ ...conn, text: why, mutator: 'StringLiteral', replacement: "''" })).toBe('socket-events');
    const first = { ...conn, members: ['connectSocket'], text: "    let errorText = '';" };
    expect(reason({ ...first, mutator: 'StringLiteral', replacement: '"Stryker was here!"' })).toBe('socket-events');
    const onError = '    errorText = event.message ?? describe(event.error);';
    expect(reason({ ...conn, members: ['onError'], text: onError, mutator: 'LogicalOperator' })).toBe('open');
    const runner = { file: 'src/client/socket-runner.ts', members: ['onError', 'runSocket'] };
    const last = "    lastError = event.message ?? (event.error instanceof Error ? event.error.message : '');";
    expect(reason({ ...runner, text: last, mutator: 'LogicalOperator' })).toBe('socket-events');
    expect(reason({ ...runner, text: last, mutator: 'ConditionalExpression', replacement: 'false' })).toBe('open');
  });

  it('files refusing a non-object item and deleting an unknown id as checks the session never reaches', () => {
    const item = {
      file: 'src/client/chat/convert.ts',
      members: ['fromWireItem'],
      text: '  if (!isPlainObject(item)) throw bad(`expected an object, got …`);',
      mutator: 'ConditionalExpression',
    };
    expect(reason(item)).toBe('argument-check');
    const role = '    throw bad(`message …: field "role" must be user, assistant, system or developer`);';
    expect(reason({ ...item, text: role })).toBe('open');
    const del = { file: 'src/client/chat/remote-chat-context.ts', members: ['delete'], mutator: 'StringLiteral' };
    expect(reason({ ...del, text: "        'RTSIM_CHAT_UNKNOWN_ITEM'," })).toBe('argument-check');
    expect(reason({ ...del, text: '    if (!node) {', mutator: 'BlockStatement' })).toBe('argument-check');
    expect(
      reason({ ...del, text: '    if (node.prev) node.prev.next = node.next;', mutator: 'ConditionalExpression' }),
    ).toBe('open');
  });

  it('files the LCS read as a set, items always there and the create kind as equivalent in diff.ts', () => {
    const lcs = {
      file: 'src/client/chat/diff.ts',
      members: ['longestCommonSubsequence'],
      text: '  return out.reverse();',
    };
    expect(reason({ ...lcs, mutator: 'MethodExpression', replacement: 'out' })).toBe('equivalent');
    expect(
      reason({ ...lcs, text: '  while (i > 0 && j > 0) {', mutator: 'EqualityOperator', replacement: 'i >= 0' }),
    ).toBe('equivalent');
    expect(reason({ ...lcs, text: '      i--;', mutator: 'UpdateOperator', replacement: 'i++' })).toBe('open');
    const diff = { file: 'src/client/chat/diff.ts', members: ['emptyInMirror', 'updateChatCtxOps'] };
    const empty = "    return it?.type === 'message' && it.content.length === 0;";
    expect(reason({ ...diff, text: empty, mutator: 'OptionalChaining' })).toBe('equivalent');
    expect(reason({ ...diff, text: empty, mutator: 'ConditionalExpression' })).toBe('open');
    const kind = { file: 'src/client/chat/diff.ts', members: ['create', 'updateChatCtxOps'], mutator: 'StringLiteral' };
    expect(reason({ ...kind, text: "    kind: 'create'," })).toBe('equivalent');
    expect(reason({ ...kind, text: "    if (!emptyInMirror(id)) ops.push({ kind: 'delete', itemId: id });" })).toBe(
      'open',
    );
  });

  it('files a content list of one string part and the last default of the part switch as equivalent', () => {
    const convert = { file: 'src/client/chat/convert.ts', members: ['fromWireItem'] };
    const parts = "  const parts = item['content'] ?? [];";
    expect(reason({ ...convert, text: parts, mutator: 'ArrayDeclaration' })).toBe('equivalent');
    expect(reason({ ...convert, text: parts, mutator: 'LogicalOperator' })).toBe('open');
    const cases = {
      file: 'src/client/chat/convert.ts',
      members: ['contentFromWire'],
      mutator: 'ConditionalExpression',
    };
    expect(reason({ ...cases, text: '      default:' })).toBe('equivalent');
    expect(reason({ ...cases, text: "      case 'input_audio': {" })).toBe('open');
  });

  it('calls placeAfter’s type test forced on and its < bound equivalent, but not the bound forced on', () => {
    const text =
      "  for (let steps = 0; typeof previous === 'string' && leftOut.has(previous) && steps <= leftOut.size; steps++)";
    const base = { file: 'src/client/conversation-handlers.ts', members: ['placeAfter'], text };
    expect(reason({ ...base, mutator: 'ConditionalExpression', replacement: 'true' })).toBe('equivalent');
    expect(reason({ ...base, mutator: 'EqualityOperator', replacement: 'steps < leftOut.size' })).toBe('equivalent');
    expect(reason({ ...base, mutator: 'UpdateOperator', replacement: 'steps--' })).toBe('open');
    expect(reason({ ...base, mutator: 'ConditionalExpression', replacement: 'false' })).toBe('open');
  });

  it('calls a null previous_item_id read as undefined and readUsage’s typeof check equivalent', () => {
    const previous = "    previousItemId: typeof previous === 'string' || previous === null ? previous : undefined,";
    const event = { file: 'src/client/read-event.ts', members: ['itemAdded'], text: previous };
    expect(reason({ ...event, mutator: 'ConditionalExpression', replacement: 'false' })).toBe('equivalent');
    expect(reason({ ...event, mutator: 'ConditionalExpression', replacement: 'true' })).toBe('open');
    const usage = "      if (typeof value === 'number' && Number.isFinite(value)) return value;";
    const pick = { file: 'src/client/read-usage.ts', members: ['pick', 'readUsage'], text: usage };
    expect(reason({ ...pick, mutator: 'ConditionalExpression', replacement: 'true' })).toBe('equivalent');
    expect(reason({ ...pick, mutator: 'ConditionalExpression', replacement: 'false' })).toBe('open');
  });

  it('calls the foreign-frame warning’s ?. on the generation equivalent, but not its other fields', () => {
    const base = { file: 'src/client/receive-frame.ts', members: ['receiveFrame'], mutator: 'OptionalChaining' };
    expect(reason({ ...base, text: '        inFlight: state.generation?.responseId,' })).toBe('equivalent');
    expect(reason({ ...base, text: '        responseId: read.responseId,', mutator: 'ObjectLiteral' })).toBe('open');
  });

  it('leaves the empty-id fallback of onItemDeleted open: the warning it picks is recorded', () => {
    const text = "  if (id === '') id = state.itemDeletes.keys().next().value ?? '';";
    const base = { file: 'src/client/conversation-handlers.ts', members: ['onItemDeleted'], text };
    expect(reason({ ...base, mutator: 'StringLiteral', replacement: '"Stryker was here!"' })).toBe('open');
    expect(reason({ ...base, mutator: 'ConditionalExpression', replacement: 'false' })).toBe('open');
  });

  it('files debug and info log calls and the console sink as log-only, never a warning or an error', () => {
    const handlers = { file: 'src/client/server-handlers.ts', members: ['onResponseDone'], mutator: 'StringLiteral' };
    expect(reason({ ...handlers, text: "    deps.logger.debug('response cancelled', {" })).toBe('log-only');
    expect(reason({ ...handlers, text: "    deps.logger.warn('response.done with an unknown status', {" })).toBe(
      'open',
    );
    const logger = { file: 'src/client/logger.ts', members: ['warn'], mutator: 'StringLiteral' };
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a source line with a template literal, as text
    const sink = "    console.warn(`[rt-sim client] ${message}`, fields ?? '');";
    expect(reason({ ...logger, text: sink })).toBe('log-only');
    const wrap = {
      file: 'src/client/logger.ts',
      members: ['wrap'],
      text: '      if (fields === undefined) logger[level](text);',
    };
    expect(reason({ ...wrap, mutator: 'ConditionalExpression', replacement: 'false' })).toBe('equivalent');
    expect(reason({ ...wrap, mutator: 'ConditionalExpression', replacement: 'true' })).toBe('open');
    const tools = { file: 'src/client/chat/tools.ts', members: ['validateTool'], mutator: 'StringLiteral' };
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a source line with a template literal, as text
    const refusal = '    return `tool "${name}": description must be a string, got ${typeof x}`;';
    expect(reason({ ...tools, text: refusal })).toBe('open');
  });

  it('calls the rebase’s place() test and unchanged-create copy equivalent, but not its root branch', () => {
    const file = 'src/client/rebase-queue.ts';
    const place = {
      file,
      members: ['place', 'rebaseQueued'],
      text:
        "    else if (typeof previous === 'string' && conv.includes(previous)) " +
        'conv.splice(conv.indexOf(previous) + 1, 0, id);',
    };
    expect(reason({ ...place, mutator: 'ConditionalExpression', replacement: 'true' })).toBe('equivalent');
    expect(reason({ ...place, mutator: 'ConditionalExpression', replacement: 'false' })).toBe('open');
    expect(reason({ ...place, mutator: 'ArithmeticOperator', replacement: 'conv.indexOf(previous) - 1' })).toBe('open');
    const root = { file, members: ['place', 'rebaseQueued'], text: "    if (previous === 'root') conv.unshift(id);" };
    expect(reason({ ...root, mutator: 'ConditionalExpression', replacement: 'true' })).toBe('open');
    const copy = {
      file,
      members: ['rebaseQueued'],
      text: '    out.push(previous === event.previous_item_id ? event : { ...event, previous_item_id: previous });',
      mutator: 'ConditionalExpression',
    };
    expect(reason({ ...copy, replacement: 'false' })).toBe('equivalent');
    expect(reason({ ...copy, replacement: 'true' })).toBe('open');
  });

  it('calls stillQueued’s tests forced on equivalent, but not forced off', () => {
    const base = { file: 'src/client/rebase-queue.ts', members: ['stillQueued'], mutator: 'ConditionalExpression' };
    const text = "    if (event.type === 'conversation.item.delete') deletes.add(event.item_id);";
    expect(reason({ ...base, text, replacement: 'true' })).toBe('equivalent');
    expect(reason({ ...base, text, replacement: 'false' })).toBe('open');
  });

  it('calls a no-id fallback string and the no-op chat update equivalent, but not the update’s timeout', () => {
    const say = "  const eventId = event.clientEventId ?? state.pendingSays.shift() ?? '';";
    const handlers = {
      file: 'src/client/server-handlers.ts',
      members: ['onResponseCreated'],
      mutator: 'StringLiteral',
    };
    expect(reason({ ...handlers, text: say, replacement: '"Stryker was here!"' })).toBe('equivalent');
    const ctx = { file: 'src/client/session-chat-ctx.ts', members: ['syncChatCtx'], mutator: 'ConditionalExpression' };
    expect(reason({ ...ctx, text: '  if (ops.length === 0) return;', replacement: 'false' })).toBe('equivalent');
    expect(reason({ ...ctx, text: '  if (ops.length === 0) return;', replacement: 'true' })).toBe('open');
    expect(reason({ ...ctx, text: '      UPDATE_CHAT_CTX_TIMEOUT_MS,', replacement: 'false' })).toBe('open');
  });

  it('calls takeCreate’s empty-list tests forced off equivalent, but not forced on', () => {
    const base = { file: 'src/client/session-state.ts', members: ['takeCreate'], mutator: 'ConditionalExpression' };
    const text = '    if (asked.length === 0) this.createdAfter.delete(id);';
    expect(reason({ ...base, text, replacement: 'false' })).toBe('equivalent');
    expect(reason({ ...base, text, replacement: 'true' })).toBe('open');
  });

  it('calls either half of onOutputItemAdded’s guard equivalent, but not the guard forced on', () => {
    const text = "  if (event.itemType !== 'message' || event.itemId === undefined) return;";
    const base = { file: 'src/client/server-handlers.ts', members: ['onOutputItemAdded'], text };
    expect(reason({ ...base, mutator: 'ConditionalExpression', replacement: 'false' })).toBe('equivalent');
    const both = "event.itemType !== 'message' && event.itemId === undefined";
    expect(reason({ ...base, mutator: 'LogicalOperator', replacement: both })).toBe('equivalent');
    expect(reason({ ...base, mutator: 'ConditionalExpression', replacement: 'true' })).toBe('open');
  });

  it('files only the socket inbox’s post-hand-over guards as virtual-clock, not its held events', () => {
    const inbox = { file: 'src/client/socket-inbox.ts', members: ['#onMessage'] };
    const line = "  readonly #onMessage = (event): void => void this.#held?.push({ type: 'message', event });";
    expect(reason({ ...inbox, text: line, mutator: 'OptionalChaining' })).toBe('virtual-clock');
    expect(reason({ ...inbox, text: line, mutator: 'ArrowFunction' })).toBe('open');
    expect(reason({ ...inbox, text: line, mutator: 'StringLiteral' })).toBe('open');
    const release = { file: 'src/client/socket-inbox.ts', members: ['release'], text: '  release(): void {' };
    expect(reason({ ...release, mutator: 'BlockStatement' })).toBe('virtual-clock');
  });

  it('files nothing outside src/client', () => {
    expect(reason({ file: 'src/harness/observe.ts', members: ['on'], text: 'logger.warn(x)', mutator: 'X' })).toBe(
      'open',
    );
  });

  it('has a reason for every rule, and every reason but open is some rule’s', () => {
    const ids = (SURVIVOR_REASONS as { id: string }[]).map((r) => r.id);
    const used = new Set((SURVIVOR_RULES as { reason: string }[]).map((r) => r.reason));
    for (const id of used) expect(ids).toContain(id);
    expect(ids.filter((id) => !used.has(id))).toEqual(['open']);
  });
});
