import request from 'supertest';
import Docker from 'dockerode';
import { PipelineRun } from '@docker-services/backstage-plugin-docker-services-common';
import { eventually } from '../__testUtils__/eventually';
import { useJobsWorld } from '../__testUtils__/jobsWorld';
import { asUser, OWNER } from '../__testUtils__/testBackend';

// Two portals, each with a database of its own, watching the same engine:
// both see a pipeline's first step start and each drives its own copy of
// the pipeline run. The faster one starts the later step once the first
// ended; the other, which reads Docker more slowly (the proxy in front of
// it answers inspects 4 s late: a fault a real engine cannot make on
// demand), finds that step started after the steps before it ended and
// takes that run as its own step's, instead of starting it again.
const w = useJobsWorld('pipes2p', { separatePortals: true });

async function pipelineRun(
  portal: number,
  name: string,
): Promise<PipelineRun | undefined> {
  const found = (await w.pipelines(portal)).find(p => p.name === name);
  return found?.runs[0];
}

describe('a pipeline watched by two portals', () => {
  it('a step the other portal started is adopted, not started again', async () => {
    const load: Docker.Container = await w.createJob('load', 'echo loaded');
    const sum: Docker.Container = await w.createJob(
      'sum',
      'sleep 6; echo summed',
      { labels: { 'docker-services.job.after': `${w.runId}-load` } },
    );
    const name = `${w.runId}-load`;
    for (const portal of [0, 1]) {
      await eventually(
        () => w.pipelines(portal),
        ps => ps.find(p => p.name === name)?.steps.length === 2,
      );
    }
    w.proxy(1).delayResponsesTo(/^GET \/containers\/[0-9a-f]{64}\/json$/, 4000);

    const started = await request(w.server(0))
      .post(`${w.jobUrl(load)}/run`)
      .set(asUser(OWNER));
    expect(started.status).toBe(200);

    const ended = (portal: number) =>
      eventually(
        () => pipelineRun(portal, name),
        run => run !== undefined && run.status !== 'running',
        90_000,
      );
    const [first, second] = [await ended(0), await ended(1)];
    expect(first!.status).toBe('succeeded');
    expect(second!.status).toBe('succeeded');
    // The same Docker run of sum is the step of both pipeline runs.
    expect(first!.steps.map(s => s.state)).toEqual(['succeeded', 'succeeded']);
    expect(second!.steps.map(s => s.state)).toEqual(['succeeded', 'succeeded']);
    expect(second!.steps[1].run?.startedAt).toBe(
      first!.steps[1].run?.startedAt,
    );
    expect(first!.steps[1].run).toMatchObject({ trigger: 'pipeline' });
    expect(second!.steps[1].run).toMatchObject({ trigger: 'outside' });
    // Docker was asked to start sum once, by the first portal.
    const startsOfSum = (portal: number) =>
      w
        .proxy(portal)
        .calls.filter(c => c === `POST /containers/${sum.id}/start`).length;
    expect(startsOfSum(0)).toBe(1);
    expect(startsOfSum(1)).toBe(0);
  }, 150_000);
});
