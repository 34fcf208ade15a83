import { ENTITY_LABEL } from '@docker-services/backstage-plugin-docker-services-common';
import { DockerHost, EngineContainer } from '../docker/DockerHost';
import { mapWithConcurrency } from '../service/concurrency';
import {
  IndexedContainer,
  needsInspect,
  trimInspected,
  trimListed,
} from './indexedContainer';

/**
 * Every container one of `filterSets` finds on `host` (one labelled list
 * per set, `id` narrowing each), by id.
 */
export async function listCandidates(
  host: DockerHost,
  filterSets: string[][],
  id?: string,
): Promise<Map<string, EngineContainer>> {
  const found = new Map<string, EngineContainer>();
  for (const filters of filterSets) {
    for (const entry of await host.listContainers(
      filters,
      id ? { id } : undefined,
    )) {
      if (id && entry.Id !== id) continue;
      if (!found.has(entry.Id)) found.set(entry.Id, trimListed(entry));
    }
  }
  return found;
}

/**
 * The list entries with their inspect: again for the new and the changed,
 * the earlier one for the rest. Containers gone before their inspect are
 * left out; any other failure rejects.
 */
export async function withInspects(
  host: DockerHost,
  listed: EngineContainer[],
  before: (id: string) => IndexedContainer | undefined,
  concurrency: number,
): Promise<IndexedContainer[]> {
  const entries = await mapWithConcurrency(
    listed,
    concurrency,
    async (entry): Promise<IndexedContainer | undefined> => {
      const earlier = before(entry.Id);
      if (!needsInspect(earlier, entry)) {
        return { listed: entry, inspected: earlier!.inspected };
      }
      const inspected = await inspectUnlessGone(host, entry.Id);
      return inspected ? { listed: entry, inspected } : undefined;
    },
  );
  return entries.filter((e): e is IndexedContainer => e !== undefined);
}

/** The trimmed inspect, or undefined when Docker no longer has the container. */
export async function inspectUnlessGone(host: DockerHost, id: string) {
  try {
    return trimInspected(await host.inspectContainer(id));
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw error;
  }
}

/**
 * The filter sets a container with `labels` can pass (Docker attaches a
 * container's labels to its events): others need not be asked about it.
 */
export function setsMatching(
  filterSets: string[][],
  labels: Record<string, string>,
): string[][] {
  return filterSets.filter(set =>
    set.every(filter => {
      const eq = filter.indexOf('=');
      if (eq < 0) return filter === ENTITY_LABEL && filter in labels;
      return labels[filter.slice(0, eq)] === filter.slice(eq + 1);
    }),
  );
}
