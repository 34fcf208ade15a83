import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { SwarmServiceActionResponse } from '@docker-services/backstage-plugin-docker-services-common';
import { Request } from 'express';
import { HistoryStore } from '../database/HistoryStore';
import { ServiceChange } from '../docker/DockerHost';
import {
  ActionChannel,
  ActionRecorder,
  channelMeta,
} from '../service/ActionRecorder';
import {
  checkRestartable,
  checkScalable,
  replicasOf,
} from './performServiceAction';
import { SwarmServices } from './SwarmServices';

/** Who asks for which change to which service of which entity, and why. */
export interface ServiceActionRequest {
  /** Absent when an assistant asked on the person's behalf (see `channel`). */
  req?: Request;
  entity: Entity;
  entityRef: string;
  actor: string;
  host: string;
  id: string;
  change: ServiceChange;
  reason?: string;
  /**
   * Whether the caller may also start the entity's containers: a restart
   * of a job runs its tasks again (see `checkRestartable`).
   */
  mayStartJobs: boolean;
  /** How the person asked, when not through the portal's pages. */
  channel?: ActionChannel;
}

/**
 * A Swarm service's scale and rolling restart through the one audited path
 * ({@link ActionRecorder}) containers' actions take: an auditor event for
 * every attempt, a history row (target `service`) written before Docker is
 * called and completed with the outcome.
 */
export class ServiceActions {
  readonly #services: SwarmServices;
  readonly #recorder: ActionRecorder;

  constructor(options: {
    services: SwarmServices;
    history: HistoryStore;
    auditor: AuditorService;
    logger: LoggerService;
  }) {
    this.#services = options.services;
    this.#recorder = new ActionRecorder(options);
  }

  async run(
    request: ServiceActionRequest,
  ): Promise<SwarmServiceActionResponse> {
    const { req, entity, entityRef, host, id, change, reason } = request;
    return this.#recorder.record({
      req,
      eventId: 'service-action',
      meta: {
        action: change.kind,
        entityRef,
        host,
        serviceId: id,
        ...(change.kind === 'scale' ? { replicas: change.replicas } : {}),
        ...(reason ? { reason } : {}),
        ...channelMeta(request),
      },
      resolve: async () => {
        if (change.kind === 'scale') this.#checkLimits(change.replicas);
        const target = await this.#services.resolveService({
          entity,
          host,
          id,
        });
        if (change.kind === 'scale') checkScalable(target.service);
        if (change.kind === 'restart') {
          checkRestartable(target.service, request.mayStartJobs);
        }
        return target;
      },
      entry: target => ({
        entityRef,
        actor: request.actor,
        action: change.kind,
        target: 'service',
        host,
        containerId: id,
        containerName: target.service.Spec.Name,
        reason,
        ...(request.channel ? { channel: request.channel } : {}),
        ...(change.kind === 'scale'
          ? {
              replicas: {
                from: replicasOf(target.service) ?? 0,
                to: change.replicas,
              },
            }
          : {}),
      }),
      act: target => this.#services.runAction({ entity, target, change }),
    });
  }

  /** The portal's limits (config `dockerServices.swarm`), said in words. */
  #checkLimits(replicas: number): void {
    const { maxReplicas, allowScaleToZero } = this.#services.settings;
    if (replicas === 0 && !allowScaleToZero) {
      throw new InputError(
        'Scaling to 0 replicas would stop the service on every node, and this portal does not allow that (dockerServices.swarm.allowScaleToZero). Scale to 1 or more, or ask a portal admin.',
      );
    }
    if (replicas > maxReplicas) {
      throw new InputError(
        `This portal scales a service to at most ${maxReplicas} replicas (dockerServices.swarm.maxReplicas); ${replicas} is more. Ask a portal admin if the service needs more.`,
      );
    }
  }
}
