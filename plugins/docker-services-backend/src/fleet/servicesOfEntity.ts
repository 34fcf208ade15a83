import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { SwarmServiceSummary } from '@docker-services/backstage-plugin-docker-services-common';
import { ContainerBindings } from '../binding/ContainerBindings';
import { selectorOf } from '../service/selectorOf';
import { FleetServiceCandidate } from './FleetSwarm';

/**
 * The entity's Swarm services picked from the fleet's shared list, as its
 * tab lists them (`SwarmServices.listServices`): bound to it, narrowed by
 * its selector (labels and hosts), a service another entity claims too
 * shown with the conflict; per manager in the fleet's order, then by name.
 * Throws as the tab does when the entity's annotation is invalid.
 */
export function servicesOfEntity(options: {
  entity: Entity;
  candidates: FleetServiceCandidate[];
  bindings: ContainerBindings;
}): SwarmServiceSummary[] {
  const { entity, candidates, bindings } = options;
  const selector = selectorOf(entity);
  const entityRef = stringifyEntityRef(entity);
  const hostOrder = [...new Set(candidates.map(c => c.summary.host))];
  const found: SwarmServiceSummary[] = [];
  for (const { summary, owners, labels } of candidates) {
    if (selector.hosts && !selector.hosts.includes(summary.host)) continue;
    const narrowed = Object.entries(selector.labels).every(
      ([key, value]) => labels[key] === value,
    );
    if (!narrowed) continue;
    const decision = bindings.decide(
      entityRef,
      owners,
      summary.host,
      'service',
    );
    if (decision.kind === 'bound') found.push(summary);
    if (decision.kind === 'conflict') {
      found.push({ ...summary, conflict: decision.conflict });
    }
  }
  return found.sort(
    (a, b) =>
      hostOrder.indexOf(a.host) - hostOrder.indexOf(b.host) ||
      a.name.localeCompare(b.name),
  );
}
