import request from 'supertest';
import { docker } from '../__testUtils__/dockerFixtures';
import { eventually } from '../__testUtils__/eventually';
import { useJobsWorld } from '../__testUtils__/jobsWorld';
import { callsOutsideAllowList } from '../__testUtils__/recordingProxy';
import { asUser, OTHER, OWNER } from '../__testUtils__/testBackend';

// Jobs against the real engine, with two backend replicas on one database:
// runs recorded from the portal's starts and from `docker start` outside,
// their outcomes in words, each run's own log, retries.
const w = useJobsWorld('jobs');
// Each run writes a line no other run writes, then a second line.
const TWO_LINES =
  'echo "run $(cat /proc/sys/kernel/random/uuid)"; echo "end of run"';

/** The text of Docker's framed log (no TTY): 8-byte headers, then payloads. */
function framedText(framed: Buffer): string {
  let text = '';
  for (let at = 0; at + 8 <= framed.length; ) {
    const size = framed.readUInt32BE(at + 4);
    text += framed.subarray(at + 8, at + 8 + size).toString('utf8');
    at += 8 + size;
  }
  return text;
}

describe('jobs on a real engine', () => {
  it('records runs started in the portal and outside it, each with its own log', async () => {
    const job = await w.createJob('ok', `${TWO_LINES}; exit 0`);
    const first = await request(w.server())
      .post(`${w.jobUrl(job)}/run`)
      .set(asUser(OWNER))
      .send({ reason: 'first run' });
    expect(first.status).toBe(200);
    expect(first.body.message).toMatch(/^Started run \d+ of /);
    await w.endedRuns(job, 1);
    // From outside the portal: seen through the events stream.
    await job.start();
    const runs = await w.endedRuns(job, 2);
    expect(runs).toHaveLength(2);
    const [outside, portal] = runs;
    expect(portal).toMatchObject({
      trigger: 'portal',
      actor: OWNER,
      reason: 'first run',
      attempt: 1,
      outcome: 'succeeded',
      exitCode: 0,
    });
    expect(portal.summary).toMatch(/^succeeded after (\d+|less than a second)/);
    expect(outside).toMatchObject({ trigger: 'outside', outcome: 'succeeded' });
    expect(outside.actor).toBeUndefined();
    // The other replica sees the same runs.
    expect(await w.runs(job, 1)).toEqual(runs);

    // Docker keeps one log across starts; each run's is its own part.
    const all = await docker
      .getContainer(job.id)
      .logs({ stdout: true, stderr: true, follow: false });
    const written = framedText(all)
      .split('\n')
      .filter(l => l.startsWith('run ') || l === 'end of run');
    expect(written).toHaveLength(4);
    expect(await w.runLog(job, portal.id)).toEqual(written.slice(0, 2));
    expect(await w.runLog(job, outside.id)).toEqual(written.slice(2, 4));
  });

  it('says how a failed run and an out-of-memory run ended, in words', async () => {
    const failing = await w.createJob('fails', 'echo working; exit 3');
    const oom = await w.createJob(
      'oom',
      'x=$(head -c 67108864 /dev/zero | tr "\\0" a)',
      { memoryBytes: 16 * 1024 * 1024 },
    );
    await failing.start();
    await oom.start();
    const [failed] = await w.endedRuns(failing, 1);
    expect(failed).toMatchObject({ outcome: 'failed', exitCode: 3 });
    expect(failed.summary).toMatch(
      /^failed after .+ with code 3 \(the program reported an error\)$/,
    );
    const [killed] = await w.endedRuns(oom, 1);
    expect(killed).toMatchObject({ outcome: 'failed', oomKilled: true });
    expect(killed.summary).toMatch(
      /^failed after .+: killed because it ran out of memory$/,
    );
    const jobs = await w.jobs();
    expect(jobs.find(j => j.containerId === failing.id)?.lastRun?.id).toBe(
      failed.id,
    );
  });

  it('retries a failed run as its labels say, each retry a run of its own', async () => {
    const job = await w.createJob('retried', `${TWO_LINES}; exit 3`, {
      labels: {
        'docker-services.job.retries': '2',
        'docker-services.job.retry-delay': '1',
      },
    });
    const started = await request(w.server(1))
      .post(`${w.jobUrl(job)}/run`)
      .set(asUser(OWNER));
    expect(started.status).toBe(200);
    const runs = await w.endedRuns(job, 3);
    expect(
      runs.map(r => [r.attempt, r.trigger, r.outcome, r.exitCode]),
    ).toEqual([
      [3, 'retry', 'failed', 3],
      [2, 'retry', 'failed', 3],
      [1, 'portal', 'failed', 3],
    ]);
    expect(runs[1].reason).toMatch(
      new RegExp(`^Retry 1 of 2 after run ${runs[2].id} failed after `),
    );
    expect(runs[0].reason).toMatch(/^Retry 2 of 2 after run \d+ failed/);
    expect(runs.every(r => r.retryAt === undefined)).toBe(true);
    // After the last retry, nothing more: wait three delays and count.
    await new Promise(r => setTimeout(r, 3000));
    expect(await w.runs(job)).toHaveLength(3);
    // Each retry's log is its own.
    const logs = await Promise.all(runs.map(r => w.runLog(job, r.id)));
    expect(new Set(logs.map(l => l[0])).size).toBe(3);
  });

  it('lets the owners, not others, run a job; a running job is not started twice', async () => {
    const job = await w.createJob('long', 'sleep 30');
    const refused = await request(w.server())
      .post(`${w.jobUrl(job)}/run`)
      .set(asUser(OTHER));
    expect(refused.status).toBe(403);
    await request(w.server())
      .post(`${w.jobUrl(job)}/run`)
      .set(asUser(OWNER));
    const again = await request(w.server())
      .post(`${w.jobUrl(job)}/run`)
      .set(asUser(OWNER));
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/a job runs once at a time/);
    const runs = await eventually(
      () => w.runs(job),
      r => r.length === 1 && r[0].outcome === 'running',
    );
    expect(runs[0].summary).toMatch(/^running for /);
    await job.stop({ t: 1 });
  });

  it('ends a run stopped or killed outside the portal as stopped, and never retries it', async () => {
    const job = await w.createJob('stopped', 'sleep 30; exit 3', {
      labels: {
        'docker-services.job.retries': '2',
        'docker-services.job.retry-delay': '1',
      },
    });
    const started = await request(w.server())
      .post(`${w.jobUrl(job)}/run`)
      .set(asUser(OWNER));
    expect(started.status).toBe(200);
    await eventually(
      () => w.runs(job),
      r => r.length === 1 && r[0].outcome === 'running',
    );
    // As `docker stop` does: the Engine's own stop, not the portal's.
    await job.stop({ t: 1 });
    const [stopped] = await w.endedRuns(job, 1);
    expect(stopped).toMatchObject({ attempt: 1, outcome: 'stopped' });
    // As `docker kill` does, on a run started outside.
    await job.start();
    await eventually(
      () => w.runs(job),
      r => r.length === 2 && r[0].outcome === 'running',
    );
    await job.kill();
    const runs = await w.endedRuns(job, 2);
    expect(runs.map(r => [r.trigger, r.outcome])).toEqual([
      ['outside', 'stopped'],
      ['portal', 'stopped'],
    ]);
    // Three retry delays later, nothing was started again.
    await new Promise(r => setTimeout(r, 3000));
    expect(await w.runs(job)).toHaveLength(2);
  });

  it("a reader's ask just before a run fails neither stops its retry nor makes the reader its starter", async () => {
    const job = await w.createJob('asked', 'sleep 1; exit 3', {
      labels: {
        'docker-services.job.retries': '1',
        'docker-services.job.retry-delay': '1',
      },
    });
    const started = await request(w.server())
      .post(`${w.jobUrl(job)}/run`)
      .set(asUser(OWNER));
    expect(started.status).toBe(200);
    // The ask is written (this world has no notifications to send it with).
    const asked = await request(w.server(1))
      .post(`${w.jobUrl(job)}/ask-owners`)
      .set(asUser(OTHER))
      .send({ action: 'restart', reason: 'it will fail anyway' });
    expect([200, 503]).toContain(asked.status);
    const runs = await w.endedRuns(job, 2);
    expect(runs.map(r => [r.attempt, r.trigger, r.actor, r.outcome])).toEqual([
      [2, 'retry', undefined, 'failed'],
      [1, 'portal', OWNER, 'failed'],
    ]);
  });

  it('counts a start from elsewhere while a retry is planned as that retry, so retries end', async () => {
    const job = await w.createJob('chained', 'exit 3', {
      labels: {
        'docker-services.job.retries': '2',
        'docker-services.job.retry-delay': '4',
      },
    });
    // Another deployment (or a person) starts it, and again before this
    // portal's retry is due.
    await job.start();
    await eventually(
      () => w.runs(job),
      r => r.length === 1 && r[0].outcome === 'failed' && !!r[0].retryAt,
    );
    await job.start();
    const runs = await w.endedRuns(job, 3, 90_000);
    expect(runs.map(r => [r.attempt, r.trigger, r.outcome])).toEqual([
      [3, 'retry', 'failed'],
      [2, 'outside', 'failed'],
      [1, 'outside', 'failed'],
    ]);
    expect(runs[1].retryOf).toBe(runs[2].id);
    expect(runs[0].retryOf).toBe(runs[1].id);
    // Retries end: nothing after the last one.
    await new Promise(r => setTimeout(r, 6000));
    expect(await w.runs(job)).toHaveLength(3);
  });

  it('calls only the allow-listed Engine endpoints', () => {
    expect(callsOutsideAllowList(w.calls())).toEqual([]);
  });
});
