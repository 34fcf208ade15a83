import { JobRun } from '@docker-services/backstage-plugin-docker-services-common';
import { findPipelines } from './pipelineGraph';
import {
  nextMove,
  pipelineSummary,
  stepRuns,
  toPipelineRun,
} from './pipelineRunState';
import type { StoredPipelineRun } from './PipelineStore';

const [pipeline] = findPipelines(
  [
    { name: 'import', containerId: 'i', after: [] },
    { name: 'clean', containerId: 'c', after: ['import'] },
    { name: 'report', containerId: 'r', after: ['clean'] },
  ],
  'local',
);

let nextId = 1;
function run(step: string, fields: Partial<JobRun>): JobRun {
  return {
    id: nextId++,
    entityRef: 'component:default/data',
    host: 'local',
    containerId: step[0],
    containerName: step,
    trigger: 'pipeline',
    attempt: 1,
    outcome: 'succeeded',
    startedAt: '2026-12-06T02:00:00.000Z',
    finishedAt: '2026-12-06T02:00:05.000Z',
    exitCode: 0,
    summary: 'succeeded after 5 s',
    ...fields,
  };
}

function stored(
  jobRuns: JobRun[],
  fields: Partial<StoredPipelineRun> = {},
): StoredPipelineRun {
  return {
    id: 7,
    entityRef: 'component:default/data',
    host: 'local',
    pipeline: 'import',
    status: 'running',
    firstRunId: jobRuns[0].id,
    startedAt: jobRuns[0].startedAt,
    generation: 0,
    claims: jobRuns
      .filter(r => r.attempt === 1)
      .map(r => ({
        step: r.containerName,
        generation: 0,
        claimedAt: new Date().toISOString(),
        jobRunId: r.id,
      })),
    jobRuns,
    ...fields,
  };
}

describe('pipeline runs', () => {
  it('starts the next step once the steps before it succeeded, and waits otherwise', () => {
    const going = stored([run('import', { trigger: 'schedule' })]);
    const steps = stepRuns(pipeline, going);
    expect(steps.map(s => [s.step, s.state, s.summary])).toEqual([
      ['import', 'succeeded', 'succeeded after 5 s'],
      ['clean', 'waiting', 'about to start'],
      ['report', 'waiting', 'waiting for clean'],
    ]);
    expect(nextMove(pipeline, steps)).toEqual({ start: ['clean'] });
    expect(pipelineSummary(going, steps)).toBe('running');
  });

  it('does not end while a failed step has a retry planned', () => {
    const going = stored([
      run('import', {}),
      run('clean', {
        outcome: 'failed',
        exitCode: 3,
        summary: 'failed after 1 s with code 3 (the program reported an error)',
        retryAt: '2026-12-06T02:05:00.000Z',
      }),
    ]);
    const steps = stepRuns(pipeline, going);
    expect(steps[1].state).toBe('retrying');
    expect(steps[1].summary).toMatch(/; a retry \(attempt 2\) is planned$/);
    expect(nextMove(pipeline, steps)).toEqual({ start: [] });
    expect(pipelineSummary(going, steps)).toBe('running: clean (step 2 of 3)');
  });

  it('ends failed at the step whose last attempt failed, the later ones not run', () => {
    const imported = run('import', {});
    const cleaned = run('clean', {});
    const first = run('report', {
      outcome: 'failed',
      exitCode: 3,
      summary: 'failed',
    });
    const retry = run('report', {
      outcome: 'failed',
      exitCode: 3,
      attempt: 2,
      retryOf: first.id,
      trigger: 'retry',
      finishedAt: '2026-12-06T02:09:00.000Z',
      summary: 'failed after 1 s with code 3 (the program reported an error)',
    });
    const going = stored([imported, cleaned, first, retry]);
    const steps = stepRuns(pipeline, going);
    expect(steps[2]).toMatchObject({
      state: 'failed',
      attempts: 2,
      run: retry,
    });
    expect(nextMove(pipeline, steps)).toEqual({
      end: 'failed',
      failedStep: 'report',
      finishedAt: '2026-12-06T02:09:00.000Z',
    });
    const ended = { ...going, status: 'failed' as const, failedStep: 'report' };
    expect(toPipelineRun(pipeline, ended).summary).toBe(
      'failed at report (code 3, after 1 retry) after import and clean succeeded',
    );
  });

  it('says a later step was not run because an earlier one failed', () => {
    const ended = stored(
      [run('import', { outcome: 'failed', exitCode: 2, summary: 'failed' })],
      { status: 'failed', failedStep: 'import' },
    );
    const steps = stepRuns(pipeline, ended);
    expect(steps.map(s => [s.state, s.summary])).toEqual([
      ['failed', 'failed'],
      ['not-run', 'not run: import failed'],
      ['not-run', 'not run: import failed'],
    ]);
    expect(pipelineSummary(ended, steps)).toBe('failed at import (code 2)');
  });

  it('says a stop as a stop, not a failure', () => {
    const ended = stored(
      [run('import', {}), run('clean', { outcome: 'stopped', exitCode: 137 })],
      { status: 'failed', failedStep: 'clean' },
    );
    const steps = stepRuns(pipeline, ended);
    expect(steps[2].summary).toBe('not run: clean was stopped');
    expect(pipelineSummary(ended, steps)).toBe(
      'stopped at clean (stopped) after import succeeded',
    );
  });

  it('after a run-again from a step, counts it and the later ones afresh, the earlier ones as they were', () => {
    const imported = run('import', {});
    const cleaned = run('clean', {});
    const failed = run('report', { outcome: 'failed', exitCode: 3 });
    const base = stored([imported, cleaned, failed], {
      status: 'running',
      generation: 1,
      rerun: {
        step: 'report',
        actor: 'user:default/alice',
        at: '2026-12-06T03:00:00.000Z',
      },
    });
    let steps = stepRuns(pipeline, base);
    expect(steps.map(s => s.state)).toEqual([
      'succeeded',
      'succeeded',
      'waiting',
    ]);
    expect(nextMove(pipeline, steps)).toEqual({ start: ['report'] });

    const again = run('report', { trigger: 'portal' });
    const claimed = {
      ...base,
      jobRuns: [...base.jobRuns, again],
      claims: [
        ...base.claims,
        {
          step: 'report',
          generation: 1,
          claimedAt: new Date().toISOString(),
          jobRunId: again.id,
        },
      ],
    };
    steps = stepRuns(pipeline, claimed);
    expect(steps.map(s => s.state)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    expect(nextMove(pipeline, steps)).toMatchObject({ end: 'succeeded' });
  });

  it('gives up a claimed step that never got a run after a while', () => {
    const going = stored([run('import', {})]);
    going.claims.push({
      step: 'clean',
      generation: 0,
      claimedAt: '2026-12-06T02:00:00.000Z',
    });
    const soon = stepRuns(
      pipeline,
      going,
      new Date('2026-12-06T02:01:00.000Z'),
    );
    expect(soon[1].state).toBe('starting');
    const late = stepRuns(
      pipeline,
      going,
      new Date('2026-12-06T02:03:00.000Z'),
    );
    expect(late[1]).toMatchObject({
      state: 'failed',
      summary: 'could not be started',
    });
    expect(nextMove(pipeline, late)).toMatchObject({
      end: 'failed',
      failedStep: 'clean',
    });
  });
});
