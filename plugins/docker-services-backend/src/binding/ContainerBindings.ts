import {
  BindingConflict,
  ContainerSelector,
  ENTITY_LABEL,
} from '@docker-services/backstage-plugin-docker-services-common';
import { BindingRule } from '../config';

/** One reason a container belongs to an entity. */
export interface Owner {
  /** Lower-case entity ref. */
  entityRef: string;
  via: 'label' | 'rule' | 'annotation';
}

/** An entity whose selector annotation may bind containers on trusting hosts. */
export interface AnnotatedEntity {
  /** Lower-case entity ref. */
  entityRef: string;
  selector: ContainerSelector;
}

/** What a container is to one entity. */
export type BindingDecision =
  | { kind: 'bound' }
  | { kind: 'conflict'; conflict: BindingConflict }
  | { kind: 'not-bound' };

/**
 * Decides which entity a container belongs to. Only people with authority
 * bind: whoever deploys the container (its `docker-services.entity`
 * label) and portal admins (rules in app-config.yaml). A catalog author's
 * annotation binds only on hosts that trust catalog annotations, and only
 * containers that no label or rule binds. Two owners mean a conflict, and
 * a conflicted container is acted on by nobody.
 */
export class ContainerBindings {
  readonly #rules: BindingRule[];
  readonly #trustingHosts: Set<string>;
  readonly #annotatedEntities: () => Promise<AnnotatedEntity[]>;

  /**
   * @param options.annotatedEntities - every entity with a selector
   *   annotation; asked only when a host trusts catalog annotations.
   */
  static create(options: {
    rules: BindingRule[];
    trustingHosts: string[];
    annotatedEntities: () => Promise<AnnotatedEntity[]>;
  }): ContainerBindings {
    return new ContainerBindings(options);
  }

  private constructor(options: {
    rules: BindingRule[];
    trustingHosts: string[];
    annotatedEntities: () => Promise<AnnotatedEntity[]>;
  }) {
    this.#rules = options.rules;
    this.#trustingHosts = new Set(options.trustingHosts);
    this.#annotatedEntities = options.annotatedEntities;
  }

  trustsAnnotations(host: string): boolean {
    return this.#trustingHosts.has(host);
  }

  /**
   * The label filters (Docker `label` values, all of which must match) that
   * find the containers that may be `entityRef`'s on `host`, narrowed by its
   * annotations. Each filter set is one Docker list call; what they find is
   * then decided by {@link ContainerBindings.decide}.
   */
  candidateFilters(
    entityRef: string,
    selector: ContainerSelector,
    host: string,
  ): string[][] {
    const ref = entityRef.toLocaleLowerCase('en-US');
    const sets: Array<Record<string, string>> = [
      { [ENTITY_LABEL]: ref, ...selector.labels },
    ];
    for (const rule of this.#rulesOn(host)) {
      if (rule.entityRef !== ref) continue;
      const merged = merge(rule.labels, selector.labels);
      if (merged) sets.push(merged);
    }
    if (this.trustsAnnotations(host)) {
      sets.push(selector.labels);
    }
    return sets.map(set => Object.entries(set).map(([k, v]) => `${k}=${v}`));
  }

