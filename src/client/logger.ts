import { redactCredentials, redactFields } from './redact.js';

/**
 * Where the client writes what the reference plugin logs (ignored events, failed
 * handlers, throwing listeners). Injectable so tests and the harness can record it.
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Drops everything. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

/** The default: warnings and errors to the console, the rest dropped. */
export const consoleLogger: Logger = {
  debug() {},
  info() {},
  warn(message, fields) {
    console.warn(`[rt-sim client] ${message}`, fields ?? '');
  },
  error(message, fields) {
    console.error(`[rt-sim client] ${message}`, fields ?? '');
  },
};

/**
 * `logger` behind credential redaction: every message and field value has keys, tokens,
 * `Authorization` values and client secrets replaced by `***` before it is written.
 */
export function redactingLogger(logger: Logger): Logger {
  const wrap =
    (level: keyof Logger) =>
    (message: string, fields?: Record<string, unknown>): void => {
      const text = redactCredentials(message);
      if (fields === undefined) logger[level](text);
      else logger[level](text, redactFields(fields));
    };
  return { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}
