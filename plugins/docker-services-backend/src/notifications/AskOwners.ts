import {
  AuditorService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  ConflictError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { AskOwnersResponse } from '@docker-services/backstage-plugin-docker-services-common';
import { Request } from 'express';
import { HistoryStore } from '../database/HistoryStore';
import { TooManyRequestsError } from '../TooManyRequestsError';
import { ContainerService } from '../service/ContainerService';
import { entityOwners, servicesTabPath } from './entityOwners';

/** 429: this person asked about this container a moment ago. */
export class AskedTooOftenError extends TooManyRequestsError {}

/**
 * "Ask the owners to restart": someone who may read a container but not act
 * on it asks, with a reason; the owners get a notification that opens the
 * tab with the confirmation ready, and the request goes into the history.
 * One request per person and container per interval, across replicas (the
 * history is the record).
 */
export class AskOwners {
  readonly #containers: ContainerService;
  readonly #history: HistoryStore;
  readonly #notifications: NotificationService;
  readonly #auditor: AuditorService;
  readonly #logger: LoggerService;
  readonly #intervalMs: number;

  constructor(options: {
    containers: ContainerService;
    history: HistoryStore;
    notifications: NotificationService;
    auditor: AuditorService;
    logger: LoggerService;
    /** One request per person and container within this time. */
    intervalMs: number;
  }) {
    this.#containers = options.containers;
    this.#history = options.history;
    this.#notifications = options.notifications;
    this.#auditor = options.auditor;
    this.#logger = options.logger;
    this.#intervalMs = options.intervalMs;
  }

  /** Sends, or says in a sentence that the owners could not be told. */
  async #tell(
    notification: Parameters<NotificationService['send']>[0],
  ): Promise<void> {
    try {
      await this.#notifications.send(notification);
    } catch (error) {
      this.#logger.warn(`Could not send a notification: ${error}`);
      throw new ServiceUnavailableError(
        'Your request is in the history, but the owners could not be notified just now. Try again later, or contact them directly.',
      );
    }
  }

  async ask(request: {
    req: Request;
    entity: Entity;
    entityRef: string;
    credentials: BackstageCredentials;
    host: string;
    id: string;
    action: 'start' | 'restart';
    reason: string;
  }): Promise<AskOwnersResponse> {
    const { req, entity, entityRef, host, id, action, reason } = request;
    const principal = request.credentials.principal as {
      type: string;
      userEntityRef?: string;
    };
    if (principal.type !== 'user' || !principal.userEntityRef) {
      throw new NotAllowedError('Only a signed-in person can ask the owners.');
    }
    const actor = principal.userEntityRef;
    const event = await this.#auditor.createEvent({
      eventId: 'container-ask-owners',
      severityLevel: 'low',
      request: req,
      meta: { action, entityRef, host, containerId: id, reason },
    });
    try {
      const target = await this.#containers.resolveContainer({
        entity,
        host,
        id,
      });
      const name = target.container.name;
      const owners = entityOwners(entity);
      if (owners.length === 0) {
        throw new ConflictError(
          `${entityRef} has no owner in the catalog, so there is nobody to ask.`,
        );
      }
      const last = await this.#history.lastAsked({
        actor,
        host,
        containerId: id,
      });
      const waitMs = last ? last.getTime() + this.#intervalMs - Date.now() : 0;
      if (waitMs > 0) {
        const minutes = Math.ceil(waitMs / 60_000);
        throw new AskedTooOftenError(
          `You asked the owners about ${name} a moment ago; you can ask again in ${minutes} minute${
            minutes === 1 ? '' : 's'
          }.`,
          Math.ceil(waitMs / 1000),
        );
      }
      await this.#history.asked({
        entityRef,
        actor,
        action,
        host,
        containerId: id,
        containerName: name,
        reason,
      });
      const who = actor.replace(/^[^:]+:(?:[^/]+\/)?/, '');
      const query = new URLSearchParams({
        confirm: action,
        host,
        container: id,
      });
      await this.#tell({
        recipients: {
          type: 'entity',
          entityRef: owners,
          excludeEntityRef: actor,
        },
        payload: {
          title: `${who} asks you to ${action} ${name}`,
          description: `Reason: "${reason}". ${who} may see ${name} but not ${action} it; this opens its Services tab with the ${action} ready to confirm.`,
          link: `${servicesTabPath(entity)}?${query}`,
          severity: 'normal',
          topic: 'docker-services',
        },
      });
      await event.success();
      return {
        action,
        owners,
        message: `The owners of ${
          entity.metadata.title ?? entity.metadata.name
        } were asked to ${action} ${name}. It is in the history.`,
      };
    } catch (error) {
      this.#logger.debug(`Asking the owners of ${entityRef} failed: ${error}`);
      await event.fail({ error: error as Error });
      throw error;
    }
  }
}
