/**
 * Why a client rejects the subprotocol a server chose, or undefined when it is fine. Same
 * checks and messages as the `ws` client, so every link fails the same handshakes.
 */
export function subprotocolProblem(requested: readonly string[], chosen: string): string | undefined {
  if (chosen !== '') {
    if (requested.length === 0) return 'Server sent a subprotocol but none was requested';
    if (!requested.includes(chosen)) return 'Server sent an invalid subprotocol';
  } else if (requested.length > 0) {
    return 'Server sent no subprotocol';
  }
  return undefined;
}
