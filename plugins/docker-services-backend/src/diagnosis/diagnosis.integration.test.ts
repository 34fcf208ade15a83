import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import Docker from 'dockerode';
import {
  createTestContainer,
  DEMO_IMAGE,
  docker,
  removeTestContainers,
  TEST_LABEL,
  uniqueRunId,
} from '../__testUtils__/dockerFixtures';
import {
  callsOutsideAllowList,
  RecordingProxy,
  startRecordingProxy,
} from '../__testUtils__/recordingProxy';
import {
  asUser,
  component,
  OTHER,
  OWNER,
  startPluginBackend,
  testDatabaseConfig,
  TEST_REQUEST_TIMEOUT_MS,
} from '../__testUtils__/testBackend';

// "Why did it stop?" on the real engine: exit codes, the OOM killer, a stop
// from the portal, a restart loop and a failing health check.
const runId = uniqueRunId('diagnosis');
const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), `${runId}-`));
const ENTITY = 'component:default/diag';
const labels = { 'docker-services.entity': ENTITY };
let proxy: RecordingProxy;
let backend: Awaited<ReturnType<typeof startPluginBackend>>;

const diagnosisOf = (id: string, user = OTHER) =>
  request(backend.server)
    .get(
      `/api/docker-services/entities/component/default/diag/containers/local/${id}/diagnosis`,
    )
    .set(asUser(user));

async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

const exited = (container: Docker.Container) =>
  waitFor(
    () => container.inspect(),
    info => info.State.Status === 'exited',
    'the container to exit',
  );

beforeAll(async () => {
  proxy = await startRecordingProxy();
  backend = await startPluginBackend({
    entities: [
      component('diag', {
        'docker-services/label-selector': `${TEST_LABEL}=${runId}`,
      }),
    ],
    config: {
      backend: { database: testDatabaseConfig(runId, sqliteDir) },
      permission: { enabled: true },
      dockerServices: {
        hosts: [{ name: 'local', url: proxy.url }],
        requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS,
        stopTimeoutSeconds: 1,
      },
    },
  });
}, 60_000);

afterAll(async () => {
  await backend?.stop();
  await removeTestContainers(runId);
  await proxy?.close();
  fs.rmSync(sqliteDir, { recursive: true, force: true });
}, 30_000);

