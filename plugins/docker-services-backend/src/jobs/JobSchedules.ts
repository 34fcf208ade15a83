import { AuditorService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  JobSchedule,
  JobScheduleRequest,
} from '@docker-services/backstage-plugin-docker-services-common';
import { Request } from 'express';
import { HistoryStore } from '../database/HistoryStore';
import { ResolvedContainer } from '../service/ContainerService';
import { parseCronSchedule } from './cronSchedule';
import { JobRequest, JobService, keyOf } from './JobService';
import { JobSettings } from './readJobSettings';
import { ScheduleAuthority } from './ScheduleAuthority';
import { ScheduleStore, StoredSchedule, toJobSchedule } from './ScheduleStore';

/**
 * Setting, pausing, resuming and removing a job's schedule: each change
 * checked, stored, written to the history and audited.
 */
export class JobSchedules {
  constructor(
    private readonly options: {
      jobs: JobService;
      schedules: ScheduleStore;
      history: HistoryStore;
      auditor: AuditorService;
      settings: JobSettings;
      authority: ScheduleAuthority;
    },
  ) {}

  async setSchedule(
    request: JobRequest & {
      req: Request;
      actor: string;
      body: JobScheduleRequest;
    },
  ): Promise<JobSchedule> {
    const { schedules, settings } = this.options;
    const job = await this.options.jobs.resolveJob(request);
    const after = job.container.job?.after ?? [];
    if (after.length) {
      throw new InputError(
        `${
          job.container.name
        } is a later step of its pipeline (it runs after ${after.join(
          ', ',
        )}): it has no schedule of its own. Schedule the pipeline's first step.`,
      );
    }
    if (settings.schedulesOffHosts.has(job.host)) {
      throw new ConflictError(
        `Schedules are turned off on host ${job.host} in the portal's config (dockerServices.hosts[].jobSchedules), so ${job.container.name} cannot be scheduled there.`,
      );
    }
    const { body } = request;
    const cron = parseCronSchedule(
      body.cron,
      body.timeZone,
      settings.minScheduleIntervalSeconds,
    );
    if (!body.paused) {
      const decision = await this.options.authority.check(
        request.actor,
        request.entity,
      );
      if (!decision.ok) {
        throw new NotAllowedError(
          `Only an owner of ${request.entityRef} in the catalog can schedule ${job.container.name}: a schedule starts it on behalf of whoever set it, and before every run the portal checks that they still own it. Ask one of its owners to set it.`,
        );
      }
    }
    const before = await schedules.get(job.host, job.container.name);
    const paused = body.paused ?? false;
    const stored: StoredSchedule = {
      ...keyOf(job),
      cron: cron.cron,
      timeZone: cron.timeZone,
      paused,
      nextRunAt: paused ? null : cron.nextAfter(new Date()).toISOString(),
      updatedBy: request.actor,
      updatedAt: new Date().toISOString(),
    };
    // Only the paused flag changed: a pause or a resume; else a new schedule.
    const onlyPausedChanged =
      before &&
      before.entityRef === request.entityRef &&
      before.cron === stored.cron &&
      before.timeZone === stored.timeZone &&
      before.paused !== paused;
    let change: 'set' | 'paused' | 'resumed' = 'set';
    if (onlyPausedChanged) change = paused ? 'paused' : 'resumed';
    await this.#audited(request, 'job-schedule', { change }, async () => {
      await schedules.put(stored);
      await this.#remember(request, job, {
        change,
        cron: stored.cron,
        timeZone: stored.timeZone,
      });
    });
    return toJobSchedule(stored, true);
  }

  async removeSchedule(
    request: JobRequest & { req: Request; actor: string; reason?: string },
  ): Promise<{ message: string }> {
    const job = await this.options.jobs.resolveJob(request);
    await this.#audited(
      request,
      'job-schedule',
      { change: 'removed' },
      async () => {
        const existing = await this.options.schedules.get(
          job.host,
          job.container.name,
        );
        if (!existing || existing.entityRef !== request.entityRef) {
          throw new NotFoundError(`${job.container.name} has no schedule.`);
        }
        await this.options.schedules.remove(job.host, job.container.name);
        await this.#remember(request, job, { change: 'removed' });
      },
    );
    return { message: `Removed the schedule of ${job.container.name}.` };
  }

  async #remember(
    request: JobRequest & {
      actor: string;
      reason?: string;
      body?: JobScheduleRequest;
    },
    job: ResolvedContainer,
    schedule: NonNullable<Parameters<HistoryStore['record']>[0]['schedule']>,
  ) {
    await this.options.history.record({
      entityRef: request.entityRef,
      actor: request.actor,
      action: 'schedule',
      host: job.host,
      containerId: job.container.id,
      containerName: job.container.name,
      reason: request.reason ?? request.body?.reason,
      schedule,
    });
  }

  async #audited(
    request: JobRequest & { req: Request },
    eventId: string,
    meta: Record<string, string>,
    work: () => Promise<void>,
  ) {
    const event = await this.options.auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: request.req,
      meta: {
        ...meta,
        entityRef: request.entityRef,
        host: request.host,
        containerId: request.id,
      },
    });
    try {
      await work();
      await event.success();
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }
}
