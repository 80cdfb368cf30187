/**
 * The lifetime of a connection (reference §9): the service ends a session after its maximum
 * duration with a `session_expired` error, and may ping while it lives.
 */
import { SERVER_DEFAULTS } from './config.js';
import { lifetimeMessage } from './lifetime-message.js';
import type { SessionCore } from './session-host.js';

/** What the lifetime timers need from their session. */
export type LifetimeHost = Pick<SessionCore, 'clock' | 'server' | 'emit' | 'after'> & {
  close(code: number, reason: string): void;
};

/** Schedules the session's expiry (`lifetimeMs`, `null` for none) and its pings (`ping.everyMs`). */
export function scheduleLifetime(host: LifetimeHost): void {
  const lifetime = host.server.lifetimeMs === undefined ? SERVER_DEFAULTS.lifetimeMs : host.server.lifetimeMs;
  if (lifetime !== null && lifetime > 0) {
    host.after(lifetime, () => {
      host.emit({
        type: 'error',
        error: {
          type: 'invalid_request_error',
          code: 'session_expired',
          message: lifetimeMessage(lifetime),
          param: null,
          event_id: null,
        },
      });
      host.close(1000, 'session expired');
    });
  }
  const ping = host.server.ping;
  if (ping && ping.everyMs > 0) {
    const tick = (): void => {
      host.emit({ type: 'ping', timestamp: host.clock.now() });
      host.after(ping.everyMs, tick);
    };
    host.after(ping.everyMs, tick);
  }
}
