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

  it('calls placeAfter’s type test forced on and its < bound equivalent, but not the bound forced on', () => {
    const text =
      "  for (let steps = 0; typeof previous === 'string' && leftOut.has(previous) && steps <= leftOut.size; steps++)";
    const base = { file: 'src/client/conversation-handlers.ts', members: ['placeAfter'], text };
    expect(reason({ ...base, mutator: 'ConditionalExpression', replacement: 'true' })).toBe('equivalent');
    expect(reason({ ...base, mutator: 'EqualityOperator', replacement: 'steps < leftOut.size' })).toBe('equivalent');
    expect(reason({ ...base, mutator: 'UpdateOperator', replacement: 'steps--' })).toBe('open');
    expect(reason({ ...base, mutator: 'ConditionalExpression', replacement: 'false' })).toBe('open');
  });

  it('files the empty-id fallback of onItemDeleted as log-only, but not the test for the empty id', () => {
    const text = "  if (id === '') id = state.itemDeletes.keys().next().value ?? '';";
    const base = { file: 'src/client/conversation-handlers.ts', members: ['onItemDeleted'], text };
    expect(reason({ ...base, mutator: 'StringLiteral', replacement: '"Stryker was here!"' })).toBe('log-only');
    expect(reason({ ...base, mutator: 'ConditionalExpression', replacement: 'false' })).toBe('open');
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
