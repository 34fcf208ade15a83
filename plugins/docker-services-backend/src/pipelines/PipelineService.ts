import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  ContainerListResponse,
  JOB_PIPELINE_ACTOR,
  JobRun,
  PipelineRunAgainResponse,
  PipelineSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Request } from 'express';
import type { JobRunRecorder } from '../jobs/JobRunRecorder';
import { ContainerActions } from '../service/ContainerActions';
import { ContainerService } from '../service/ContainerService';
import {
  findPipelines,
  firstSteps,
  JobNode,
  Pipeline,
  stepAndAfter,
} from './pipelineGraph';
import {
  joinWords,
  nextMove,
  stepRuns,
  toPipelineRun,
} from './pipelineRunState';
import { PipelineStore, StoredPipelineRun } from './PipelineStore';

/** How many runs of a pipeline the tab shows. */
const RECENT_RUNS = 10;

/**
 * Pipelines: jobs of one entity on one host that run one after another, as
 * their labels `docker-services.job.after` declare. A pipeline run begins
 * when a first step starts (its schedule, Run now, or a start outside the
 * portal), and the driver starts each later step once the steps before it
 * succeeded (after their retries); a step that finally fails ends it.
 */
export class PipelineService {
  /**
   * Told when a pipeline run ended or was opened again by itself (no
   * container event says so): the entity's pages re-read.
   */
  onChange: (entityRef: string) => Promise<void> = async () => {};

  constructor(
    private readonly options: {
      store: PipelineStore;
      containers: ContainerService;
      actions: ContainerActions;
      recorder: Pick<JobRunRecorder, 'recordContainer'>;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  /** The entity's pipelines on the hosts listed, each with its last runs. */
  async summaries(
    entityRef: string,
    listed: ContainerListResponse,
  ): Promise<PipelineSummary[]> {
    const found: PipelineSummary[] = [];
    for (const [host, pipeline] of pipelinesOf(listed)) {
      const runs = pipeline.problem
        ? []
        : await this.options.store.recent(
            { entityRef, host, pipeline: pipeline.name },
            RECENT_RUNS,
          );
      found.push({
        host,
        name: pipeline.name,
        steps: pipeline.steps.map(({ name, containerId, after }) => ({
          name,
          containerId,
          after,
        })),
        ...(pipeline.problem ? { problem: pipeline.problem } : {}),
        runs: runs.map(run => toPipelineRun(pipeline, run)),
      });
    }
    return found;
  }

  /**
   * Why this job may not be started on its own now (Run now, its schedule),
   * in words; none when it may. A later step runs when the steps before it
   * succeeded; a pipeline with a problem runs nothing; one run at a time.
   */
  async whyNotNow(
    entity: Entity,
    entityRef: string,
    host: string,
    job: string,
  ): Promise<string | undefined> {
    const listed = await this.options.containers.listContainers({ entity });
    const pipeline = pipelinesOf(listed).find(
      ([h, p]) => h === host && p.steps.some(s => s.name === job),
    )?.[1];
    if (!pipeline) return undefined;
    if (pipeline.problem) return pipeline.problem;
    const step = pipeline.steps.find(s => s.name === job)!;
    if (step.after.length) {
      return `${job} is a step of the pipeline ${
        pipeline.name
      }: it runs when ${joinWords(
        step.after,
      )} succeeded. To run it again, use "Run again from ${job}" on the pipeline's last run.`;
    }
    const going = await this.options.store.going({
      entityRef,
      host,
      pipeline: pipeline.name,
    });
    return going
      ? `The pipeline ${pipeline.name} is running (pipeline run ${going}): one pipeline run at a time. Wait for it to end.`
      : undefined;
  }

  /**
   * A job run began: when it is the first step of a pipeline (not a
   * retry, not a step the pipeline started), it begins a pipeline run,
   * unless one is going. Called by every replica that records the run:
   * the run's id makes it one pipeline run.
   */
  async onRunBegan(run: JobRun): Promise<void> {
    if (run.pipelineRunId || run.attempt > 1) return;
    try {
      await this.#begin(run);
    } catch (error) {
      this.options.logger.warn(
        `Pipelines: run ${run.id} of ${run.containerName} may have begun a pipeline run, which could not be recorded`,
        { error: String(error) },
      );
    }
  }

  async #begin(run: JobRun) {
    const { catalog, auth, containers, store } = this.options;
    const entity = await catalog.getEntityByRef(run.entityRef, {
      credentials: await auth.getOwnServiceCredentials(),
    });
    if (!entity) return;
    const listed = await containers.listContainers({ entity });
    const pipeline = pipelinesOf(listed).find(
      ([h, p]) =>
        h === run.host &&
        !p.problem &&
        firstSteps(p).includes(run.containerName),
    )?.[1];
    if (!pipeline) return;
    await store.begin({
      entityRef: run.entityRef,
      host: run.host,
      pipeline: pipeline.name,
      first: run,
      step: run.containerName,
    });
  }

  async #finish(id: number, end: Parameters<PipelineStore['finish']>[1]) {
    await this.options.store.finish(id, end);
    const stored = await this.options.store.byId(id);
    if (stored) await this.onChange(stored.entityRef).catch(() => undefined);
  }