describe('GET …/containers/:host/:id/diagnosis', () => {
  it('explains an exit code and shows the last lines before the end', async () => {
    const container = await createTestContainer({
      runId,
      name: 'exit-3',
      labels,
      cmd: [
        'sh',
        '-c',
        // Docker copies stdout and stderr through separate pipes: lines
        // written a moment apart may be logged in either order.
        'echo loading config; sleep 1; echo "fatal: no DATABASE_URL" >&2; exit 3',
      ],
    });
    const info = await exited(container);

    const res = await diagnosisOf(container.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'exited',
      exit: {
        code: 3,
        oomKilled: false,
        meaning: 'the program reported an error',
        finishedAt: info.State.FinishedAt,
      },
      stoppedBy: { kind: 'outside' },
      linesUntil: info.State.FinishedAt,
    });
    expect(res.body.summary).toBe(
      'It stopped by itself or was stopped outside the portal: the program reported an error.',
    );
    expect(res.body.dockerTerms).toContain('ExitCode: 3');
    expect(res.body.lastLines.map((l: any) => [l.stream, l.line])).toEqual([
      ['stdout', 'loading config'],
      ['stderr', 'fatal: no DATABASE_URL'],
    ]);
  });

  it('says when the out-of-memory killer ended it', async () => {
    const container = await docker.createContainer({
      name: `${runId}-oom`,
      Image: DEMO_IMAGE,
      // The allocation is the container's main process: busybox tail keeps
      // the last "line" of /dev/zero, which has no end, so it grows until
      // the kernel kills it. Allocating in a child (a pipeline in $(…))
      // left which process was killed, and whether Docker flagged the
      // container, to the machine's load.
      Cmd: ['sh', '-c', 'echo allocating; exec tail /dev/zero'],
      Labels: { [TEST_LABEL]: runId, ...labels },
      HostConfig: { Memory: 16 * 1024 * 1024, MemorySwap: 16 * 1024 * 1024 },
    });
    await container.start();
    // Docker's own word first: what the portal explains.
    expect((await exited(container)).State).toMatchObject({
      ExitCode: 137,
      OOMKilled: true,
    });

    const res = await diagnosisOf(container.id);
    expect(res.status).toBe(200);
    expect(res.body.exit).toMatchObject({
      code: 137,
      signal: 'SIGKILL',
      oomKilled: true,
    });
    expect(res.body.summary).toContain('ran out of memory');
    expect(res.body.dockerTerms).toContain('OOMKilled: true');
    expect(res.body.lastLines.map((l: any) => l.line)).toContain('allocating');
  });

  it('names who stopped it from the portal, and why', async () => {
    const container = await createTestContainer({
      runId,
      name: 'stopped',
      labels,
      stopSignal: 'SIGKILL',
    });
    await request(backend.server)
      .post(
        `/api/docker-services/entities/component/default/diag/containers/local/${container.id}/stop`,
      )
      .set(asUser(OWNER))
      .send({ reason: 'maintenance window' })
      .expect(200);

    const res = await diagnosisOf(container.id);
    expect(res.status).toBe(200);
    expect(res.body.stoppedBy).toMatchObject({
      kind: 'portal',
      actor: OWNER,
      action: 'stop',
      reason: 'maintenance window',
    });
    expect(res.body.summary).toBe(
      'It stopped: owner ran stop from the portal (reason: "maintenance window").',
    );
    expect(res.body.exit).toMatchObject({ code: 137, signal: 'SIGKILL' });

    // Started again and killed outside the portal: the old stop no longer explains it.
    await container.start();
    await container.kill();
    await exited(container);
    const again = await diagnosisOf(container.id);
    expect(again.body.stoppedBy).toEqual({ kind: 'outside' });
  });

  it('recognises a restart loop', async () => {
    const container = await docker.createContainer({
      name: `${runId}-loop`,
      Image: DEMO_IMAGE,
      Cmd: ['sh', '-c', 'echo crashing; exit 1'],
      Labels: { [TEST_LABEL]: runId, ...labels },
      // Bounded: it stops restarting by itself (Docker refuses an update
      // while it is stopped between restarts), and a run killed midway
      // leaves no container restarting forever.
      HostConfig: {
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 8 },
      },
    });
    await container.start();
    await waitFor(
      () => container.inspect(),
      info => info.RestartCount >= 3,
      'three restarts',
    );

    const res = await diagnosisOf(container.id);
    expect(res.status).toBe(200);
    expect(res.body.restartLoop.restartCount).toBeGreaterThanOrEqual(3);
    expect(res.body.summary).toContain('restart loop');
    expect(res.body.lastLines.map((l: any) => l.line)).toContain('crashing');
  });

  it('shows the failing health checks of an unhealthy container', async () => {
    const container = await docker.createContainer({
      name: `${runId}-unhealthy`,
      Image: DEMO_IMAGE,
      Cmd: ['sleep', '600'],
      Labels: { [TEST_LABEL]: runId, ...labels },
      StopSignal: 'SIGKILL',
      Healthcheck: {
        Test: ['CMD-SHELL', 'echo "db unreachable"; exit 1'],
        Interval: 500_000_000,
        Timeout: 2_000_000_000,
        Retries: 1,
      },
    });
    await container.start();
    await waitFor(
      () => container.inspect(),
      info => info.State.Health?.Status === 'unhealthy',
      'the health check to fail',
    );

    const res = await diagnosisOf(container.id);
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('running');
    expect(res.body.health.status).toBe('unhealthy');
    expect(res.body.health.checks[0]).toMatchObject({
      exitCode: 1,
      output: expect.stringContaining('db unreachable'),
    });
    expect(res.body.summary).toContain('fails its health check');
    expect(res.body).not.toHaveProperty('stoppedBy');
  });

  it('answers 404 for a container the entity does not own', async () => {
    const stranger = await createTestContainer({
      runId,
      name: 'stranger',
      labels: { 'docker-services.entity': 'component:default/someone-else' },
      start: false,
    });
    const res = await diagnosisOf(stranger.id);
    expect(res.status).toBe(404);
    expect(res.body.error.message).not.toMatch(/docker|engine/i);
  });

  it('kept to the Engine API allow-list', () => {
    expect(proxy.calls.length).toBeGreaterThan(5);
    expect(callsOutsideAllowList(proxy.calls)).toEqual([]);
  });
});
