// @ts-check
/**
 * A Stryker ignorer for the client's log calls (`logger.debug(…)`, `deps.logger.warn(…)`):
 * what a log line says is seen by no scenario and no invariant, so its mutants only hide the
 * ones that matter. Written here because the published log ignorer pins the Stryker 8 API;
 * the shape follows Stryker's own ignorer example (docs: "Disable mutants").
 */
import { PluginKind, declareClassPlugin } from '@stryker-mutator/api/plugin';

const LOG_METHODS = new Set(['debug', 'info', 'warn', 'error', 'log', 'trace']);

/** True for `logger.x(…)` or `<anything>.logger.x(…)` with x a log method. */
function isLoggerCall(node) {
  if (node?.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return false;
  const { object, property } = node.callee;
  if (property.type !== 'Identifier' || !LOG_METHODS.has(property.name)) return false;
  if (object.type === 'Identifier') return object.name === 'logger';
  return object.type === 'MemberExpression' && object.property.type === 'Identifier' && object.property.name === 'logger';
}

class LoggerIgnorer {
  /** @param {import('@babel/core').NodePath} path */
  shouldIgnore(path) {
    if (path.isExpressionStatement() && isLoggerCall(path.node.expression)) return 'a log call: no scenario can see what it says';
    return undefined;
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Ignore, 'logger-calls', LoggerIgnorer)];
