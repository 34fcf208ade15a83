import { LoggerService } from '@backstage/backend-plugin-api';
import { StringDecoder } from 'node:string_decoder';
import { DockerHost } from '../docker/DockerHost';
import { eventTime, openedAt, toDockerTime } from './dockerEventTime';
import { pause, ReconnectBackoff } from './ReconnectBackoff';

const ID = /^[0-9a-f]{64}$/;

/** Docker's container actions worth telling open pages about. */
const WORTH_TELLING = new Set([
  'create',
  'start',
  'restart',
  'die',
  'stop',
  'kill',
  'oom',
  'pause',
  'unpause',
  'destroy',
  // The name shown changes.
  'rename',
]);

/** One container change Docker reported, with the labels the container carries. */
export interface ContainerEvent {
  host: string;
  id: string;
  /** Docker's action, such as `start`, `die` or `health_status: healthy`. */
  action: string;
  /** The container's labels, as Docker attaches them to the event. */
  labels: Record<string, string>;
  /**
   * The engine's time of the event in ns (decimal), when it gave one: the
   * same in every backend replica that hears the event.
   */
  timeNano?: string;
}

/**
 * Follows each host's Docker events (containers only) and hands every
 * change worth telling to `onEvent`; reconnects with back-off when a stream
 * ends or fails.
 *
 * Catching up: a reconnect asks Docker for the events `since` the last one
 * seen (or since the stream was opened, by the engine's clock), so changes
 * the engine made after it came back (a restart policy, its own clean-up of
 * containers that ran when it died) arrive as events too. What happened
 * while the engine was unreachable and is no longer in its memory cannot be
 * replayed: `onResync` tells the consumer to refresh that host's state.
 */
export class ContainerEventWatcher {
  readonly #hosts: DockerHost[];
  readonly #onEvent: (event: ContainerEvent) => Promise<void>;
  readonly #onResync?: (host: string) => Promise<void> | void;
  readonly #onConnect?: (host: string) => void;
  readonly #onDisconnect?: (host: string) => void;
  readonly #logger: LoggerService;
  readonly #backoff: ReconnectBackoff;
  readonly #wait: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly #controller = new AbortController();
  /** Per host, ends the stream now open (or being opened). */
  readonly #current = new Map<string, AbortController>();
  #running: Promise<void>[] = [];

  /**
   * @param options.onResync - called after a host's stream came back from an
   *   interruption, once it is open again: refresh what is shown of that
   *   host, since changes made while it was away may not be replayed.
   * @param options.onConnect - called each time a host's stream opens (the
   *   first time too), before any of its events; not awaited.
   * @param options.onDisconnect - called when an open stream ended or
   *   broke (not on stop): events may be missed until it opens again.
   * @param options.retryDelaysMs - back-off between attempts; the last one
   *   repeats. Starts over once a stream is open.
   * @param options.wait - for tests: how to wait between attempts.
   */
  constructor(options: {
    hosts: DockerHost[];
    onEvent: (event: ContainerEvent) => Promise<void>;
    onResync?: (host: string) => Promise<void> | void;
    onConnect?: (host: string) => void;
    onDisconnect?: (host: string) => void;
    logger: LoggerService;
    retryDelaysMs?: number[];
    wait?: (ms: number, signal: AbortSignal) => Promise<void>;
  }) {
    this.#hosts = options.hosts;
    this.#onEvent = options.onEvent;
    this.#onResync = options.onResync;
    this.#onConnect = options.onConnect;
    this.#onDisconnect = options.onDisconnect;
    this.#logger = options.logger;
    this.#backoff = new ReconnectBackoff(options.retryDelaysMs);
    this.#wait = options.wait ?? pause;
  }

