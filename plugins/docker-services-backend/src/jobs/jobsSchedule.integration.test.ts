import request from 'supertest';
import { JOB_SCHEDULE_ACTOR } from '@docker-services/backstage-plugin-docker-services-common';
import { eventually } from '../__testUtils__/eventually';
import { useJobsWorld } from '../__testUtils__/jobsWorld';
import { asUser, OTHER, OWNER } from '../__testUtils__/testBackend';

// Schedules against the real engine, carried out by Backstage's real
// scheduler in two backend replicas on one database (PostgreSQL in the
// second integration pass): each tick starts exactly one run.
const w = useJobsWorld('jobsched');

describe('job schedules on a real engine with two replicas', () => {
  it('starts exactly one run per tick, and none once paused', async () => {
    // A run lasts a second: a second start for the same tick would find it
    // running, and its history row would say it changed nothing.
    const job = await w.createJob('ticks', 'sleep 1; echo tick; exit 0');
    const url = `${w.jobUrl(job)}/schedule`;
    const refused = await request(w.server())
      .put(url)
      .set(asUser(OTHER))
      .send({ cron: '*/2 * * * * *', timeZone: 'UTC' });
    expect(refused.status).toBe(403);
    const set = await request(w.server())
      .put(url)
      .set(asUser(OWNER))
      .send({ cron: '*/2 * * * * *', timeZone: 'UTC', reason: 'test ticks' });
    expect(set.status).toBe(200);
    expect(set.body.description).toBe('every 2 seconds');

    await eventually(
      () => w.runs(job),
      r => r.filter(run => run.outcome === 'succeeded').length >= 4,
      60_000,
    );
    const paused = await request(w.server(1))
      .put(url)
      .set(asUser(OWNER))
      .send({ cron: '*/2 * * * * *', timeZone: 'UTC', paused: true });
    expect(paused.status).toBe(200);
    // Once the last tick's start is done and its run ended:
    const readHistory = async () =>
      (
        await request(w.server())
          .get(
            '/api/docker-services/entities/component/default/reports/history?limit=100',
          )
          .set(asUser(OWNER))
      ).body.items;
    const items = await eventually(readHistory, all =>
      all.every((e: any) => e.outcome !== 'requested'),
    );
    const runs = await w.endedRuns(job, 4);
    expect(runs.every(r => r.trigger === 'schedule')).toBe(true);
    // One start per run, each of which changed something: no replica
    // started a tick another one had started already.
    const scheduled = items.filter(
      (e: any) => e.actor === JOB_SCHEDULE_ACTOR && e.containerId === job.id,
    );
    const started = runs.filter(r => r.outcome !== 'skipped');
    expect(started.length).toBeGreaterThanOrEqual(4);
    expect(scheduled).toHaveLength(started.length);
    expect(
      scheduled
        .filter((e: any) => !(e.changed && e.outcome === 'succeeded'))
        .map((e: any) => [e.outcome, e.changed, e.error]),
    ).toEqual([]);
    expect(
      items
        .filter((e: any) => e.action === 'schedule')
        .map((e: any) => [e.schedule.change, e.actor]),
    ).toEqual([
      ['paused', OWNER],
      ['set', OWNER],
    ]);

    // Paused: no new run for three ticks.
    await new Promise(r => setTimeout(r, 1500));
    const atPause = (await w.runs(job)).length;
    await new Promise(r => setTimeout(r, 6000));
    expect((await w.runs(job)).length).toBe(atPause);
  });

  it('skips a tick while the previous run still runs, and says so', async () => {
    const job = await w.createJob('slow', 'sleep 5');
    const set = await request(w.server())
      .put(`${w.jobUrl(job)}/schedule`)
      .set(asUser(OWNER))
      .send({ cron: '*/2 * * * * *', timeZone: 'UTC' });
    expect(set.status).toBe(200);
    const runs = await eventually(
      () => w.runs(job),
      r => r.some(run => run.outcome === 'skipped'),
      60_000,
    );
    await request(w.server())
      .delete(`${w.jobUrl(job)}/schedule`)
      .set(asUser(OWNER));
    const skipped = runs.find(r => r.outcome === 'skipped')!;
    expect(skipped).toMatchObject({
      trigger: 'schedule',
      summary: 'not started: the previous run was still running',
    });
    const logOfSkipped = await request(w.server())
      .get(`${w.jobUrl(job)}/runs/${skipped.id}/logs`)
      .set(asUser(OWNER));
    expect(logOfSkipped.status).toBe(409);
    expect(logOfSkipped.body.error.message).toMatch(/has no log/);
    // Never two runs of it at once.
    expect(
      runs.filter(r => r.outcome === 'running').length,
    ).toBeLessThanOrEqual(1);
    await job.stop({ t: 1 });
  });
});
