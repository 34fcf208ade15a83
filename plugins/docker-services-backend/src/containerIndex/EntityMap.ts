const EMPTY: ReadonlySet<string> = new Set();

/**
 * One host's indexed containers by the entities that claim them, so that a
 * list for one entity touches only that entity's containers, however many
 * the host has. A container is kept under every entity its labels claim (its
 * `docker-services.entity` label and each admin rule that matches it): a
 * container in conflict is thus found from each side. Containers nothing
 * claims are kept apart: on a host that trusts catalog annotations, an
 * annotation may bind them, and only a look at each one's labels can tell.
 */
export class EntityMap {
  readonly #claimsOf: (labels: Record<string, string>) => string[];
  /** Lower-case entity ref → ids of the containers it claims. */
  readonly #byEntity = new Map<string, Set<string>>();
  /** Container id → the entity refs it is kept under. */
  readonly #byContainer = new Map<string, readonly string[]>();
  readonly #unclaimed = new Set<string>();

  /**
   * @param claimsOf - the entity refs a container's labels claim it for;
   *   decided from the labels alone, so it never changes while they do not.
   */
  constructor(claimsOf: (labels: Record<string, string>) => string[]) {
    this.#claimsOf = claimsOf;
  }

  /** Files the container under what its labels claim now (its earlier claims are dropped). */
  set(id: string, labels: Record<string, string>): void {
    this.delete(id);
    const refs = [
      ...new Set(this.#claimsOf(labels).map(r => r.toLocaleLowerCase('en-US'))),
    ];
    this.#byContainer.set(id, refs);
    if (refs.length === 0) {
      this.#unclaimed.add(id);
      return;
    }
    for (const ref of refs) {
      let ids = this.#byEntity.get(ref);
      if (!ids) this.#byEntity.set(ref, (ids = new Set()));
      ids.add(id);
    }
  }

  delete(id: string): void {
    const refs = this.#byContainer.get(id);
    if (!refs) return;
    this.#byContainer.delete(id);
    this.#unclaimed.delete(id);
    for (const ref of refs) {
      const ids = this.#byEntity.get(ref);
      ids?.delete(id);
      if (ids?.size === 0) this.#byEntity.delete(ref);
    }
  }

  /** Ids of the containers claimed for `entityRef` (by label or rule). */
  claimedBy(entityRef: string): ReadonlySet<string> {
    return this.#byEntity.get(entityRef.toLocaleLowerCase('en-US')) ?? EMPTY;
  }

  /** Ids of the containers no label or rule claims. */
  unclaimed(): ReadonlySet<string> {
    return this.#unclaimed;
  }
}
