import {
  JobRun,
  PipelineRun,
  PipelineStepRun,
  PipelineStepState,
} from '@docker-services/backstage-plugin-docker-services-common';
import { Pipeline, stepAndAfter } from './pipelineGraph';
import type { StoredPipelineRun } from './PipelineStore';

/** A step's claim that never got its job run (the replica died): given up after this. */
export const STALE_CLAIM_MS = 120_000;

/**
 * Where each step of a pipeline run stands, from its claims and its job
 * runs alone (never from the clock, but for a claim left without a run).
 * After a run-again from a step, that step and those after it count from
 * the new generation's claims; the steps before it keep what they did.
 */
export function stepRuns(
  pipeline: Pipeline,
  stored: StoredPipelineRun,
  now = new Date(),
): PipelineStepRun[] {
  const again = stored.rerun
    ? stepAndAfter(pipeline, stored.rerun.step)
    : new Set<string>();
  const states = new Map<string, PipelineStepRun>();
  for (const { name, after } of pipeline.steps) {
    const claims = stored.claims.filter(
      c =>
        c.step === name &&
        (!again.has(name) || c.generation === stored.generation),
    );
    const claim = claims[claims.length - 1];
    const runs = claim?.jobRunId
      ? stored.jobRuns.filter(
          r => r.containerName === name && r.id >= claim.jobRunId!,
        )
      : [];
    const run = runs[runs.length - 1];
    let state: PipelineStepState;
    if (run) state = runState(run);
    else if (claim && stored.status === 'running') {
      state =
        now.getTime() - Date.parse(claim.claimedAt) > STALE_CLAIM_MS
          ? 'failed'
          : 'starting';
    } else state = stored.status === 'running' ? 'waiting' : 'not-run';
    states.set(name, {
      step: name,
      state,
      summary: stepSummary(state, run, stored, after, states),
      ...(run ? { run } : {}),
      attempts: runs.length,
    });
  }
  return pipeline.steps.map(step => states.get(step.name)!);
}

function runState(run: JobRun): PipelineStepState {
  switch (run.outcome) {
    case 'running':
    case 'succeeded':
    case 'stopped':
      return run.outcome;
    case 'failed':
      return run.retryAt ? 'retrying' : 'failed';
    default:
      return 'not-run';
  }
}

function stepSummary(
  state: PipelineStepState,
  run: JobRun | undefined,
  stored: StoredPipelineRun,
  after: string[],
  before: Map<string, PipelineStepRun>,
): string {
  if (run && state === 'retrying') {
    return `${run.summary}; a retry (attempt ${run.attempt + 1}) is planned`;
  }
  if (run) return run.summary;
  switch (state) {
    case 'starting':
      return 'starting';
    case 'failed':
      return 'could not be started';
    case 'waiting': {
      const pending = after.filter(b => before.get(b)?.state !== 'succeeded');
      return pending.length
        ? `waiting for ${joinWords(pending)}`
        : 'about to start';
    }
    default:
      return stored.failedStep
        ? `not run: ${stored.failedStep} ${
            before.get(stored.failedStep)?.state === 'stopped'
              ? 'was stopped'
              : 'failed'
          }`
        : 'not run: the pipeline run ended before it';
  }
}

/** What a going pipeline run should do next, by its steps' states. */
export function nextMove(
  pipeline: Pipeline,
  steps: PipelineStepRun[],
):
  | { end: 'failed'; failedStep: string; finishedAt?: string }
  | { end: 'succeeded'; finishedAt?: string }
  | { start: string[] } {
  const failed = steps.find(s => s.state === 'failed' || s.state === 'stopped');
  if (failed) {
    return {
      end: 'failed',
      failedStep: failed.step,
      ...(failed.run?.finishedAt ? { finishedAt: failed.run.finishedAt } : {}),
    };
  }
  if (steps.every(s => s.state === 'succeeded')) {
    const ends = steps.map(s => s.run?.finishedAt ?? '').sort();
    return { end: 'succeeded', finishedAt: ends[ends.length - 1] || undefined };
  }
  const state = new Map(steps.map(s => [s.step, s.state]));
  return {
    start: pipeline.steps
      .filter(
        s =>
          state.get(s.name) === 'waiting' &&
          s.after.every(before => state.get(before) === 'succeeded'),
      )
      .map(s => s.name),
  };
}

/** The pipeline run on the wire, with its words. */
export function toPipelineRun(
  pipeline: Pipeline,
  stored: StoredPipelineRun,
  now = new Date(),
): PipelineRun {
  const steps = stepRuns(pipeline, stored, now);
  const first = stored.jobRuns.find(r => r.id === stored.firstRunId);
  return {
    id: stored.id,
    status: stored.status,
    trigger: first?.trigger ?? 'outside',
    ...(first?.actor ? { actor: first.actor } : {}),
    startedAt: new Date(Date.parse(stored.startedAt)).toISOString(),
    ...(stored.finishedAt
      ? { finishedAt: new Date(Date.parse(stored.finishedAt)).toISOString() }
      : {}),
    ...(stored.failedStep ? { failedStep: stored.failedStep } : {}),
    steps,
    summary: pipelineSummary(stored, steps),
    ...(stored.rerun ? { rerun: stored.rerun } : {}),
  };
}

/**
 * "failed at report (code 3) after import and clean succeeded",
 * "succeeded: import, clean and report", "running: clean (step 2 of 3)".
 */
export function pipelineSummary(
  stored: Pick<StoredPipelineRun, 'status' | 'failedStep'>,
  steps: PipelineStepRun[],
): string {
  const names = steps.map(s => s.step);
  if (stored.status === 'succeeded') {
    return `succeeded: ${joinWords(names)}`;
  }
  const succeeded = steps.filter(s => s.state === 'succeeded').map(s => s.step);
  if (stored.status === 'failed') {
    const failed = steps.find(s => s.step === stored.failedStep);
    if (!failed) return 'failed: its steps changed or are gone';
    const verb = failed.state === 'stopped' ? 'stopped at' : 'failed at';
    const detail = failureDetail(failed);
    const tail = succeeded.length
      ? ` after ${joinWords(succeeded)} succeeded`
      : '';
    return `${verb} ${failed.step}${detail ? ` (${detail})` : ''}${tail}`;
  }
  const going = steps.filter(s =>
    ['starting', 'running', 'retrying'].includes(s.state),
  );
  if (!going.length) return 'running';
  const at = going
    .map(
      s => `${s.step} (step ${names.indexOf(s.step) + 1} of ${names.length})`,
    )
    .join(', ');
  return `running: ${at}`;
}

function failureDetail(step: PipelineStepRun): string {
  const run = step.run;
  if (!run) return 'could not be started';
  const retries =
    step.attempts > 1
      ? `, after ${step.attempts - 1} ${
          step.attempts === 2 ? 'retry' : 'retries'
        }`
      : '';
  if (run.outcome === 'stopped') return `stopped${retries}`;
  if (run.oomKilled) return `out of memory${retries}`;
  return run.exitCode !== undefined
    ? `code ${run.exitCode}${retries}`
    : retries.slice(2);
}

/** "a", "a and b", "a, b and c". */
export function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
