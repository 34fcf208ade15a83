import { JOB_SCHEDULE_ACTOR } from '@docker-services/backstage-plugin-docker-services-common';
import request from 'supertest';
import { ScheduleStore } from './jobs/ScheduleStore';
import {
  asUser,
  OWNER,
  READER,
  SCHEDULER,
  shopLabels,
  useRouterApp,
} from './__testUtils__/routerApp';

// The jobs routes in the unit tier: the real router, stores and services
// over a FAKE Docker engine (runs themselves are recorded from a real
// engine's events in jobs.integration.test.ts).
const app = useRouterApp();
const jobLabels = {
  ...shopLabels,
  'docker-services.job': 'true',
  'docker-services.job.retries': '2',
  'docker-services.job.retry-delay': '5m',
};
const base = '/entities/component/default/shop';

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

  it('sets, pauses, resumes and removes a schedule, each in the history', async () => {
    const { server, host } = await app();
    const job = host.add({
      name: 'shop-report-1',
      labels: jobLabels,
      state: 'exited',
    });
    const url = `${base}/containers/local/${job.id}/schedule`;
    const set = await request(server).put(url).set(asUser(OWNER)).send({
      cron: '0 2 * * *',
      timeZone: 'Europe/Berlin',
      reason: 'nightly',
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      cron: '0 2 * * *',
      timeZone: 'Europe/Berlin',
      paused: false,
      description: 'every day at 02:00',
      updatedBy: OWNER,
    });
    // 02:00 in Berlin is 00:00 or 01:00 UTC.
    expect(set.body.nextRunAt).toMatch(/T0[01]:00:00.000Z$/);

    const paused = await request(server)
      .put(url)
      .set(asUser(OWNER))
      .send({ cron: '0 2 * * *', timeZone: 'Europe/Berlin', paused: true });
    expect(paused.body).toMatchObject({ paused: true });
    expect(paused.body.nextRunAt).toBeUndefined();
    await request(server)
      .put(url)
      .set(asUser(OWNER))
      .send({ cron: '0 2 * * *', timeZone: 'Europe/Berlin', paused: false });

    const jobs = await request(server).get(`${base}/jobs`).set(asUser(READER));
    expect(jobs.body.jobs[0].schedule).toMatchObject({
      cron: '0 2 * * *',
      paused: false,
      description: 'every day at 02:00',
    });

    const removed = await request(server)
      .delete(url)
      .set(asUser(OWNER))
      .send({ reason: 'moved to the warehouse' });
    expect(removed.status).toBe(200);
    expect(removed.body.message).toBe('Removed the schedule of shop-report-1.');
    const again = await request(server).delete(url).set(asUser(OWNER));
    expect(again.status).toBe(404);

    const history = await request(server)
      .get(`${base}/history`)
      .set(asUser(READER));
    expect(
      history.body.items.map((i: any) => [i.action, i.schedule, i.reason]),
    ).toEqual([
      ['schedule', { change: 'removed' }, 'moved to the warehouse'],
      [
        'schedule',
        { change: 'resumed', cron: '0 2 * * *', timeZone: 'Europe/Berlin' },
        undefined,
      ],
      [
        'schedule',
        { change: 'paused', cron: '0 2 * * *', timeZone: 'Europe/Berlin' },
        undefined,
      ],
      [
        'schedule',
        { change: 'set', cron: '0 2 * * *', timeZone: 'Europe/Berlin' },
        'nightly',
      ],
    ]);
  });

  it.each([
    [{ cron: 'every night', timeZone: 'UTC' }, /needs five fields/],
    [{ cron: '99 2 * * *', timeZone: 'UTC' }, /not a valid cron expression/],
    [{ cron: '0 2 * * *', timeZone: 'Mars/Olympus' }, /is not a time zone/],
    [
      { cron: '*/30 * * * * *', timeZone: 'UTC' },
      /more often than the portal allows: at most once every minute/,
    ],
    [{ cron: '0 2 * * *' }, /timeZone is required/],
    [
      { cron: '0 2 * * *', timeZone: 'UTC', when: 'now' },
      /unknown field\(s\) when/,
    ],
  ])('refuses the schedule %j in words', async (body, message) => {
    const { server, host } = await app();
    const job = host.add({ name: 'r', labels: jobLabels, state: 'exited' });
    const res = await request(server)
      .put(`${base}/containers/local/${job.id}/schedule`)
      .set(asUser(OWNER))
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
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

  it('lets only those who may start a job set or resume its schedule', async () => {
    const { server, host } = await app();
    const job = host.add({
      name: 'shop-report-1',
      labels: jobLabels,
      state: 'exited',
    });
    const url = `${base}/containers/local/${job.id}/schedule`;
    const refused = await request(server)
      .put(url)
      .set(asUser(SCHEDULER))
      .send({ cron: '0 2 * * *', timeZone: 'UTC' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      'A schedule starts this job, and you may not start the containers of this entity, so you cannot set or resume its schedule. Ask its owners.',
    );
    // A paused schedule starts nothing: that much they may do.
    const paused = await request(server)
      .put(url)
      .set(asUser(SCHEDULER))
      .send({ cron: '0 2 * * *', timeZone: 'UTC', paused: true });
    expect(paused.status).toBe(200);
    expect(host.calls.filter(c => c.startsWith('start'))).toEqual([]);
  });

  it('pauses a schedule at its tick, in the history, once its author no longer owns the job', async () => {
    const { server, host, catalog, jobs } = await app();
    const job = host.add({
      name: 'shop-report-1',
      labels: jobLabels,
      state: 'exited',
    });
    const url = `${base}/containers/local/${job.id}/schedule`;
    const set = await request(server)
      .put(url)
      .set(asUser(OWNER))
      .send({ cron: '* * * * *', timeZone: 'UTC' });
    expect(set.status).toBe(200);
    await catalog.removeEntityByUid('owner-uid');
    await jobs.driver.tick(new Date(Date.now() + 120_000));
    expect(host.calls.filter(c => c.startsWith('start'))).toEqual([]);
    const history = await request(server)
      .get(`${base}/history`)
      .set(asUser(READER));
    expect(history.body.items[0]).toMatchObject({
      actor: JOB_SCHEDULE_ACTOR,
      action: 'schedule',
      schedule: { change: 'paused' },
      reason:
        'Paused instead of starting it: its author owner is no longer in the catalog. An owner can resume it.',
    });
    const listed = await request(server)
      .get(`${base}/jobs`)
      .set(asUser(READER));
    expect(listed.body.jobs[0].schedule).toMatchObject({ paused: true });
  });

  it('starts nothing by itself while the permission framework is off', async () => {
    const { host, db, jobs } = await app({ jobsActionsEnabled: false });
    const job = host.add({
      name: 'shop-report-1',
      labels: jobLabels,
      state: 'exited',
    });
    await new ScheduleStore(db).put({
      entityRef: 'component:default/shop',
      host: 'local',
      containerName: 'shop-report-1',
      cron: '* * * * *',
      timeZone: 'UTC',
      paused: false,
      nextRunAt: new Date(Date.now() - 1000).toISOString(),
      updatedBy: OWNER,
      updatedAt: new Date().toISOString(),
    });
    await jobs.driver.tick(new Date());
    expect(host.calls.filter(c => c.startsWith('start'))).toEqual([]);
    expect(host.containers.get(job.id)?.state).toBe('exited');
  });
});
