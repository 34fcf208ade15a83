import { LoggerService } from '@backstage/backend-plugin-api';
import { ContainerBindings } from '../binding/ContainerBindings';
import { DockerHost } from '../docker/DockerHost';
import {
  inspectUnlessGone,
  listCandidates,
  setsMatching,
  withInspects,
} from './candidateReads';
import { HostIndex } from './HostIndex';
import { RefreshQueue } from './RefreshQueue';

/** How the index feeds itself from one host. */
export interface HostFeedOptions {
  host: DockerHost;
  bindings: ContainerBindings;
  logger: LoggerService;
  reconcileIntervalMs: number;
  /** Delay before trying again after a failed reconcile or refresh. */
  retryMs: number;
  /** Docker calls at a time for refreshes, and inspects at a time in a reconcile. */
  concurrency: number;
  /** Time from one ping's answer (or failure) to the next ping. */
  pingIntervalMs: number;
  /** Told once per outage, when a ping fails or comes late; see ContainerIndex. */
  onUnreachable?: (host: string) => void;
}

/**
 * Keeps one {@link HostIndex} current: full reconciles (at start, when the
 * events stream comes back, at an interval, and soon after a failure), and
 * per event a refresh of that one container. Only pings, labelled lists
 * and inspects reach the engine.
 *
 * Liveness: an events stream to a frozen engine, or over a connection that
 * died without a word (a TCP peer gone), stays open and carries nothing, so
 * an open stream does not prove the index current. The engine is pinged
 * every `pingIntervalMs`, each ping bounded by the host's request deadline;
 * a failed or late one makes the index not live at once, and it is live
 * again once a ping is answered and the reconcile that starts then has
 * finished.
 */
export class HostFeed {
  readonly index: HostIndex;
  readonly #o: HostFeedOptions;
  readonly #refreshes: RefreshQueue<Record<string, string>>;
  #running?: { tick: number; done: Promise<void> };
  #wanted?: { done: Promise<void>; resolve: () => void };
  #timer?: NodeJS.Timeout;
  /** When the next reconcile is due (ms since the epoch), if one is scheduled. */
  #dueAt?: number;
  #stopped = false;
  readonly #pinging = new AbortController();
  #pingTimer?: NodeJS.Timeout;
  #pingInFlight?: Promise<void>;

