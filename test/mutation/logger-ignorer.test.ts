/**
 * The mutation run's ignorer (stryker/logger-ignorer.mjs) leaves out only what no scenario
 * can see: debug and info log calls, and `if`s whose every branch only writes those. Warnings
 * and errors (golden files record them) and anything else in a branch (a return, an
 * assignment, a call that is not a log) keep their mutants.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs Stryker plugin without type declarations
import { isLoggerCall, onlyLogs } from '../../stryker/logger-ignorer.mjs';

type Node = Record<string, unknown>;
const id = (name: string): Node => ({ type: 'Identifier', name });
const member = (object: Node, name: string): Node => ({ type: 'MemberExpression', object, property: id(name) });
const call = (callee: Node): Node => ({ type: 'CallExpression', callee, arguments: [] });
const statement = (expression: Node): Node => ({ type: 'ExpressionStatement', expression });
const block = (...body: Node[]): Node => ({ type: 'BlockStatement', body });
const ifElse = (consequent: Node, alternate: Node | null = null): Node => ({
  type: 'IfStatement',
  test: id('x'),
  consequent,
  alternate,
});

const log = statement(call(member(id('logger'), 'info')));
const warn = statement(call(member(id('logger'), 'warn')));
const depsLog = statement(call(member(member(id('deps'), 'logger'), 'debug')));
const work = statement(call(member(id('state'), 'delete')));
const ret: Node = { type: 'ReturnStatement', argument: null };

describe('the logger ignorer', () => {
  it('knows logger.x(…) and deps.logger.x(…) for debug and info, and nothing else', () => {
    expect(isLoggerCall(call(member(id('logger'), 'debug')))).toBe(true);
    expect(isLoggerCall(call(member(member(id('deps'), 'logger'), 'info')))).toBe(true);
    expect(isLoggerCall(call(member(id('logger'), 'warn')))).toBe(false);
    expect(isLoggerCall(call(member(member(id('deps'), 'logger'), 'error')))).toBe(false);
    expect(isLoggerCall(call(member(id('logger'), 'child')))).toBe(false);
    expect(isLoggerCall(call(member(id('console'), 'warn')))).toBe(false);
    expect(isLoggerCall(call(id('warn')))).toBe(false);
  });

  it('ignores an if, or an else-if chain, whose every branch only logs', () => {
    expect(onlyLogs(ifElse(log))).toBe(true);
    expect(onlyLogs(ifElse(block(log, depsLog), ifElse(log, block())))).toBe(true);
  });

  it('treats a block of log calls as logging only, and a block with other work as not', () => {
    expect(onlyLogs(block(log, depsLog))).toBe(true);
    expect(onlyLogs(block(log, work))).toBe(false);
  });

  it('keeps an if or a block that writes a warning or an error: golden files record those', () => {
    expect(onlyLogs(ifElse(warn))).toBe(false);
    expect(onlyLogs(ifElse(log, warn))).toBe(false);
    expect(onlyLogs(block(log, warn))).toBe(false);
  });

  it('keeps an if with anything but logging in one of its branches', () => {
    expect(onlyLogs(ifElse(block(log, ret)))).toBe(false);
    expect(onlyLogs(ifElse(log, work))).toBe(false);
    expect(onlyLogs(ifElse(log, ifElse(log, block(work))))).toBe(false);
  });
});
