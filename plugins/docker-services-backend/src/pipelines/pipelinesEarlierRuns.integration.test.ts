import request from 'supertest';
import Docker from 'dockerode';
import { eventually } from '../__testUtils__/eventually';
import { useJobsWorld } from '../__testUtils__/jobsWorld';
import { asUser, OWNER } from '../__testUtils__/testBackend';
import { RUN_LOG_MARGIN_MS } from '../jobs/runLogBounds';

// A pipeline whose later step ran before the portal was installed (its
// database knows nothing of that run): when the pipeline reaches the step,
// the portal looks whether someone started it already. The earlier run it
// then reads from Docker's state is not this pipeline run's, and must not be
// recorded as a run still going: the step's own run's end would later be
// taken for its end, and its log window cut after its own lines.
let load: Docker.Container;
let sum: Docker.Container;
const w = useJobsWorld('pipesold', {
  beforePortals: async () => {
    load = await w.createJob('load', 'echo loaded');
    sum = await w.createJob(
      'sum',
      'echo "summed $(cat /proc/sys/kernel/random/uuid)"',
      {
        labels: { 'docker-services.job.after': `${w.runId}-load` },
      },
    );
    await sum.start();
    await sum.wait();
    // Longer ago than the margin a first recorded run's log reaches back
    // (Docker may stamp a quick run's lines before its start): a run within
    // it would be read as this one's on purpose.
    await new Promise(resolve => setTimeout(resolve, RUN_LOG_MARGIN_MS + 1000));
  },
});

describe("a pipeline step's run before the portal came", () => {
  it('is not recorded as a run of the pipeline, nor as one still going', async () => {
    const name = `${w.runId}-load`;
    await eventually(
      () => w.pipelines(),
      ps => ps.find(p => p.name === name)?.steps.length === 2,
    );
    const before = (await sum.logs({ stdout: true })).toString('utf8');
    const started = await request(w.server())
      .post(`${w.jobUrl(load)}/run`)
      .set(asUser(OWNER))
      .send({ reason: 'daily run' });
    expect(started.status).toBe(200);
    const done = await eventually(
      () => w.pipelines(),
      ps => {
        const run = ps.find(p => p.name === name)?.runs[0];
        return run !== undefined && run.status !== 'running';
      },
      90_000,
    );
    const run = done.find(p => p.name === name)!.runs[0];
    expect(run.status).toBe('succeeded');
    expect(run.steps[1].run).toMatchObject({ trigger: 'pipeline' });

    // One run of sum is known here: the pipeline's, ended by its own die.
    const runs = await w.endedRuns(sum, 1);
    expect(runs.map(r => [r.id, r.outcome, r.exitCode])).toEqual([
      [run.steps[1].run!.id, 'succeeded', 0],
    ]);
    // Its log is its own line, not the earlier run's and not nothing.
    const lines = await w.runLog(sum, runs[0].id);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^summed [0-9a-f-]{36}$/);
    expect(before).not.toContain(lines[0]);
  }, 150_000);
});
