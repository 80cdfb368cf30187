// @ts-check
/**
 * A Stryker ignorer for the client's quiet log calls (`logger.debug(…)`, `deps.logger.info(…)`):
 * debug and info lines are dropped by the client's default console sink and by the harness's
 * `ClientLog`, so no application and no scenario sees them, and their mutants only hide the
 * ones that matter. Warnings and errors are mutated: golden files record them (`log`). The same
 * holds for an `if` whose every branch only writes quiet lines (which of two is written, or
 * whether one is): its condition changes nothing else; and for a block that only writes them.
 * Written here because the published log ignorer pins the Stryker 8 API; the shape follows
 * Stryker's own ignorer example (docs: "Disable mutants").
 */
import { PluginKind, declareClassPlugin } from '@stryker-mutator/api/plugin';

/** The log methods whose lines nobody sees by default; `warn` and `error` are not among them. */
const QUIET_METHODS = new Set(['debug', 'info', 'trace']);

/** True for `logger.x(…)` or `<anything>.logger.x(…)` with x a quiet log method (debug, info, trace). */
export function isLoggerCall(node) {
  if (node?.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return false;
  const { object, property } = node.callee;
  if (property.type !== 'Identifier' || !QUIET_METHODS.has(property.name)) return false;
  if (object.type === 'Identifier') return object.name === 'logger';
  return (
    object.type === 'MemberExpression' && object.property.type === 'Identifier' && object.property.name === 'logger'
  );
}

/** True for a statement that only writes quiet lines: a quiet log call, a block of them, or an `if` whose branches only do that. */
export function onlyLogs(node) {
  if (node === null || node === undefined) return true;
  switch (node.type) {
    case 'ExpressionStatement':
      return isLoggerCall(node.expression);
    case 'BlockStatement':
      return node.body.every(onlyLogs);
    case 'IfStatement':
      return onlyLogs(node.consequent) && onlyLogs(node.alternate);
    default:
      return false;
  }
}

class LoggerIgnorer {
  /** @param {import('@babel/core').NodePath} path */
  shouldIgnore(path) {
    if (path.isExpressionStatement() && isLoggerCall(path.node.expression))
      return 'a debug or info log call: no application or scenario sees what it says';
    if (path.isIfStatement() && onlyLogs(path.node))
      return 'an if whose branches only write debug or info lines: its condition decides nothing seen';
    if (path.isBlockStatement() && path.node.body.length > 0 && onlyLogs(path.node))
      return 'a block that only writes debug or info lines: emptying it changes nothing seen';
    return undefined;
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Ignore, 'logger-calls', LoggerIgnorer)];
