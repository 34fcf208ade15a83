import { LoggerService } from '@backstage/backend-plugin-api';
import { StatsSample } from '@docker-services/backstage-plugin-docker-services-common';
import { TooManyRequestsError } from '../TooManyRequestsError';
import { LiveStatsSettings } from './readLiveStatsSettings';
import { SampleListener, StatsSampler } from './StatsSampler';

/** 429: as many containers are measured as this replica allows. */
export class TooManySamplersError extends TooManyRequestsError {}

/** A chart closes when its dialog does; a minute is a fair wait. */
const RETRY_AFTER_SECONDS = 60;

interface Entry {
  sampler: StatsSampler;
  /** Set while nobody watches: when it fires, the sampler stops. */
  grace?: NodeJS.Timeout;
}

/** What a viewer gets: the samples so far, and a way to leave. */
export interface Watching {
  history: StatsSample[];
  leave(): void;
}

/**
 * One {@link StatsSampler} per container (host and id) however many people
 * watch it, at most `maxContainers` at once. A sampler outlives its last
 * viewer by the grace period (a reopened dialog finds its history), then
 * stops; one whose container stopped is forgotten at once.
 */
export class StatsSamplers {
  readonly #entries = new Map<string, Entry>();
  readonly #settings: LiveStatsSettings;
  readonly #logger: LoggerService;
  #closed = false;

  constructor(options: { settings: LiveStatsSettings; logger: LoggerService }) {
    this.#settings = options.settings;
    this.#logger = options.logger;
  }

  /** Containers being measured now (watched or in their grace period). */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * Adds a viewer of the container, starting its sampler when it has none;
   * `open` starts the Docker stats stream. Throws a 429 when the bound is
   * reached and no sampler is idle to make room.
   */
  watch(
    target: {
      host: string;
      id: string;
      name: string;
      open: (signal: AbortSignal) => Promise<NodeJS.ReadableStream>;
    },
    listener: SampleListener,
  ): Watching {
    if (this.#closed) {
      throw new Error('The live stats samplers were shut down');
    }
    const key = `${target.host}/${target.id}`;
    let entry = this.#entries.get(key);
    if (entry?.sampler.ended) entry = undefined;
    if (!entry) {
      this.#makeRoom();
      entry = this.#start(key, target);
    }
    clearTimeout(entry.grace);
    entry.grace = undefined;
    const { sampler } = entry;
    sampler.listeners.add(listener);
    const current = entry;
    let left = false;
    return {
      history: sampler.history(),
      leave: () => {
        if (left) return;
        left = true;
        sampler.listeners.delete(listener);
        if (sampler.listeners.size === 0 && !sampler.ended) {
          current.grace = setTimeout(
            () => this.#stop(key, current),
            this.#settings.graceSeconds * 1000,
          );
        }
      },
    };
  }

  /**
   * Stops every sampler (the plugin shuts down); their viewers' streams end
   * without an end event, so that their pages reconnect.
   */
  stopAll(): void {
    this.#closed = true;
    for (const [key, entry] of [...this.#entries]) {
      for (const listener of [...entry.sampler.listeners]) listener.end();
      this.#stop(key, entry);
    }
  }

  #start(key: string, target: Parameters<StatsSamplers['watch']>[0]): Entry {
    const entry = {} as Entry;
    entry.sampler = new StatsSampler({
      open: target.open,
      intervalMs: this.#settings.intervalSeconds * 1000,
      windowMs: this.#settings.windowSeconds * 1000,
      host: target.host,
      name: target.name,
      logger: this.#logger,
      onEnd: () => {
        clearTimeout(entry.grace);
        if (this.#entries.get(key) === entry) this.#entries.delete(key);
      },
    });
    this.#entries.set(key, entry);
    return entry;
  }

  /** At the bound, an idle sampler (in its grace period) gives way; else 429. */
  #makeRoom(): void {
    if (this.#entries.size < this.#settings.maxContainers) return;
    const idle = [...this.#entries].find(([, e]) => e.grace !== undefined);
    if (idle) {
      this.#stop(...idle);
      return;
    }
    throw new TooManySamplersError(
      `Live charts are already open for ${
        this.#settings.maxContainers
      } containers, the most this portal measures at once. Close the details of a container elsewhere, or try again in a minute.`,
      RETRY_AFTER_SECONDS,
    );
  }

  #stop(key: string, entry: Entry): void {
    clearTimeout(entry.grace);
    if (this.#entries.get(key) === entry) this.#entries.delete(key);
    entry.sampler.stop();
  }
}
