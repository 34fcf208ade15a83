import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  ContainerAction,
  ContainerActionResponse,
} from '@docker-services/backstage-plugin-docker-services-common';
import { Request } from 'express';
import { HistoryStore } from '../database/HistoryStore';
import { ActionChannel, ActionRecorder, channelMeta } from './ActionRecorder';
import { ContainerService } from './ContainerService';

/** Who asks for which action on which container of which entity, and why. */
export interface ActionRequest {
  /** Absent for what the portal does by itself (a job's schedule or retry). */
  req?: Request;
  entity: Entity;
  entityRef: string;
  actor: string;
  host: string;
  id: string;
  action: ContainerAction;
  reason?: string;
  /** Whether the caller may also start the container (see restart). */
  mayStartStopped: boolean;
  /** How the person asked, when not through the portal's pages. */
  channel?: ActionChannel;
}

/**
 * Start, stop and restart through the one audited path
 * ({@link ActionRecorder}): an auditor event for every attempt, and for
 * every attempt on a container of the entity a history row, written before
 * Docker is called and completed with the outcome.
 */
export class ContainerActions {
  readonly #containers: ContainerService;
  readonly #recorder: ActionRecorder;

  static create(options: {
    containers: ContainerService;
    history: HistoryStore;
    auditor: AuditorService;
    logger: LoggerService;
  }) {
    return new ContainerActions(options);
  }

  private constructor(options: {
    containers: ContainerService;
    history: HistoryStore;
    auditor: AuditorService;
    logger: LoggerService;
  }) {
    this.#containers = options.containers;
    this.#recorder = new ActionRecorder(options);
  }

  async run(request: ActionRequest): Promise<ContainerActionResponse> {
    const { req, entity, entityRef, host, id, action, reason } = request;
    return this.#recorder.record({
      req,
      eventId: 'container-action',
      meta: {
        action,
        entityRef,
        host,
        containerId: id,
        ...(reason ? { reason } : {}),
        ...channelMeta(request),
      },
      resolve: () => this.#containers.resolveContainer({ entity, host, id }),
      entry: target => ({
        entityRef,
        actor: request.actor,
        action,
        host,
        containerId: id,
        containerName: target.container.name,
        reason,
        ...(request.channel ? { channel: request.channel } : {}),
      }),
      act: (target, noteEngine) =>
        this.#containers.runAction({
          target,
          action,
          mayStartStopped: request.mayStartStopped,
          onEngine: noteEngine,
        }),
    });
  }
}
