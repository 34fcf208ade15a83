import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  ContainerListResponse,
  isRunningState,
  JobRunNowResponse,
  JobRunsResponse,
  JobsResponse,
  JobSummary,
  PipelineRunAgainResponse,
} from '@docker-services/backstage-plugin-docker-services-common';
import { Request } from 'express';
import type { PipelineService } from '../pipelines/PipelineService';
import { ContainerActions } from '../service/ContainerActions';
import { ActionChannel } from '../service/ActionRecorder';
import {
  ContainerService,
  ResolvedContainer,
} from '../service/ContainerService';
import { JobRunRecorder } from './JobRunRecorder';
import { JobKey, jobKeyString, JobRunStore } from './JobRunStore';
import { JobSettings } from './readJobSettings';
import { ScheduleStore, toJobSchedule } from './ScheduleStore';

/** Who asks about which job container of which entity. */
export interface JobRequest {
  entity: Entity;
  entityRef: string;
  host: string;
  id: string;
}

/**
 * The jobs of an entity: their runs, "run now", and their schedules. A job
 * is one of the entity's containers that carries `docker-services.job=true`.
 */
export class JobService {
  constructor(
    private readonly options: {
      containers: ContainerService;
      actions: ContainerActions;
      runs: JobRunStore;
      schedules: ScheduleStore;
      recorder: JobRunRecorder;
      settings: JobSettings;
      logger: LoggerService;
      pipelines?: PipelineService;
    },
  ) {}

  async listJobs(entity: Entity, entityRef: string): Promise<JobsResponse> {
    const { containers, runs, schedules, settings } = this.options;
    const listed = await containers.listContainers({ entity });
    const unavailable: JobsResponse['unavailable'] = [];
    const found: Array<JobKey & { summary: Omit<JobSummary, 'lastRun'> }> = [];
    for (const host of listed.hosts) {
      if (host.status !== 'ok') {
        unavailable.push({ host: host.name, error: host.error });
        continue;
      }
      for (const container of host.containers) {
        if (!container.job || container.conflict) continue;
        found.push({
          entityRef,
          host: host.name,
          containerName: container.name,
          summary: {
            host: host.name,
            containerId: container.id,
            containerName: container.name,
            state: container.state,
            running: isRunningState(container.state),
            retries: container.job.retries,
            schedulesEnabled: !settings.schedulesOffHosts.has(host.name),
          },
        });
      }
    }
    const latest = await runs.latest(found);
    const scheduled = await schedules.getMany(found);
    const jobs = found.map(job => {
      const lastRun = latest.get(jobKeyString(job));
      const schedule = scheduled.get(jobKeyString(job));
      return {
        ...job.summary,
        ...(lastRun ? { lastRun } : {}),
        ...(schedule
          ? { schedule: toJobSchedule(schedule, job.summary.schedulesEnabled) }
          : {}),
      };
    });
    const pipelines = await this.options.pipelines?.summaries(
      entityRef,
      listed,
    );
    return {
      entityRef,
      jobs,
      ...(pipelines?.length ? { pipelines } : {}),
      unavailable,
    };
  }

  /** Runs a pipeline run again from a step (see {@link PipelineService.runAgain}). */
  async runPipelineAgain(
    request: Parameters<PipelineService['runAgain']>[0],
  ): Promise<PipelineRunAgainResponse> {
    if (!this.options.pipelines) {
      throw new NotFoundError('Pipelines are not served by this backend.');
    }
    return this.options.pipelines.runAgain(request);
  }

  /** The job container `id` of the entity; 400 in words when it is no job. */
  async resolveJob(request: JobRequest): Promise<ResolvedContainer> {
    const resolved = await this.options.containers.resolveContainer(request);
    if (!resolved.container.job) {
      throw new InputError(
        `${resolved.container.name} is not a job: a container is one when it carries the label docker-services.job=true, set where it is defined.`,
      );
    }
    return resolved;
  }

  async listRuns(
    request: JobRequest & { limit: number; before?: number },
  ): Promise<JobRunsResponse> {
    const job = await this.resolveJob(request);
    return this.options.runs.list({
      ...keyOf(job),
      limit: request.limit,
      before: request.before,
    });
  }

  /** The run `runId` of the job, with Docker's times that bound its log. */
  async runWindow(request: JobRequest & { runId: number }) {
    const job = await this.resolveJob(request);
    const found = await this.options.runs.get({
      ...keyOf(job),
      id: request.runId,
    });
    if (!found) {
      throw new NotFoundError(
        `${job.container.name} has no run ${request.runId}.`,
      );
    }
    if (found.run.outcome === 'skipped') {
      throw new ConflictError(
        `Run ${request.runId} of ${job.container.name} was never started (the previous run was still running), so it has no log.`,
      );
    }
    return found;
  }

  /**
   * Starts a run now, through the audited start of containers. Once Docker
   * started it, the answer is a success: the run is read back to show it,
   * and a failure there (Docker or the database) only leaves it out.
   */
  async runNow(
    request: JobRequest & {
      /** The HTTP request, for the audit event; absent for an assistant's call. */
      req?: Request;
      actor: string;
      reason?: string;
      /** How the person asked: absent for the tab, 'assistant' for an assistant. */
      channel?: ActionChannel;
    },
  ): Promise<JobRunNowResponse> {
    const job = await this.resolveJob(request);
    if (isRunningState(job.container.state)) {
      throw new ConflictError(
        `${job.container.name} is already running${
          job.container.startedAt ? ` (since ${job.container.startedAt})` : ''
        }: a job runs once at a time. Wait for this run to end, or stop it first.`,
      );
    }
    // Listed once: the pipeline check, and the pipeline run this start
    // may begin, read the same listing.
    const listed = this.options.pipelines
      ? await this.options.containers.listContainers({ entity: request.entity })
      : undefined;
    const why = await this.options.pipelines?.whyNotNow(
      request.entity,
      request.entityRef,
      job.host,
      job.container.name,
      listed,
    );
    if (why) throw new ConflictError(why);
    const result = await this.options.actions.run({
      ...request,
      action: 'start',
      mayStartStopped: true,
    });
    if (result.stateUnknown) return { message: result.message };
    const run = await this.#readBack(listed ? { ...job, listed } : job);
    if (run === 'unread') {
      return {
        message: `${result.message} Its run shows in the list of runs once Docker reports it.`,
      };
    }
    return {
      message: run
        ? `Started run ${run.id} of ${job.container.name}.`
        : result.message,
      ...(run ? { run } : {}),
    };
  }

  /** The run just started, as recorded; 'unread' when that failed (logged). */
  async #readBack(job: ResolvedContainer & { listed?: ContainerListResponse }) {
    try {
      return await this.options.recorder.recordContainer(job);
    } catch (error) {
      this.options.logger.warn(
        `Run now of ${job.container.name} on ${job.host}: the job was started, but its run could not be read back`,
        {
          entityRef: job.entityRef,
          host: job.host,
          container: job.container.id,
          error: String(error),
        },
      );
      return 'unread' as const;
    }
  }
}

/** Which job a resolved container is: its entity, host and name. */
export function keyOf(job: ResolvedContainer): JobKey {
  return {
    entityRef: job.entityRef,
    host: job.host,
    containerName: job.container.name,
  };
}
