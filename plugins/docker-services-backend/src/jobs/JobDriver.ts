import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ContainerListResponse,
  isRunningState,
  JOB_RETRY_ACTOR,
  JOB_SCHEDULE_ACTOR,
  JobRun,
} from '@docker-services/backstage-plugin-docker-services-common';
import { HistoryStore } from '../database/HistoryStore';
import type { PipelineService } from '../pipelines/PipelineService';
import { ContainerActions } from '../service/ContainerActions';
import {
  ContainerService,
  ResolvedContainer,
} from '../service/ContainerService';
import { parseCronSchedule } from './cronSchedule';
import { JobRunRecorder } from './JobRunRecorder';
import { JobRunStore } from './JobRunStore';
import { JobSettings } from './readJobSettings';
import { ScheduleAuthority } from './ScheduleAuthority';
import { ScheduleStore, StoredSchedule } from './ScheduleStore';

/** A job container as found now, with its entity. */
interface FoundJob {
  entity: Entity;
  target: ResolvedContainer;
  /** The entity's containers, as listed to find the job: listed once a tick. */
  listed: ContainerListResponse;
}

/**
 * Carries out due scheduled runs and retries. Run by Backstage's scheduler
 * as one global task, so one backend replica at a time; and each tick or
 * retry is claimed in the database before it starts, so it starts at most
 * once even if two replicas ever ran it together.
 */
export class JobDriver {
  constructor(
    private readonly options: {
      containers: ContainerService;
      actions: ContainerActions;
      runs: JobRunStore;
      schedules: ScheduleStore;
      recorder: JobRunRecorder;
      catalog: CatalogService;
      auth: AuthService;
      settings: JobSettings;
      logger: LoggerService;
      history: HistoryStore;
      authority: ScheduleAuthority;
      pipelines?: PipelineService;
      /** False: the permission framework is off; nothing is started. */
      actionsEnabled: boolean;
    },
  ) {}

  #prunedAt = 0;

