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
import {
  AskOwnersResponse,
  HistoryResponse,
} from '@docker-services/backstage-plugin-docker-services-common';
import { Request } from 'express';
import { DatabaseLock } from '../database/DatabaseLock';
import { HistoryStore } from '../database/HistoryStore';
import { TooManyRequestsError } from '../TooManyRequestsError';
import { ContainerService } from '../service/ContainerService';
import { askAgainAt, withAskAgainAt } from './askAgainAt';
import { entityOwners, servicesTabPath } from './entityOwners';

/** 429: this person asked about this container a moment ago, or too often. */
export class AskedTooOftenError extends TooManyRequestsError {}

/**
 * "Ask the owners to restart": someone who may read a container but not act
 * on it asks, with a reason; the owners get a notification that opens the
 * tab with the confirmation ready, and the request goes into the history.
 * One request per person and container per interval, and at most
 * `maxPerHour` per person about anything: checked and written under one
 * lock per person in the database, so parallel requests and replicas cannot
 * race past the limit. An ask is a row of its own kind in the history
 * (outcome `asked`): it never counts as something the portal did.
 */
export class AskOwners {
  readonly #containers: ContainerService;
  readonly #history: HistoryStore;
  readonly #notifications: NotificationService;
  readonly #auditor: AuditorService;
  readonly #logger: LoggerService;
  readonly #intervalMs: number;
  readonly #maxPerHour: number;
  readonly #lock: DatabaseLock;

  constructor(options: {
    containers: ContainerService;
    history: HistoryStore;
    notifications: NotificationService;
    auditor: AuditorService;
    logger: LoggerService;
    /** One request per person and container within this time. */
    intervalMs: number;
    /** Requests per person in an hour, about all containers together. */
    maxPerHour: number;
    /** Makes check-and-write one step across requests and replicas. */
    lock: DatabaseLock;
  }) {
    this.#containers = options.containers;
    this.#history = options.history;
    this.#notifications = options.notifications;
    this.#auditor = options.auditor;
    this.#logger = options.logger;
    this.#intervalMs = options.intervalMs;
    this.#maxPerHour = options.maxPerHour;
    this.#lock = options.lock;
  }

  /**
   * The page with each ask saying when its asker may ask again (this
   * backend's interval), for the history route.
   */
  withAskAgainAt(page: HistoryResponse): HistoryResponse {
    return withAskAgainAt(page, this.#intervalMs);
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

  /** Throws 429 in words when this ask would pass a limit. */
  async #checkLimits(actor: string, host: string, id: string, name: string) {
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
    const lastHour = await this.#history.askedSince({
      actor,
      since: new Date(Date.now() - 3_600_000),
    });
    if (lastHour >= this.#maxPerHour) {
      throw new AskedTooOftenError(
        `You have asked owners ${lastHour} times in the last hour, as many as anyone may; try again later, or contact the owners directly.`,
        15 * 60,
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
      await this.#lock.withLock(
        `ask:${actor}`,
        { ttlMs: 10_000, waitMs: 10_000 },
        async () => {
          await this.#checkLimits(actor, host, id, name);
          await this.#history.asked({
            entityRef,
            actor,
            action,
            host,
            containerId: id,
            containerName: name,
            reason,
          });
        },
      );
      const askedAt = new Date();
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
          description: `${who} wrote: "${quoted(
            reason,
          )}". ${who} may see ${name} but not ${action} it; this opens its Services tab with the ${action} ready to confirm.`,
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
        askAgainAt: askAgainAt(askedAt, this.#intervalMs),
      };
    } catch (error) {
      this.#logger.debug(`Asking the owners of ${entityRef} failed: ${error}`);
      await event.fail({ error: error as Error });
      throw error;
    }
  }
}

/**
 * The asker's words as a quotation the owners can tell from the portal's
 * own: one line, no control characters, no quotes that could end it, cut.
 */
function quoted(reason: string): string {
  const line = reason
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/["\u201c\u201d]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
