import {
  FleetEntity,
  FleetSwarmService,
} from '@docker-services/backstage-plugin-docker-services-common';
import { countService, levelRank } from '../status/summarizeStatus';
import { FleetServiceCandidate } from './FleetSwarm';
import { serviceMatcher } from './serviceMatcher';

/**
 * The Swarm services a fleet search finds: only those bound to one entity
 * the caller may read (`entities`, by ref), matched by
 * {@link serviceMatcher}, worst first, then by name.
 */
export function searchServices(options: {
  q: string;
  candidates: FleetServiceCandidate[];
  entities: Map<string, FleetEntity>;
}): FleetSwarmService[] {
  const match = serviceMatcher(options.q);
  const found: FleetSwarmService[] = [];
  for (const { summary, stack, refs } of options.candidates) {
    const entity =
      refs.length === 1 ? options.entities.get(refs[0]) : undefined;
    if (!entity) continue;
    const tasks = match({
      summary,
      stack,
      entityNames: [entity.name, entity.title ?? ''],
    });
    if (!tasks) continue;
    found.push({
      host: summary.host,
      id: summary.id,
      name: summary.name,
      ...(stack ? { stack } : {}),
      image: summary.image,
      level: countService(summary).level,
      runningTasks: summary.runningTasks,
      desiredTasks: summary.desiredTasks,
      summary: summary.summary,
      tasks,
      entity,
    });
  }
  return found.sort(
    (a, b) =>
      levelRank(a.level) - levelRank(b.level) || a.name.localeCompare(b.name),
  );
}
