import type { Logger } from './logger.js';

/** A listener of event `K` of the map `E`. */
export type Listener<E, K extends keyof E> = (payload: E[K]) => void;
/** A listener of every event, for observers (the harness's observation log). */
export type AnyListener<E> = <K extends keyof E>(name: K, payload: E[K]) => void;

/**
 * A typed event emitter. Listeners run synchronously in registration order; one that
 * throws is logged and skipped, so a faulty observer can never break the session.
 */
export class TypedEmitter<E extends object> {
  private readonly listeners = new Map<keyof E, ((payload: never) => void)[]>();
  private readonly anyListeners: AnyListener<E>[] = [];

  constructor(private readonly logger: Logger) {}

  /** Calls `listener` for every `name` event. */
  on<K extends keyof E>(name: K, listener: Listener<E, K>): this {
    const list = this.listeners.get(name) ?? [];
    list.push(listener as (payload: never) => void);
    this.listeners.set(name, list);
    return this;
  }

  /** Removes a listener added with {@link on}. */
  off<K extends keyof E>(name: K, listener: Listener<E, K>): this {
    const list = this.listeners.get(name);
    if (!list) return this;
    const i = list.indexOf(listener as (payload: never) => void);
    if (i >= 0) list.splice(i, 1);
    return this;
  }

  /** Calls `listener` for the next `name` only. */
  once<K extends keyof E>(name: K, listener: Listener<E, K>): this {
    const wrapper: Listener<E, K> = (payload) => {
      this.off(name, wrapper);
      listener(payload);
    };
    return this.on(name, wrapper);
  }

  /** Listens to every event, after its own listeners; the harness records the session this way. */
  onAny(listener: AnyListener<E>): this {
    this.anyListeners.push(listener);
    return this;
  }

  /** Removes a listener added with {@link onAny}. */
  offAny(listener: AnyListener<E>): this {
    const i = this.anyListeners.indexOf(listener);
    if (i >= 0) this.anyListeners.splice(i, 1);
    return this;
  }

  /** Listeners of `name` (any-listeners not counted). */
  listenerCount(name: keyof E): number {
    return this.listeners.get(name)?.length ?? 0;
  }

  /** Calls the listeners of `name`, then the any-listeners. Returns whether any listened. */
  emit<K extends keyof E>(name: K, payload: E[K]): boolean {
    const list = [...(this.listeners.get(name) ?? [])] as Listener<E, K>[];
    for (const listener of list) this.call(name, () => listener(payload));
    for (const listener of [...this.anyListeners]) this.call(name, () => listener(name, payload));
    return list.length + this.anyListeners.length > 0;
  }

  private call(name: keyof E, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.logger.error(`a listener of "${String(name)}" threw; the session carries on`, { error });
    }
  }
}
