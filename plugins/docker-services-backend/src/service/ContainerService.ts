import { Entity } from '@backstage/catalog-model';
import { EngineLogOptions } from '../docker/DockerHost';
import {
  ContainerAction,
  ContainerActionResponse,
  ContainerDetails,
  ContainerListResponse,
  ContainerStats,
  ContainerSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { EngineFacts } from '../database/HistoryStore';

/** A container bound to an entity on one host. */
export interface ResolvedContainer {
  entityRef: string;
  host: string;
  /** The label filter that found it, for re-reading it after an action. */
  labelFilters: string[];
  container: ContainerSummary;
}

/**
 * What the routes need from Docker, phrased in catalog terms: every call
 * takes the entity, and containers are only ever found through it.
 */
export interface ContainerService {
  /** The entity's containers on each of its hosts; a failing host is reported, not thrown. */
  listContainers(request: { entity: Entity }): Promise<ContainerListResponse>;

  /**
   * A key that stays the same while {@link ContainerService.listContainers}
   * gives the same answer for the entity (no Docker call; cheap), so that
   * the answer can be kept; undefined when that cannot be told, such as
   * when a host's list would ask Docker.
   */
  listVersion?(request: { entity: Entity }): string | undefined;

  /**
   * The container `id` on `host`, if the entity's selector finds it there.
   * Otherwise NotFoundError, the same whether it does not exist or belongs
   * to another entity.
   */
  resolveContainer(request: {
    entity: Entity;
    host: string;
    id: string;
  }): Promise<ResolvedContainer>;

  getContainerDetails(request: {
    entity: Entity;
    host: string;
    id: string;
  }): Promise<ContainerDetails>;

  /** One resource-use sample; ConflictError when the container is not running. */
  getContainerStats(request: {
    entity: Entity;
    host: string;
    id: string;
  }): Promise<ContainerStats>;

  /**
   * Finds one of the entity's containers for reading its log; `open` then
   * starts the Docker request (which, when following a quiet container, may
   * not answer until the container writes).
   */
  prepareLogs(request: { entity: Entity; host: string; id: string }): Promise<{
    containerName: string;
    tty: boolean;
    open(
      options: EngineLogOptions,
      signal: AbortSignal,
    ): Promise<NodeJS.ReadableStream>;
  }>;

  /**
   * Runs one lifecycle action on a resolved container; serialized per
   * container, across backend replicas too.
   *
   * @param request.mayStartStopped - whether the caller may start the
   *   container; a restart of a container that is not running starts it, so
   *   without this it is refused (409).
   */
  runAction(request: {
    target: ResolvedContainer;
    action: ContainerAction;
    mayStartStopped: boolean;
    /** Told what Docker said before and after the call (see performAction). */
    onEngine?: (facts: EngineFacts) => Promise<void>;
  }): Promise<ContainerActionResponse>;
}