  /**
   * One pass: every due tick and retry, and, once an hour, the removal of
   * runs older than `keepRunsDays`. Failures are logged, never thrown.
   */
  async tick(now = new Date()): Promise<void> {
    const { schedules, runs, settings } = this.options;
    if (now.getTime() - this.#prunedAt > 3_600_000) {
      this.#prunedAt = now.getTime();
      await this.#guard('old runs', async () => {
        const before = new Date(
          now.getTime() - settings.keepRunsDays * 86_400_000,
        );
        await runs.prune(before);
        await this.options.pipelines?.prune(before);
      });
    }
    // With the permission framework off, the framework would allow
    // everything: the portal then starts nothing by itself either.
    if (!this.options.actionsEnabled) return;
    for (const schedule of await schedules.due(now)) {
      await this.#guard(schedule.containerName, () =>
        this.#scheduled(schedule, now),
      );
    }
    for (const run of await runs.claimDueRetries(now)) {
      await this.#guard(run.containerName, () => this.#retry(run));
    }
    // After the retries: a step retried this pass is running, not failed.
    const { pipelines } = this.options;
    if (pipelines) await this.#guard('pipelines', () => pipelines.advanceAll());
  }

  async #scheduled(schedule: StoredSchedule, now: Date) {
    const { schedules, runs, settings, logger } = this.options;
    const dueAt = schedule.nextRunAt!;
    let cron;
    try {
      cron = parseCronSchedule(schedule.cron, schedule.timeZone, 1);
    } catch (error) {
      logger.warn(`The schedule of ${schedule.containerName} cannot be read`, {
        error: String(error),
      });
      return;
    }
    // Missed ticks (the backend was down) are not made up: the next one
    // is the first after now.
    const next = cron.nextAfter(now).toISOString();
    if (!(await schedules.claimTick(schedule, dueAt, next))) return;
    if (settings.schedulesOffHosts.has(schedule.host)) return;
    const job = await this.#findJob(schedule.entityRef, schedule.host, {
      name: schedule.containerName,
    });
    if (!job) return;
    // On behalf of its author, who must still be allowed to start it.
    const decision = await this.options.authority.check(
      schedule.updatedBy,
      job.entity,
    );
    if (!decision.ok) {
      await this.#pause(schedule, job, decision.why);
      return;
    }
    const why = await this.options.pipelines?.whyNotNow(
      job.entity,
      schedule.entityRef,
      schedule.host,
      schedule.containerName,
      job.listed,
    );
    if (why || isRunningState(job.target.container.state)) {
      await runs.recordSkipped({
        entityRef: schedule.entityRef,
        host: schedule.host,
        containerId: job.target.container.id,
        containerName: schedule.containerName,
        dueAt,
        ...(why ? { why } : {}),
      });
      return;
    }
    await this.#start(
      job,
      JOB_SCHEDULE_ACTOR,
      `Scheduled run (${cron.description}, ${schedule.timeZone})`,
    );
  }

  /** Pauses a schedule whose author may no longer start the job, in the history. */
  async #pause(schedule: StoredSchedule, job: FoundJob, why: string) {
    const { schedules, history, logger } = this.options;
    await schedules.put({ ...schedule, paused: true, nextRunAt: null });
    await history.record({
      entityRef: schedule.entityRef,
      actor: JOB_SCHEDULE_ACTOR,
      action: 'schedule',
      host: schedule.host,
      containerId: job.target.container.id,
      containerName: schedule.containerName,
      reason: `Paused instead of starting it: ${why}. An owner can resume it.`,
      schedule: {
        change: 'paused',
        cron: schedule.cron,
        timeZone: schedule.timeZone,
      },
    });
    logger.info(`Paused the schedule of ${schedule.containerName}: ${why}`);
  }

  async #retry(failed: JobRun) {
    const job = await this.#findJob(failed.entityRef, failed.host, {
      id: failed.containerId,
    });
    if (!job || isRunningState(job.target.container.state)) return;
    const count = job.target.container.job?.retries.count ?? 0;
    await this.#start(
      job,
      JOB_RETRY_ACTOR,
      `Retry ${failed.attempt} of ${count} after run ${failed.id} ${failed.summary}`,
    );
  }

  async #start(job: FoundJob, actor: string, reason: string) {
    const { actions, recorder } = this.options;
    const { target, entity } = job;
    await actions.run({
      entity,
      entityRef: target.entityRef,
      actor,
      host: target.host,
      id: target.container.id,
      action: 'start',
      reason,
      mayStartStopped: true,
    });
    await recorder.recordContainer({ ...target, listed: job.listed });
  }

  /**
   * The job container, found afresh through its entity (it may have been
   * re-created, or bound elsewhere since): by name for a schedule, by id
   * for a retry.
   */
  async #findJob(
    entityRef: string,
    host: string,
    which: { id?: string; name?: string },
  ): Promise<FoundJob | undefined> {
    const { catalog, auth, containers, logger } = this.options;
    const entity = await catalog.getEntityByRef(entityRef, {
      credentials: await auth.getOwnServiceCredentials(),
    });
    if (!entity) {
      logger.info(`No run of a job of ${entityRef}: the entity is gone`);
      return undefined;
    }
    const listed = await containers.listContainers({ entity });
    const onHost = listed.hosts.find(h => h.name === host);
    const container =
      onHost?.status === 'ok'
        ? onHost.containers.find(c =>
            which.id ? c.id === which.id : c.name === which.name,
          )
        : undefined;
    if (!container?.job || container.conflict) {
      logger.info(
        `No run of ${
          which.name ?? which.id
        } on ${host}: it is not a job of ${entityRef} there now`,
      );
      return undefined;
    }
    const target = await containers.resolveContainer({
      entity,
      host,
      id: container.id,
    });
    return { entity, target, listed };
  }

  async #guard(what: string, work: () => Promise<void>) {
    try {
      await work();
    } catch (error) {
      this.options.logger.warn(`Jobs: the work on ${what} failed`, {
        error: String(error),
      });
    }
  }
}
