// @ts-check
/**
 * A Stryker ignorer for the client's log calls (`logger.debug(…)`, `deps.logger.warn(…)`):
 * what a log line says is seen by no scenario and no invariant, so its mutants only hide the
 * ones that matter. The same holds for an `if` whose every branch only logs (which of two
 * log lines is written, or whether one is): its condition changes nothing else; and for a
 * block that only logs (the branch of an `if` whose other branch does real work). Written here because the published log ignorer pins the Stryker 8 API;
 * the shape follows Stryker's own ignorer example (docs: "Disable mutants").
 */
import { PluginKind, declareClassPlugin } from '@stryker-mutator/api/plugin';

const LOG_METHODS = new Set(['debug', 'info', 'warn', 'error', 'log', 'trace']);

/** True for `logger.x(…)` or `<anything>.logger.x(…)` with x a log method. */
export function isLoggerCall(node) {
  if (node?.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return false;
  const { object, property } = node.callee;
  if (property.type !== 'Identifier' || !LOG_METHODS.has(property.name)) return false;
  if (object.type === 'Identifier') return object.name === 'logger';
  return (
    object.type === 'MemberExpression' && object.property.type === 'Identifier' && object.property.name === 'logger'
  );
}

/** True for a statement that only logs: a log call, a block of them, or an `if` whose branches only log. */
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
      return 'a log call: no scenario can see what it says';
    if (path.isIfStatement() && onlyLogs(path.node))
      return 'an if whose branches only log: its condition decides nothing else';
    if (path.isBlockStatement() && path.node.body.length > 0 && onlyLogs(path.node))
      return 'a block that only logs: emptying it changes nothing else';
    return undefined;
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Ignore, 'logger-calls', LoggerIgnorer)];
