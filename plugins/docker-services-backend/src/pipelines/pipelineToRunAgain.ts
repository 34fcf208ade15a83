import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { ContainerListResponse } from '@docker-services/backstage-plugin-docker-services-common';
import { Pipeline } from './pipelineGraph';
import { joinWords, stepRuns } from './pipelineRunState';
import { pipelinesOf } from './pipelinesOf';
import { StoredPipelineRun } from './PipelineStore';

/**
 * The pipeline a run again names, from the entity's containers; refused in
 * words when it is not there, has a problem, or has no such step.
 */
export function pipelineToRunAgain(
  listed: ContainerListResponse,
  request: { entityRef: string; host: string; pipeline: string; step: string },
): Pipeline {
  const { entityRef, host, step } = request;
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
  return pipeline;
}

/** Refuses to run `stored` again from `step` unless the steps before it succeeded. */
export function checkStepsBefore(
  pipeline: Pipeline,
  stored: StoredPipelineRun,
  step: string,
): void {
  const before = stepRuns(pipeline, stored);
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
}
