import { AuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  ContainerListResponse,
  JOB_PIPELINE_ACTOR,
  JobRun,
  PipelineRunAgainResponse,
  PipelineSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Request } from 'express';
import { firstSteps, stepAndAfter } from './pipelineGraph';
import { joinWords, toPipelineRun } from './pipelineRunState';
import { pipelinesOf } from './pipelinesOf';
import { PipelineParts, PipelineStepStarter } from './PipelineStepStarter';
import { checkStepsBefore, pipelineToRunAgain } from './pipelineToRunAgain';
import { StoredPipelineRun } from './PipelineStore';

export { pipelinesOf } from './pipelinesOf';

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

  readonly #steps: PipelineStepStarter;

  constructor(
    private readonly options: PipelineParts & {
      catalog: CatalogService;
      auth: AuthService;
    },
  ) {
    this.#steps = new PipelineStepStarter({
      ...options,
      onFinish: entityRef => this.onChange(entityRef),
    });
  }

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
   * `listed`: the entity's containers when the caller listed them already.
   */
  async whyNotNow(
    entity: Entity,
    entityRef: string,
    host: string,
    job: string,
    listed?: ContainerListResponse,
  ): Promise<string | undefined> {
    const pipeline = pipelinesOf(
      listed ?? (await this.options.containers.listContainers({ entity })),
    ).find(([h, p]) => h === host && p.steps.some(s => s.name === job))?.[1];
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
   * the run's id makes it one pipeline run. `listed`: the entity's
   * containers when the caller listed them already.
   */
  async onRunBegan(run: JobRun, listed?: ContainerListResponse): Promise<void> {
    if (run.pipelineRunId || run.attempt > 1) return;
    try {
      await this.#begin(run, listed);
    } catch (error) {
      this.options.logger.warn(
        `Pipelines: run ${run.id} of ${run.containerName} may have begun a pipeline run, which could not be recorded`,
        { error: String(error) },
      );
    }
  }

  async #begin(run: JobRun, given?: ContainerListResponse) {
    const { catalog, auth, containers, store } = this.options;
    let listed = given;
    if (!listed) {
      const entity = await catalog.getEntityByRef(run.entityRef, {
        credentials: await auth.getOwnServiceCredentials(),
      });
      if (!entity) return;
      listed = await containers.listContainers({ entity });
    }
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
    const pipeline = pipelineToRunAgain(listed, request);
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
    checkStepsBefore(pipeline, stored, step);
    const again = stepAndAfter(pipeline, step);
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
    await this.#steps.startReady(
      pipeline,
      reopened,
      entity,
      {
        actor: request.actor,
        reason: `Run again from ${step} (pipeline run ${stored.id})${
          request.reason ? `: ${request.reason}` : ''
        }`,
        req: request.req,
      },
      listed,
    );
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
      await this.#steps.finish(stored.id, {
        status: 'failed',
        finishedAt: new Date().toISOString(),
      });
      return;
    }
    await this.#steps.startReady(
      pipeline,
      stored,
      entity,
      { actor: JOB_PIPELINE_ACTOR },
      listed,
    );
  }
}