  constructor(options: HostFeedOptions) {
    this.#o = options;
    const { bindings, host } = options;
    this.index = new HostIndex({
      claimsOf: labels =>
        bindings.claimsOf(host.name, labels).map(o => o.entityRef),
    });
    this.#refreshes = new RefreshQueue({
      concurrency: options.concurrency,
      work: (id, labels) => this.#refresh(id, labels),
    });
  }

  /**
   * Resolves once a reconcile that began at `tick` or later has ended
   * (whether it succeeded or not): one running may do, else one more runs.
   */
  reconcileAfter(tick: number): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    if (this.#running && this.#running.tick >= tick) return this.#running.done;
    const wanted = this.#wanted ?? this.#want();
    if (!this.#running) this.#next();
    return wanted.done;
  }

  #want(): { done: Promise<void>; resolve: () => void } {
    let resolve!: () => void;
    const done = new Promise<void>(r => (resolve = r));
    this.#wanted = { done, resolve };
    return this.#wanted;
  }

  /** Looks at one container again; resolves once the index reflects it. */
  refresh(id: string, labels: Record<string, string>): Promise<void> {
    return this.#refreshes.add(id, labels);
  }

  /** A destroyed container leaves the index at once. */
  destroyed(id: string): void {
    this.#refreshes.drop(id);
    const tick = this.index.begin();
    this.index.remove(id, tick);
    this.index.end(tick);
  }

  /** Pings the engine every `pingIntervalMs` from now until {@link HostFeed.stop}. */
  startPinging(): void {
    if (this.#stopped || this.#pingTimer || this.#pingInFlight) return;
    this.#schedulePing();
  }

  #schedulePing(): void {
    if (this.#stopped) return;
    this.#pingTimer = setTimeout(() => {
      this.#pingTimer = undefined;
      this.#pingInFlight = this.#ping().finally(() => {
        this.#pingInFlight = undefined;
        this.#schedulePing();
      });
    }, this.#o.pingIntervalMs);
    this.#pingTimer.unref?.();
  }

  async #ping(): Promise<void> {
    const { host, logger } = this.#o;
    try {
      await host.ping(this.#pinging.signal);
    } catch (error) {
      if (this.#stopped) return;
      if (!this.index.reachable) return;
      this.index.unreachable();
      logger.warn(
        `Docker host ${host.name} did not answer its ping; its lists ask Docker directly until it answers again`,
        { error: String(error) },
      );
      try {
        this.#o.onUnreachable?.(host.name);
      } catch (listenerError) {
        logger.debug(`A listener to host ${host.name}'s outage failed`, {
          error: String(listenerError),
        });
      }
      return;
    }
    if (this.#stopped || this.index.reachable) return;
    this.index.reachableAgain();
    logger.info(
      `Docker host ${host.name} answers its ping again; its index is live once reconciled`,
    );
    void this.reconcileAfter(this.index.tick());
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#pingTimer);
    this.#pinging.abort();
    clearTimeout(this.#timer);
    this.#wanted?.resolve();
    this.#wanted = undefined;
    await Promise.all([
      this.#running?.done,
      this.#refreshes.idle(),
      this.#pingInFlight,
    ]);
  }

  #next(): void {
    const wanted = this.#wanted;
    if (!wanted || this.#stopped) return;
    this.#wanted = undefined;
    clearTimeout(this.#timer);
    this.#dueAt = undefined;
    const tick = this.index.begin();
    const done = this.#reconcile(tick).then(ok => {
      this.index.end(tick);
      this.#running = undefined;
      wanted.resolve();
      this.#schedule(ok ? this.#o.reconcileIntervalMs : this.#o.retryMs);
      this.#next();
    });
    this.#running = { tick, done };
  }

  /** Schedules a reconcile in `ms`, unless one is due sooner. */
  #schedule(ms: number): void {
    const dueAt = Date.now() + ms;
    if (this.#stopped || (this.#dueAt !== undefined && this.#dueAt <= dueAt)) {
      return;
    }
    clearTimeout(this.#timer);
    this.#dueAt = dueAt;
    this.#timer = setTimeout(() => {
      this.#dueAt = undefined;
      void this.reconcileAfter(this.index.tick());
    }, ms);
    this.#timer.unref?.();
  }

  async #reconcile(tick: number): Promise<boolean> {
    const { host, bindings, concurrency } = this.#o;
    const startedAt = Date.now();
    try {
      const filterSets = await bindings.allCandidateFilters(host.name);
      const listed = await listCandidates(host, filterSets);
      const entries = await withInspects(
        host,
        [...listed.values()],
        id => this.index.get(id),
        concurrency,
      );
      entries.forEach(entry => this.index.put(entry, tick));
      this.index.keepOnly(new Set(entries.map(e => e.listed.Id)), tick);
      this.index.reconciled(tick, startedAt);
      return true;
    } catch (error) {
      this.#o.logger.warn(
        `Could not reconcile the containers of host ${host.name}`,
        {
          error: String(error),
        },
      );
      return false;
    }
  }

  async #refresh(id: string, labels: Record<string, string>): Promise<void> {
    const { host, bindings } = this.#o;
    const tick = this.index.begin();
    try {
      const sets = setsMatching(
        await bindings.allCandidateFilters(host.name),
        labels,
      );
      const listed =
        sets.length > 0 && (await listCandidates(host, sets, id)).get(id);
      const inspected = listed && (await inspectUnlessGone(host, id));
      if (listed && inspected) this.index.put({ listed, inspected }, tick);
      else this.index.remove(id, tick);
    } catch (error) {
      this.#o.logger.debug(
        `Could not refresh container ${id.slice(0, 12)} of host ${host.name}`,
        {
          error: String(error),
        },
      );
      this.index.failed();
      this.#schedule(this.#o.retryMs);
    } finally {
      this.index.end(tick);
    }
  }
}
