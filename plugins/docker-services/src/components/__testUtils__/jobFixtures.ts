import {
  JobRun,
  JobRunsResponse,
  JobsResponse,
  JobSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { screen } from '@testing-library/react';

// Fixtures of the jobs tests: one job of shop-web on host local, scheduled
// every day at 02:00 in Berlin, whose last run failed two hours ago, and a
// page of its runs (a retry, a skipped run, a first run).

const minutesAgo = (n: number) =>
  new Date(Date.now() - n * 60_000).toISOString();

/** A run of the report job, changed by `overrides`. */
export function runWith(overrides: Partial<JobRun>): JobRun {
  return {
    id: 13,
    entityRef: 'component:default/shop-web',
    host: 'local',
    containerId: 'c'.repeat(64),
    containerName: 'demo-data-report-1',
    trigger: 'schedule',
    attempt: 1,
    outcome: 'succeeded',
    startedAt: minutesAgo(124),
    finishedAt: minutesAgo(120),
    durationMs: 240_000,
    exitCode: 0,
    summary: 'succeeded after 4 min',
    ...overrides,
  };
}

/** The last run: the first retry of run 11, which failed again. */
export const failedRun = runWith({
  trigger: 'retry',
  attempt: 2,
  retryOf: 11,
  outcome: 'failed',
  exitCode: 3,
  summary: 'failed after 4 min with code 3 (the program reported an error)',
});

export const reportJob: JobSummary = {
  host: 'local',
  containerId: 'c'.repeat(64),
  containerName: 'demo-data-report-1',
  state: 'exited',
  running: false,
  lastRun: failedRun,
  retries: { count: 2, delaySeconds: 30 },
  schedule: {
    cron: '0 2 * * *',
    timeZone: 'Europe/Berlin',
    paused: false,
    description: 'every day at 02:00',
    nextRunAt: new Date(Date.now() + 5 * 3600_000 + 30_000).toISOString(),
    updatedBy: 'user:default/alice',
    updatedAt: minutesAgo(3000),
  },
  schedulesEnabled: true,
};

/** `reportJob`, changed by `overrides`. */
export function jobWith(overrides: Partial<JobSummary>): JobSummary {
  return { ...reportJob, ...overrides };
}

/** A jobs answer with these jobs. */
export function jobsResponseWith(...jobs: JobSummary[]): JobsResponse {
  return { entityRef: 'component:default/shop-web', jobs, unavailable: [] };
}

export const jobsResponse = jobsResponseWith(reportJob);

/** The newest runs: a retry of run 11, a skipped run, run 11 itself. */
export const runsPage: JobRunsResponse = {
  items: [
    failedRun,
    runWith({
      id: 12,
      trigger: 'schedule',
      outcome: 'skipped',
      startedAt: minutesAgo(130),
      finishedAt: undefined,
      durationMs: undefined,
      exitCode: undefined,
      summary: 'not started: the previous run was still running',
    }),
    runWith({
      id: 11,
      trigger: 'portal',
      actor: 'user:default/alice',
      reason: 'numbers needed today',
      outcome: 'failed',
      startedAt: minutesAgo(140),
      finishedAt: minutesAgo(136),
      exitCode: 3,
      summary: 'failed after 4 min with code 3 (the program reported an error)',
    }),
  ],
  nextBefore: 11,
};

/** The page before `runsPage`: the oldest run, started outside the portal. */
export const olderRunsPage: JobRunsResponse = {
  items: [
    runWith({
      id: 10,
      trigger: 'outside',
      startedAt: minutesAgo(2000),
      finishedAt: minutesAgo(1999),
      durationMs: 60_000,
      summary: 'succeeded after 1 min',
    }),
  ],
};

/** A job's card, once the page shows it; queries inside it stay fast. */
export async function findJobCard(containerName: string): Promise<HTMLElement> {
  const title = await screen.findByText(`Job ${containerName} on host local`);
  const card = title.closest<HTMLElement>('.MuiCard-root');
  if (!card) throw new Error(`${containerName} has no job card`);
  return card;
}
