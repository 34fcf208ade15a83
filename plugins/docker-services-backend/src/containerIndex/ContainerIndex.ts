import { LoggerService } from '@backstage/backend-plugin-api';
import { ContainerBindings } from '../binding/ContainerBindings';
import { DockerHost } from '../docker/DockerHost';
import { ContainerEvent } from '../events/ContainerEventWatcher';
import { HostFeed } from './HostFeed';
import { HostView } from './HostIndex';
import { IndexedContainer } from './indexedContainer';

const DEFAULT_RETRY_MS = 5000;
const DEFAULT_CONCURRENCY = 8;
const DEFAULT_PING_INTERVAL_MS = 5000;

/**
 * An in-memory index, per Docker host, of the containers that may be bound
 * to an entity (those `ContainerBindings.allCandidateFilters` finds), with
 * what a `ContainerSummary` is built from, so that a page load need not ask
 * Docker. It is fed by the host's events (one container looked at again per
 * event) and by full reconciles: at start, whenever the events stream
 * (re)connects, at an interval, and soon after a failure, since events can
 * be lost.
 *
 * Each backend replica keeps its own index; nothing in it is shared. A
 * reader that finds a host not {@link HostView.live} should ask Docker.
 *
 * Liveness: each host's engine is pinged every `pingIntervalMs` (each ping
 * bounded by the host's request deadline). A failed or late ping makes the
 * host not live at once (readers ask Docker, and say so in words when it
 * does not answer); once pings are answered again, the host is live after
 * the reconcile that then starts. An events stream that died silently (a
 * TCP peer gone without a reset) stays open and carries nothing, even once
 * the engine answers again: `onUnreachable` should make the watcher drop
 * that host's stream and open a new one (it catches up with `since`).
 *
 * Wiring with the event watcher: `onConnect` → {@link ContainerIndex.onStreamUp},
 * `onDisconnect` → {@link ContainerIndex.onStreamDown}, `onEvent` →
 * {@link ContainerIndex.onEvent}, and `onResync` →
 * {@link ContainerIndex.onResync}. The watcher reads no further events while
 * its callbacks run, so neither of the last two should be awaited there;
 * a signal to the entity's pages is best sent once they resolve, so that the
 * pages reload what the index then knows:
 * `onEvent: async e => void index.onEvent(e).then(() => publisher.publish(e))`.
 */
export class ContainerIndex {
  readonly #feeds: Map<string, HostFeed>;
  readonly #bindings: ContainerBindings;

  /**
   * @param options.reconcileIntervalMs - time between full reconciles
   *   (config `dockerServices.index.reconcileSeconds`).
   * @param options.retryMs - wait before trying again after a failed
   *   reconcile or refresh; default 5 s.
   * @param options.concurrency - Docker calls at a time per host for
   *   refreshes, and inspects at a time in a reconcile; default 8.
   * @param options.pingIntervalMs - time between pings of each engine
   *   (config `dockerServices.index.pingSeconds`); default 5 s.
   * @param options.onUnreachable - told once per outage, when a host's
   *   ping fails or comes late; for the watcher to reopen its stream.
   */
  static create(options: {
    hosts: DockerHost[];
    bindings: ContainerBindings;
    logger: LoggerService;
    reconcileIntervalMs: number;
    retryMs?: number;
    concurrency?: number;
    pingIntervalMs?: number;
    onUnreachable?: (host: string) => void;
  }): ContainerIndex {
    return new ContainerIndex(options);
  }

  private constructor(options: Parameters<typeof ContainerIndex.create>[0]) {
    this.#bindings = options.bindings;
    this.#feeds = new Map(
      options.hosts.map(host => [
        host.name,
        new HostFeed({
          host,
          bindings: options.bindings,
          logger: options.logger,
          reconcileIntervalMs: options.reconcileIntervalMs,
          retryMs: options.retryMs ?? DEFAULT_RETRY_MS,
          concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
          pingIntervalMs: options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS,
          onUnreachable: options.onUnreachable,
        }),
      ]),
    );
  }

  /**
   * Reconciles every host and starts pinging them; resolves once each
   * first reconcile ended.
   */
  async start(): Promise<void> {
    await Promise.all(
      [...this.#feeds.values()].map(f => {
        f.startPinging();
        return f.reconcileAfter(f.index.tick());
      }),
    );
  }

  /** Stops the timers and pings; resolves once the Docker calls under way ended. */
  async stop(): Promise<void> {
    await Promise.all([...this.#feeds.values()].map(f => f.stop()));
  }

  /**
   * One container changed: it is looked at again (or, destroyed, dropped).
   * Resolves once the index reflects the change; never rejects.
   */
  onEvent(event: ContainerEvent): Promise<void> {
    const feed = this.#feeds.get(event.host);
    if (!feed) return Promise.resolve();
    if (event.action === 'destroy') {
      feed.destroyed(event.id);
      return Promise.resolve();
    }
    return feed.refresh(event.id, event.labels);
  }

  /**
   * The host's events stream is open: events flow again, and what happened
   * while it was not is found by a reconcile, which begins now. Resolves
   * when that reconcile ended.
   */
  onStreamUp(host: string): Promise<void> {
    const feed = this.#feeds.get(host);
    return feed
      ? feed.reconcileAfter(feed.index.streamUp())
      : Promise.resolve();
  }

  /** The host's events stream broke: the index is no longer live. */
  onStreamDown(host: string): void {
    this.#feeds.get(host)?.index.streamDown();
  }

  /**
   * Resolves once the host was reconciled since its stream last came up
   * (a reconcile already under way may do), or, if it is not up, since now.
   */
  onResync(host: string): Promise<void> {
    const feed = this.#feeds.get(host);
    if (!feed) return Promise.resolve();
    return feed.reconcileAfter(feed.index.streamUpAt ?? feed.index.tick());
  }

  /**
   * Whether `host`'s entries are as current as its events (see
   * {@link HostView.live}); cheaper than a view, which lists every entry.
   */
  isLive(host: string): boolean {
    return this.#feeds.get(host)?.index.live ?? false;
  }

  /**
   * The version of `host`'s entries (see `HostIndex.version`), or
   * undefined for a host it does not index.
   */
  versionOf(host: string): number | undefined {
    return this.#feeds.get(host)?.index.version;
  }

  /** What the index knows of `host`, or undefined for a host it does not index. */
  view(host: string): HostView | undefined {
    return this.#feeds.get(host)?.index.view();
  }

  /**
   * The indexed containers of `host` that may be `entityRef`'s: those its
   * label or an admin rule claims for it (looked up, not scanned: the cost
   * follows the entity, not the host), and, on a host that trusts catalog
   * annotations, every container nothing claims, since only a look at its
   * labels tells whether the entity's annotation binds it. Whether each is
   * the entity's, or in conflict, is for `boundInIndex` to decide.
   */
  candidatesFor(host: string, entityRef: string): IndexedContainer[] {
    const index = this.#feeds.get(host)?.index;
    if (!index) return [];
    const claimed = index.claimedBy(entityRef);
    return this.#bindings.trustsAnnotations(host)
      ? [...claimed, ...index.unclaimed()]
      : claimed;
  }

  /** One indexed container, or undefined. */
  find(host: string, id: string): IndexedContainer | undefined {
    return this.#feeds.get(host)?.index.get(id);
  }
}