  /** Removes pipeline runs that ended before `before` (see PipelineStore.prune). */
  async prune(before: Date): Promise<void> {
    await this.options.store.prune(before);
  }

  /** One pass over the going pipeline runs: each started step, each ending. */
  async advanceAll(): Promise<void> {
    for (const stored of await this.options.store.allGoing()) {
      try {
        await this.#advance(stored);
      } catch (error) {
        this.options.logger.warn(
          `Pipelines: run ${stored.id} of ${stored.pipeline} could not go on`,
          { error: String(error) },
        );
      }
    }
  }

  /**
   * Runs the pipeline run `runId` again from `step`: it and the steps after
   * it start afresh (the first now, on behalf of `actor`), the steps before
   * it keep their runs.
   */
  async runAgain(request: {
    req: Request;
    entity: Entity;
    entityRef: string;
    actor: string;
    host: string;
    pipeline: string;
    runId: number;
    step: string;
    reason?: string;
  }): Promise<PipelineRunAgainResponse> {
    const { entity, entityRef, host, step } = request;
    const { store, containers } = this.options;
    const listed = await containers.listContainers({ entity });
    const pipeline = pipelinesOf(listed).find(
      ([h, p]) => h === host && p.name === request.pipeline,
    )?.[1];
    if (!pipeline) {
      throw new NotFoundError(
        `${entityRef} has no pipeline ${request.pipeline} on ${host}.`,
      );
    }
    if (pipeline.problem) throw new ConflictError(pipeline.problem);
    if (!pipeline.steps.some(s => s.name === step)) {
      throw new InputError(
        `${step} is not a step of the pipeline ${
          pipeline.name
        }: its steps are ${joinWords(pipeline.steps.map(s => s.name))}.`,
      );
    }
    const key = { entityRef, host, pipeline: pipeline.name };
    const stored = await store.get({ ...key, id: request.runId });
    if (!stored) {
      throw new NotFoundError(
        `The pipeline ${pipeline.name} has no run ${request.runId}.`,
      );
    }
    const going = await store.going(key);
    if (going) {
      throw new ConflictError(
        `The pipeline ${pipeline.name} is running (pipeline run ${going}): one pipeline run at a time. Wait for it to end, then run it again.`,
      );
    }
    const before = stepRuns(pipeline, stored);
    const again = stepAndAfter(pipeline, step);
    const notDone = pipeline.steps
      .find(s => s.name === step)!
      .after.filter(b => before.find(r => r.step === b)?.state !== 'succeeded');
    if (notDone.length) {
      throw new ConflictError(
        `${step} runs after ${joinWords(
          notDone,
        )}, which did not succeed in this pipeline run: run it again from ${
          notDone[0]
        } instead.`,
      );
    }
    const generation = await store.runAgain(stored.id, {
      step,
      actor: request.actor,
      reason: request.reason,
    });
    if (generation === undefined) {
      throw new ConflictError(
        `The pipeline run ${stored.id} was just started again by someone else.`,
      );
    }
    const reopened = (await store.get({ ...key, id: stored.id }))!;
    await this.#startReady(pipeline, reopened, entity, {
      actor: request.actor,
      reason: `Run again from ${step} (pipeline run ${stored.id})${
        request.reason ? `: ${request.reason}` : ''
      }`,
      req: request.req,
    });
    const after = (await store.get({ ...key, id: stored.id }))!;
    return {
      message: `Running the pipeline ${
        pipeline.name
      } again from ${step}: ${joinWords(
        pipeline.steps.filter(s => again.has(s.name)).map(s => s.name),
      )} run again, the steps before keep their runs.`,
      run: toPipelineRun(pipeline, after),
    };
  }

  async #advance(stored: StoredPipelineRun) {
    const { catalog, auth, containers } = this.options;
    const entity = await catalog.getEntityByRef(stored.entityRef, {
      credentials: await auth.getOwnServiceCredentials(),
    });
    const listed = entity
      ? await containers.listContainers({ entity })
      : undefined;
    const hostListed = listed?.hosts.find(h => h.name === stored.host);
    // A host that does not answer: wait for it.
    if (hostListed && hostListed.status !== 'ok') return;
    const pipeline = listed
      ? pipelinesOf(listed).find(
          ([h, p]) => h === stored.host && p.name === stored.pipeline,
        )?.[1]
      : undefined;
    if (!entity || !pipeline || pipeline.problem) {
      await this.#finish(stored.id, {
        status: 'failed',
        finishedAt: new Date().toISOString(),
      });
      return;
    }
    await this.#startReady(pipeline, stored, entity, {
      actor: JOB_PIPELINE_ACTOR,
    });
  }

  /** Ends the run, or starts the steps whose steps before all succeeded. */
  async #startReady(
    pipeline: Pipeline,
    stored: StoredPipelineRun,
    entity: Entity,
    by: { actor: string; reason?: string; req?: Request },
  ) {
    const { store, actions, containers, recorder, logger } = this.options;
    const move = nextMove(pipeline, stepRuns(pipeline, stored));
    if ('end' in move) {
      await this.#finish(stored.id, {
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
        const target = await containers.resolveContainer({
          entity,
          host: stored.host,
          id: step.containerId,
        });
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
        await this.#finish(stored.id, {
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
    target: Awaited<ReturnType<ContainerService['resolveContainer']>>,
  ): Promise<JobRun | undefined> {
    const current = await this.options.recorder.recordContainer(target);
    if (!current || current.pipelineRunId) return undefined;
    const before = stored.jobRuns.filter(r =>
      step.after.includes(r.containerName),
    );
    const lastEnd = Math.max(
      ...before.map(r => Date.parse(r.finishedAt ?? r.startedAt)),
    );
    return Number.isFinite(lastEnd) && Date.parse(current.startedAt) >= lastEnd
      ? current
      : undefined;
  }
}

/** The pipelines of a listing, per host that answered. */
export function pipelinesOf(
  listed: ContainerListResponse,
): Array<[string, Pipeline]> {
  return listed.hosts.flatMap(host => {
    if (host.status !== 'ok') return [];
    const jobs: JobNode[] = host.containers
      .filter(c => c.job && !c.conflict)
      .map(c => ({
        name: c.name,
        containerId: c.id,
        after: c.job!.after ?? [],
      }));
    return findPipelines(jobs, host.name).map(
      p => [host.name, p] as [string, Pipeline],
    );
  });
}
