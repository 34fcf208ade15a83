import { EntityMap } from './EntityMap';
import { IndexedContainer } from './indexedContainer';

/** What one host's index can tell a reader. */
export interface HostView {
  /**
   * True while the host's events stream is connected, the engine answers
   * its pings, and a reconcile that began after the stream connected (and
   * after any failed refresh or ping) has finished: the entries are then as
   * current as the events.
   */
  live: boolean;
  /**
   * False from a failed or late ping until a ping is answered again: the
   * engine is frozen, gone, or its connection died silently, and the
   * events stream may be open yet carry nothing.
   */
  reachable: boolean;
  /** When the last successful reconcile began (ms since the epoch). */
  reconciledAt?: number;
  /** Shared between views until the entries change: read it, never change it. */
  containers: readonly IndexedContainer[];
}

/**
 * One host's containers that may be bound, and how far they can be trusted.
 * No Docker calls here: readers tell it what they saw and when they began
 * to look (a tick of {@link HostIndex.tick}), and an observation that began
 * before the one that wrote an entry never overwrites it. A reconcile's list
 * that began before a start event is thus not taken over that event's
 * refresh, and a destroyed container is not brought back by a list that was
 * already under way.
 */
export class HostIndex {
  readonly #entries = new Map<string, IndexedContainer & { tick: number }>();
  readonly #byEntity: EntityMap;
  /** Removed containers, by the tick of the observation that removed them. */
  readonly #removed = new Map<string, number>();
  /** Ticks of observations still running; older removals must be kept. */
  readonly #inFlight = new Set<number>();
  #clock = 0;
  #streamUpAt?: number;
  #lastFailureAt = 0;
  #reachable = true;
  /** The entries as readers see them, built once per change. */
  #containers?: readonly IndexedContainer[];
  /** Counts the changes of the entries, for readers that keep what they built from them. */
  #version = 0;
  #reconciled?: { tick: number; at: number };

  /**
   * @param options.claimsOf - the entity refs a container's labels claim
   *   it for (see {@link EntityMap}); default: none.
   */
  constructor(
    options: { claimsOf?: (labels: Record<string, string>) => string[] } = {},
  ) {
    this.#byEntity = new EntityMap(options.claimsOf ?? (() => []));
  }

  /** A new point in this host's order of observations. */
  tick(): number {
    return ++this.#clock;
  }

  /** Marks an observation that began at a new tick as running. */
  begin(): number {
    const tick = this.tick();
    this.#inFlight.add(tick);
    return tick;
  }

  /** Ends an observation; removals no running observation predates are forgotten. */
  end(tick: number): void {
    this.#inFlight.delete(tick);
    const oldest = Math.min(...this.#inFlight, this.#clock + 1);
    for (const [id, removedAt] of this.#removed) {
      if (removedAt < oldest) this.#removed.delete(id);
    }
  }

  /** Records what an observation begun at `tick` saw of one container. */
  put(entry: IndexedContainer, tick: number): void {
    const id = entry.listed.Id;
    if ((this.#entries.get(id)?.tick ?? 0) > tick) return;
    if ((this.#removed.get(id) ?? 0) > tick) return;
    this.#entries.set(id, { ...entry, tick });
    // Labels can change only by recreating a container, but a reconcile
    // lists it anew: it is filed again from what was seen now.
    this.#byEntity.set(id, entry.listed.Labels ?? {});
    this.#changed();
  }

  /** Records that an observation begun at `tick` found the container gone or unbound. */
  remove(id: string, tick: number): void {
    if ((this.#entries.get(id)?.tick ?? 0) > tick) return;
    if (this.#entries.delete(id)) {
      this.#byEntity.delete(id);
      this.#changed();
    }
    this.#removed.set(id, Math.max(tick, this.#removed.get(id) ?? 0));
  }

  #changed(): void {
    this.#containers = undefined;
    this.#version++;
  }

  /**
   * A number that moves on whenever an entry is written or removed (a
   * write that saw nothing new moves it too): what a reader built from the
   * entries at one version is still true while the version is the same.
   */
  get version(): number {
    return this.#version;
  }

  /** After a reconcile begun at `tick` listed these ids: the rest is gone. */
  keepOnly(ids: Set<string>, tick: number): void {
    for (const id of [...this.#entries.keys()]) {
      if (!ids.has(id)) this.remove(id, tick);
    }
  }

  get(id: string): IndexedContainer | undefined {
    const entry = this.#entries.get(id);
    return entry && { listed: entry.listed, inspected: entry.inspected };
  }

  /** The containers whose labels claim them for `entityRef` (by label or rule). */
  claimedBy(entityRef: string): IndexedContainer[] {
    return this.#entriesOf(this.#byEntity.claimedBy(entityRef));
  }

  /** The containers no label or rule claims (only an annotation may bind them). */
  unclaimed(): IndexedContainer[] {
    return this.#entriesOf(this.#byEntity.unclaimed());
  }

  #entriesOf(ids: ReadonlySet<string>): IndexedContainer[] {
    return [...ids].flatMap(id => {
      const entry = this.get(id);
      return entry ? [entry] : [];
    });
  }

  streamUp(): number {
    this.#streamUpAt = this.tick();
    return this.#streamUpAt;
  }

  streamDown(): void {
    this.#streamUpAt = undefined;
  }

  /** A refresh failed: the entries are not trusted until the next reconcile. */
  failed(): void {
    this.#lastFailureAt = this.tick();
  }

  /**
   * A ping failed or came late: not live until a ping is answered again
   * and a reconcile that began after this one has finished.
   */
  unreachable(): void {
    this.#reachable = false;
    this.#lastFailureAt = this.tick();
  }

  /** A ping was answered; live again after the next reconcile. */
  reachableAgain(): void {
    this.#reachable = true;
  }

  get reachable(): boolean {
    return this.#reachable;
  }

  reconciled(tick: number, at: number): void {
    if (!this.#reconciled || this.#reconciled.tick < tick) {
      this.#reconciled = { tick, at };
    }
  }

  get streamUpAt(): number | undefined {
    return this.#streamUpAt;
  }

  get live(): boolean {
    const reconciledTick = this.#reconciled?.tick ?? 0;
    return (
      this.#reachable &&
      this.#streamUpAt !== undefined &&
      reconciledTick > this.#streamUpAt &&
      reconciledTick > this.#lastFailureAt
    );
  }

  view(): HostView {
    return {
      live: this.live,
      reachable: this.#reachable,
      ...(this.#reconciled ? { reconciledAt: this.#reconciled.at } : {}),
      containers: (this.#containers ??= Object.freeze(
        [...this.#entries.values()].map(e => ({
          listed: e.listed,
          inspected: e.inspected,
        })),
      )),
    };
  }
}
