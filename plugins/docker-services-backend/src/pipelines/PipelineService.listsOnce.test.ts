import request from 'supertest';
import {
  asUser,
  OWNER,
  shopLabels,
  useRouterApp,
} from '../__testUtils__/routerApp';
import { FakeDockerHost } from '../__testUtils__/FakeDockerHost';

// The pipeline checks of a run now and of a scheduler's tick read the
// containers the caller listed already: the check "is this a step the
// pipeline must run?" and the pipeline run the start may begin ask Docker
// for the entity's containers at most once between them. (The index is
// not live here, so every listing reaches the engine and is counted.)
const app = useRouterApp();
const jobLabels = { ...shopLabels, 'docker-services.job': 'true' };
const base = '/entities/component/default/shop';

/** A pipeline of two steps, load then sum; returns the first. */
function twoSteps(host: FakeDockerHost) {
  const load = host.add({ name: 'load', labels: jobLabels, state: 'exited' });
  host.add({
    name: 'sum',
    labels: { ...jobLabels, 'docker-services.job.after': 'load' },
    state: 'exited',
  });
  return load;
}

const lists = (host: FakeDockerHost) =>
  host.calls.filter(call => call.startsWith('list ')).length;

describe('pipeline checks list the containers once', () => {
  it('a run now of a first step: the job is found, the pipeline checked, the container started, the pipeline checks list no more', async () => {
    const { server, host } = await app();
    const load = twoSteps(host);
    host.calls.length = 0;
    const res = await request(server)
      .post(`${base}/containers/local/${load.id}/run`)
      .set(asUser(OWNER));
    expect(res.status).toBe(200);
    expect(res.body.run).toMatchObject({ containerName: 'load' });
    expect(host.calls.filter(c => c.startsWith('start'))).toEqual([
      `start ${load.id}`,
    ]);
    // Found (1), checked against its pipeline (1), started (2: the start
    // reads the container before and after). Was 5: the pipeline run the
    // start began listed again.
    expect(lists(host)).toBe(4);
    // The pipeline run began all the same.
    const jobs = await request(server).get(`${base}/jobs`).set(asUser(OWNER));
    expect(jobs.body.pipelines[0].runs[0]).toMatchObject({
      status: 'running',
    });
  });

  it('a scheduled tick of a first step: the job is found and started, the pipeline checks list no more', async () => {
    const { server, host, jobs } = await app();
    const load = twoSteps(host);
    const set = await request(server)
      .put(`${base}/containers/local/${load.id}/schedule`)
      .set(asUser(OWNER))
      .send({ cron: '* * * * *', timeZone: 'UTC' });
    expect(set.status).toBe(200);
    host.calls.length = 0;
    await jobs.driver.tick(new Date(Date.now() + 120_000));
    expect(host.calls.filter(c => c.startsWith('start'))).toEqual([
      `start ${load.id}`,
    ]);
    // Found (2: listed, then resolved), started (2), and the driver's pass
    // over going pipeline runs (1). Was 7: the pipeline check and the
    // pipeline run the start began listed again.
    expect(lists(host)).toBe(5);
    const listed = await request(server).get(`${base}/jobs`).set(asUser(OWNER));
    expect(listed.body.pipelines[0].runs[0]).toMatchObject({
      status: 'running',
    });
  });
});
