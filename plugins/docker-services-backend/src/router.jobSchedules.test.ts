import { JOB_SCHEDULE_ACTOR } from '@docker-services/backstage-plugin-docker-services-common';
import request from 'supertest';
import { ScheduleStore } from './jobs/ScheduleStore';
import { jobLabels, shopBase as base } from './__testUtils__/routerJobFixture';
import {
  AppOptions,
  asUser,
  OWNER,
  READER,
  SCHEDULER,
  useRouterApp,
} from './__testUtils__/routerApp';

// The schedule routes of jobs, and the schedules' ticks, in the unit tier:
// the real router, stores and services over a FAKE Docker engine.
const app = useRouterApp();

/**
 * A fresh app with the stopped job shop-report-1, its schedule's address,
 * and a way for a user to put a schedule there.
 */
async function appWithReportJob(options?: AppOptions) {
  const made = await app(options);
  const job = made.host.add({
    name: 'shop-report-1',
    labels: jobLabels,
    state: 'exited',
  });
  const url = `${base}/containers/local/${job.id}/schedule`;
  const putSchedule = (user: string, body: object) =>
    request(made.server).put(url).set(asUser(user)).send(body);
  return { ...made, job, url, putSchedule };
}

describe('the job schedule routes over a fake engine', () => {
  it('sets, pauses, resumes and removes a schedule, each in the history', async () => {
    const { server, url, putSchedule } = await appWithReportJob();
    const nightly = { cron: '0 2 * * *', timeZone: 'Europe/Berlin' };
    const set = await putSchedule(OWNER, { ...nightly, reason: 'nightly' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      ...nightly,
      paused: false,
      description: 'every day at 02:00',
      updatedBy: OWNER,
    });
    // 02:00 in Berlin is 00:00 or 01:00 UTC.
    expect(set.body.nextRunAt).toMatch(/T0[01]:00:00.000Z$/);

    const paused = await putSchedule(OWNER, { ...nightly, paused: true });
    expect(paused.body).toMatchObject({ paused: true });
    expect(paused.body.nextRunAt).toBeUndefined();
    await putSchedule(OWNER, { ...nightly, paused: false });

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
      ['schedule', { change: 'resumed', ...nightly }, undefined],
      ['schedule', { change: 'paused', ...nightly }, undefined],
      ['schedule', { change: 'set', ...nightly }, 'nightly'],
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
    const { putSchedule } = await appWithReportJob();
    const res = await putSchedule(OWNER, body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('lets only those who may start a job set or resume its schedule', async () => {
    const { host, putSchedule } = await appWithReportJob();
    const refused = await putSchedule(SCHEDULER, {
      cron: '0 2 * * *',
      timeZone: 'UTC',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      'A schedule starts this job, and you may not start the containers of this entity, so you cannot set or resume its schedule. Ask its owners.',
    );
    // A paused schedule starts nothing: that much they may do.
    const paused = await putSchedule(SCHEDULER, {
      cron: '0 2 * * *',
      timeZone: 'UTC',
      paused: true,
    });
    expect(paused.status).toBe(200);
    expect(host.calls.filter(c => c.startsWith('start'))).toEqual([]);
  });

  it('pauses a schedule at its tick, in the history, once its author no longer owns the job', async () => {
    const { server, host, catalog, jobs, putSchedule } =
      await appWithReportJob();
    const set = await putSchedule(OWNER, {
      cron: '* * * * *',
      timeZone: 'UTC',
    });
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
    const { host, db, jobs, job } = await appWithReportJob({
      jobsActionsEnabled: false,
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