  /**
   * Label filters that together find every container on `host` that may be
   * bound to some entity: the ones naming an entity, each rule's, and on a
   * trusting host each annotated entity's selector.
   */
  async allCandidateFilters(host: string): Promise<string[][]> {
    const sets: Array<Record<string, string>> = this.#rulesOn(host).map(
      r => r.labels,
    );
    if (this.trustsAnnotations(host)) {
      for (const entity of await this.#annotatedEntities()) {
        if (!entity.selector.hosts || entity.selector.hosts.includes(host)) {
          sets.push(entity.selector.labels);
        }
      }
    }
    return [
      [ENTITY_LABEL],
      ...sets.map(set => Object.entries(set).map(([k, v]) => `${k}=${v}`)),
    ];
  }

  /**
   * The owners a container on `host` has by its labels alone: its
   * `docker-services.entity` label and the admin rules that match it. No
   * catalog read, so the index can keep its containers by entity with it.
   * A container with none may still be bound by an annotation on a host
   * that trusts them (see {@link ContainerBindings.ownersOf}).
   */
  claimsOf(host: string, labels: Record<string, string>): Owner[] {
    const owners: Owner[] = [];
    const labelled = labels[ENTITY_LABEL];
    if (labelled) {
      owners.push({
        entityRef: labelled.trim().toLocaleLowerCase('en-US'),
        via: 'label',
      });
    }
    for (const rule of this.#rulesOn(host)) {
      if (matches(rule.labels, labels)) {
        owners.push({ entityRef: rule.entityRef, via: 'rule' });
      }
    }
    return owners;
  }

  /** Every entity a container on `host` with `labels` is bound to, and how. */
  async ownersOf(
    host: string,
    labels: Record<string, string>,
  ): Promise<Owner[]> {
    const owners = this.claimsOf(host, labels);
    if (owners.length > 0 || !this.trustsAnnotations(host)) {
      return owners;
    }
    for (const entity of await this.#annotatedEntities()) {
      const onHost =
        !entity.selector.hosts || entity.selector.hosts.includes(host);
      if (onHost && matches(entity.selector.labels, labels)) {
        owners.push({ entityRef: entity.entityRef, via: 'annotation' });
      }
    }
    return owners;
  }

  /**
   * What a container (or, with `what: 'service'`, a Swarm service) with
   * these owners is to `entityRef`.
   */
  decide(
    entityRef: string,
    owners: Owner[],
    host: string,
    what: 'container' | 'service' = 'container',
  ): BindingDecision {
    const ref = entityRef.toLocaleLowerCase('en-US');
    const refs = [...new Set(owners.map(o => o.entityRef))];
    if (!refs.includes(ref)) return { kind: 'not-bound' };
    if (refs.length === 1) return { kind: 'bound' };
    return {
      kind: 'conflict',
      conflict: {
        entityRefs: refs.sort(),
        message: explain(owners, host, what),
      },
    };
  }

  #rulesOn(host: string): BindingRule[] {
    return this.#rules.filter(r => !r.hosts || r.hosts.includes(host));
  }
}

function matches(
  wanted: Record<string, string>,
  labels: Record<string, string>,
): boolean {
  return Object.entries(wanted).every(([k, v]) => labels[k] === v);
}

/** Both sets of pairs at once, or undefined when they contradict. */
function merge(
  a: Record<string, string>,
  b: Record<string, string>,
): Record<string, string> | undefined {
  for (const [key, value] of Object.entries(b)) {
    if (key in a && a[key] !== value) return undefined;
  }
  return { ...a, ...b };
}

const HOW: Record<Owner['via'], string> = {
  label: `its ${ENTITY_LABEL} label`,
  rule: 'an admin rule in the portal configuration',
  annotation: 'a catalog annotation',
};

function explain(
  owners: Owner[],
  host: string,
  what: 'container' | 'service',
): string {
  const claims = owners
    .map(o => `${o.entityRef} (by ${HOW[o.via]})`)
    .join(' and ');
  const fixes = new Set<string>();
  if (owners.some(o => o.via === 'label')) {
    fixes.add(`whoever deploys the ${what} can correct its label`);
  }
  if (owners.some(o => o.via === 'rule')) {
    fixes.add('a portal admin can correct the rule');
  }
  if (owners.some(o => o.via === 'annotation')) {
    fixes.add('the owners of those entities can narrow their annotations');
  }
  const subject = what === 'service' ? 'This Swarm service' : 'This container';
  const actions =
    what === 'service' ? 'scale, restart' : 'start, stop, restart';
  return `${subject} on host ${host} is bound to ${claims}, so nobody can ${actions} it or read its logs here until that is resolved: ${[
    ...fixes,
  ].join('; ')}.`;
}
