import request from 'supertest';
import { jobLabels, shopBase as base } from './__testUtils__/routerJobFixture';
import {
  asUser,
  OWNER,
  READER,
  shopLabels,
  useRouterApp,
} from './__testUtils__/routerApp';

// The jobs routes in the unit tier: the real router, stores and services
// over a FAKE Docker engine (runs themselves are recorded from a real
// engine's events in jobs.integration.test.ts). Schedules:
// router.jobSchedules.test.ts.
const app = useRouterApp();

describe('the jobs routes over a fake engine', () => {
  it('lists only the containers labelled as jobs, with their retry policy', async () => {
    const { server, host } = await app();
    host.add({ name: 'shop-web-1', labels: shopLabels });
    const job = host.add({
      name: 'shop-report-1',
      labels: jobLabels,
      state: 'exited',
    });
    const res = await request(server).get(`${base}/jobs`).set(asUser(READER));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entityRef: 'component:default/shop',
      unavailable: [],
      jobs: [
        {
          host: 'local',
          containerId: job.id,
          containerName: 'shop-report-1',
          state: 'exited',
          running: false,
          retries: { count: 2, delaySeconds: 300 },
          schedulesEnabled: true,
        },
      ],
    });
  });

  it('refuses job routes on a container that is no job, in words', async () => {
    const { server, host } = await app();
    const web = host.add({ name: 'shop-web-1', labels: shopLabels });
    const res = await request(server)
      .get(`${base}/containers/local/${web.id}/runs`)
      .set(asUser(READER));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /shop-web-1 is not a job: .*docker-services.job=true/,
    );
  });

  it('lets only who may schedule set a schedule, and only who may start run it', async () => {
    const { server, host } = await app();
    const job = host.add({ name: 'r', labels: jobLabels, state: 'exited' });
    const schedule = await request(server)
      .put(`${base}/containers/local/${job.id}/schedule`)
      .set(asUser(READER))
      .send({ cron: '0 2 * * *', timeZone: 'UTC' });
    expect(schedule.status).toBe(403);
    const run = await request(server)
      .post(`${base}/containers/local/${job.id}/run`)
      .set(asUser(READER));
    expect(run.status).toBe(403);
    expect(job.state).toBe('exited');
  });

  it('runs a job now once, and refuses a second run while it runs', async () => {
    const { server, host } = await app();
    const job = host.add({ name: 'r', labels: jobLabels, state: 'exited' });
    const url = `${base}/containers/local/${job.id}/run`;
    const first = await request(server)
      .post(url)
      .set(asUser(OWNER))
      .send({ reason: 'rerun after the fix' });
    expect(first.status).toBe(200);
    expect(first.body.run).toMatchObject({
      trigger: 'portal',
      actor: OWNER,
      reason: 'rerun after the fix',
      attempt: 1,
    });
    expect(job.state).toBe('running');
    const second = await request(server).post(url).set(asUser(OWNER));
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(
      /r is already running .*a job runs once at a time/,
    );
    const runs = await request(server)
      .get(`${base}/containers/local/${job.id}/runs`)
      .set(asUser(READER));
    expect(runs.body.items).toHaveLength(1);
    expect(runs.body.items[0].summary).toMatch(/^running for /);
  });

  it("refuses since and until on a run's log, and an unknown run", async () => {
    const { server, host } = await app();
    const job = host.add({ name: 'r', labels: jobLabels, state: 'exited' });
    const logs = `${base}/containers/local/${job.id}/runs`;
    const since = await request(server)
      .get(`${logs}/1/logs?since=100`)
      .set(asUser(READER));
    expect(since.status).toBe(400);
    expect(since.body.error.message).toMatch(/set by the run/);
    const unknown = await request(server)
      .get(`${logs}/41/logs`)
      .set(asUser(READER));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('r has no run 41.');
    const bad = await request(server).get(`${logs}/x/logs`).set(asUser(READER));
    expect(bad.status).toBe(400);
  });
});
