import type { SocketEventMap } from './socket.js';

type EventType = keyof SocketEventMap;
type Listener<K extends EventType> = (event: SocketEventMap[K]) => void;

/** One registered callback; `handler` marks the one set through an `onX` property. */
interface Entry<K extends EventType> {
  listener: Listener<K>;
  readonly handler: boolean;
}

type Registry = { [K in EventType]: Entry<K>[] };

/** Any one socket event. */
export type SocketEvent = SocketEventMap[EventType];

/**
 * The event half of a WHATWG `WebSocket`: `addEventListener` / `removeEventListener`
 * (a listener added twice runs once) and the `onopen` / `onmessage` / `onclose` / `onerror`
 * properties, which keep the position where they were first set, as in browsers.
 */
export class SocketEventTarget {
  readonly #registry: Registry = { open: [], message: [], close: [], error: [] };

  addEventListener<K extends EventType>(type: K, listener: Listener<K>): void {
    const entries: Entry<K>[] = this.#registry[type];
    if (entries.some((e) => !e.handler && e.listener === listener)) return;
    entries.push({ listener, handler: false });
  }

  removeEventListener<K extends EventType>(type: K, listener: Listener<K>): void {
    const entries: Entry<K>[] = this.#registry[type];
    const at = entries.findIndex((e) => !e.handler && e.listener === listener);
    if (at >= 0) entries.splice(at, 1);
  }

  get onopen(): Listener<'open'> | null {
    return this.#handler('open');
  }
  set onopen(fn: Listener<'open'> | null) {
    this.#setHandler('open', fn);
  }
  get onmessage(): Listener<'message'> | null {
    return this.#handler('message');
  }
  set onmessage(fn: Listener<'message'> | null) {
    this.#setHandler('message', fn);
  }
  get onclose(): Listener<'close'> | null {
    return this.#handler('close');
  }
  set onclose(fn: Listener<'close'> | null) {
    this.#setHandler('close', fn);
  }
  get onerror(): Listener<'error'> | null {
    return this.#handler('error');
  }
  set onerror(fn: Listener<'error'> | null) {
    this.#setHandler('error', fn);
  }

  /**
   * Calls every listener of `event.type` in registration order. A listener that throws does
   * not stop the others; the first error is returned so the caller decides how to report it.
   */
  protected dispatch(event: SocketEvent): { error: unknown } | undefined {
    // The registry is keyed by `type`, so these listeners all take this event's type.
    const entries = [...this.#registry[event.type]] as Entry<EventType>[];
    let failure: { error: unknown } | undefined;
    for (const entry of entries) {
      try {
        (entry.listener as (event: SocketEvent) => void).call(this, event);
      } catch (error) {
        failure ??= { error };
      }
    }
    return failure;
  }

  #handler<K extends EventType>(type: K): Listener<K> | null {
    const entries: Entry<K>[] = this.#registry[type];
    return entries.find((e) => e.handler)?.listener ?? null;
  }

  #setHandler<K extends EventType>(type: K, fn: Listener<K> | null): void {
    const entries: Entry<K>[] = this.#registry[type];
    const at = entries.findIndex((e) => e.handler);
    if (typeof fn !== 'function') {
      if (at >= 0) entries.splice(at, 1);
    } else if (at >= 0) {
      entries[at]!.listener = fn;
    } else {
      entries.push({ listener: fn, handler: true });
    }
  }
}
