import { SignalApi } from '@backstage/plugin-signals-react';

type JsonObject = Parameters<Parameters<SignalApi['subscribe']>[1]>[0];

/**
 * A signal API that delivers what a test sends to whoever subscribed to
 * the channel, and tells which channels are subscribed.
 */
export class FakeSignalApi implements SignalApi {
  readonly #listeners = new Map<string, Set<(message: JsonObject) => void>>();

  subscribe<T extends JsonObject = JsonObject>(
    channel: string,
    onMessage: (message: T) => void,
  ): ReturnType<SignalApi['subscribe']> {
    const listener = onMessage as (message: JsonObject) => void;
    const set = this.#listeners.get(channel) ?? new Set();
    set.add(listener);
    this.#listeners.set(channel, set);
    return {
      unsubscribe: () => {
        set.delete(listener);
        if (set.size === 0) this.#listeners.delete(channel);
      },
    };
  }

  /** The channels someone listens to, each once. */
  channels(): string[] {
    return [...this.#listeners.keys()];
  }

  /** How many listeners a channel has. */
  listenerCount(channel: string): number {
    return this.#listeners.get(channel)?.size ?? 0;
  }

  deliver(channel: string, message: JsonObject): void {
    this.#listeners.get(channel)?.forEach(listener => listener(message));
  }
}
