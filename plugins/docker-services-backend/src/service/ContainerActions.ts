import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  ContainerAction,
  ContainerActionResponse,
  HistoryEntry,
} from '@docker-services/backstage-plugin-docker-services-common';
import { ServiceUnavailableError } from '@backstage/errors';
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
  /** Whether the caller may also start the container (see restart). */
  mayStartStopped: boolean;
}

/**
 * The one audited path for start, stop and restart: an auditor event
 * (medium severity) for every attempt, and for every attempt on a container
 * of the entity a history row, written before Docker is called and
 * completed with the outcome.
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
    // Attempts on containers that are not this entity's get no history row.
    let rowId: number | undefined;
    try {
      const target = await this.#containers.resolveContainer({
        entity,
        host,
        id,
      });
      rowId = await this.#begin(request, target.container.name);
      const result = await this.#containers.runAction({
        target,
        action,
        mayStartStopped: request.mayStartStopped,
      });
      await this.#complete(rowId, entityRef, {
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
      if (rowId !== undefined) {
        await this.#complete(rowId, entityRef, {
          outcome: 'failed',
          changed: false,
          error: (error as Error).message,
        });
      }
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  /** No action without a record: when the row cannot be written, Docker is not called. */
  async #begin(request: ActionRequest, containerName: string): Promise<number> {
    try {
      return await this.#history.begin({
        entityRef: request.entityRef,
        actor: request.actor,
        action: request.action,
        host: request.host,
        containerId: request.id,
        containerName,
        reason: request.reason,
      });
    } catch (error) {
      this.#logger.error('Could not write docker-services history row', {
        entityRef: request.entityRef,
        error: String(error),
      });
      throw new ServiceUnavailableError(
        `Nothing was done to ${containerName}: the portal could not record the action in its history, and it acts only on the record. Try again in a moment; if it keeps failing, tell the portal's admins.`,
      );
    }
  }

  /** The action happened; a lost outcome is retried, then logged, never turned into an error. */
  async #complete(
    rowId: number,
    entityRef: string,
    result: Pick<HistoryEntry, 'outcome' | 'changed' | 'error'>,
  ) {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#history.complete(rowId, result);
        return;
      } catch (error) {
        if (attempt >= 3) {
          this.#logger.error('Could not complete docker-services history row', {
            entityRef,
            rowId,
            outcome: result.outcome,
            error: String(error),
          });
          return;
        }
        await new Promise(resolve => setTimeout(resolve, 100 * attempt));
      }
    }
  }
}