  start(): void {
    if (this.#controller.signal.aborted) return;
    this.#running = this.#hosts.map(host =>
      this.#watch(host).catch(error =>
        this.#logger.error(`Watching Docker events of ${host.name} failed`, {
          error: String(error),
        }),
      ),
    );
  }

  /**
   * Drops `host`'s stream and opens a new one, catching up with `since` and
   * then calling `onResync`, as after any interruption. For a stream that
   * may have died without a word (the container index's missed ping: a TCP
   * peer gone without a reset leaves it open and silent for good).
   */
  reconnect(host: string): void {
    this.#current.get(host)?.abort();
  }

  /** Ends every stream and retry; resolves once every host's loop ended. */
  async stop(): Promise<void> {
    this.#controller.abort();
    await Promise.all(this.#running);
  }

  async #watch(host: DockerHost): Promise<void> {
    const signal = this.#controller.signal;
    /** Engine time (ns) of the last event seen, or of the last stream's opening. */
    let seenUpTo: bigint | undefined;
    let interrupted = false;
    for (let attempt = 0; !signal.aborted; attempt++) {
      let connected = false;
      // This attempt's stream: ended by stop() or by reconnect().
      const attempt$ = new AbortController();
      const forward = () => attempt$.abort();
      signal.addEventListener('abort', forward, { once: true });
      this.#current.set(host.name, attempt$);
      try {
        const since =
          seenUpTo === undefined ? undefined : toDockerTime(seenUpTo + 1n);
        const stream = await host.containerEvents(
          attempt$.signal,
          since ? { since } : undefined,
        );
        attempt = 0;
        seenUpTo ??= openedAt(stream);
        connected = true;
        this.#tell(this.#onConnect, host.name);
        if (interrupted) {
          interrupted = false;
          this.#logger.info(`Docker events of host ${host.name} resumed`, {
            since: since ?? 'now',
          });
          await this.#resync(host.name);
        }
        // A character may be split across chunks.
        const decoder = new StringDecoder('utf8');
        let buffer = '';
        for await (const chunk of stream as AsyncIterable<Buffer | string>) {
          buffer += typeof chunk === 'string' ? chunk : decoder.write(chunk);
          const lines = buffer.split('\n');
          buffer = lines.pop() ?? '';
          for (const line of lines) {
            const time = await this.#forward(host.name, line);
            if (
              time !== undefined &&
              (seenUpTo === undefined || time > seenUpTo)
            ) {
              seenUpTo = time;
            }
          }
        }
      } catch (error) {
        if (signal.aborted) return;
        if ((error as { statusCode?: number }).statusCode === 400) {
          // The engine refused the catch-up: start afresh, and refresh.
          seenUpTo = undefined;
        }
        this.#logger.debug(`Docker events of host ${host.name} interrupted`, {
          error: String(error),
        });
      } finally {
        signal.removeEventListener('abort', forward);
        this.#current.delete(host.name);
        // Whatever this attempt still holds is let go.
        attempt$.abort();
      }
      if (signal.aborted) return;
      if (connected) this.#tell(this.#onDisconnect, host.name);
      interrupted = true;
      await this.#wait(this.#backoff.delayMs(attempt), signal);
    }
  }

  #tell(listener: ((host: string) => void) | undefined, host: string): void {
    try {
      listener?.(host);
    } catch (error) {
      this.#logger.debug(`A listener to host ${host}'s stream failed`, {
        error: String(error),
      });
    }
  }

  async #resync(host: string): Promise<void> {
    try {
      await this.#onResync?.(host);
    } catch (error) {
      this.#logger.debug(`Could not refresh host ${host} after reconnecting`, {
        error: String(error),
      });
    }
  }

  /** Passes one event line on; returns its engine time in ns when it has one. */
  async #forward(host: string, line: string): Promise<bigint | undefined> {
    if (!line.trim()) return undefined;
    let event: {
      Type?: string;
      Action?: string;
      id?: string;
      timeNano?: number | string;
      time?: number;
      Actor?: { ID?: string; Attributes?: Record<string, string> };
    };
    try {
      event = JSON.parse(line);
    } catch {
      return undefined;
    }
    const time = eventTime(line, event);
    const id = event.Actor?.ID ?? event.id;
    const action = event.Action ?? '';
    const worthTelling =
      action.startsWith('health_status') || WORTH_TELLING.has(action);
    if (event.Type !== 'container' || !worthTelling || !id || !ID.test(id)) {
      return time;
    }
    try {
      // Docker puts the container's labels among the event's attributes.
      await this.#onEvent({
        host,
        id,
        action,
        labels: event.Actor?.Attributes ?? {},
        ...(time !== undefined ? { timeNano: time.toString() } : {}),
      });
    } catch (error) {
      this.#logger.debug('Could not pass on a container change', {
        error: String(error),
      });
    }
    return time;
  }
}
