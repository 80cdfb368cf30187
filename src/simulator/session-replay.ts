/**
 * How a connection replaying a recorded transcript (`server.transcript`) ends as the recorded
 * one did, with the codes an endpoint may actually send.
 */

/** The close to send for a recorded close `code`, or `'drop'` for one no endpoint sends (1006 and the like). */
export function replayedClose(code: number): number | 'drop' {
  // 1005 (no code) cannot be sent: a plain normal close is the nearest.
  if (code === 1005) return 1000;
  const sendable = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
  return sendable ? code : 'drop';
}
