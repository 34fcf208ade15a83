import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  explainExit,
  ANNOTATION_NOTIFICATIONS,
} from '@docker-services/backstage-plugin-docker-services-common';
import { ContainerBindings } from '../binding/ContainerBindings';
import { HistoryStore } from '../database/HistoryStore';
import { ContainerEvent } from '../events/ContainerEventWatcher';
import { Incident, IncidentChange, IncidentTracker } from './IncidentTracker';
import { entityOwners, servicesTabPath } from './entityOwners';
import { NoticeLog } from './NoticeLog';
import { NotificationSettings } from './readNotificationSettings';

/**
 * Containers remembered at most (with an open incident, or an `oom` not yet
 * followed by its `die`); past that the oldest are forgotten, so memory
 * stays bounded however many containers come and go. The tracker forgets
 * as many (its default), and tells when it does.
 */
const MAX_REMEMBERED = 10_000;

/** Drops the oldest entries (insertion order) past `max`. */
function keepAtMost(entries: Set<string> | Map<string, unknown>, max: number) {
  for (const key of entries.keys()) {
    if (entries.size <= max) return;
    entries.delete(key);
  }
}

interface Subject {
  host: string;
  id: string;
  name: string;
  entityRef: string;
  /** Docker reported an `oom` event just before the container died. */
  oomKilled?: boolean;
}

export interface IncidentNotifierOptions {
  bindings: ContainerBindings;
  history: HistoryStore;
  catalog: CatalogService;
  auth: AuthService;
  notifications: NotificationService;
  notices: NoticeLog;
  logger: LoggerService;
  settings: NotificationSettings;
}

/**
 * Tells an entity's owners, through Backstage notifications, when one of
 * its containers exits unexpectedly, turns unhealthy or keeps restarting,
 * and once more when it recovers: one notification per incident, however
 * many backend replicas hear the event (NoticeLog). Stops from the portal,
 * containers bound to no entity (or to two), silent hosts and entities
 * annotated `docker-services/notifications: disabled` are never notified.
 */
export class IncidentNotifier {
  readonly #options: IncidentNotifierOptions;
  readonly #tracker: IncidentTracker;
  readonly #subjects = new Map<string, Subject>();
  /** Containers with an `oom` event not yet followed by their `die`. */
  readonly #outOfMemory = new Set<string>();

  constructor(options: IncidentNotifierOptions) {
    this.#options = options;
    this.#tracker = new IncidentTracker({
      quietMs: options.settings.quietMs,
      loopDeaths: options.settings.loopDeaths,
      loopWindowMs: options.settings.loopWindowMs,
      // What the tracker forgets (bounded), the notifier forgets too.
      onForgotten: container => this.#subjects.delete(container),
      onRecovered: (container, incident) => {
        const subject = this.#subjects.get(container);
        this.#subjects.delete(container);
        if (subject) void this.#tell(subject, incident, 'recovered');
      },
    });
  }

  async onEvent(event: ContainerEvent): Promise<void> {
    const { settings, bindings, history } = this.#options;
    if (!settings.enabled || settings.silentHosts.has(event.host)) return;
    const kind = eventKind(event.action);
    if (!kind) return;
    const owners = await bindings.ownersOf(event.host, event.labels);
    const refs = [...new Set(owners.map(o => o.entityRef))];
    if (refs.length !== 1) return; // bound to none, or a conflict
    const container = `${event.host}/${event.id}`;
    if (kind === 'oom') {
      this.#outOfMemory.add(container);
      keepAtMost(this.#outOfMemory, MAX_REMEMBERED);
      return;
    }
    const at = event.timeNano
      ? Number(BigInt(event.timeNano) / 1_000_000n)
      : Date.now();
    const key = `${container}/${event.timeNano ?? at}`;
    const subject: Subject = {
      host: event.host,
      id: event.id,
      name: event.labels.name ?? event.id.slice(0, 12),
      entityRef: refs[0],
    };
    let change: IncidentChange | undefined;
    if (kind === 'died') {
      subject.oomKilled = this.#outOfMemory.delete(container);
      // Matched by what the history row saw of Docker, never by an ask.
      const byPortal = await history.stopAt({
        host: event.host,
        containerId: event.id,
        endedAt: new Date(at),
      });
      if (byPortal) {
        this.#tracker.stoppedByPortal(container);
        this.#subjects.delete(container);
        return;
      }
      const exitCode = Number(event.labels.exitCode ?? NaN);
      change = this.#tracker.died(
        container,
        at,
        Number.isInteger(exitCode) ? exitCode : 1,
        key,
      );
    } else if (kind === 'unhealthy') {
      change = this.#tracker.unhealthy(container, key);
    } else {
      this.#tracker.fine(container);
      return;
    }
    if (!change) return;
    this.#subjects.delete(container);
    this.#subjects.set(container, subject);
    keepAtMost(this.#subjects, MAX_REMEMBERED);
    await this.#tell(subject, change.incident, change.type);
  }

  stop(): void {
    this.#tracker.stop();
  }

  async #tell(
    subject: Subject,
    incident: Incident,
    stage: 'opened' | 'escalated' | 'recovered',
  ): Promise<void> {
    const { catalog, auth, notices, notifications, logger } = this.#options;
    try {
      const credentials = await auth.getOwnServiceCredentials();
      const entity = await catalog.getEntityByRef(subject.entityRef, {
        credentials,
      });
      if (!entity || notificationsOff(entity)) return;
      const owners = entityOwners(entity);
      if (owners.length === 0) return;
      const noticeKey =
        stage === 'opened' ? incident.key : `${incident.key}/${stage}`;
      const first = await notices.claim({
        key: noticeKey,
        entityRef: subject.entityRef,
        kind: stage === 'recovered' ? 'recovered' : incident.kind,
      });
      if (!first) return; // another replica told them
      await notifications.send({
        recipients: { type: 'entity', entityRef: owners },
        payload: payloadOf(subject, entity, incident, stage),
      });
    } catch (error) {
      logger.warn(
        `Could not notify the owners of ${subject.entityRef} about ${subject.name}`,
        { error: String(error) },
      );
    }
  }
}

