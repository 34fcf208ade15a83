import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ContainerListResponse,
  ContainerSelector,
  ContainerSummary,
  HostResult,
  InvalidSelectorError,
  parseContainerSelector,
  toLabelFilters,
} from '@internal/backstage-plugin-docker-services-common';
import { DockerHost } from '../docker/DockerHost';
import { DockerHostRegistry } from '../docker/DockerHostRegistry';
import { describeHostError } from '../docker/describeHostError';
import { ContainerService } from './ContainerService';
import { toContainerSummary } from './toContainerSummary';

/** How many inspect calls run at once against one host. */
const INSPECT_CONCURRENCY = 8;

/** {@link ContainerService} over the configured Docker hosts. */
export class DockerContainerService implements ContainerService {
  readonly #hosts: DockerHostRegistry;
  readonly #logger: LoggerService;
  readonly #hostDeadlineMs: number;

  static create(options: {
    hosts: DockerHostRegistry;
    logger: LoggerService;
    hostDeadlineMs: number;
  }): DockerContainerService {
    return new DockerContainerService(options);
  }

  private constructor(options: {
    hosts: DockerHostRegistry;
    logger: LoggerService;
    hostDeadlineMs: number;
  }) {
    this.#hosts = options.hosts;
    this.#logger = options.logger;
    this.#hostDeadlineMs = options.hostDeadlineMs;
  }

  async listContainers({
    entity,
  }: {
    entity: Entity;
  }): Promise<ContainerListResponse> {
    const selector = selectorOf(entity);
    const filters = toLabelFilters(selector);
    const hosts = this.#hosts.select(selector.hosts);
    // Hosts are queried side by side; one slow or dead host only costs its own deadline.
    const results = await Promise.all(
      hosts.map(host => this.#listOnHost(host, filters)),
    );
    return {
      entityRef: stringifyEntityRef(entity),
      selector: filters,
      hosts: results,
    };
  }

  async #listOnHost(host: DockerHost, filters: string[]): Promise<HostResult> {
    try {
      const containers = await withDeadline(
        listWithDetails(host, filters),
        this.#hostDeadlineMs,
      );
      return { name: host.name, status: 'ok', containers };
    } catch (error) {
      this.#logger.warn(`Docker host ${host.name} could not be listed`, {
        host: host.name,
        error: String(error),
      });
      return {
        name: host.name,
        status: 'unavailable',
        error: describeHostError(error, host.name),
      };
    }
  }
}

function selectorOf(entity: Entity): ContainerSelector {
  try {
    return parseContainerSelector(entity.metadata.annotations);
  } catch (error) {
    if (error instanceof InvalidSelectorError) {
      throw new InputError(error.message);
    }
    throw error;
  }
}

async function listWithDetails(
  host: DockerHost,
  filters: string[],
): Promise<ContainerSummary[]> {
  const listed = await host.listContainers(filters);
  const summaries = await mapWithConcurrency(listed, INSPECT_CONCURRENCY, async entry => {
    // A container removed between list and inspect still shows what the list knew.
    const inspected = await host.inspectContainer(entry.Id).catch(() => undefined);
    return toContainerSummary(host.name, entry, inspected);
  });
  return summaries.sort((a, b) => a.name.localeCompare(b.name));
}

async function mapWithConcurrency<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`No answer within ${ms} ms`);
      error.name = 'TimeoutError';
      reject(error);
    }, ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
