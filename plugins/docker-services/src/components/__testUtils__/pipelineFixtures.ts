import {
  JobRun,
  JobSummary,
  PipelineRun,
  PipelineStepRun,
  PipelineSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { jobsResponseWith, jobWith, runWith } from './jobFixtures';

// Fixtures of the pipeline tests: shop-web's pipeline import -> clean ->
// report on host local. Its first run succeeded; its second (the newest)
// failed at the report with code 3.

const minutesAgo = (n: number) =>
  new Date(Date.now() - n * 60_000).toISOString();
const id = (c: string) => c.repeat(64);

export const importJob = jobWith({
  containerId: id('1'),
  containerName: 'import',
  lastRun: undefined,
  retries: { count: 0, delaySeconds: 60 },
});
export const cleanJob = jobWith({
  containerId: id('2'),
  containerName: 'clean',
  lastRun: undefined,
  schedule: undefined,
});
export const reportStep = jobWith({
  containerId: id('3'),
  containerName: 'report',
  lastRun: undefined,
  schedule: undefined,
});

function stepRun(
  job: JobSummary,
  runId: number,
  fields: Partial<JobRun>,
  state: PipelineStepRun['state'] = 'succeeded',
): PipelineStepRun {
  const run = runWith({
    id: runId,
    containerId: job.containerId,
    containerName: job.containerName,
    trigger: 'pipeline',
    ...fields,
  });
  return {
    step: job.containerName,
    state,
    summary: run.summary,
    run,
    attempts: 1,
  };
}

export const succeededRun: PipelineRun = {
  id: 1,
  status: 'succeeded',
  trigger: 'schedule',
  startedAt: minutesAgo(1500),
  finishedAt: minutesAgo(1490),
  steps: [
    stepRun(importJob, 101, {
      trigger: 'schedule',
      durationMs: 3000,
      summary: 'succeeded after 3 s',
    }),
    stepRun(cleanJob, 102, {
      durationMs: 1000,
      summary: 'succeeded after 1 s',
    }),
    stepRun(reportStep, 103, {
      durationMs: 2000,
      summary: 'succeeded after 2 s',
    }),
  ],
  summary: 'succeeded: import, clean and report',
};

export const failedPipelineRun: PipelineRun = {
  id: 2,
  status: 'failed',
  trigger: 'portal',
  actor: 'user:default/alice',
  startedAt: minutesAgo(130),
  finishedAt: minutesAgo(120),
  failedStep: 'report',
  steps: [
    stepRun(importJob, 201, {
      trigger: 'portal',
      summary: 'succeeded after 4 min',
    }),
    stepRun(cleanJob, 202, { summary: 'succeeded after 4 min' }),
    stepRun(
      reportStep,
      203,
      {
        outcome: 'failed',
        exitCode: 3,
        summary:
          'failed after 4 min with code 3 (the program reported an error)',
      },
      'failed',
    ),
  ],
  summary: 'failed at report (code 3) after import and clean succeeded',
};

export const ordersPipeline: PipelineSummary = {
  host: 'local',
  name: 'import',
  steps: [
    { name: 'import', containerId: importJob.containerId, after: [] },
    { name: 'clean', containerId: cleanJob.containerId, after: ['import'] },
    { name: 'report', containerId: reportStep.containerId, after: ['clean'] },
  ],
  runs: [failedPipelineRun, succeededRun],
};

export const pipelineJobsResponse = {
  ...jobsResponseWith(importJob, cleanJob, reportStep),
  pipelines: [ordersPipeline],
};