function eventKind(
  action: string,
): 'died' | 'oom' | 'unhealthy' | 'fine' | undefined {
  if (action === 'die') return 'died';
  if (action === 'oom') return 'oom';
  if (action === 'health_status: unhealthy') return 'unhealthy';
  if (action === 'start' || action === 'health_status: healthy') return 'fine';
  return undefined;
}

function notificationsOff(entity: Entity): boolean {
  const value = entity.metadata.annotations?.[ANNOTATION_NOTIFICATIONS];
  return ['disabled', 'off', 'false'].includes(
    (value ?? '').trim().toLowerCase(),
  );
}

function payloadOf(
  subject: Subject,
  entity: Entity,
  incident: Incident,
  stage: 'opened' | 'escalated' | 'recovered',
) {
  const { metadata } = entity;
  const what = `${subject.name} (${metadata.title ?? metadata.name}, host ${
    subject.host
  })`;
  // The tab, with the container it is about marked.
  const link = `${servicesTabPath(entity)}?${new URLSearchParams({
    highlight: `${subject.host}/${subject.id}`,
  })}`;
  // A restart loop updates the incident's notification (same scope) rather
  // than adding one; recovery is a notification of its own.
  const scope =
    stage === 'recovered'
      ? `docker-services:${incident.key}:recovered`
      : `docker-services:${incident.key}`;
  const topic = 'docker-services';
  if (stage === 'recovered') {
    return {
      title: `${subject.name} is running again`,
      description: `${what} has been up${
        incident.kind === 'unhealthy' ? ' and healthy' : ''
      } again for a while; the incident is over.`,
      link,
      severity: 'normal' as const,
      topic,
      scope,
    };
  }
  if (incident.kind === 'restart-loop') {
    return {
      title: `${subject.name} keeps restarting`,
      description: `${what} has ended ${incident.deaths} times in a row soon after starting: it is in a restart loop. Its Services tab says why it stopped.`,
      link,
      severity: 'high' as const,
      topic,
      scope,
    };
  }
  if (incident.kind === 'unhealthy') {
    return {
      title: `${subject.name} is unhealthy`,
      description: `${what} runs but fails its health check. Its Services tab shows the last checks.`,
      link,
      severity: 'high' as const,
      topic,
      scope,
    };
  }
  const exit = explainExit(incident.exitCode ?? 1, subject.oomKilled);
  return {
    title: `${subject.name} stopped unexpectedly`,
    description: `${what} exited with code ${exit.code}: ${exit.meaning}. Nobody stopped it from the portal.`,
    link,
    severity: 'high' as const,
    topic,
    scope,
  };
}
