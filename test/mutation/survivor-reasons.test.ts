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
  it('files the emitter’s on() under the API no server exchange reaches', () => {
    expect(reason({ file: 'src/client/emitter.ts', members: ['on'], text: 'x', mutator: 'BlockStatement' })).toBe(
      'unreachable-api',
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

  it('files the mirror refusals’ texts as log-only, but not the test that refuses', () => {
    const base = { file: 'src/client/chat/remote-chat-context.ts', members: ['insert'] };
    const code = "        'RTSIM_CHAT_UNKNOWN_PREVIOUS',";
    expect(reason({ ...base, text: code, mutator: 'StringLiteral', replacement: '""' })).toBe('log-only');
    const test = '    if (this.byId.has(item.id)) {';
    expect(reason({ ...base, text: test, mutator: 'ConditionalExpression', replacement: 'false' })).toBe('open');
  });

  it('files an unsupported item’s text as log-only, but not its code', () => {
    const base = { file: 'src/client/chat/convert.ts', members: ['fromWireItem'], mutator: 'StringLiteral' };
    expect(reason({ ...base, text: "        { type, id: item['id'] }," })).toBe('log-only');
    expect(reason({ ...base, text: "        'RTSIM_CHAT_UNSUPPORTED_ITEM'," })).toBe('open');
  });

  it('calls the resampler history’s early growth equivalent, but not a trim that never happens', () => {
    const base = { file: 'src/audio/resampler.ts', members: ['drain'], text: '    if (keepFrom > 0) {' };
    expect(reason({ ...base, mutator: 'EqualityOperator', replacement: 'keepFrom >= 0' })).toBe('equivalent');
    expect(reason({ ...base, mutator: 'EqualityOperator', replacement: 'keepFrom <= 0' })).toBe('open');
    expect(reason({ ...base, mutator: 'ConditionalExpression', replacement: 'false' })).toBe('open');
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
