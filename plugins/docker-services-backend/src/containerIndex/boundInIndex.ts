import {
  BindingConflict,
  ContainerSelector,
} from '@docker-services/backstage-plugin-docker-services-common';
import { ContainerBindings } from '../binding/ContainerBindings';
import { setsMatching } from './candidateReads';
import { IndexedContainer } from './indexedContainer';

/** An indexed container bound to the entity, or in conflict over it. */
export interface BoundIndexedContainer extends IndexedContainer {
  /** The entity's candidate filter set it passes (the one a list would have found it by). */
  labelFilters: string[];
  conflict?: BindingConflict;
}

/**
 * The entity's containers among a host's indexed ones, decided exactly as
 * from a Docker list: a container is a candidate when its labels pass one
 * of the entity's candidate filter sets, and is the entity's when its
 * owners say so (or in conflict when several claim it). No Docker call.
 */
export async function boundInIndex(options: {
  containers: readonly IndexedContainer[];
  bindings: ContainerBindings;
  entityRef: string;
  selector: ContainerSelector;
  host: string;
}): Promise<BoundIndexedContainer[]> {
  const { bindings, entityRef, selector, host } = options;
  const filterSets = bindings.candidateFilters(entityRef, selector, host);
  const results: BoundIndexedContainer[] = [];
  for (const container of options.containers) {
    const labels = container.listed.Labels ?? {};
    const [labelFilters] = setsMatching(filterSets, labels);
    if (!labelFilters) continue;
    const owners = await bindings.ownersOf(host, labels);
    const decision = bindings.decide(entityRef, owners, host);
    if (decision.kind === 'bound') results.push({ ...container, labelFilters });
    if (decision.kind === 'conflict') {
      results.push({ ...container, labelFilters, conflict: decision.conflict });
    }
  }
  return results;
}
