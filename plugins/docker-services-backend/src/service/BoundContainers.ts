import {
  BindingConflict,
  ContainerSelector,
  ContainerSummary,
  ENTITY_LABEL,
} from '@docker-services/backstage-plugin-docker-services-common';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { ContainerBindings } from '../binding/ContainerBindings';
import { ContainerIndex } from '../containerIndex/ContainerIndex';
import { boundInIndex } from '../containerIndex/boundInIndex';
import { listCandidates } from '../containerIndex/candidateReads';
import {
  DockerHost,
  EngineContainer,
  EngineContainerInspect,
} from '../docker/DockerHost';
import { mapWithConcurrency } from './concurrency';
import { toContainerSummary } from './toContainerSummary';

/** How many inspect calls run at once against one host. */
const INSPECT_CONCURRENCY = 8;
/** `localeCompare`'s order, without building a collator per comparison. */
const byName = new Intl.Collator();

/** A container bound to the entity on one host, or in conflict over it. */
export interface BoundContainer {
  listed: EngineContainer;
  /** The entity's candidate filter set it was found by. */
  labelFilters: string[];
  conflict?: BindingConflict;
  /** Set when read from the index, with what it knew of the inspect. */
  indexed?: { inspected?: EngineContainerInspect };
}

/**
 * Which containers on a host are an entity's: from the host's live index
 * when there is one (only the entity's own containers are looked at), else
 * from Docker (one labelled list per way of binding), each decided from its
 * labels by {@link ContainerBindings}.
 */
export class BoundContainers {
  readonly #bindings: ContainerBindings;
  readonly #index?: ContainerIndex;

  static create(options: {
    bindings: ContainerBindings;
    /** When given, lookups read it while its host is live. */
    index?: ContainerIndex;
  }): BoundContainers {
    return new BoundContainers(options);
  }

  private constructor(options: {
    bindings: ContainerBindings;
    index?: ContainerIndex;
  }) {
    this.#bindings = options.bindings;
    this.#index = options.index;
  }

  /**
   * The containers on `host` bound to the entity (or in conflict over it),
   * narrowed by its selector; with `id`, at most that one.
   */
  async onHost(
    host: DockerHost,
    entityRef: string,
    selector: ContainerSelector,
    id?: string,
  ): Promise<BoundContainer[]> {
    const index = this.#index;
    if (index?.isLive(host.name)) {
      const one = id ? index.find(host.name, id) : undefined;
      // A container created a moment ago may not have reached the index
      // through Docker's events yet: a miss by id asks Docker (one
      // labelled list), rather than answering 404 for a container that is there.
      if (id && !one) return this.#fromDocker(host, entityRef, selector, id);
      const containers = one
        ? [one]
        : index.candidatesFor(host.name, entityRef);
      const bound = await boundInIndex({
        containers,
        bindings: this.#bindings,
        entityRef,
        selector,
        host: host.name,
      });
      return bound.map(({ inspected, ...rest }) => ({
        ...rest,
        indexed: { inspected },
      }));
    }
    return this.#fromDocker(host, entityRef, selector, id);
  }

  /**
   * A number that stays the same while {@link BoundContainers.summariesOnHost}
   * gives the same answer for every entity on `host`: the version of the
   * host's index entries, when the index is live there and a container's
   * owners follow from its labels and the admins' rules alone. Undefined
   * when Docker would be asked, or when catalog annotations may bind (the
   * catalog can change without the index knowing).
   */
  versionOn(host: string): number | undefined {
    const index = this.#index;
    if (!index?.isLive(host) || this.#bindings.trustsAnnotations(host)) {
      return undefined;
    }
    return index.versionOf(host);
  }

  /**
   * The summaries of the entity's containers on `host`, by name: from the
   * index as it stands, or from Docker with an inspect of each (at the
   * `signal`, inspects still waiting are not started).
   */
  async summariesOnHost(
    host: DockerHost,
    entityRef: string,
    selector: ContainerSelector,
    signal: AbortSignal,
  ): Promise<ContainerSummary[]> {
    const bound = await this.onHost(host, entityRef, selector);
    const summaries = await mapWithConcurrency(
      bound,
      INSPECT_CONCURRENCY,
      async ({ listed, conflict, indexed }) => {
        // From the index, the inspect fields are there already; from Docker,
        // a container removed between list and inspect still shows what the
        // list knew.
        const inspected = indexed
          ? indexed.inspected
          : await host.inspectContainer(listed.Id).catch(() => undefined);
        const summary = toContainerSummary(host.name, listed, inspected);
        return conflict ? { ...summary, conflict } : summary;
      },
      { signal },
    );
    return summaries.sort((a, b) => byName.compare(a.name, b.name));
  }

  async #fromDocker(
    host: DockerHost,
    entityRef: string,
    selector: ContainerSelector,
    id?: string,
  ): Promise<BoundContainer[]> {
    const results: BoundContainer[] = [];
    for (const labelFilters of this.#bindings.candidateFilters(
      entityRef,
      selector,
      host.name,
    )) {
      for (const listed of (
        await listCandidates(host, [labelFilters], id)
      ).values()) {
        if (results.some(r => r.listed.Id === listed.Id)) continue;
        const decision = await this.#decide(host.name, entityRef, listed);
        if (decision.kind === 'bound') results.push({ listed, labelFilters });
        if (decision.kind === 'conflict') {
          results.push({ listed, labelFilters, conflict: decision.conflict });
        }
      }
    }
    return results;
  }

  async #decide(host: string, entityRef: string, listed: EngineContainer) {
    const owners = await this.#bindings.ownersOf(host, listed.Labels ?? {});
    return this.#bindings.decide(entityRef, owners, host);
  }

  /**
   * Throws unless a container on `host` with `labels` (as the engine has
   * them now) is bound to `entityRef` alone: the same 404 as an unknown
   * container, or a 409 that says who else claims it.
   */
  async checkStillBound(
    host: string,
    entityRef: string,
    labels: Record<string, string>,
    id: string,
  ): Promise<void> {
    const owners = await this.#bindings.ownersOf(host, labels);
    const decision = this.#bindings.decide(entityRef, owners, host);
    if (decision.kind === 'conflict') {
      throw new ConflictError(decision.conflict.message);
    }
    if (decision.kind === 'not-bound') {
      throw new NotFoundError(
        `No container ${id.slice(
          0,
          12,
        )} of ${entityRef} was found on host ${host}`,
      );
    }
  }

  /** Why a host shows nothing for the entity, in words for its owners. */
  emptyReason(host: string, entityRef: string): string {
    const ref = entityRef.toLocaleLowerCase('en-US');
    const ways = `A container belongs to ${ref} when it carries the label ${ENTITY_LABEL}=${ref} (set where it is deployed, such as in its Compose file) or when a portal admin binds it with a rule`;
    return this.#bindings.trustsAnnotations(host)
      ? `No container on host ${host} matches this entity's annotations. ${ways}; on this host, a container no label or rule binds also belongs to the entity whose annotations match it.`
      : `No container on host ${host} is bound to this entity. ${ways}. This host does not take catalog annotations alone as proof, so an annotation only narrows what is shown.`;
  }
}
