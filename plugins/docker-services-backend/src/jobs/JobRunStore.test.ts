import { Knex } from 'knex';
import { migratedDatabase } from '../__testUtils__/migratedDatabase';
import { JobRunStore, RunStart } from './JobRunStore';

// The runs table on a real (in-memory SQLite) database, migrated.
describe('JobRunStore', () => {
  let db: Knex;
  let store: JobRunStore;
  const job = {
    entityRef: 'component:default/reports',
    host: 'local',
    containerName: 'report-1',
    containerId: 'a'.repeat(64),
  };
  const start = (startedAt: string, more: Partial<RunStart> = {}) =>
    store.recordStart({
      ...job,
      startedAt,
      trigger: 'outside',
      attempt: 1,
      ...more,
    });
  const end = (
    startedAt: string,
    finishedAt: string,
    exitCode: number,
    retryAt?: string,
  ) =>
    store.recordEnd({
      host: job.host,
      containerId: job.containerId,
      startedAt,
      finishedAt,
      exitCode,
      oomKilled: false,
      outcome: exitCode === 0 ? 'succeeded' : 'failed',
      retryAt,
    });

  /** A die (code 3) heard while Docker shows the run begun at `current`. */
  const dieHeard = (current: string, diedAt: string) =>
    store.endEarlier({
      host: job.host,
      containerId: job.containerId,
      currentStartedAt: current,
      finishedAt: diedAt,
      exitCode: 3,
    });
  const outcomes = async () =>
    (await store.list({ ...job, limit: 10 })).items.map(r => [
      r.outcome,
      r.exitCode,
    ]);

  beforeEach(async () => {
    db = await migratedDatabase();
    store = new JobRunStore(db);
  });
  afterEach(() => db.destroy());

  it('writes a run once however often its start is recorded, and its end once', async () => {
    const first = await start('2026-11-01T02:00:00.123456789Z');
    const again = await start('2026-11-01T02:00:00.123456789Z', {
      trigger: 'portal',
    });
    // The first writer's run stands.
    expect(again).toMatchObject({ id: first.id, trigger: 'outside' });
    await end('2026-11-01T02:00:00.123456789Z', '2026-11-01T02:04:00.5Z', 3);
    await end('2026-11-01T02:00:00.123456789Z', '2026-11-01T03:00:00Z', 0);
    const [run] = (await store.list({ ...job, limit: 10 })).items;
    expect(run).toMatchObject({
      outcome: 'failed',
      exitCode: 3,
      durationMs: 240_377,
      summary: 'failed after 4 min with code 3 (the program reported an error)',
    });
  });

  it("cuts a run's log halfway to its neighbours, so late and early stamps stay in their run", async () => {
    // The first recorded run never reaches back to the container's beginning.
    const first = await start('2026-11-01T01:00:00.5Z');
    await end('2026-11-01T01:00:00.5Z', '2026-11-01T01:00:03Z', 0);
    // Started 0.6 s after the first ended (a line of the first stamped 4 ms
    // after its end is still the first's).
    const second = await start('2026-11-01T01:00:03.6Z');
    await end('2026-11-01T01:00:03.6Z', '2026-11-01T01:00:09Z', 3);
    const third = await start('2026-11-01T02:00:09Z');
    expect(await store.get({ ...job, id: first.id })).toMatchObject({
      since: '2026-11-01T00:59:58.500Z',
      until: '2026-11-01T01:00:03.300Z',
    });
    expect(await store.get({ ...job, id: second.id })).toMatchObject({
      since: '2026-11-01T01:00:03.300Z',
      until: '2026-11-01T01:30:09.000Z',
    });
    const running = await store.get({ ...job, id: third.id });
    expect(running).toMatchObject({ since: '2026-11-01T01:30:09.000Z' });
    expect(running?.until).toBeUndefined();
    await end('2026-11-01T02:00:09Z', '2026-11-01T02:00:10Z', 0);
    expect((await store.get({ ...job, id: third.id }))?.until).toBe(
      '2026-11-01T02:00:12.000Z',
    );
  });

  it("cancels the planned retries of earlier runs only, never the new run's own", async () => {
    const first = await start('2026-11-01T02:00:00Z');
    await end(
      '2026-11-01T02:00:00Z',
      '2026-11-01T02:00:01Z',
      3,
      '2026-11-01T02:05:01.000Z',
    );
    const second = await start('2026-11-01T02:01:00Z');
    // Another replica heard the second run end before this one finished
    // recording its start: its retry is planned already.
    await end(
      '2026-11-01T02:01:00Z',
      '2026-11-01T02:01:01Z',
      3,
      '2026-11-01T02:06:01.000Z',
    );
    await store.cancelRetries(job.host, job.containerId, { before: second.id });
    const due = await store.claimDueRetries(new Date('2026-11-01T03:00:00Z'));
    expect(due.map(r => r.id)).toEqual([second.id]);
    expect(first.id).toBeLessThan(second.id);
  });

  it('hands a due retry to exactly one of many claimers', async () => {
    await start('2026-11-01T02:00:00Z');
    await end(
      '2026-11-01T02:00:00Z',
      '2026-11-01T02:00:01Z',
      3,
      '2026-11-01T02:01:01.000Z',
    );
    expect(
      await store.claimDueRetries(new Date('2026-11-01T02:01:00Z')),
    ).toEqual([]);
    const due = new Date('2026-11-01T02:01:02Z');
    const claims = await Promise.all(
      [1, 2, 3].map(() => store.claimDueRetries(due)),
    );
    expect(claims.map(c => c.length).sort()).toEqual([0, 0, 1]);
    expect((await store.lastRetried(job.host, job.containerId))?.attempt).toBe(
      1,
    );
  });

  it('removes old runs but keeps the newest of each job and a running one', async () => {
    await start('2026-01-01T00:00:00Z');
    await end('2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z', 0);
    await start('2026-01-02T00:00:00Z');
    await end('2026-01-02T00:00:00Z', '2026-01-02T00:01:00Z', 1);
    await start('2026-02-01T00:00:00Z', {
      containerName: 'other-1',
      containerId: 'b'.repeat(64),
    });
    const removed = await store.prune(new Date('2026-06-01T00:00:00Z'));
    expect(removed).toBe(1);
    expect(
      (await store.list({ ...job, limit: 10 })).items.map(r => r.startedAt),
    ).toEqual(['2026-01-02T00:00:00.000Z']);
    expect(
      (await store.list({ ...job, containerName: 'other-1', limit: 10 })).items,
    ).toHaveLength(1);
  });
  it('ends an earlier run still marked running with the exit code of its die event', async () => {
    await start('2026-11-01T02:00:00Z');
    await start('2026-11-01T02:00:03Z');
    await dieHeard('2026-11-01T02:00:03Z', '2026-11-01T02:00:02.000Z');
    expect(await outcomes()).toEqual([
      ['running', undefined],
      ['failed', 3],
    ]);
  });

  it("keeps a run's own lines when an earlier run's recorded end comes after its start", async () => {
    // An earlier run whose die was never heard, ended afterwards with a
    // later time: the later run's window still reaches back past its start.
    const stale = await start('2026-11-01T01:00:00Z');
    const run = await start('2026-11-01T02:00:00.378Z');
    await db('docker_services_job_runs')
      .where({ id: stale.id })
      .update({ outcome: 'failed', finished_at: '2026-11-01T02:00:00.392Z' });
    await end('2026-11-01T02:00:00.378Z', '2026-11-01T02:00:00.391Z', 3);
    const window = await store.get({ ...job, id: run.id });
    expect(window).toMatchObject({
      since: '2026-11-01T01:59:58.378Z',
      until: '2026-11-01T02:00:02.391Z',
    });
    // And the earlier run's own window ends before the later run's start.
    expect((await store.get({ ...job, id: stale.id }))?.until).toBe(
      '2026-11-01T01:59:58.378Z',
    );
  });

  it("leaves earlier runs alone on the die of the container's current run", async () => {
    // Docker's state shows the run that died: its die ends no other run
    // (neither its exit code nor its time are theirs).
    await start('2026-11-01T01:00:00Z');
    await start('2026-11-01T02:00:00.378Z');
    await dieHeard('2026-11-01T02:00:00.378Z', '2026-11-01T02:00:00.392Z');
    expect(await outcomes()).toEqual([
      ['running', undefined],
      ['running', undefined],
    ]);
  });

  it('ends only the run that was running when the die came, not older ones', async () => {
    await start('2026-11-01T01:00:00Z');
    await start('2026-11-01T02:00:00Z');
    await start('2026-11-01T02:00:03Z');
    await dieHeard('2026-11-01T02:00:03Z', '2026-11-01T02:00:02.000Z');
    expect(await outcomes()).toEqual([
      ['running', undefined],
      ['failed', 3],
      ['running', undefined],
    ]);
  });
});
