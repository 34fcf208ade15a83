import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { uniqueRunId } from '../__testUtils__/dockerFixtures';
import { waitFor } from '../__testUtils__/eventually';
import {
  callsOutsideAllowList,
  RecordingProxy,
  startRecordingProxy,
} from '../__testUtils__/recordingProxy';
import { sharedSwarm } from '../__testUtils__/swarmWorld';
import {
  asUser,
  component,
  OWNER,
  RESTARTER,
  startPluginBackend,
  testDatabaseConfig,
  TEST_REQUEST_TIMEOUT_MS,
} from '../__testUtils__/testBackend';

// A rolling restart of a Swarm job on the real two-node Swarm shared by the
// suites (scripts/swarm-nodes): Docker runs a job's completed tasks again on
// a forced update, so restarting a job starts it, and takes the start
// permission as well as the restart one.
const swarm = sharedSwarm();
const runId = uniqueRunId('swarmjob');
const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), `${runId}-`));
let proxy: RecordingProxy;
let jobId: string;

const restartUrl = () =>
  `/api/docker-services/entities/component/default/shop/services/swarm/${jobId}/restart`;

/** The job's tasks that ran to completion. */
async function completed(): Promise<number> {
  return (await swarm.tasks(jobId)).filter(t => t.state === 'complete').length;
}

beforeAll(async () => {
  proxy = await startRecordingProxy(swarm.socketPath);
  jobId = await swarm.createService({
    runId,
    name: 'migrate',
    entityRef: 'component:default/shop',
    labels: { app: runId },
    cmd: ['sh', '-c', 'echo "migrated by task $TASK_SLOT"'],
    customize: spec => {
      spec.Mode = {
        ReplicatedJob: { MaxConcurrent: 1, TotalCompletions: 1 },
      } as never;
    },
  });
  if (!(await waitFor(async () => (await completed()) === 1, 60_000))) {
    throw new Error(
      `The job did not complete: ${JSON.stringify(await swarm.tasks(jobId))}`,
    );
  }
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await swarm.cleanup(runId);
  fs.rmSync(sqliteDir, { recursive: true, force: true });
}, 120_000);

describe('POST …/services/:host/:id/restart of a replicated job', () => {
  it('is refused, in words, to whom may restart but not start; the owner runs it again', async () => {
    const { server } = await startPluginBackend({
      entities: [
        component('shop', { 'docker-services/label-selector': `app=${runId}` }),
      ],
      config: {
        backend: { database: testDatabaseConfig(runId, sqliteDir) },
        permission: { enabled: true },
        dockerServices: {
          hosts: [{ name: 'swarm', url: proxy.url }],
          requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS,
        },
      },
    });
    const before = await swarm.manager.getService(jobId).inspect();

    const refused = await request(server)
      .post(restartUrl())
      .set(asUser(RESTARTER))
      .send({ reason: 'run it again' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      `${runId}-migrate is a job (replicated-job mode), so restarting it runs its tasks again; that needs the permission to start this entity's containers, which you do not have. Ask its owners.`,
    );
    const untouched = await swarm.manager.getService(jobId).inspect();
    expect(untouched.Version.Index).toBe(before.Version.Index);
    expect(proxy.calls).not.toContain(`POST /services/${jobId}/update`);

    const allowed = await request(server)
      .post(restartUrl())
      .set(asUser(OWNER))
      .send({ reason: 'run it again' });
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatchObject({ action: 'restart', changed: true });
    // What the permission guards: Docker ran the completed job again.
    expect(await waitFor(async () => (await completed()) === 2, 60_000)).toBe(
      true,
    );
  });

  it('kept to the Engine API allow-list', () => {
    expect(callsOutsideAllowList(proxy.calls)).toEqual([]);
  });
});
