/**
 * The close code `ws` sent when it failed a connection for a frame it refused (1007
 * invalid UTF-8, 1009 too big, 1002 other protocol errors), read from the error it emitted
 * (kept under its `status-code` symbol). Undefined for any other error, e.g. a refused
 * handshake or a network failure.
 */
export function protocolErrorCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const key = Object.getOwnPropertySymbols(error).find((s) => s.description === 'status-code');
  const code: unknown = key === undefined ? undefined : (error as Record<symbol, unknown>)[key];
  return typeof code === 'number' ? code : undefined;
}
