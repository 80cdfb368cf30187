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

  it('files a timer label only when the mutant is the label string', () => {
    const text = "    }, GENERATE_REPLY_TIMEOUT_MS, 'generate_reply timeout');";
    expect(reason({ file: 'src/client/session.ts', members: [], text, mutator: 'StringLiteral' })).toBe('timer-label');
    expect(reason({ file: 'src/client/session.ts', members: [], text, mutator: 'ArithmeticOperator' })).toBe('open');
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
