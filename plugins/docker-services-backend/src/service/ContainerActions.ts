import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  ContainerAction,
  ContainerActionResponse,
  HistoryEntry,
} from '@internal/backstage-plugin-docker-services-common';
import { Request } from 'express';
import { HistoryStore } from '../database/HistoryStore';
import { ContainerService } from './ContainerService';

/** Who asks for which action on which container of which entity, and why. */
export interface ActionRequest {
  req: Request;
  entity: Entity;
  entityRef: string;
  actor: string;
  host: string;
  id: string;
  action: ContainerAction;
  reason?: string;
}

/**
 * The one audited path for start, stop and restart: an auditor event
 * (medium severity) and a history row for every attempt on a container of
 * the entity, whatever the outcome.
 */
export class ContainerActions {
  readonly #containers: ContainerService;
  readonly #history: HistoryStore;
  readonly #auditor: AuditorService;
  readonly #logger: LoggerService;

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
    this.#history = options.history;
    this.#auditor = options.auditor;
    this.#logger = options.logger;
  }

  async run(request: ActionRequest): Promise<ContainerActionResponse> {
    const { req, entity, entityRef, host, id, action, reason } = request;
    const event = await this.#auditor.createEvent({
      eventId: 'container-action',
      severityLevel: 'medium',
      request: req,
      meta: {
        action,
        entityRef,
        host,
        containerId: id,
        ...(reason ? { reason } : {}),
      },
    });
    let containerName: string | undefined;
    try {
      const target = await this.#containers.resolveContainer({
        entity,
        host,
        id,
      });
      containerName = target.container.name;
      const result = await this.#containers.runAction({ target, action });
      await this.#record({
        ...request,
        containerName,
        outcome: result.stateUnknown ? 'unknown' : 'succeeded',
        changed: result.changed,
        ...(result.stateUnknown ? { error: result.message } : {}),
      });
      await event.success({
        meta: {
          changed: result.changed,
          stateUnknown: Boolean(result.stateUnknown),
        },
      });
      return result;
    } catch (error) {
      // Attempts on containers that are not this entity's get no history row.
      if (containerName) {
        await this.#record({
          ...request,
          containerName,
          outcome: 'failed',
          changed: false,
          error: (error as Error).message,
        });
      }
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  async #record(
    entry: ActionRequest &
      Pick<HistoryEntry, 'containerName' | 'outcome' | 'changed' | 'error'>,
  ) {
    try {
      await this.#history.add({
        entityRef: entry.entityRef,
        actor: entry.actor,
        action: entry.action,
        host: entry.host,
        containerId: entry.id,
        containerName: entry.containerName,
        reason: entry.reason,
        outcome: entry.outcome,
        changed: entry.changed,
        error: entry.error,
      });
    } catch (error) {
      // The action happened; losing its row must not turn it into an error.
      this.#logger.error('Could not write docker-services history row', {
        entityRef: entry.entityRef,
        error: String(error),
      });
    }
  }
}
