import {
  JobSummary,
  PipelineRun,
  PipelineStepRun,
  PipelineStepState,
  PipelineSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { formatDuration } from '../describeState';
import { runDurationWords } from '../jobs/jobWords';
import { Tone } from '../ToneLabel';

// A pipeline and its runs in the words Airflow users know: steps (tasks),
// pipeline runs (DAG runs), run again from a step (clear).

const STATE_WORDS: Record<PipelineStepState, string> = {
  waiting: 'waiting',
  starting: 'starting',
  running: 'running',
  retrying: 'retrying',
  succeeded: 'succeeded',
  failed: 'failed',
  stopped: 'stopped',
  'not-run': 'not run',
};

/** One cell of the grid in one or two words: "succeeded", "not run". */
export function stepStateWords(step: PipelineStepRun): string {
  return STATE_WORDS[step.state];
}

export function stepTone(step: PipelineStepRun): Tone {
  switch (step.state) {
    case 'succeeded':
      return 'ok';
    case 'failed':
      return 'error';
    case 'retrying':
      return 'warning';
    case 'stopped':
    case 'not-run':
      return 'ended';
    default:
      return 'pending';
  }
}

export function pipelineTone(run: PipelineRun): Tone {
  if (run.status === 'succeeded') return 'ok';
  if (run.status === 'failed') return 'error';
  return 'pending';
}

/**
 * "Last pipeline run: failed at report (code 3) after import and clean
 * succeeded, 2 hours ago", "Pipeline run 4 is running: clean (step 2 of
 * 3), started 1 minute ago", "No pipeline run recorded yet".
 */
export function lastPipelineRunSentence(
  pipeline: PipelineSummary,
  now = new Date(),
): string {
  const run = pipeline.runs[0];
  if (!run) return 'No pipeline run recorded yet';
  if (run.status === 'running') {
    return `Pipeline run ${run.id} is ${run.summary}, started ${formatDuration(
      now,
      run.startedAt,
    )} ago`;
  }
  const ago = formatDuration(now, run.finishedAt ?? run.startedAt);
  return `Last pipeline run: ${run.summary}, ${ago} ago`;
}

/** What a cell tells on hover or focus: the step's words and how long it took. */
export function stepCellDetail(
  step: PipelineStepRun,
  now = new Date(),
): string {
  const run = step.run;
  const took = run ? `took ${runDurationWords(run, now)}` : undefined;
  const attempts = step.attempts > 1 ? `${step.attempts} attempts` : undefined;
  return [step.summary, took, attempts].filter(Boolean).join(' · ');
}

/**
 * Why a job that is a later step of a pipeline is not run on its own, in
 * words; none for a first step or a job in no pipeline.
 */
export function laterStepNote(
  job: JobSummary,
  pipelines: PipelineSummary[],
): string | undefined {
  for (const pipeline of pipelines) {
    if (pipeline.host !== job.host) continue;
    const step = pipeline.steps.find(s => s.containerId === job.containerId);
    if (!step) continue;
    if (pipeline.problem) {
      return `${job.containerName} is in the pipeline ${pipeline.name}, which does not run (see the pipeline above).`;
    }
    if (step.after.length) {
      return `${job.containerName} runs in the pipeline ${
        pipeline.name
      } after ${step.after.join(
        ', ',
      )}: run the pipeline, or run it again from this step.`;
    }
  }
  return undefined;
}

/**
 * The steps a pipeline run may run again from: those whose steps before
 * all succeeded in it, failed ones first. None while it runs.
 */
export function runAgainChoices(
  pipeline: PipelineSummary,
  run: PipelineRun,
): string[] {
  if (run.status === 'running') return [];
  const state = new Map(run.steps.map(s => [s.step, s.state]));
  const possible = pipeline.steps
    .filter(s => s.after.every(before => state.get(before) === 'succeeded'))
    .map(s => s.name);
  const failed = possible.filter(name =>
    ['failed', 'stopped'].includes(state.get(name) ?? ''),
  );
  return [...failed, ...possible.filter(name => !failed.includes(name))];
}

/** The step and every step that waits for it, directly or not, in order. */
export function stepAndAfter(
  pipeline: PipelineSummary,
  step: string,
): string[] {
  const found = new Set([step]);
  for (const candidate of pipeline.steps) {
    if (candidate.after.some(before => found.has(before))) {
      found.add(candidate.name);
    }
  }
  return pipeline.steps.map(s => s.name).filter(name => found.has(name));
}
