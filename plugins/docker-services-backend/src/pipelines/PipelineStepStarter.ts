import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  ContainerListResponse,
  JOB_PIPELINE_ACTOR,
  JobRun,
} from '@docker-services/backstage-plugin-docker-services-common';
import { Request } from 'express';
import { engineMs } from '../database/HistoryStore';
import type { JobRunRecorder } from '../jobs/JobRunRecorder';
import { ContainerActions } from '../service/ContainerActions';
import { ContainerService } from '../service/ContainerService';
import { JobNode, Pipeline } from './pipelineGraph';
import { joinWords, nextMove, stepRuns } from './pipelineRunState';
import { PipelineStore, StoredPipelineRun } from './PipelineStore';

/** What drives pipelines: their store, and the jobs' containers and runs. */
export interface PipelineParts {
  store: PipelineStore;
  containers: ContainerService;
  actions: ContainerActions;
  recorder: Pick<JobRunRecorder, 'recordContainer'>;
  logger: LoggerService;
}

/** Who starts the steps, and why (a run again names its asker). */
export interface StepStarter {
  actor: string;
  reason?: string;
  req?: Request;
}

/**
 * Moves one pipeline run on: ends it when its steps say so, or starts the
 * steps whose steps before all succeeded, each claimed first so that one
 * replica starts it. A step another portal started already for this run is
 * taken as this run's, not started again.
 */
export class PipelineStepStarter {
  constructor(
    private readonly options: PipelineParts & {
      /** Told when a run ended (no container event says so). */
      onFinish: (entityRef: string) => Promise<void>;
    },
  ) {}

  /** Ends the run, with the pages of its entity told to re-read. */
  async finish(id: number, end: Parameters<PipelineStore['finish']>[1]) {
    await this.options.store.finish(id, end);
    const stored = await this.options.store.byId(id);
    if (stored) {
      await this.options.onFinish(stored.entityRef).catch(() => undefined);
    }
  }

  /**
   * Ends the run, or starts the steps whose steps before all succeeded.
   * `listed`, the entity's containers as the caller found them, is handed
   * on with each run recorded: no step lists them again.
   */
  async startReady(
    pipeline: Pipeline,
    stored: StoredPipelineRun,
    entity: Entity,
    by: StepStarter,
    listed?: ContainerListResponse,
  ) {
    const { store, actions, containers, recorder, logger } = this.options;
    const move = nextMove(pipeline, stepRuns(pipeline, stored));
    if ('end' in move) {
      await this.finish(stored.id, {
        status: move.end,
        finishedAt: move.finishedAt ?? new Date().toISOString(),
        ...('failedStep' in move ? { failedStep: move.failedStep } : {}),
      });
      return;
    }
    for (const name of move.start) {
      if (!(await store.claimStep(stored.id, name, stored.generation))) {
        continue;
      }
      const step = pipeline.steps.find(s => s.name === name)!;
      try {
        const resolved = await containers.resolveContainer({
          entity,
          host: stored.host,
          id: step.containerId,
        });
        const target = listed ? { ...resolved, listed } : resolved;
        if (by.actor === JOB_PIPELINE_ACTOR) {
          const adopted = await this.#startedElsewhere(stored, step, target);
          if (adopted) {
            await store.linkStep(stored.id, name, stored.generation, adopted);
            continue;
          }
        }
        await actions.run({
          ...(by.req ? { req: by.req } : {}),
          entity,
          entityRef: stored.entityRef,
          actor: by.actor,
          host: stored.host,
          id: step.containerId,
          action: 'start',
          reason:
            by.reason ??
            `Step of pipeline run ${stored.id} of ${
              pipeline.name
            }, after ${joinWords(step.after)} succeeded`,
          mayStartStopped: true,
        });
        const run = await recorder.recordContainer(target);
        if (run) await store.linkStep(stored.id, name, stored.generation, run);
      } catch (error) {
        logger.warn(
          `Pipelines: step ${name} of run ${stored.id} of ${pipeline.name} could not be started`,
          { error: String(error) },
        );
        await this.finish(stored.id, {
          status: 'failed',
          finishedAt: new Date().toISOString(),
          failedStep: name,
        });
        return;
      }
    }
  }

  /**
   * The step's run when someone else started it already for this pipeline
   * run (another portal watching the same engine drives its own copy of
   * the pipeline): a run that Docker began after the steps before it ended,
   * by Docker's own times, and no other pipeline run's.
   */
  async #startedElsewhere(
    stored: StoredPipelineRun,
    step: JobNode,
    target: Parameters<JobRunRecorder['recordContainer']>[0],
  ): Promise<JobRun | undefined> {
    const before = stored.jobRuns.filter(r =>
      step.after.includes(r.containerName),
    );
    const lastEnd = Math.max(
      ...before.map(r => engineMs(r.finishedAt ?? r.startedAt) ?? NaN),
    );
    if (!Number.isFinite(lastEnd)) return undefined;
    // Only a run begun since: the step's earlier run, read from Docker's
    // state, is never recorded here (it would stay "running" for good).
    const current = await this.options.recorder.recordContainer({
      ...target,
      startedSince: lastEnd,
    });
    return current && !current.pipelineRunId ? current : undefined;
  }
}
