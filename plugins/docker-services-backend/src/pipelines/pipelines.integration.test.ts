import request from 'supertest';
import Docker from 'dockerode';
import {
  PipelineRun,
  PipelineSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { eventually } from '../__testUtils__/eventually';
import { useJobsWorld } from '../__testUtils__/jobsWorld';
import { callsOutsideAllowList } from '../__testUtils__/recordingProxy';
import { asUser, OTHER, OWNER } from '../__testUtils__/testBackend';

// Pipelines against the real engine, with two backend replicas on one
// database (SQLite files, or PostgreSQL): the demo's three steps
// (/demo/pipeline.sh import, clean, report), a failing middle step, retries,
// a run again from a step, a cycle, and a schedule. The container index
// hears of new containers by Docker's events: each test waits until its
// pipeline's steps are listed.
const w = useJobsWorld('pipes');

/** Creates steps of one pipeline: name → [script or demo step, after]. */
async function createSteps(
  steps: Array<
    [
      string,
      {
        script?: string;
        demo?: string;
        after?: string;
        labels?: Record<string, string>;
      },
    ]
  >,
  volume?: string,
): Promise<Record<string, Docker.Container>> {
  const created: Record<string, Docker.Container> = {};
  for (const [name, step] of steps) {
    created[name] = await w.createJob(name, step.script ?? '', {
      ...(step.demo ? { cmd: ['/demo/pipeline.sh', step.demo] } : {}),
      ...(volume ? { volume } : {}),
      labels: {
        ...(step.after
          ? { 'docker-services.job.after': `${w.runId}-${step.after}` }
          : {}),
        ...step.labels,
      },
    });
  }
  return created;
}

/** The pipeline once the container index has heard of its `count` steps. */
function defined(first: string, count: number): Promise<PipelineSummary> {
  return eventually(
    () => pipeline(first),
    p => p.steps.length === count,
  );
}

async function pipeline(first: string): Promise<PipelineSummary> {
  const found = (await w.pipelines()).find(
    p => p.name === `${w.runId}-${first}`,
  );
  return found ?? { host: 'local', name: first, steps: [], runs: [] };
}

/** Waits until the pipeline's newest run has ended; returns it. */
async function endedRun(first: string, count = 1): Promise<PipelineRun> {
  const found = await eventually(
    () => pipeline(first),
    p => p.runs.length >= count && p.runs[0].status !== 'running',
    90_000,
  );
  return found.runs[0];
}

const stepsOf = (run: PipelineRun) =>
  run.steps.map(s => [s.step.slice(w.runId.length + 1), s.state]);

describe('pipelines on a real engine', () => {
  it('runs the demo pipeline in order, stops at the failed report, and runs again from it', async () => {
    const volume = await w.createVolume('orders');
    const jobs = await createSteps(
      [
        ['import', { demo: 'import' }],
        ['clean', { demo: 'clean', after: 'import' }],
        ['report', { demo: 'report', after: 'clean' }],
      ],
      volume,
    );
    const found = await defined('import', 3);
    expect(found.problem).toBeUndefined();
    expect(found.steps.map(s => s.after.length)).toEqual([0, 1, 1]);

    // A later step is not run on its own, and has no schedule of its own.
    const alone = await request(w.server())
      .post(`${w.jobUrl(jobs.report)}/run`)
      .set(asUser(OWNER));
    expect(alone.status).toBe(409);
    expect(alone.body.error.message).toBe(
      `${w.runId}-report is a step of the pipeline ${w.runId}-import: it runs when ${w.runId}-clean succeeded. To run it again, use "Run again from ${w.runId}-report" on the pipeline's last run.`,
    );
    const scheduled = await request(w.server())
      .put(`${w.jobUrl(jobs.clean)}/schedule`)
      .set(asUser(OWNER))
      .send({ cron: '0 2 * * *', timeZone: 'UTC' });
    expect(scheduled.status).toBe(400);
    expect(scheduled.body.error.message).toMatch(
      /is a later step of its pipeline .*: it has no schedule of its own/,
    );

    const started = await request(w.server())
      .post(`${w.jobUrl(jobs.import)}/run`)
      .set(asUser(OWNER))
      .send({ reason: 'daily run' });
    expect(started.status).toBe(200);
    const failed = await endedRun('import');
    expect(failed.status).toBe('failed');
    expect(stepsOf(failed)).toEqual([
      ['import', 'succeeded'],
      ['clean', 'succeeded'],
      ['report', 'failed'],
    ]);
    expect(failed.summary).toBe(
      `failed at ${w.runId}-report (code 3) after ${w.runId}-import and ${w.runId}-clean succeeded`,
    );
    expect(failed).toMatchObject({ trigger: 'portal', actor: OWNER });
    expect(failed.steps[1].run).toMatchObject({ trigger: 'pipeline' });
    // The same on the other replica.
    expect((await w.pipelines(1))[0].runs[0].summary).toBe(failed.summary);

    // Others may look, not run it again.
    const url = `${w.pipelineUrl(
      'local',
      `${w.runId}-import`,
      failed.id,
    )}/run-again`;
    const refused = await request(w.server())
      .post(url)
      .set(asUser(OTHER))
      .send({ step: `${w.runId}-report` });
    expect(refused.status).toBe(403);
    const unknown = await request(w.server())
      .post(url)
      .set(asUser(OWNER))
      .send({ step: 'nope' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(
      /^nope is not a step of the pipeline/,
    );

    const again = await request(w.server(1))
      .post(url)
      .set(asUser(OWNER))
      .send({ step: `${w.runId}-report`, reason: 'the rates are there now' });
    expect(again.status).toBe(200);
    expect(again.body.message).toMatch(/again from .*-report/);
    const rerun = await eventually(
      () => pipeline('import'),
      p => p.runs[0].status !== 'running',
      60_000,
    );
    expect(rerun.runs).toHaveLength(1);
    const [green] = rerun.runs;
    expect(green).toMatchObject({ id: failed.id, status: 'succeeded' });
    expect(green.rerun).toMatchObject({
      actor: OWNER,
      reason: 'the rates are there now',
    });
    // Import and clean were not run again: their runs are the same.
    expect(green.steps[0].run?.id).toBe(failed.steps[0].run?.id);
    expect(green.steps[1].run?.id).toBe(failed.steps[1].run?.id);
    expect(green.steps[2].run).toMatchObject({
      trigger: 'portal',
      actor: OWNER,
      outcome: 'succeeded',
    });
    expect(green.steps[2].run?.reason).toMatch(/: the rates are there now$/);
    expect((await w.runs(jobs.import)).length).toBe(1);
    expect((await w.runs(jobs.clean)).length).toBe(1);
    // The report's log of its second run is its own.
    expect(await w.runLog(jobs.report, green.steps[2].run!.id)).toContain(
      "report: converted with today's rates; the daily orders report is ready",
    );
  });

  it('does not start the steps after one that failed, after its retries', async () => {
    const jobs = await createSteps([
      ['a', { script: 'echo a done' }],
      [
        'b',
        {
          script: 'echo "b: cannot go on" >&2; exit 3',
          after: 'a',
          labels: {
            'docker-services.job.retries': '1',
            'docker-services.job.retry-delay': '1',
          },
        },
      ],
      ['c', { script: 'echo c', after: 'b' }],
    ]);
    await defined('a', 3);
    await jobs.a.start();
    const run = await endedRun('a');
    expect(run.status).toBe('failed');
    expect(stepsOf(run)).toEqual([
      ['a', 'succeeded'],
      ['b', 'failed'],
      ['c', 'not-run'],
    ]);
    expect(run.trigger).toBe('outside');
    expect(run.steps[1].attempts).toBe(2);
    expect(run.steps[2].summary).toBe(`not run: ${w.runId}-b failed`);
    expect(run.summary).toBe(
      `failed at ${w.runId}-b (code 3, after 1 retry) after ${w.runId}-a succeeded`,
    );
    // c was never started by anyone.
    expect((await jobs.c.inspect()).State.StartedAt).toMatch(/^0001-01-01/);
    expect(await w.runs(jobs.c)).toEqual([]);
  });

  it('refuses a cycle in words, and runs nothing of it', async () => {
    const jobs = await createSteps([
      ['x', { script: 'echo x', after: 'y' }],
      ['y', { script: 'echo y', after: 'x' }],
    ]);
    const found = await defined('x', 2);
    expect(found.problem).toMatch(
      /^This pipeline does not run: its steps wait for each other in a circle/,
    );
    const run = await request(w.server())
      .post(`${w.jobUrl(jobs.x)}/run`)
      .set(asUser(OWNER));
    expect(run.status).toBe(409);
    expect(run.body.error.message).toBe(found.problem);
    expect((await jobs.x.inspect()).State.StartedAt).toMatch(/^0001-01-01/);
  });

  it('a schedule starts one pipeline run per tick across two replicas, and skips a tick while one is going', async () => {
    const jobs = await createSteps([
      ['tick', { script: 'sleep 3; echo tick' }],
      ['tock', { script: 'echo tock', after: 'tick' }],
    ]);
    await defined('tick', 2);
    const set = await request(w.server())
      .put(`${w.jobUrl(jobs.tick)}/schedule`)
      .set(asUser(OWNER))
      .send({ cron: '*/2 * * * * *', timeZone: 'UTC' });
    expect(set.status).toBe(200);
    const found = await eventually(
      () => pipeline('tick'),
      p => p.runs.filter(r => r.status === 'succeeded').length >= 2,
      90_000,
    );
    await request(w.server())
      .put(`${w.jobUrl(jobs.tick)}/schedule`)
      .set(asUser(OWNER))
      .send({ cron: '*/2 * * * * *', timeZone: 'UTC', paused: true });
    const runs = await w.runs(jobs.tick);
    // Each pipeline run ran each step once.
    for (const run of found.runs.filter(r => r.status === 'succeeded')) {
      expect(run.steps.map(s => s.attempts)).toEqual([1, 1]);
      expect(run.trigger).toBe('schedule');
    }
    const tockRuns = await w.runs(jobs.tock);
    const started = runs.filter(r => r.outcome !== 'skipped');
    expect(tockRuns.length).toBeLessThanOrEqual(started.length);
    expect(new Set(tockRuns.map(r => r.pipelineRunId)).size).toBe(
      tockRuns.length,
    );
    // A run takes 3 s, the schedule ticks every 2 s: ticks found one going.
    const skipped = runs.filter(r => r.outcome === 'skipped');
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped[0].summary).toMatch(
      /^not started: (the previous run was still running|the pipeline .* is running \(pipeline run \d+\): one pipeline run at a time)/,
    );
  });

  it('calls only the allow-listed Engine endpoints', () => {
    expect(callsOutsideAllowList(w.calls())).toEqual([]);
  });
});
