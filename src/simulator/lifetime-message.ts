/**
 * The message of the `session_expired` error. xAI's is known for its 60-minute limit
 * ("Your session hit the maximum duration of 60 minutes."); shorter limits only exist in
 * tests, so their wording (seconds, singular minute) is an assumption.
 */

/** "Your session hit the maximum duration of N minutes." with a unit that fits the limit. */
export function lifetimeMessage(lifetimeMs: number): string {
  return `Your session hit the maximum duration of ${lifetimeDuration(lifetimeMs)}.`;
}

function lifetimeDuration(ms: number): string {
  if (ms < 60_000) {
    const seconds = Math.max(1, Math.round(ms / 1000));
    return seconds === 1 ? '1 second' : `${seconds} seconds`;
  }
  const minutes = Math.round(ms / 60_000);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
